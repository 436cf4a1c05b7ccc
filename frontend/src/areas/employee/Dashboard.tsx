// /me: where I am, where I can go, how ready I am for it, what to learn to
// get there, my plan, my goals and my coaching notes. One query; choosing
// another target position re-runs it with that position.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { EmployeeDashboardQuery } from '../../gql/graphql';
import { Badge, Button, Card, Empty, ErrorNotice, Field, Loading, Meter, Page, Pager, Success, usePaged } from '../../components/ui';
import { useFormat } from '../../lib/format';
import { useSession } from '../../auth/session';
import { GoalBadge, QueryState, ReadinessBadge, monthsSince, TableWrap } from './shared';
import { CompetencyRadar } from './Radar';

export const DashboardDoc = graphql(`
  query EmployeeDashboard($target: ID!, $hasTarget: Boolean!, $from: ID!) {
    me {
      id
      name { en zh }
      positionSince
      position { id code level name { en zh } track { id name { en zh } } }
      team { id name { en zh } }
      manager { id name { en zh } }
      nextPositions { kind to { id code level name { en zh } track { id name { en zh } } } }
      aspirations { rank position { id code level name { en zh } } }
      weeklyStudyHours
      plan {
        id
        adoptedAt
        totalHours
        finishOn
        hoursDone
        coursesDone
        coursesInProgress
        coursesNotStarted
        targetPosition { id name { en zh } }
        courses { id code title { en zh } myEnrollment { id status percentComplete } }
      }
      goals { id title measure target dueOn status }
      coachingLog { id heldOn notes followUps coach { id name { en zh } } }
      readiness(targetPositionId: $target) @include(if: $hasTarget) {
        score
        status
        lines { kind weight value required score met }
        topGaps { en zh }
      }
      gapTo(positionId: $target) @include(if: $hasTarget) {
        competencies { competency { id code name { en zh } } requiredLevel currentLevel gap met stale }
        otherRequirements { kind required actual met course { id code title { en zh } } kpi { code name { en zh } unit } }
      }
      learningPath(targetPositionId: $target) @include(if: $hasTarget) {
        totalHours
        weeklyHours
        finishOn
        steps {
          kind
          hours
          inProgress
          prerequisite
          course { id code title { en zh } }
          closes { competency { id name { en zh } } from to }
          description { en zh }
        }
      }
    }
    careerPaths(fromPositionId: $from, toPositionId: $target, first: 1) @include(if: $hasTarget) {
      moves
      positions { id name { en zh } }
    }
    positions { id code level name { en zh } track { id name { en zh } } }
  }
`);

const AdoptDoc = graphql(`
  mutation EmployeeAdoptPath($target: ID!) {
    adoptLearningPath(targetPositionId: $target) { id targetPosition { id } }
  }
`);

const AspirationsDoc = graphql(`
  mutation EmployeeSetAspirations($ids: [ID!]!) {
    setAspirations(positionIds: $ids) { rank position { id } }
  }
`);

const BudgetDoc = graphql(`
  mutation EmployeeSetStudyBudget($hours: Float!) {
    setWeeklyStudyBudget(hours: $hours)
  }
`);

type Me = EmployeeDashboardQuery['me'];
type PositionLite = { id: string; name: { en: string; zh: string } };

/** The target shown when none is chosen: the plan's, the first aspiration, the first promotion, any move. */
export function defaultTarget(me: Pick<Me, 'plan' | 'aspirations' | 'nextPositions'>): string | null {
  if (me.plan) return me.plan.targetPosition.id;
  const first = [...me.aspirations].sort((a, b) => a.rank - b.rank)[0];
  if (first) return first.position.id;
  const promo = me.nextPositions.find((m) => m.kind === 'PROMOTION');
  return (promo ?? me.nextPositions[0])?.to.id ?? null;
}

/** Where the viewer may aim: aspirations first (by rank), then the open moves, then the plan's target. */
export function targetOptions(me: Pick<Me, 'plan' | 'aspirations' | 'nextPositions'>): PositionLite[] {
  const out: PositionLite[] = [];
  const add = (p: PositionLite) => !out.some((o) => o.id === p.id) && out.push(p);
  [...me.aspirations].sort((a, b) => a.rank - b.rank).forEach((a) => add(a.position));
  me.nextPositions.forEach((m) => add(m.to));
  if (me.plan) add(me.plan.targetPosition);
  return out;
}

