// /team/people/:id: one report — their position, their readiness for a move,
// their competencies against their position, and the manager's actions:
// rate a competency and give the performance rating of an open period.
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { ManagerPersonQuery } from '../../gql/graphql';
import { Button, Card, Empty, ErrorNotice, Field, Loading, Meter, Page, Pager, Success, usePaged } from '../../components/ui';
import { today, useFormat } from '../../lib/format';
import { cellFor, currentLevels, requiredLevels } from './heat';
import { RATING_STEPS, ReadinessBadge, RatingStatusBadge, monthsSince } from './common';

const PersonDoc = graphql(`
  query ManagerPerson($id: ID!) {
    employee(id: $id) {
      id
      employeeNumber
      name { en zh }
      status
      hireDate
      positionSince
      team { id name { en zh } }
      position {
        id
        name { en zh }
        level
        track { id name { en zh } }
        requirements { id kind minLevel competency { id } }
      }
      competencies {
        competency {
          id
          name { en zh }
          category { id name { en zh } }
        }
        level
        source
        observedOn
        stale
      }
      nextPositions {
        kind
        to { id name { en zh } level track { id } }
      }
      performanceRatings {
        id
        period { id name { en zh } status }
        rating
        comment
        status
        ratedAt
        ratedBy { id name { en zh } }
      }
    }
    reviewPeriods { id code name { en zh } status startsOn endsOn }
    competencyFramework { maxLevel levels { level name { en zh } } }
  }
`);

const ReadinessDoc = graphql(`
  query ManagerPersonReadiness($id: ID!, $target: ID!) {
    employee(id: $id) {
      id
      readiness(targetPositionId: $target) {
        score
        status
        lines { kind weight value required score met }
        topGaps { en zh }
      }
    }
  }
`);

const RateCompetencyDoc = graphql(`
  mutation ManagerRateCompetency($input: RateCompetencyInput!) {
    rateCompetency(input: $input) {
      id
      level
      observedOn
      competency { id }
    }
  }
`);

const RatePerformanceDoc = graphql(`
  mutation ManagerRatePerformance($periodId: ID!, $employeeId: ID!, $rating: Float!, $comment: String) {
    ratePerformance(periodId: $periodId, employeeId: $employeeId, rating: $rating, comment: $comment) {
      id
      rating
      comment
      status
      ratedAt
      period { id }
    }
  }
`);

type Person = NonNullable<ManagerPersonQuery['employee']>;

export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('manager');
  const { loc } = useFormat();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PersonDoc, variables: { id } });
  const person = data?.employee;
  const [rateId, setRateId] = useState('');
  const [readinessEpoch, setReadinessEpoch] = useState(0);
  const rateRef = useRef<HTMLSelectElement>(null);

  const refresh = () => {
    reexecute({ requestPolicy: 'network-only' });
    setReadinessEpoch((e) => e + 1);
  };

  if (fetching && !data) return <Page title={t('person.loading')}>{<Loading />}</Page>;
  if (!person)
    return (
      <Page title={t('person.notFound')}>
        <ErrorNotice error={error} />
        <Link to="/team">{t('heat.backToMine')}</Link>
      </Page>
    );
  return (
    <Page
      title={loc(person.name)}
      actions={
        <>
          <Link className="btn secondary mgr-btnlink" to={`/team/nominate?employee=${encodeURIComponent(person.id)}`}>
            {t('person.nominate')}
          </Link>
          <Link className="btn secondary mgr-btnlink" to={`/team/scorecards?employee=${encodeURIComponent(person.id)}`}>
            {t('person.score')}
          </Link>
        </>
      }
    >
      <ErrorNotice error={error} />
      <div className="grid">
        <PositionCard person={person} />
        <ReadinessCard person={person} epoch={readinessEpoch} />
      </div>
      <CompetencyTable
        person={person}
        onRate={(cid) => {
          setRateId(cid);
          // Let the form take the new choice before moving focus there.
          setTimeout(() => rateRef.current?.focus(), 0);
        }}
      />
      <div className="grid">
        <RateCompetencyForm
          person={person}
          competencyId={rateId}
          setCompetencyId={setRateId}
          maxLevel={data?.competencyFramework?.maxLevel ?? 5}
          levels={data?.competencyFramework?.levels ?? []}
          selectRef={rateRef}
          onDone={refresh}
        />
        <RatePerformanceForm person={person} periods={data?.reviewPeriods ?? []} onDone={refresh} />
      </div>
      <RatingHistory person={person} />
    </Page>
  );
}

