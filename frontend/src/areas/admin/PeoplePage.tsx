// /admin/people: find employees a page at a time, hire, transfer, offboard,
// and set who may do what. HR may hire, transfer and offboard too (the
// server allows it); access roles are for admins only.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AccessRole, AdminPeopleQuery, EmployeeFilter, EmployeeStatus } from '../../gql/graphql';
import { Badge, Button, Card, CursorPager, Dialog, Empty, ErrorNotice, Field, Loading, Page, Success, useCursor } from '../../components/ui';
import { today, useFormat } from '../../lib/format';
import { accessRoles, BilingualFields, type Bilingual } from './shared';

export const PeopleDoc = graphql(`
  query AdminPeople($filter: EmployeeFilter, $first: Int, $after: String) {
    employees(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        employeeNumber
        name { en zh }
        email
        team { id name { en zh } }
        manager { id name { en zh } }
        position { id name { en zh } level }
        hireDate
        status
        offboardedOn
        accessRoles
        reports { id status }
      }
    }
    teams {
      id
      code
      name { en zh }
    }
    positions {
      id
      code
      level
      name { en zh }
      track { id name { en zh } }
    }
    managers: employees(first: 100) {
      nodes {
        id
        employeeNumber
        name { en zh }
      }
    }
  }
`);

const HireDoc = graphql(`
  mutation AdminHire($input: HireEmployeeInput!) {
    hireEmployee(input: $input) {
      employee {
        id
        employeeNumber
        name { en zh }
        email
      }
      temporaryPassword
    }
  }
`);

const TransferDoc = graphql(`
  mutation AdminTransfer($input: TransferEmployeeInput!) {
    transferEmployee(input: $input) {
      id
      team { id name { en zh } }
      manager { id name { en zh } }
      position { id name { en zh } }
    }
  }
`);

const OffboardDoc = graphql(`
  mutation AdminOffboard($employeeId: ID!, $effectiveOn: Date!, $reason: String!) {
    offboardEmployee(employeeId: $employeeId, effectiveOn: $effectiveOn, reason: $reason) {
      id
      status
      offboardedOn
    }
  }
`);

const SetRolesDoc = graphql(`
  mutation AdminSetRoles($employeeId: ID!, $roles: [AccessRole!]!) {
    setAccessRoles(employeeId: $employeeId, roles: $roles) {
      id
      accessRoles
    }
  }
`);

type Data = AdminPeopleQuery;
type Person = Data['employees']['nodes'][number];

const PAGE = 20;
const statusTone: Record<EmployeeStatus, 'ok' | 'warn' | 'bad'> = { ACTIVE: 'ok', ON_LEAVE: 'warn', OFFBOARDED: 'bad' };