export function Dashboard() {
  const { t } = useTranslation('employee');
  const { viewer } = useSession();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('target');
  // The first answer (without a target) tells which target to show.
  const [fallback, setFallback] = useState<string | null>(null);
  const target = chosen ?? fallback;
  const variables = { target: target ?? '0', hasTarget: !!target, from: viewer?.position.id ?? '0' };
  const [{ data, fetching, error, operation }, reexecute] = useQuery({ query: DashboardDoc, variables, pause: !viewer });
  // While another target loads, keep showing what we have.
  const last = useRef<{ data: EmployeeDashboardQuery; target: string | null } | null>(null);
  if (data) {
    const v = operation?.variables ?? variables;
    last.current = { data, target: v.hasTarget ? v.target : null };
  }
  const shown = last.current;
  const initial = shown && !target ? defaultTarget(shown.data.me) : null;
  useEffect(() => {
    if (initial) setFallback(initial);
  }, [initial]);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const choose = (id: string) => setParams(id ? { target: id } : {}, { replace: true });

  return (
    <Page title={t('dashboard.title')}>
      <QueryState fetching={fetching} error={error} hasData={!!shown}>
        {() => <DashboardBody data={shown!.data} target={target} waiting={!!target && shown!.target !== target} onChoose={choose} onChanged={refresh} />}
      </QueryState>
    </Page>
  );
}

function DashboardBody({ data, target, waiting, onChoose, onChanged }: { data: EmployeeDashboardQuery; target: string | null; waiting: boolean; onChoose: (id: string) => void; onChanged: () => void }) {
  const { t } = useTranslation('employee');
  const { loc } = useFormat();
  const me = data.me;
  const options = targetOptions(me);
  const targetPos = options.find((o) => o.id === target) ?? data.positions.find((p) => p.id === target);
  const targetName = targetPos ? loc(targetPos.name) : '';
  return (
    <div className="stack employee-dashboard">
      <div className="grid">
        <WhereIAm me={me} />
        <NextSteps data={data} target={target} onChoose={onChoose} />
      </div>
      {!target ? (
        <Card title={t('readiness.title')}>
          <Empty>{t('readiness.noTarget')}</Empty>
        </Card>
      ) : waiting ? (
        <Card title={t('readiness.titleFor', { position: targetName })}>
          <Loading />
        </Card>
      ) : (
        <>
          <ReadinessCard data={data} targetName={targetName} options={options} target={target} onChoose={onChoose} />
          <Card title={t('radar.title', { position: targetName })}>
            <CompetencyRadar gaps={me.gapTo?.competencies ?? []} targetName={targetName} />
          </Card>
          <PathCard me={me} target={target} targetName={targetName} onChanged={onChanged} />
        </>
      )}
      {me.plan && <PlanCard plan={me.plan} />}
      <div className="grid">
        <GoalsCard goals={me.goals} />
        <CoachingCard log={me.coachingLog} />
      </div>
    </div>
  );
}

function WhereIAm({ me }: { me: Me }) {
  const { t } = useTranslation('employee');
  const { loc, date } = useFormat();
  const months = monthsSince(me.positionSince);
  return (
    <Card title={t('dashboard.current')}>
      <p className="employee-position">
        <strong>{loc(me.position.name)}</strong>{' '}
        <Badge tone="info">{t('dashboard.level', { level: me.position.level })}</Badge>
      </p>
      <dl className="employee-facts">
        <dt>{t('dashboard.track')}</dt>
        <dd>{loc(me.position.track.name)}</dd>
        <dt>{t('dashboard.since')}</dt>
        <dd>
          {date(me.positionSince)} <span className="muted">({t('dashboard.months', { count: months })})</span>
        </dd>
        <dt>{t('dashboard.team')}</dt>
        <dd>{me.team ? loc(me.team.name) : t('common:none')}</dd>
        <dt>{t('dashboard.manager')}</dt>
        <dd>{me.manager ? loc(me.manager.name) : t('common:none')}</dd>
      </dl>
    </Card>
  );
}

