// Assigning a published course to named people, a team or a position with a
// due date: on the course page, and on /trainer/assign with a course choice.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { Button, Card, Empty, ErrorNotice, Field, Loading, Page, Success } from '../../components/ui';
import { today, useFormat } from '../../lib/format';
import { useSession } from '../../auth/session';
import { sentences, useDebounced, useFieldErrors } from './shared';

const AssignDataDoc = graphql(`
  query TrainerAssignData($text: String, $withCourses: Boolean!, $owner: ID) {
    courses(filter: { statuses: [PUBLISHED], ownerId: $owner }, first: 100) @include(if: $withCourses) {
      nodes { id code title { en zh } }
    }
    teams { id code name { en zh } }
    positions { id code level name { en zh } }
    employees(filter: { text: $text }, first: 20) {
      nodes { id employeeNumber name { en zh } team { id name { en zh } } }
    }
  }
`);

const AssignDoc = graphql(`
  mutation TrainerAssignCourse($input: AssignCourseInput!) {
    assignCourse(input: $input) {
      created
      existing
      assignment { id scope dueOn }
    }
  }
`);

type Scope = 'EMPLOYEES' | 'TEAM' | 'POSITION';
interface Person {
  id: string;
  label: string;
}

export function AssignForm({ courseId: fixedCourse, onAssigned }: { courseId?: string; onAssigned?: () => void }) {
  const { t } = useTranslation('trainer');
  const { loc, date, lang } = useFormat();
  const { viewer, has } = useSession();
  const [courseId, setCourseId] = useState(fixedCourse ?? '');
  const [scope, setScope] = useState<Scope>('TEAM');
  const [teamId, setTeamId] = useState('');
  const [positionId, setPositionId] = useState('');
  const [people, setPeople] = useState<Person[]>([]);
  const [search, setSearch] = useState('');
  const [dueOn, setDueOn] = useState(today(30));
  const [joinerDays, setJoinerDays] = useState('30');
  const [recurrence, setRecurrence] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ created: number; existing: number; dueOn: string } | null>(null);
  const text = useDebounced(search.trim());
  const errs = useFieldErrors(error);

  const [{ data, fetching, error: loadError }] = useQuery({
    query: AssignDataDoc,
    variables: { text: text || undefined, withCourses: !fixedCourse, owner: has('ADMIN') ? undefined : viewer?.id },
  });
  const [, assign] = useMutation(AssignDoc);

  if (!data) return fetching ? <Loading /> : <ErrorNotice error={loadError} />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    const input = {
      courseId: courseId || undefined,
      teamId: scope === 'TEAM' ? teamId || undefined : undefined,
      positionId: scope === 'POSITION' ? positionId || undefined : undefined,
      employeeIds: scope === 'EMPLOYEES' ? people.map((p) => p.id) : undefined,
      dueOn,
      joinerDueDays: scope !== 'EMPLOYEES' && joinerDays.trim() ? Number(joinerDays) : undefined,
      recurrenceMonths: recurrence.trim() ? Number(recurrence) : undefined,
      reason: reason.trim() || undefined,
    };
    const r = await assign({ input });
    setBusy(false);
    if (r.error) return setError(r.error);
    const a = r.data!.assignCourse;
    setResult({ created: a.created, existing: a.existing, dueOn: a.assignment.dueOn });
    onAssigned?.();
  };

  const scopes: Scope[] = ['TEAM', 'POSITION', 'EMPLOYEES'];
  const found = (data.employees.nodes ?? []).filter((e) => e.id !== viewer?.id && !people.some((p) => p.id === e.id));
  const targetError = errs.target ?? errs.teamId ?? errs.positionId ?? errs.employeeIds;

  return (
    <form onSubmit={submit} noValidate className="trainer-assign" aria-label={t('assign.title')}>
      <ErrorNotice error={error} />
      {result && (
        <Success>
          {sentences(lang, [
            t('assign.done', { date: date(result.dueOn) }),
            t('assign.created', { count: result.created }),
            t('assign.existing', { count: result.existing }),
          ])}
        </Success>
      )}
      {!fixedCourse && (
        <Field label={t('assign.course')} error={errs.courseId}>
          {(id) => (
            <select id={id} value={courseId} onChange={(e) => setCourseId(e.target.value)} required>
              <option value="">{t('assign.chooseCourse')}</option>
              {data.courses?.nodes.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.code} · {loc(c.title)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <fieldset className="trainer-fieldset">
        <legend>{t('assign.who')}</legend>
        <div className="trainer-radios">
          {scopes.map((s) => (
            <label key={s}>
              <input type="radio" name="assign-scope" value={s} checked={scope === s} onChange={() => setScope(s)} /> {t(`assign.scope.${s}`)}
            </label>
          ))}
        </div>
        {scope === 'TEAM' && (
          <Field label={t('assign.team')} hint={t('assign.teamHint')} error={targetError}>
            {(id) => (
              <select id={id} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                <option value="">{t('assign.chooseTeam')}</option>
                {data.teams.map((x) => (
                  <option key={x.id} value={x.id}>
                    {loc(x.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {scope === 'POSITION' && (
          <Field label={t('assign.position')} hint={t('assign.positionHint')} error={targetError}>
            {(id) => (
              <select id={id} value={positionId} onChange={(e) => setPositionId(e.target.value)}>
                <option value="">{t('assign.choosePosition')}</option>
                {data.positions.map((x) => (
                  <option key={x.id} value={x.id}>
                    {loc(x.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {scope === 'EMPLOYEES' && (
          <div className="stack">
            <Field label={t('assign.findPeople')} hint={t('assign.findHint')} error={targetError}>
              {(id) => <input id={id} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />}
            </Field>
            {found.length === 0 ? (
              <Empty>{t('assign.noPeopleFound')}</Empty>
            ) : (
              <ul className="trainer-people" aria-label={t('assign.found')}>
                {found.map((p) => {
                  const label = `${loc(p.name)} (${p.employeeNumber})`;
                  return (
                    <li key={p.id}>
                      <span>
                        {label}
                        {p.team && <span className="muted"> · {loc(p.team.name)}</span>}
                      </span>
                      <Button onClick={() => setPeople((l) => [...l, { id: p.id, label }])} aria-label={t('assign.addPerson', { name: label })}>
                        {t('assign.add')}
                      </Button>
                    </li>
                  );
                })}
              </ul>
            )}
            <p className="trainer-label" id="assign-chosen">
              {t('assign.chosen', { count: people.length })}
            </p>
            {people.length === 0 ? (
              <Empty>{t('assign.nobodyChosen')}</Empty>
            ) : (
              <ul className="trainer-people" aria-labelledby="assign-chosen">
                {people.map((p) => (
                  <li key={p.id}>
                    <span>{p.label}</span>
                    <Button onClick={() => setPeople((l) => l.filter((x) => x.id !== p.id))} aria-label={t('assign.removePerson', { name: p.label })}>
                      {t('editor.remove')}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </fieldset>
      <div className="form-row trainer-form">
        <Field label={t('assign.dueOn')} error={errs.dueOn}>
          {(id) => <input id={id} type="date" min={today()} value={dueOn} onChange={(e) => setDueOn(e.target.value)} required />}
        </Field>
        {scope !== 'EMPLOYEES' && (
          <Field label={t('assign.joinerDays')} hint={t('assign.joinerHint')} error={errs.joinerDueDays}>
            {(id) => <input id={id} type="number" min="1" max="365" value={joinerDays} onChange={(e) => setJoinerDays(e.target.value)} />}
          </Field>
        )}
        <Field label={t('assign.recurrence')} hint={t('assign.recurrenceHint')} error={errs.recurrenceMonths}>
          {(id) => <input id={id} type="number" min="1" max="120" value={recurrence} onChange={(e) => setRecurrence(e.target.value)} />}
        </Field>
      </div>
      <Field label={t('assign.reason')} error={errs.reason}>
        {(id) => <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />}
      </Field>
      <button type="submit" className="btn primary" disabled={busy} aria-busy={busy || undefined}>
        {t('assign.submit')}
      </button>
    </form>
  );
}

/** /trainer/assign: the same form with a choice of the viewer's published courses. */
export function AssignPage() {
  const { t } = useTranslation('trainer');
  return (
    <Page title={t('assign.pageTitle')} actions={<Link to="/trainer/progress">{t('assign.seeProgress')}</Link>}>
      <Card>
        <p className="muted">{t('assign.intro')}</p>
        <AssignForm />
      </Card>
    </Page>
  );
}