export function PeoplePage() {
  const { t } = useTranslation('admin');
  const { loc, date } = useFormat();
  const cursor = useCursor();
  const [text, setText] = useState('');
  const [team, setTeam] = useState('');
  const [status, setStatus] = useState<EmployeeStatus | ''>('');
  const [filter, setFilter] = useState<EmployeeFilter>({});
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PeopleDoc, variables: { filter, first: PAGE, after: cursor.after } });
  const [hiring, setHiring] = useState(false);
  const [hired, setHired] = useState<{ name: Bilingual; email: string; password: string | null | undefined } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [transfer, setTransfer] = useState<Person | null>(null);
  const [offboard, setOffboard] = useState<Person | null>(null);
  const [roles, setRoles] = useState<Person | null>(null);

  const search = (e: FormEvent) => {
    e.preventDefault();
    cursor.reset();
    setFilter({ text: text.trim() || undefined, teamId: team || undefined, status: status || undefined });
  };
  const refresh = (message: string) => {
    setDone(message);
    reexecute({ requestPolicy: 'network-only' });
  };
  const people = data?.employees.nodes ?? [];

  return (
    <Page
      title={t('people.title')}
      actions={
        <Button variant="primary" onClick={() => setHiring(true)}>
          {t('people.hire.open')}
        </Button>
      }
    >
      <ErrorNotice error={error} />
      {hired && (
        <div className="notice ok admin-password" role="status">
          <p>{t('people.hire.done', { name: loc(hired.name), email: hired.email })}</p>
          {hired.password && (
            <>
              <p>
                {t('people.hire.password')} <code className="admin-secret">{hired.password}</code>
              </p>
              <p>{t('people.hire.passwordOnce')}</p>
            </>
          )}
          <Button onClick={() => setHired(null)}>{t('people.hire.dismiss')}</Button>
        </div>
      )}
      {done && <Success>{done}</Success>}

      <Card title={t('people.list.title')}>
        <form className="form-row" onSubmit={search} role="search" aria-label={t('people.list.searchLabel')}>
          <Field label={t('people.list.text')} hint={t('people.list.textHint')}>
            {(id) => <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          <Field label={t('people.fields.team')}>
            {(id) => (
              <select id={id} value={team} onChange={(e) => setTeam(e.target.value)}>
                <option value="">{t('people.list.allTeams')}</option>
                {data?.teams.map((x) => (
                  <option key={x.id} value={x.id}>
                    {loc(x.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('people.fields.status')}>
            {(id) => (
              <select id={id} value={status} onChange={(e) => setStatus(e.target.value as EmployeeStatus | '')}>
                <option value="">{t('people.list.notOffboarded')}</option>
                {(['ACTIVE', 'ON_LEAVE', 'OFFBOARDED'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`people.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field">
            <button type="submit" className="btn primary">
              {t('common:search')}
            </button>
          </div>
        </form>
        {fetching && <Loading />}
        {data && people.length === 0 && <Empty>{t('people.list.none')}</Empty>}
        {people.length > 0 && (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('people.list.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('people.fields.name')}</th>
                  <th scope="col">{t('people.fields.team')}</th>
                  <th scope="col">{t('people.fields.position')}</th>
                  <th scope="col">{t('people.fields.manager')}</th>
                  <th scope="col">{t('people.fields.status')}</th>
                  <th scope="col">{t('people.fields.roles')}</th>
                  <th scope="col">{t('common:actions')}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => {
                  const name = loc(p.name);
                  return (
                    <tr key={p.id}>
                      <th scope="row">
                        {name}
                        <div className="muted admin-code">
                          {p.employeeNumber} · {p.email}
                        </div>
                        <div className="muted">{t('people.list.hired', { date: date(p.hireDate) })}</div>
                      </th>
                      <td>{p.team ? loc(p.team.name) : '—'}</td>
                      <td>{loc(p.position.name)}</td>
                      <td>{p.manager ? loc(p.manager.name) : '—'}</td>
                      <td>
                        <Badge tone={statusTone[p.status]}>{t(`people.status.${p.status}`)}</Badge>
                        {p.offboardedOn && <div className="muted">{date(p.offboardedOn)}</div>}
                      </td>
                      <td>{p.accessRoles.map((r) => t(`roles.${r}`)).join(t('people.list.sep'))}</td>
                      <td className="admin-buttons">
                        {p.status !== 'OFFBOARDED' && (
                          <>
                            <Button onClick={() => setTransfer(p)} aria-label={t('people.transfer.openNamed', { name })}>
                              {t('people.transfer.open')}
                            </Button>
                            <Button onClick={() => setRoles(p)} aria-label={t('people.roles.openNamed', { name })}>
                              {t('people.roles.open')}
                            </Button>
                            <Button variant="danger" onClick={() => setOffboard(p)} aria-label={t('people.offboard.openNamed', { name })}>
                              {t('people.offboard.open')}
                            </Button>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {data && <CursorPager cursor={cursor} pageInfo={data.employees.pageInfo} total={data.employees.totalCount} />}
      </Card>

      {data && (
        <>
          <HireDialog
            open={hiring}
            data={data}
            onClose={() => setHiring(false)}
            onDone={(h) => {
              setHiring(false);
              setDone(null);
              setHired(h);
              reexecute({ requestPolicy: 'network-only' });
            }}
          />
          <TransferDialog
            person={transfer}
            data={data}
            onClose={() => setTransfer(null)}
            onDone={(m) => {
              setTransfer(null);
              refresh(m);
            }}
          />
          <OffboardDialog
            person={offboard}
            onClose={() => setOffboard(null)}
            onDone={(m) => {
              setOffboard(null);
              refresh(m);
            }}
          />
          <RolesDialog
            person={roles}
            onClose={() => setRoles(null)}
            onDone={(m) => {
              setRoles(null);
              refresh(m);
            }}
          />
        </>
      )}
    </Page>
  );
}

function Buttons({ busy, label, onClose }: { busy?: boolean; label: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="admin-buttons">
      <button type="submit" className="btn primary" disabled={busy} aria-busy={busy || undefined}>
        {label}
      </button>
      <Button onClick={onClose}>{t('cancel')}</Button>
    </div>
  );
}

function ManagerSelect({ id, value, onChange, data, exclude, blank }: { id: string; value: string; onChange: (v: string) => void; data: Data; exclude?: string; blank: string }) {
  const { loc } = useFormat();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{blank}</option>
      {data.managers.nodes
        .filter((m) => m.id !== exclude)
        .map((m) => (
          <option key={m.id} value={m.id}>
            {loc(m.name)} ({m.employeeNumber})
          </option>
        ))}
    </select>
  );
}

function PositionSelect({ id, value, onChange, data, blank }: { id: string; value: string; onChange: (v: string) => void; data: Data; blank: string }) {
  const { loc } = useFormat();
  const { t } = useTranslation('admin');
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{blank}</option>
      {data.positions.map((p) => (
        <option key={p.id} value={p.id}>
          {loc(p.name)} · {loc(p.track.name)} · {t('ladder.editor.levelOf', { level: p.level })}
        </option>
      ))}
    </select>
  );
}

function TeamSelect({ id, value, onChange, data, blank }: { id: string; value: string; onChange: (v: string) => void; data: Data; blank: string }) {
  const { loc } = useFormat();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{blank}</option>
      {data.teams.map((x) => (
        <option key={x.id} value={x.id}>
          {loc(x.name)}
        </option>
      ))}
    </select>
  );
}

function RoleChecks({ value, onChange, legend }: { value: AccessRole[]; onChange: (v: AccessRole[]) => void; legend: string }) {
  const { t } = useTranslation('admin');
  return (
    <fieldset className="admin-fieldset admin-roles">
      <legend>{legend}</legend>
      {accessRoles.map((r) => (
        <label key={r}>
          <input
            type="checkbox"
            checked={r === 'EMPLOYEE' || value.includes(r)}
            disabled={r === 'EMPLOYEE'}
            onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))}
          />{' '}
          {t(`roles.${r}`)} <span className="muted">— {t(`rolesHelp.${r}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function HireDialog({
  open,
  data,
  onClose,
  onDone,
}: {
  open: boolean;
  data: Data;
  onClose: () => void;
  onDone: (h: { name: Bilingual; email: string; password: string | null | undefined }) => void;
}) {
  const { t } = useTranslation('admin');
  const [number, setNumber] = useState('');
  const [name, setName] = useState<Bilingual>({ en: '', zh: '' });
  const [email, setEmail] = useState('');
  const [team, setTeam] = useState('');
  const [manager, setManager] = useState('');
  const [position, setPosition] = useState('');
  const [hireDate, setHireDate] = useState(today());
  const [roles, setRoles] = useState<AccessRole[]>([]);
  const [checked, setChecked] = useState(false);
  const [{ fetching, error }, hire] = useMutation(HireDoc);
  const need = t('form.required');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!number.trim() || !name.en.trim() || !name.zh.trim() || !email.trim() || !position || !hireDate) return;
    const res = await hire({
      input: {
        employeeNumber: number.trim().toUpperCase(),
        nameEn: name.en.trim(),
        nameZh: name.zh.trim(),
        email: email.trim(),
        teamId: team || undefined,
        managerId: manager || undefined,
        positionId: position,
        hireDate,
        accessRoles: ['EMPLOYEE', ...roles.filter((r) => r !== 'EMPLOYEE')],
      },
    });
    if (!res.error && res.data) {
      const p = res.data.hireEmployee;
      onDone({ name: p.employee.name, email: p.employee.email, password: p.temporaryPassword });
      setNumber('');
      setName({ en: '', zh: '' });
      setEmail('');
      setTeam('');
      setManager('');
      setPosition('');
      setHireDate(today());
      setRoles([]);
      setChecked(false);
    }
  };
  return (
    <Dialog open={open} title={t('people.hire.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <BilingualFields label={t('people.fields.fullName')} value={name} required onChange={setName} errors={checked ? { en: name.en.trim() ? undefined : need, zh: name.zh.trim() ? undefined : need } : undefined} />
        <div className="form-row">
          <Field label={t('people.fields.email')} error={checked && !email.trim() ? need : undefined}>
            {(id) => <input id={id} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Field label={t('people.fields.number')} hint={t('people.fields.numberHint')} error={checked && !number.trim() ? need : undefined}>
            {(id) => <input id={id} value={number} onChange={(e) => setNumber(e.target.value)} />}
          </Field>
        </div>
        <div className="form-row">
          <Field label={t('people.fields.team')}>{(id) => <TeamSelect id={id} value={team} onChange={setTeam} data={data} blank={t('people.fields.noTeam')} />}</Field>
          <Field label={t('people.fields.manager')}>{(id) => <ManagerSelect id={id} value={manager} onChange={setManager} data={data} blank={t('people.fields.noManager')} />}</Field>
        </div>
        <div className="form-row">
          <Field label={t('people.fields.position')} error={checked && !position ? need : undefined}>
            {(id) => <PositionSelect id={id} value={position} onChange={setPosition} data={data} blank={t('form.choose')} />}
          </Field>
          <Field label={t('people.fields.hireDate')} error={checked && !hireDate ? need : undefined}>
            {(id) => <input id={id} type="date" value={hireDate} onChange={(e) => setHireDate(e.target.value)} />}
          </Field>
        </div>
        <RoleChecks value={roles} onChange={setRoles} legend={t('people.fields.roles')} />
        <p className="muted">{t('people.hire.passwordNote')}</p>
        <ErrorNotice error={error} />
        <Buttons busy={fetching} label={t('people.hire.submit')} onClose={onClose} />
      </form>
    </Dialog>
  );
}

export function TransferDialog({ person, data, onClose, onDone }: { person: Person | null; data: Data; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation('admin');
  const { loc } = useFormat();
  const [team, setTeam] = useState('');
  const [manager, setManager] = useState('');
  const [position, setPosition] = useState('');
  const [on, setOn] = useState(today());
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const [prev, setPrev] = useState<Person | null>(null);
  const [{ fetching, error }, transfer] = useMutation(TransferDoc);
  if (person !== prev) {
    setPrev(person);
    setTeam('');
    setManager('');
    setPosition('');
    setOn(today());
    setReason('');
    setChecked(false);
  }
  const nothing = !team && !manager && !position;
  const need = t('form.required');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!person || nothing || !reason.trim() || !on) return;
    const res = await transfer({
      input: { employeeId: person.id, teamId: team || undefined, managerId: manager || undefined, positionId: position || undefined, effectiveOn: on, reason: reason.trim() },
    });
    if (!res.error) onDone(t('people.transfer.done', { name: loc(person.name) }));
  };
  const keep = t('people.transfer.keep');
  return (
    <Dialog open={person !== null} title={person ? t('people.transfer.title', { name: loc(person.name) }) : ''} onClose={onClose}>
      {person && (
        <form onSubmit={submit} noValidate>
          <p className="muted">
            {t('people.transfer.now', {
              team: person.team ? loc(person.team.name) : '—',
              manager: person.manager ? loc(person.manager.name) : '—',
              position: loc(person.position.name),
            })}
          </p>
          <Field label={t('people.transfer.team')}>{(id) => <TeamSelect id={id} value={team} onChange={setTeam} data={data} blank={keep} />}</Field>
          <Field label={t('people.transfer.manager')}>
            {(id) => <ManagerSelect id={id} value={manager} onChange={setManager} data={data} exclude={person.id} blank={keep} />}
          </Field>
          <Field label={t('people.transfer.position')} hint={t('people.transfer.positionHint')}>
            {(id) => <PositionSelect id={id} value={position} onChange={setPosition} data={data} blank={keep} />}
          </Field>
          {checked && nothing && <p className="field-error admin-error" role="alert">{t('people.transfer.nothing')}</p>}
          <div className="form-row">
            <Field label={t('people.fields.effectiveOn')} hint={t('people.fields.effectiveHint')} error={checked && !on ? need : undefined}>
              {(id) => <input id={id} type="date" max={today()} value={on} onChange={(e) => setOn(e.target.value)} />}
            </Field>
          </div>
          <Field label={t('people.fields.reason')} error={checked && !reason.trim() ? need : undefined}>
            {(id) => <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <ErrorNotice error={error} />
          <Buttons busy={fetching} label={t('people.transfer.submit')} onClose={onClose} />
        </form>
      )}
    </Dialog>
  );
}

export function OffboardDialog({ person, onClose, onDone }: { person: Person | null; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation('admin');
  const { loc } = useFormat();
  const [on, setOn] = useState(today());
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const [prev, setPrev] = useState<Person | null>(null);
  const [{ fetching, error }, offboard] = useMutation(OffboardDoc);
  if (person !== prev) {
    setPrev(person);
    setOn(today());
    setReason('');
    setChecked(false);
  }
  const need = t('form.required');
  const reports = person?.reports.filter((r) => r.status !== 'OFFBOARDED').length ?? 0;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!person || !reason.trim() || !on) return;
    const res = await offboard({ employeeId: person.id, effectiveOn: on, reason: reason.trim() });
    if (!res.error) onDone(t('people.offboard.done', { name: loc(person.name) }));
  };
  return (
    <Dialog open={person !== null} title={person ? t('people.offboard.title', { name: loc(person.name) }) : ''} onClose={onClose}>
      {person && (
        <form onSubmit={submit} noValidate>
          <p>{t('people.offboard.body')}</p>
          {reports > 0 && <div className="notice warn">{t('people.offboard.hasReports', { count: reports })}</div>}
          <Field label={t('people.fields.lastDay')} hint={t('people.fields.effectiveHint')} error={checked && !on ? need : undefined}>
            {(id) => <input id={id} type="date" max={today()} value={on} onChange={(e) => setOn(e.target.value)} />}
          </Field>
          <Field label={t('people.fields.reason')} error={checked && !reason.trim() ? need : undefined}>
            {(id) => <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <ErrorNotice error={error} />
          <div className="admin-buttons">
            <button type="submit" className="btn danger" disabled={fetching} aria-busy={fetching || undefined}>
              {t('people.offboard.submit')}
            </button>
            <Button onClick={onClose}>{t('common:cancel')}</Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function RolesDialog({ person, onClose, onDone }: { person: Person | null; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation('admin');
  const { loc } = useFormat();
  const [roles, setRoles] = useState<AccessRole[]>([]);
  const [prev, setPrev] = useState<Person | null>(null);
  const [{ fetching, error }, save] = useMutation(SetRolesDoc);
  if (person !== prev) {
    setPrev(person);
    setRoles(person ? [...person.accessRoles] : []);
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!person) return;
    const list: AccessRole[] = ['EMPLOYEE', ...accessRoles.filter((r) => r !== 'EMPLOYEE' && roles.includes(r))];
    const res = await save({ employeeId: person.id, roles: list });
    if (!res.error) onDone(t('people.roles.done', { name: loc(person.name) }));
  };
  return (
    <Dialog open={person !== null} title={person ? t('people.roles.title', { name: loc(person.name) }) : ''} onClose={onClose}>
      {person && (
        <form onSubmit={submit} noValidate>
          <RoleChecks value={roles} onChange={setRoles} legend={t('people.fields.roles')} />
          <p className="muted">{t('people.roles.note')}</p>
          <ErrorNotice error={error} />
          <Buttons busy={fetching} label={t('common:save')} onClose={onClose} />
        </form>
      )}
    </Dialog>
  );
}