function NextSteps({ data, target, onChoose }: { data: EmployeeDashboardQuery; target: string | null; onChoose: (id: string) => void }) {
  const { t } = useTranslation('employee');
  const { loc } = useFormat();
  const me = data.me;
  const rankOf = (id: string) => me.aspirations.find((a) => a.position.id === id)?.rank;
  return (
    <Card title={t('next.title')}>
      {me.nextPositions.length === 0 ? (
        <Empty>{t('next.none')}</Empty>
      ) : (
        <ul className="employee-moves">
          {me.nextPositions.map((m) => {
            const rank = rankOf(m.to.id);
            return (
              <li key={m.to.id}>
                <span className="employee-move-name">
                  {loc(m.to.name)}{' '}
                  <Badge tone={m.kind === 'PROMOTION' ? 'ok' : 'info'}>{t(`moveKind.${m.kind}`)}</Badge>{' '}
                  {rank && <Badge tone="warn">{t('next.rank', { rank })}</Badge>}
                </span>
                {m.to.id === target ? (
                  <span className="muted">{t('next.shown')}</span>
                ) : (
                  <Button onClick={() => onChoose(m.to.id)} aria-label={t('next.showFor', { position: loc(m.to.name) })}>
                    {t('next.show')}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <AspirationsForm data={data} />
    </Card>
  );
}

function AspirationsForm({ data }: { data: EmployeeDashboardQuery }) {
  const { t } = useTranslation('employee');
  const { loc } = useFormat();
  const me = data.me;
  const initial = () => {
    const ids = [...me.aspirations].sort((a, b) => a.rank - b.rank).map((a) => a.position.id);
    return [ids[0] ?? '', ids[1] ?? '', ids[2] ?? ''];
  };
  const [choices, setChoices] = useState<string[]>(initial);
  const [saved, setSaved] = useState(false);
  const [{ fetching, error }, save] = useMutation(AspirationsDoc);
  const nextIds = new Set(me.nextPositions.map((m) => m.to.id));
  const candidates = data.positions.filter((p) => p.id !== me.position.id);
  const near = candidates.filter((p) => nextIds.has(p.id));
  const far = candidates.filter((p) => !nextIds.has(p.id));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const ids = choices.filter((c, i) => c && choices.indexOf(c) === i);
    const r = await save({ ids });
    // The answer names a Position, so urql re-reads the dashboard by itself.
    if (!r.error) setSaved(true);
  };
  const opt = (p: (typeof candidates)[number]) => (
    <option key={p.id} value={p.id}>
      {loc(p.name)}
    </option>
  );
  return (
    <form onSubmit={submit} className="employee-aspirations">
      <h3>{t('aspirations.title')}</h3>
      <p className="muted">{t('aspirations.hint')}</p>
      <div className="form-row">
        {[0, 1, 2].map((i) => (
          <Field key={i} label={t(`aspirations.choice${i + 1}`)}>
            {(id) => (
              <select
                id={id}
                value={choices[i]}
                onChange={(e) => {
                  const next = [...choices];
                  next[i] = e.target.value;
                  setChoices(next);
                  setSaved(false);
                }}
              >
                <option value="">{t('aspirations.noChoice')}</option>
                <optgroup label={t('aspirations.near')}>{near.map(opt)}</optgroup>
                {far.length > 0 && <optgroup label={t('aspirations.far')}>{far.map(opt)}</optgroup>}
              </select>
            )}
          </Field>
        ))}
      </div>
      <ErrorNotice error={error} />
      {saved && <Success>{t('aspirations.saved')}</Success>}
      <Button type="submit" variant="secondary" busy={fetching}>
        {t('aspirations.save')}
      </Button>
    </form>
  );
}

function ReadinessCard({ data, targetName, options, target, onChoose }: { data: EmployeeDashboardQuery; targetName: string; options: PositionLite[]; target: string; onChoose: (id: string) => void }) {
  const { t } = useTranslation('employee');
  const { loc, num, pct } = useFormat();
  const r = data.me.readiness!;
  const other = data.me.gapTo?.otherRequirements ?? [];
  const route = data.careerPaths?.[0];
  const totalWeight = r.lines.reduce((s, l) => s + l.weight, 0) || 1;
  const value = (kind: string, v: number | null | undefined, required: number) => {
    switch (kind) {
      case 'MONTHS_IN_POSITION':
        return t('readiness.valueMonths', { value: num(v ?? 0, 0), required: num(required, 0) });
      case 'PERFORMANCE_RATING':
        return v == null ? t('readiness.noRating', { required: num(required) }) : t('readiness.valueRating', { value: num(v), required: num(required) });
      default:
        return t('readiness.valueShare', { value: pct(v ?? 0), required: pct(required) });
    }
  };
  return (
    <Card
      title={t('readiness.titleFor', { position: targetName })}
      actions={
        <Field label={t('readiness.target')}>
          {(id) => (
            <select id={id} value={target} onChange={(e) => onChoose(e.target.value)}>
              {!options.some((o) => o.id === target) && <option value={target}>{targetName}</option>}
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {loc(o.name)}
                </option>
              ))}
            </select>
          )}
        </Field>
      }
    >
      <div className="employee-score">
        <p className="employee-score-num">
          <span className="employee-big">{r.score}</span>
          <span className="muted"> / 100</span>
        </p>
        <ReadinessBadge status={r.status} />
        <Meter value={r.score} label={t('readiness.scoreLabel', { position: targetName })} />
      </div>
      {route && route.moves > 1 && (
        <p>
          {t('readiness.route', { count: route.moves })} {route.positions.map((p) => loc(p.name)).join(' → ')}
        </p>
      )}
      <h3>{t('readiness.lines')}</h3>
      <TableWrap label={t('readiness.lines')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('readiness.requirement')}</th>
              <th scope="col" className="num">
                {t('readiness.weight')}
              </th>
              <th scope="col">{t('readiness.value')}</th>
              <th scope="col" className="num">
                {t('readiness.score')}
              </th>
              <th scope="col">{t('readiness.status')}</th>
            </tr>
          </thead>
          <tbody>
            {r.lines.map((l) => (
              <tr key={l.kind}>
                <th scope="row">{t(`lineKind.${l.kind}`, { defaultValue: l.kind })}</th>
                <td className="num">{pct(l.weight / totalWeight)}</td>
                <td>{value(l.kind, l.value, l.required)}</td>
                <td className="num">{pct(l.score)}</td>
                <td>{l.met ? <Badge tone="ok">{t('readiness.met')}</Badge> : <Badge tone="bad">{t('readiness.unmet')}</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {other.length > 0 && (
        <>
          <h3>{t('readiness.other')}</h3>
          <ul className="employee-checks">
            {other.map((o, i) => (
              <li key={i}>
                {o.met ? <Badge tone="ok">{t('readiness.met')}</Badge> : <Badge tone="bad">{t('readiness.unmet')}</Badge>} <OtherRequirement o={o} />
              </li>
            ))}
          </ul>
        </>
      )}
      {r.topGaps.length > 0 && (
        <>
          <h3>{t('readiness.gaps')}</h3>
          <ul className="employee-gaps">
            {[...new Set(r.topGaps.map((g) => loc(g)))].slice(0, 6).map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

type Other = NonNullable<Me['gapTo']>['otherRequirements'][number];

function OtherRequirement({ o }: { o: Other }) {
  const { t } = useTranslation('employee');
  const { loc, num } = useFormat();
  switch (o.kind) {
    case 'COURSE':
    case 'CERTIFICATION':
      return (
        <>
          {t(`requirement.${o.kind}`)}:{' '}
          {o.course ? <Link to={`/me/courses/${o.course.id}`}>{loc(o.course.title)}</Link> : '—'}
        </>
      );
    case 'KPI':
      return (
        <>
          {t('requirement.KPI', { kpi: o.kpi ? loc(o.kpi.name) : '' })}: {t('requirement.kpiValue', { value: o.actual == null ? '—' : num(o.actual), required: num(o.required) })}
        </>
      );
    case 'MONTHS_IN_POSITION':
      return <>{t('requirement.MONTHS_IN_POSITION', { value: num(o.actual ?? 0, 0), required: num(o.required, 0) })}</>;
    case 'PERFORMANCE_RATING':
      return <>{t('requirement.PERFORMANCE_RATING', { value: o.actual == null ? '—' : num(o.actual), required: num(o.required) })}</>;
    default:
      return <>{o.kind}</>;
  }
}

function PathCard({ me, target, targetName, onChanged }: { me: Me; target: string; targetName: string; onChanged: () => void }) {
  const { t } = useTranslation('employee');
  const { loc, date, num } = useFormat();
  const path = me.learningPath!;
  const [{ fetching, error }, adopt] = useMutation(AdoptDoc);
  const [adopted, setAdopted] = useState(false);
  const isPlan = me.plan?.targetPosition.id === target;
  const courses = path.steps.filter((s) => s.kind === 'COURSE');
  const { rows, ...pager } = usePaged(path.steps, 8);
  const doAdopt = async () => {
    setAdopted(false);
    const r = await adopt({ target });
    // The answer names a Position, so urql re-reads the dashboard by itself.
    if (!r.error) setAdopted(true);
  };
  return (
    <Card title={t('path.title', { position: targetName })}>
      <dl className="employee-facts">
        <dt>{t('path.totalHours')}</dt>
        <dd>{t('path.hours', { hours: num(path.totalHours) })}</dd>
        <dt>{t('path.courses')}</dt>
        <dd>{num(courses.length, 0)}</dd>
        <dt>{t('path.finishOn')}</dt>
        <dd>{path.finishOn ? date(path.finishOn) : t('path.noFinish')}</dd>
      </dl>
      <BudgetForm hours={path.weeklyHours} onChanged={onChanged} />
      {path.steps.length === 0 ? (
        <Empty>{t('path.empty')}</Empty>
      ) : (
        <>
          <ol className="employee-steps">
            {rows.map((s, i) => (
              <li key={s.course?.id ?? `${s.kind}-${i}`}>
                {s.kind === 'COURSE' && s.course ? (
                  <>
                    <Link to={`/me/courses/${s.course.id}`}>{loc(s.course.title)}</Link> <span className="muted">{s.course.code}</span>{' '}
                    <span className="muted">· {t('path.hours', { hours: num(s.hours) })}</span>{' '}
                    {s.inProgress && <Badge tone="warn">{t('path.inProgress')}</Badge>} {s.prerequisite && <Badge tone="info">{t('path.prerequisite')}</Badge>}
                    {s.closes.length > 0 && (
                      <div className="muted employee-closes">
                        {s.closes.map((c) => t('path.closes', { competency: loc(c.competency.name), from: c.from, to: c.to })).join(' · ')}
                      </div>
                    )}
                  </>
                ) : (
                  <>
                    <Badge tone={s.kind === 'GAP' ? 'bad' : 'warn'}>{t(`stepKind.${s.kind}`)}</Badge> {loc(s.description)}
                  </>
                )}
              </li>
            ))}
          </ol>
          <Pager {...pager} />
        </>
      )}
      <ErrorNotice error={error} />
      {adopted && <Success>{t('path.adopted')}</Success>}
      {isPlan ? (
        <p>
          <Badge tone="ok">{t('path.isPlan')}</Badge>
        </p>
      ) : (
        <div className="actions">
          {me.plan && <p className="muted">{t('path.replaces', { position: loc(me.plan.targetPosition.name) })}</p>}
          <Button variant="primary" busy={fetching} onClick={doAdopt} disabled={courses.length === 0}>
            {t('path.adopt')}
          </Button>
        </div>
      )}
    </Card>
  );
}

function BudgetForm({ hours, onChanged }: { hours: number; onChanged: () => void }) {
  const { t } = useTranslation('employee');
  const [value, setValue] = useState(String(hours));
  const [{ fetching, error }, save] = useMutation(BudgetDoc);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await save({ hours: Number(value) });
    if (!r.error) onChanged();
  };
  return (
    <form className="form-row employee-budget" onSubmit={submit}>
      <Field label={t('path.weekly')} hint={t('path.weeklyHint')}>
        {(id) => <input id={id} type="number" min={0.5} max={40} step={0.5} value={value} onChange={(e) => setValue(e.target.value)} inputMode="decimal" />}
      </Field>
      <Button type="submit" busy={fetching} disabled={!value || Number(value) === hours}>
        {t('path.weeklySave')}
      </Button>
      <ErrorNotice error={error} />
    </form>
  );
}

function PlanCard({ plan }: { plan: NonNullable<Me['plan']> }) {
  const { t } = useTranslation('employee');
  const { loc, date, num } = useFormat();
  const share = plan.totalHours > 0 ? (plan.hoursDone / plan.totalHours) * 100 : 0;
  const { rows, ...pager } = usePaged(plan.courses, 6);
  return (
    <Card title={t('plan.title', { position: loc(plan.targetPosition.name) })}>
      <p>
        {t('plan.adoptedOn', { date: date(plan.adoptedAt) })} · {t('plan.finishOn', { date: date(plan.finishOn) })}
      </p>
      <p>{t('plan.progress', { done: num(plan.hoursDone), total: num(plan.totalHours) })}</p>
      <Meter value={share} label={t('plan.progressLabel')} />
      <p className="employee-badges">
        <Badge tone="ok">{t('plan.done', { count: plan.coursesDone })}</Badge>
        <Badge tone="warn">{t('plan.inProgress', { count: plan.coursesInProgress })}</Badge>
        <Badge tone="info">{t('plan.notStarted', { count: plan.coursesNotStarted })}</Badge>
      </p>
      <ul className="employee-plan-courses">
        {rows.map((c) => (
          <li key={c.id}>
            <Link to={`/me/courses/${c.id}`}>{loc(c.title)}</Link> <span className="muted">{c.code}</span>{' '}
            {c.myEnrollment ? (
              <span className="muted">{t(`enrollmentStatus.${c.myEnrollment.status}`)} · {num(c.myEnrollment.percentComplete, 0)}%</span>
            ) : (
              <span className="muted">{t('plan.notEnrolled')}</span>
            )}
          </li>
        ))}
      </ul>
      <Pager {...pager} />
    </Card>
  );
}

function GoalsCard({ goals }: { goals: Me['goals'] }) {
  const { t } = useTranslation('employee');
  const { date } = useFormat();
  const { rows, ...pager } = usePaged(goals, 5);
  return (
    <Card title={t('goals.title')}>
      {goals.length === 0 ? (
        <Empty>{t('goals.none')}</Empty>
      ) : (
        <>
          <ul className="employee-goals">
            {rows.map((g) => (
              <li key={g.id}>
                <div className="employee-goal-head">
                  <strong>{g.title}</strong> <GoalBadge status={g.status} />
                </div>
                <div className="muted">
                  {t('goals.measure')}: {g.measure} · {t('goals.target')}: {g.target} · {t('goals.due', { date: date(g.dueOn) })}
                </div>
              </li>
            ))}
          </ul>
          <Pager {...pager} />
        </>
      )}
    </Card>
  );
}

function CoachingCard({ log }: { log: Me['coachingLog'] }) {
  const { t } = useTranslation('employee');
  const { loc, date } = useFormat();
  const { rows, ...pager } = usePaged(log, 3);
  return (
    <Card title={t('coaching.title')}>
      {log.length === 0 ? (
        <Empty>{t('coaching.none')}</Empty>
      ) : (
        <>
          <ul className="employee-coaching">
            {rows.map((c) => (
              <li key={c.id}>
                <h3>
                  {date(c.heldOn)} · {c.coach ? loc(c.coach.name) : t('coaching.otherCoach')}
                </h3>
                <p>{c.notes}</p>
                {c.followUps && (
                  <p>
                    <strong>{t('coaching.followUps')}:</strong> {c.followUps}
                  </p>
                )}
              </li>
            ))}
          </ul>
          <Pager {...pager} />
        </>
      )}
    </Card>
  );
}