function PositionCard({ person }: { person: Person }) {
  const { t } = useTranslation('manager');
  const { loc, date } = useFormat();
  return (
    <Card title={t('person.position')}>
      <dl className="mgr-facts">
        <dt>{t('person.positionName')}</dt>
        <dd>
          {loc(person.position.name)} <span className="muted">({t('person.level', { level: person.position.level })})</span>
        </dd>
        <dt>{t('person.track')}</dt>
        <dd>{loc(person.position.track.name)}</dd>
        <dt>{t('person.team')}</dt>
        <dd>{person.team ? loc(person.team.name) : t('common:none')}</dd>
        <dt>{t('person.since')}</dt>
        <dd>
          {date(person.positionSince)} <span className="muted">({t('person.months', { count: monthsSince(person.positionSince) })})</span>
        </dd>
        <dt>{t('person.hired')}</dt>
        <dd>{date(person.hireDate)}</dd>
        <dt>{t('person.number')}</dt>
        <dd>{person.employeeNumber}</dd>
      </dl>
    </Card>
  );
}

function ReadinessCard({ person, epoch }: { person: Person; epoch: number }) {
  const { t } = useTranslation('manager');
  const { loc, num, pct } = useFormat();
  const moves = person.nextPositions;
  // The next step up the person's own track first, else any promotion, else a lateral move.
  const [target, setTarget] = useState(
    () =>
      (
        moves.find((m) => m.kind === 'PROMOTION' && m.to.track.id === person.position.track.id) ??
        moves.find((m) => m.kind === 'PROMOTION') ??
        moves[0]
      )?.to.id ?? '',
  );
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ReadinessDoc,
    variables: { id: person.id, target },
    pause: !target,
  });
  useEffect(() => {
    if (epoch > 0 && target) reexecute({ requestPolicy: 'network-only' });
    // Only a new epoch (after a rating) asks again.
  }, [epoch]);
  const r = data?.employee?.readiness;
  const value = (kind: string, v: number | null | undefined) => {
    if (v == null) return '—';
    if (kind === 'MONTHS_IN_POSITION') return t('person.monthsShort', { count: Math.round(v) });
    if (kind === 'PERFORMANCE_RATING') return num(v, 1);
    return pct(v);
  };
  return (
    <Card title={t('person.readiness')}>
      {moves.length === 0 ? (
        <Empty>{t('person.noMoves')}</Empty>
      ) : (
        <>
          <Field label={t('person.target')}>
            {(fid) => (
              <select id={fid} value={target} onChange={(e) => setTarget(e.target.value)}>
                {moves.map((m) => (
                  <option key={m.to.id} value={m.to.id}>
                    {loc(m.to.name)} · {t(`moveKind.${m.kind}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <ErrorNotice error={error} />
          {fetching && !r ? (
            <Loading />
          ) : (
            r && (
              <div className="stack">
                <div className="mgr-score">
                  <strong className="mgr-score-num">{t('person.score100', { score: r.score })}</strong>
                  <ReadinessBadge status={r.status} />
                </div>
                <Meter value={r.score} label={t('person.readinessMeter', { score: r.score })} />
                <div className="table-wrap">
                  <table className="mgr-lines">
                    <caption className="sr-only">{t('person.linesCaption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('person.requirement')}</th>
                        <th scope="col" className="num">
                          {t('person.value')}
                        </th>
                        <th scope="col" className="num">
                          {t('person.required')}
                        </th>
                        <th scope="col">{t('person.status')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.lines.map((l) => (
                        <tr key={l.kind}>
                          <th scope="row">
                            {t(`lineKind.${l.kind}`, { defaultValue: l.kind })}
                            <span className="mgr-sub">{t('person.weight', { weight: num(l.weight, 0) })}</span>
                          </th>
                          <td className="num">{value(l.kind, l.value)}</td>
                          <td className="num">{value(l.kind, l.required)}</td>
                          <td>{l.met ? <span className="badge ok">{t('person.met')}</span> : <span className="badge warn">{t('person.notMet')}</span>}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {r.topGaps.length > 0 && (
                  <>
                    <h3>{t('person.topGaps')}</h3>
                    <ul className="mgr-gaps">
                      {r.topGaps.slice(0, 5).map((g, i) => (
                        <li key={i}>{loc(g)}</li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            )
          )}
        </>
      )}
    </Card>
  );
}

function CompetencyTable({ person, onRate }: { person: Person; onRate: (competencyId: string) => void }) {
  const { t } = useTranslation('manager');
  const { loc, date } = useFormat();
  const rows = useMemo(() => {
    const req = requiredLevels(person.position.requirements);
    const cur = currentLevels(person.competencies);
    const list = person.competencies.map((c, i) => ({ c, i, cell: cellFor(req.get(c.competency.id), cur.get(c.competency.id)?.level, c.stale) }));
    // What their position asks first, biggest gap first; then the rest in framework order.
    return list.sort((a, b) => {
      const ar = a.cell.state === 'notRequired' ? 1 : 0;
      const br = b.cell.state === 'notRequired' ? 1 : 0;
      return ar - br || b.cell.gap - a.cell.gap || a.i - b.i;
    });
  }, [person]);
  const paged = usePaged(rows, 10);
  return (
    <Card title={t('person.competencies')}>
      <p className="muted">{t('person.competenciesIntro', { position: loc(person.position.name) })}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('person.competency')}</th>
              <th scope="col" className="num">
                {t('person.current')}
              </th>
              <th scope="col" className="num">
                {t('person.required')}
              </th>
              <th scope="col">{t('person.status')}</th>
              <th scope="col">{t('person.evidence')}</th>
              <th scope="col">{t('common:actions')}</th>
            </tr>
          </thead>
          <tbody>
            {paged.rows.map(({ c, cell }) => (
              <tr key={c.competency.id}>
                <th scope="row">
                  {loc(c.competency.name)}
                  <span className="mgr-sub">{loc(c.competency.category.name)}</span>
                </th>
                <td className="num">{c.level ?? '—'}</td>
                <td className="num">{cell.required ?? '—'}</td>
                <td>
                  <GapBadge state={cell.state} gap={cell.gap} />
                </td>
                <td>
                  {c.source ? (
                    <>
                      {t(`source.${c.source}`, { defaultValue: c.source })} · {date(c.observedOn)}
                      {c.stale && <span className="badge warn mgr-inline">{t('person.stale')}</span>}
                    </>
                  ) : (
                    <span className="muted">{t('person.noEvidence')}</span>
                  )}
                </td>
                <td>
                  <Button onClick={() => onRate(c.competency.id)} aria-label={t('person.rateThis', { name: loc(c.competency.name) })}>
                    {t('person.rate')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager {...paged} />
    </Card>
  );
}

export function GapBadge({ state, gap }: { state: string; gap: number }) {
  const { t } = useTranslation('manager');
  if (state === 'met') return <span className="badge ok">{t('gap.met')}</span>;
  if (state === 'below1') return <span className="badge warn">{t('gap.below', { count: gap })}</span>;
  if (state === 'below2') return <span className="badge bad">{t('gap.below', { count: gap })}</span>;
  return <span className="muted">{t('gap.notRequired')}</span>;
}

function RateCompetencyForm({
  person,
  competencyId,
  setCompetencyId,
  maxLevel,
  levels,
  selectRef,
  onDone,
}: {
  person: Person;
  competencyId: string;
  setCompetencyId: (id: string) => void;
  maxLevel: number;
  levels: { level: number; name: { en: string; zh: string } }[];
  selectRef: RefObject<HTMLSelectElement | null>;
  onDone: () => void;
}) {
  const { t } = useTranslation('manager');
  const { loc } = useFormat();
  const [level, setLevel] = useState('');
  const [comment, setComment] = useState('');
  const [observedOn, setObservedOn] = useState(today());
  const [done, setDone] = useState('');
  const [invalid, setInvalid] = useState<{ competency?: string; level?: string }>({});
  const [{ fetching, error }, rate] = useMutation(RateCompetencyDoc);

  // Group the competencies by category for the picker.
  const groups = useMemo(() => {
    const m = new Map<string, { name: { en: string; zh: string }; items: Person['competencies'] }>();
    for (const c of person.competencies) {
      const g = m.get(c.competency.category.id) ?? { name: c.competency.category.name, items: [] };
      g.items.push(c);
      m.set(c.competency.category.id, g);
    }
    return [...m.values()];
  }, [person.competencies]);
  const current = person.competencies.find((c) => c.competency.id === competencyId);
  const scale = levels.length ? levels : Array.from({ length: maxLevel }, (_, i) => ({ level: i + 1, name: { en: '', zh: '' } }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const bad = { competency: competencyId ? undefined : t('rate.pickCompetency'), level: level ? undefined : t('rate.pickLevel') };
    setInvalid(bad);
    if (bad.competency || bad.level) return;
    const res = await rate({
      input: { employeeId: person.id, competencyId, level: Number(level), comment: comment.trim() || null, observedOn: observedOn || null },
    });
    if (!res.error) {
      setDone(t('rate.saved', { name: loc(current?.competency.name), level }));
      setComment('');
      setLevel('');
      onDone();
    }
  };

  return (
    <Card title={t('rate.title')} id="rate-competency">
      <form onSubmit={submit} noValidate>
        <Field label={t('rate.competency')} error={invalid.competency}>
          {(fid) => (
            <select
              id={fid}
              ref={selectRef}
              value={competencyId}
              onChange={(e) => {
                setCompetencyId(e.target.value);
                setDone('');
              }}
            >
              <option value="">{t('rate.choose')}</option>
              {groups.map((g) => (
                <optgroup key={loc(g.name)} label={loc(g.name)}>
                  {g.items.map((c) => (
                    <option key={c.competency.id} value={c.competency.id}>
                      {loc(c.competency.name)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        {current && (
          <p className="muted">{current.level != null ? t('rate.currentIs', { level: current.level }) : t('rate.noCurrent')}</p>
        )}
        <div className="form-row">
          <Field label={t('rate.level')} error={invalid.level}>
            {(fid) => (
              <select id={fid} value={level} onChange={(e) => setLevel(e.target.value)}>
                <option value="">{t('rate.choose')}</option>
                {scale.map((l) => (
                  <option key={l.level} value={String(l.level)}>
                    {loc(l.name) ? t('rate.levelOption', { level: l.level, name: loc(l.name) }) : String(l.level)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('rate.observedOn')}>
            {(fid) => <input id={fid} type="date" max={today()} value={observedOn} onChange={(e) => setObservedOn(e.target.value)} />}
          </Field>
        </div>
        <Field label={t('rate.comment')} hint={t('rate.commentHint')}>
          {(fid) => <textarea id={fid} value={comment} maxLength={4000} onChange={(e) => setComment(e.target.value)} />}
        </Field>
        <ErrorNotice error={error} />
        {done && <Success>{done}</Success>}
        <Button type="submit" variant="primary" busy={fetching}>
          {t('rate.submit')}
        </Button>
      </form>
    </Card>
  );
}

function RatePerformanceForm({ person, periods, onDone }: { person: Person; periods: ManagerPersonQuery['reviewPeriods']; onDone: () => void }) {
  const { t } = useTranslation('manager');
  const { loc, num, date } = useFormat();
  const open = periods.filter((p) => p.status === 'OPEN');
  const [periodId, setPeriodId] = useState(open[0]?.id ?? '');
  const existing = person.performanceRatings.find((r) => r.period.id === periodId);
  const [rating, setRating] = useState(existing ? String(existing.rating) : '');
  const [comment, setComment] = useState(existing?.comment ?? '');
  const [done, setDone] = useState(false);
  const [invalid, setInvalid] = useState('');
  const [{ fetching, error }, rate] = useMutation(RatePerformanceDoc);
  const locked = !!existing && existing.status !== 'SUBMITTED';

  const choosePeriod = (id: string) => {
    setPeriodId(id);
    const ex = person.performanceRatings.find((r) => r.period.id === id);
    setRating(ex ? String(ex.rating) : '');
    setComment(ex?.comment ?? '');
    setDone(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    setInvalid(rating ? '' : t('perf.pickRating'));
    if (!rating) return;
    const res = await rate({ periodId, employeeId: person.id, rating: Number(rating), comment: comment.trim() || null });
    if (!res.error) {
      setDone(true);
      onDone();
    }
  };

  return (
    <Card title={t('perf.title')} id="rate-performance">
      {open.length === 0 ? (
        <Empty>{t('perf.noOpenPeriod')}</Empty>
      ) : (
        <form onSubmit={submit} noValidate>
          <Field label={t('perf.period')}>
            {(fid) => (
              <select id={fid} value={periodId} onChange={(e) => choosePeriod(e.target.value)}>
                {open.map((p) => (
                  <option key={p.id} value={p.id}>
                    {loc(p.name)} ({date(p.startsOn)} – {date(p.endsOn)})
                  </option>
                ))}
              </select>
            )}
          </Field>
          {existing && (
            <p>
              {t('perf.current', { rating: num(existing.rating, 1) })} <RatingStatusBadge status={existing.status} />
            </p>
          )}
          {locked && (
            <div className="notice warn" role="status">
              {t('perf.locked')}
            </div>
          )}
          <Field label={t('perf.rating')} hint={t('perf.ratingHint')} error={invalid}>
            {(fid) => (
              <select id={fid} value={rating} disabled={locked} onChange={(e) => setRating(e.target.value)}>
                <option value="">{t('rate.choose')}</option>
                {RATING_STEPS.map((r) => (
                  <option key={r} value={String(r)}>
                    {num(r, 1)} · {t(`perf.scale.${Math.floor(r)}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('perf.comment')}>
            {(fid) => <textarea id={fid} value={comment} disabled={locked} maxLength={4000} onChange={(e) => setComment(e.target.value)} />}
          </Field>
          <ErrorNotice error={error} />
          {done && <Success>{t('perf.saved')}</Success>}
          <Button type="submit" variant="primary" busy={fetching} disabled={locked}>
            {existing ? t('perf.update') : t('perf.submit')}
          </Button>
        </form>
      )}
    </Card>
  );
}

function RatingHistory({ person }: { person: Person }) {
  const { t } = useTranslation('manager');
  const { loc, num, date } = useFormat();
  const paged = usePaged(person.performanceRatings, 5);
  return (
    <Card title={t('perf.history')}>
      {paged.total === 0 ? (
        <Empty>{t('perf.noHistory')}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('perf.period')}</th>
                  <th scope="col" className="num">
                    {t('perf.rating')}
                  </th>
                  <th scope="col">{t('person.status')}</th>
                  <th scope="col">{t('perf.ratedBy')}</th>
                  <th scope="col">{t('perf.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {paged.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{loc(r.period.name)}</th>
                    <td className="num">{num(r.rating, 1)}</td>
                    <td>
                      <RatingStatusBadge status={r.status} />
                    </td>
                    <td>
                      {r.ratedBy ? loc(r.ratedBy.name) : '—'}
                      <span className="mgr-sub">{date(r.ratedAt)}</span>
                    </td>
                    <td className="mgr-comment">{r.comment || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager {...paged} />
        </>
      )}
    </Card>
  );
}
