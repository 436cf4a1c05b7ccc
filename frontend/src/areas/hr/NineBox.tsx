// /hr/ninebox — the talent review's 9-box: performance across, potential
// up. In a calibrating cycle HR drags a person to another box (or uses the
// person's Move button) and gives the reason; closed cycles are read-only.
import { useId, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { HrNineBoxQuery } from '../../gql/graphql';
import { useFormat } from '../../lib/format';
import { Badge, Button, Card, Dialog, Empty, ErrorNotice, Field, Loading, Page, Success } from '../../components/ui';

const CyclesDoc = graphql(`
  query HrTalentCycles {
    talentCycles {
      id
      code
      status
      name { en zh }
    }
    reviewPeriods {
      id
      code
      status
      name { en zh }
    }
    teams {
      id
      name { en zh }
    }
  }
`);

const GridDoc = graphql(`
  query HrNineBox($cycleId: ID!, $teamId: ID) {
    talentReview(cycleId: $cycleId) {
      id
      code
      status
      name { en zh }
      grid(teamId: $teamId) {
        id
        performance
        potential
        computedPerformance
        computedPotential
        reason
        employee {
          id
          employeeNumber
          name { en zh }
          position { id name { en zh } }
          team { id name { en zh } }
        }
        moves {
          fromPerformance
          fromPotential
          toPerformance
          toPotential
          reason
          at
          movedBy { id name { en zh } }
        }
      }
    }
  }
`);

const OpenDoc = graphql(`
  mutation HrOpenTalentCycle($code: String!, $nameEn: String!, $nameZh: String!, $reviewPeriodId: ID!) {
    openTalentCycle(code: $code, nameEn: $nameEn, nameZh: $nameZh, reviewPeriodId: $reviewPeriodId) {
      id
      code
      status
      name { en zh }
    }
  }
`);

const PlaceDoc = graphql(`
  mutation HrPlaceOnNineBox($cycleId: ID!) {
    placeOnNineBox(cycleId: $cycleId) {
      id
      status
    }
  }
`);

const CloseDoc = graphql(`
  mutation HrCloseTalentCycle($cycleId: ID!) {
    closeTalentCycle(cycleId: $cycleId) {
      id
      status
    }
  }
`);

const MoveDoc = graphql(`
  mutation HrMoveOnNineBox($cycleId: ID!, $employeeId: ID!, $performance: Int!, $potential: Int!, $reason: String!) {
    moveOnNineBox(cycleId: $cycleId, employeeId: $employeeId, performance: $performance, potential: $potential, reason: $reason) {
      id
      performance
      potential
      reason
    }
  }
`);

export type Placement = NonNullable<HrNineBoxQuery['talentReview']>['grid'][number];
type Box = { performance: number; potential: number };

const BANDS = [1, 2, 3];
/** Every box, as the grid shows them: high potential on top, high performance on the right. */
export const BOXES: Box[] = [3, 2, 1].flatMap((potential) => BANDS.map((performance) => ({ performance, potential })));
const boxKey = (b: Box) => `${b.performance}${b.potential}`;
const BOX_PAGE = 8;

export function NineBox() {
  const { t } = useTranslation('hr');
  const { loc } = useFormat();
  const [params, setParams] = useSearchParams();
  const [{ data, error }, reloadCycles] = useQuery({ query: CyclesDoc });
  const cycles = data?.talentCycles ?? [];
  const cycleId = params.get('cycle') ?? cycles[0]?.id ?? '';
  const teamId = params.get('team') ?? '';
  const [opening, setOpening] = useState(false);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Page
      title={t('ninebox.title')}
      actions={
        data && (
          <Button onClick={() => setOpening(true)} disabled={data.reviewPeriods.length === 0}>
            {t('ninebox.open.button')}
          </Button>
        )
      }
    >
      <ErrorNotice error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <Card>
            <div className="form-row">
              <Field label={t('ninebox.cycle')}>
                {(id) => (
                  <select id={id} value={cycleId} onChange={(e) => set('cycle', e.target.value)} disabled={cycles.length === 0}>
                    {cycles.map((c) => (
                      <option key={c.id} value={c.id}>
                        {loc(c.name)} ({t(`ninebox.status.${c.status}`)})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('ninebox.team')}>
                {(id) => (
                  <select id={id} value={teamId} onChange={(e) => set('team', e.target.value)}>
                    <option value="">{t('ninebox.allTeams')}</option>
                    {data.teams.map((tm) => (
                      <option key={tm.id} value={tm.id}>
                        {loc(tm.name)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </Card>
          {cycleId ? <CycleGrid key={cycleId} cycleId={cycleId} teamId={teamId || null} onChanged={() => reloadCycles({ requestPolicy: 'network-only' })} /> : <Empty>{t('ninebox.noCycles')}</Empty>}
          <OpenCycleDialog
            open={opening}
            periods={data.reviewPeriods}
            onClose={() => setOpening(false)}
            onOpened={(id) => {
              setOpening(false);
              reloadCycles({ requestPolicy: 'network-only' });
              set('cycle', id);
            }}
          />
        </>
      )}
    </Page>
  );
}

function CycleGrid({ cycleId, teamId, onChanged }: { cycleId: string; teamId: string | null; onChanged: () => void }) {
  const { t } = useTranslation('hr');
  const { loc } = useFormat();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: GridDoc, variables: { cycleId, teamId } });
  const [placeState, place] = useMutation(PlaceDoc);
  const [closeState, close] = useMutation(CloseDoc);
  const [moving, setMoving] = useState<{ placement: Placement; to: Box | null } | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const [notice, setNotice] = useState('');
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  const cycle = data?.talentReview;
  if (!data && fetching) return <Loading />;
  if (!cycle) return error ? <ErrorNotice error={error} /> : <Empty>{t('ninebox.notFound')}</Empty>;
  const editable = cycle.status === 'CALIBRATING';
  const closed = cycle.status === 'CLOSED';
  const byBox = new Map<string, Placement[]>();
  for (const p of cycle.grid) {
    const k = boxKey(p);
    byBox.set(k, [...(byBox.get(k) ?? []), p]);
  }
  const tone = closed ? 'info' : editable ? 'ok' : 'warn';

  const doPlace = async () => {
    const res = await place({ cycleId });
    if (!res.error) {
      setNotice(t('ninebox.placed'));
      refresh();
      onChanged();
    }
  };
  const doClose = async () => {
    const res = await close({ cycleId });
    setConfirmClose(false);
    if (!res.error) {
      setNotice(t('ninebox.closed'));
      refresh();
      onChanged();
    }
  };

  return (
    <Card
      title={loc(cycle.name)}
      actions={
        <>
          <Badge tone={tone}>{t(`ninebox.status.${cycle.status}`)}</Badge>
          {!closed && (
            <Button onClick={doPlace} busy={placeState.fetching}>
              {t('ninebox.place')}
            </Button>
          )}
          {!closed && (
            <Button variant="danger" onClick={() => setConfirmClose(true)}>
              {t('ninebox.close')}
            </Button>
          )}
        </>
      }
    >
      <ErrorNotice error={error} />
      <ErrorNotice error={placeState.error} />
      <ErrorNotice error={closeState.error} />
      {notice && <Success>{notice}</Success>}
      <p className="muted">{closed ? t('ninebox.readOnly') : editable ? t('ninebox.howTo') : t('ninebox.notPlaced')}</p>
      {cycle.grid.length === 0 ? (
        <Empty>{t('ninebox.empty')}</Empty>
      ) : (
        <Grid byBox={byBox} editable={editable} onMove={(placement, to) => setMoving({ placement, to })} />
      )}
      {moving && (
        <MoveDialog
          cycleId={cycleId}
          placement={moving.placement}
          to={moving.to}
          onClose={() => setMoving(null)}
          onMoved={(name) => {
            setMoving(null);
            setNotice(t('ninebox.moved', { name }));
            refresh();
          }}
        />
      )}
      <Dialog open={confirmClose} title={t('ninebox.closeTitle')} onClose={() => setConfirmClose(false)}>
        <p>{t('ninebox.closeConfirm', { name: loc(cycle.name) })}</p>
        <div className="actions">
          <Button variant="danger" busy={closeState.fetching} onClick={doClose}>
            {t('ninebox.close')}
          </Button>
          <Button onClick={() => setConfirmClose(false)}>{t('common:cancel')}</Button>
        </div>
      </Dialog>
    </Card>
  );
}

function Grid({ byBox, editable, onMove }: { byBox: Map<string, Placement[]>; editable: boolean; onMove: (p: Placement, to: Box | null) => void }) {
  const { t } = useTranslation('hr');
  const all = [...byBox.values()].flat();
  const band = (n: number) => t(`ninebox.band.${n}`);
  return (
    <div className="hr-nb" role="group" aria-label={t('ninebox.gridLabel')}>
      <div className="hr-nb-ytitle" aria-hidden="true">
        {t('ninebox.potential')} ↑
      </div>
      <div className="hr-nb-cells">
        {[3, 2, 1].map((potential) => (
          <div className="hr-nb-row" key={potential}>
            <div className="hr-nb-ylabel" aria-hidden="true">
              {band(potential)}
            </div>
            {BANDS.map((performance) => {
              const box = { performance, potential };
              return (
                <BoxCell
                  key={boxKey(box)}
                  box={box}
                  people={byBox.get(boxKey(box)) ?? []}
                  editable={editable}
                  onDropPerson={(id) => {
                    const p = all.find((x) => x.employee?.id === id);
                    if (p && boxKey(p) !== boxKey(box)) onMove(p, box);
                  }}
                  onMove={(p) => onMove(p, null)}
                />
              );
            })}
          </div>
        ))}
        <div className="hr-nb-row hr-nb-xlabels" aria-hidden="true">
          <div className="hr-nb-ylabel" />
          {BANDS.map((b) => (
            <div key={b} className="hr-nb-xlabel">
              {band(b)}
            </div>
          ))}
        </div>
        <div className="hr-nb-xtitle" aria-hidden="true">
          {t('ninebox.performance')} →
        </div>
      </div>
    </div>
  );
}

function BoxCell({ box, people, editable, onDropPerson, onMove }: { box: Box; people: Placement[]; editable: boolean; onDropPerson: (employeeId: string) => void; onMove: (p: Placement) => void }) {
  const { t } = useTranslation('hr');
  const { loc } = useFormat();
  const hid = useId();
  const [over, setOver] = useState(false);
  const [all, setAll] = useState(false);
  // Calibrated people first: they are what the meeting is discussing, and a
  // person just moved here is never hidden behind "Show all".
  const ordered = [...people].sort((a, b) => Number(b.moves.length > 0) - Number(a.moves.length > 0));
  const shown = all ? ordered : ordered.slice(0, BOX_PAGE);
  const drop = editable
    ? {
        onDragOver: (e: DragEvent) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
          setOver(true);
        },
        onDragLeave: () => setOver(false),
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          setOver(false);
          const id = e.dataTransfer.getData('text/plain');
          if (id) onDropPerson(id);
        },
      }
    : {};
  return (
    <section className={`hr-nb-box hr-nb-b${boxKey(box)}${over ? ' over' : ''}`} aria-labelledby={hid} data-box={boxKey(box)} {...drop}>
      <h3 id={hid}>
        {t(`ninebox.box.${boxKey(box)}`)} <span className="hr-nb-count">({people.length})</span>
      </h3>
      <p className="hr-small muted">{t('ninebox.axes', { performance: t(`ninebox.band.${box.performance}`), potential: t(`ninebox.band.${box.potential}`) })}</p>
      {people.length > 0 && (
        <ul className="hr-nb-people">
          {shown.map((p) => {
            const name = p.employee ? loc(p.employee.name) : t('review.hiddenPerson');
            return (
              <li
                key={p.id}
                className="hr-nb-person"
                draggable={editable && !!p.employee}
                onDragStart={(e) => {
                  if (!p.employee) return;
                  e.dataTransfer.setData('text/plain', p.employee.id);
                  e.dataTransfer.effectAllowed = 'move';
                }}
              >
                <span className="hr-nb-name">
                  {name}
                  {p.moves.length > 0 && (
                    <>
                      {' '}
                      <Badge tone="info">{t('ninebox.calibrated')}</Badge>
                    </>
                  )}
                </span>
                {p.employee && <span className="hr-small muted">{loc(p.employee.position.name)}</span>}
                {editable && p.employee && (
                  <button type="button" className="btn secondary hr-nb-move" aria-label={t('ninebox.moveWho', { name })} onClick={() => onMove(p)}>
                    {t('ninebox.move')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {people.length > BOX_PAGE && (
        <button type="button" className="btn secondary hr-nb-all" aria-expanded={all} onClick={() => setAll((a) => !a)}>
          {all ? t('ninebox.showFewer') : t('ninebox.showAll', { count: people.length })}
        </button>
      )}
    </section>
  );
}

function MoveDialog({ cycleId, placement, to, onClose, onMoved }: { cycleId: string; placement: Placement; to: Box | null; onClose: () => void; onMoved: (name: string) => void }) {
  const { t } = useTranslation('hr');
  const { loc, dateTime } = useFormat();
  const [{ fetching, error }, move] = useMutation(MoveDoc);
  const first = to ?? BOXES.find((b) => boxKey(b) !== boxKey(placement))!;
  const [target, setTarget] = useState(boxKey(first));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const name = placement.employee ? loc(placement.employee.name) : t('review.hiddenPerson');
  const boxName = (b: Box) => t('ninebox.boxOption', { box: t(`ninebox.box.${boxKey(b)}`), performance: t(`ninebox.band.${b.performance}`), potential: t(`ninebox.band.${b.potential}`) });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!reason.trim() || !placement.employee) return;
    const box = BOXES.find((b) => boxKey(b) === target)!;
    const res = await move({ cycleId, employeeId: placement.employee.id, performance: box.performance, potential: box.potential, reason: reason.trim() });
    if (!res.error) onMoved(name);
  };
  return (
    <Dialog open title={t('ninebox.moveTitle', { name })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>
          {t('ninebox.from')} <strong>{boxName(placement)}</strong>
        </p>
        <p className="muted hr-small">{t('ninebox.computed', { box: boxName({ performance: placement.computedPerformance, potential: placement.computedPotential }) })}</p>
        <ErrorNotice error={error} />
        <Field label={t('ninebox.toBox')}>
          {(id) => (
            <select id={id} value={target} onChange={(e) => setTarget(e.target.value)}>
              {BOXES.filter((b) => boxKey(b) !== boxKey(placement)).map((b) => (
                <option key={boxKey(b)} value={boxKey(b)}>
                  {boxName(b)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('ninebox.reason')} hint={t('ninebox.reasonHint')} error={tried && !reason.trim() ? t('ninebox.reasonRequired') : undefined}>
          {(id) => <textarea id={id} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        {placement.moves.length > 0 && (
          <details className="hr-nb-history">
            <summary>{t('ninebox.history', { count: placement.moves.length })}</summary>
            <ol>
              {placement.moves.map((m, i) => (
                <li key={i}>
                  {dateTime(m.at)} · {m.movedBy ? loc(m.movedBy.name) : t('review.hiddenPerson')}:{' '}
                  {boxName({ performance: m.fromPerformance, potential: m.fromPotential })} → {boxName({ performance: m.toPerformance, potential: m.toPotential })} — {m.reason}
                </li>
              ))}
            </ol>
          </details>
        )}
        <div className="actions">
          <Button type="submit" variant="primary" busy={fetching}>
            {t('ninebox.saveMove')}
          </Button>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
        </div>
      </form>
    </Dialog>
  );
}

type Period = { id: string; code: string; status: string; name: { en: string; zh: string } };

function OpenCycleDialog({ open, periods, onClose, onOpened }: { open: boolean; periods: Period[]; onClose: () => void; onOpened: (id: string) => void }) {
  const { t } = useTranslation('hr');
  const { loc } = useFormat();
  const [{ fetching, error }, openCycle] = useMutation(OpenDoc);
  const [periodId, setPeriodId] = useState('');
  const period = periods.find((p) => p.id === periodId) ?? periods[0];
  const [code, setCode] = useState<string | null>(null);
  const [nameEn, setNameEn] = useState<string | null>(null);
  const [nameZh, setNameZh] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  // Until edited, the code and names follow the chosen period.
  const c = code ?? (period ? `TR-${period.code}` : '');
  const en = nameEn ?? (period ? `Talent review ${period.code}` : '');
  const zh = nameZh ?? (period ? `${period.code} 人才盘点` : '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!period || !c.trim() || !en.trim() || !zh.trim()) return;
    const res = await openCycle({ code: c.trim(), nameEn: en.trim(), nameZh: zh.trim(), reviewPeriodId: period.id });
    if (res.data) onOpened(res.data.openTalentCycle.id);
  };
  const req = (v: string) => (tried && !v.trim() ? t('ninebox.open.required') : undefined);
  return (
    <Dialog open={open} title={t('ninebox.open.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="muted">{t('ninebox.open.hint')}</p>
        <ErrorNotice error={error} />
        <Field label={t('ninebox.open.period')}>
          {(id) => (
            <select id={id} value={period?.id ?? ''} onChange={(e) => setPeriodId(e.target.value)}>
              {periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {loc(p.name)} ({p.code}, {t(`ninebox.periodStatus.${p.status}`, { defaultValue: p.status })})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('ninebox.open.code')} hint={t('ninebox.open.codeHint')} error={req(c)}>
          {(id) => <input id={id} value={c} maxLength={20} onChange={(e) => setCode(e.target.value.toUpperCase())} />}
        </Field>
        <Field label={t('ninebox.open.nameEn')} error={req(en)}>
          {(id) => <input id={id} lang="en" value={en} maxLength={200} onChange={(e) => setNameEn(e.target.value)} />}
        </Field>
        <Field label={t('ninebox.open.nameZh')} error={req(zh)}>
          {(id) => <input id={id} lang="zh-CN" value={zh} maxLength={200} onChange={(e) => setNameZh(e.target.value)} />}
        </Field>
        <div className="actions">
          <Button type="submit" variant="primary" busy={fetching}>
            {t('ninebox.open.submit')}
          </Button>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
        </div>
      </form>
    </Dialog>
  );
}
