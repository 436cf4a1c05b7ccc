// Scoring a sampled call against a published rubric: shared by the trainer
// console (QA, trainers) and the manager area. Owned by the trainer area's
// work; the manager area only routes to it.
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { TrainerScoreRubricMutation } from '../gql/graphql';
import { Badge, Button, Card, Empty, ErrorNotice, Field, Loading, Meter, Success } from './ui';
import { today, useFormat } from '../lib/format';
import { problems, problemText } from '../lib/errors';
// Its look lives with the trainer area's styles (the manager area shows it too).
import '../areas/trainer/trainer.css';

export interface RubricScoreFormProps {
  /** Preselects the employee being scored. */
  employeeId?: string;
  /** Called after a scorecard was saved. */
  onScored?: (scorecardId: string) => void;
}

const DataDoc = graphql(`
  query TrainerRubricScoreForm($text: String, $employeeId: ID!, $preselected: Boolean!) {
    rubrics {
      id
      code
      status
      purpose
      name { en zh }
      criteria {
        id
        name { en zh }
        weight
        competency { id name { en zh } }
        descriptors { level text { en zh } }
      }
    }
    competencyFramework { maxLevel levels { level name { en zh } } }
    employees(filter: { text: $text }, first: 20) @skip(if: $preselected) {
      nodes { id employeeNumber name { en zh } team { id name { en zh } } }
    }
    employee(id: $employeeId) @include(if: $preselected) {
      id
      employeeNumber
      name { en zh }
      team { id name { en zh } }
    }
  }
`);

const ScoreDoc = graphql(`
  mutation TrainerScoreRubric($input: ScoreInput!) {
    scoreRubric(input: $input) {
      id
      weightedScore
      comment
      scoredAt
      employee { id name { en zh } }
      rubric { id name { en zh } }
      items { level comment criterion { id name { en zh } } }
    }
  }
`);

type Channel = 'CALL' | 'CHAT' | 'EMAIL' | 'OTHER';
const channels: Channel[] = ['CALL', 'CHAT', 'EMAIL', 'OTHER'];
type Scorecard = TrainerScoreRubricMutation['scoreRubric'];

function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function RubricScoreForm({ employeeId: preset, onScored }: RubricScoreFormProps) {
  const { t } = useTranslation('trainer');
  const { t: tc } = useTranslation();
  const { loc, num, date } = useFormat();
  const [rubricId, setRubricId] = useState('');
  const [search, setSearch] = useState('');
  const [employee, setEmployee] = useState<{ id: string; label: string } | null>(null);
  const [channel, setChannel] = useState<Channel | ''>('CALL');
  const [ref, setRef] = useState('');
  const [on, setOn] = useState(today());
  const [levels, setLevels] = useState<Record<string, number>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<Scorecard | null>(null);
  const text = useDebounced(search.trim());

  const [{ data, fetching, error: loadError }] = useQuery({
    query: DataDoc,
    variables: { text: text || undefined, employeeId: preset ?? '0', preselected: !!preset },
  });
  const [, score] = useMutation(ScoreDoc);

  if (!data) return fetching ? <Loading /> : <ErrorNotice error={loadError} />;

  const rubrics = data.rubrics.filter((r) => r.status === 'PUBLISHED');
  const rubric = rubrics.find((r) => r.id === rubricId);
  const levelName = (n: number) => loc(data.competencyFramework?.levels.find((l) => l.level === n)?.name);
  const fieldErrors: Record<string, string> = {};
  if (error)
    for (const p of problems(error)) if (p.field) fieldErrors[p.field] = problemText(tc, { ...p, field: undefined });

  const chosenId = preset ?? employee?.id ?? '';
  const people = data.employees?.nodes ?? [];
  const options = employee && !people.some((p) => p.id === employee.id) ? [{ id: employee.id, label: employee.label }] : [];

  const reset = () => {
    setSaved(null);
    setLevels({});
    setNotes({});
    setComment('');
    setRef('');
    setError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!rubric) return;
    setBusy(true);
    setError(null);
    const res = await score({
      input: {
        rubricId: rubric.id,
        employeeId: chosenId,
        channel: channel || undefined,
        interactionRef: ref.trim() || undefined,
        interactionOn: on || undefined,
        comment: comment.trim() || undefined,
        items: rubric.criteria.map((c) => ({ criterionId: c.id, level: levels[c.id] ?? 0, comment: notes[c.id]?.trim() || undefined })),
      },
    });
    setBusy(false);
    if (res.error) return setError(res.error);
    const card = res.data!.scoreRubric;
    setSaved(card);
    onScored?.(card.id);
  };

  if (saved) {
    return (
      <Card title={t('score.resultTitle')}>
        <Success>{t('score.saved')}</Success>
        <dl className="trainer-facts">
          <div>
            <dt>{t('score.employee')}</dt>
            <dd>{saved.employee ? loc(saved.employee.name) : '—'}</dd>
          </div>
          <div>
            <dt>{t('score.rubric')}</dt>
            <dd>{loc(saved.rubric.name)}</dd>
          </div>
          <div>
            <dt>{t('score.weighted')}</dt>
            <dd>
              <strong>{t('score.outOf', { score: num(saved.weightedScore, 2) })}</strong>
              <Meter value={saved.weightedScore} label={t('score.weighted')} />
            </dd>
          </div>
          <div>
            <dt>{t('score.scoredAt')}</dt>
            <dd>{date(saved.scoredAt)}</dd>
          </div>
        </dl>
        <div className="table-wrap trainer-wrap">
          <table>
            <caption className="sr-only">{t('score.levels')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('score.criterion')}</th>
                <th scope="col">{t('score.level')}</th>
                <th scope="col">{t('score.itemComment')}</th>
              </tr>
            </thead>
            <tbody>
              {saved.items.map((it) => (
                <tr key={it.criterion.id}>
                  <th scope="row">{loc(it.criterion.name)}</th>
                  <td>{t('score.levelN', { level: it.level, name: levelName(it.level) })}</td>
                  <td>{it.comment || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {saved.comment && <p>{saved.comment}</p>}
        <Button variant="primary" onClick={reset}>
          {t('score.another')}
        </Button>
      </Card>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('score.formLabel')}>
      <Card title={t('score.what')}>
        <ErrorNotice error={error} />
        <div className="form-row trainer-form">
          <Field label={t('score.rubric')} error={fieldErrors.rubricId}>
            {(id) => (
              <select id={id} value={rubricId} onChange={(e) => setRubricId(e.target.value)} required>
                <option value="">{t('score.chooseRubric')}</option>
                {rubrics.map((r) => (
                  <option key={r.id} value={r.id}>
                    {loc(r.name)} ({t(`rubricPurpose.${r.purpose}`)})
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {preset ? (
          <p>
            <strong>{t('score.employee')}:</strong>{' '}
            {data.employee ? `${loc(data.employee.name)} (${data.employee.employeeNumber})` : <span className="muted">{t('score.noEmployee')}</span>}
          </p>
        ) : (
          <div className="form-row trainer-form">
            <Field label={t('score.findEmployee')} hint={t('score.findHint')}>
              {(id) => <input id={id} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />}
            </Field>
            <Field label={t('score.employee')} error={fieldErrors.employeeId}>
              {(id) => (
                <select
                  id={id}
                  value={employee?.id ?? ''}
                  required
                  onChange={(e) => {
                    const p = people.find((x) => x.id === e.target.value);
                    setEmployee(p ? { id: p.id, label: `${loc(p.name)} (${p.employeeNumber})` } : null);
                  }}
                >
                  <option value="">{people.length ? t('score.chooseEmployee') : t('score.noneFound')}</option>
                  {options.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.label}
                    </option>
                  ))}
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {loc(p.name)} ({p.employeeNumber}){p.team ? ` · ${loc(p.team.name)}` : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        )}
        <div className="form-row trainer-form">
          <Field label={t('score.channel')} error={fieldErrors.channel}>
            {(id) => (
              <select id={id} value={channel} onChange={(e) => setChannel(e.target.value as Channel | '')}>
                <option value="">{t('score.noChannel')}</option>
                {channels.map((c) => (
                  <option key={c} value={c}>
                    {t(`channel.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('score.ref')} hint={t('score.refHint')} error={fieldErrors.interactionRef}>
            {(id) => <input id={id} value={ref} maxLength={200} onChange={(e) => setRef(e.target.value)} />}
          </Field>
          <Field label={t('score.on')} error={fieldErrors.interactionOn}>
            {(id) => <input id={id} type="date" max={today()} value={on} onChange={(e) => setOn(e.target.value)} />}
          </Field>
        </div>
      </Card>
      {!rubric ? (
        <Card title={t('score.criteria')}>
          <Empty>{rubrics.length ? t('score.pickRubric') : t('score.noRubrics')}</Empty>
        </Card>
      ) : (
        <Card title={t('score.criteria')}>
          {fieldErrors.items && (
            <p className="notice error" role="alert">
              {fieldErrors.items}
            </p>
          )}
          {rubric.criteria.map((c, i) => {
            const err = fieldErrors[`items[${i}].level`];
            const descriptors = [...c.descriptors].sort((a, b) => a.level - b.level);
            return (
              <fieldset key={c.id} className={`trainer-fieldset trainer-criterion${err ? ' invalid' : ''}`}>
                <legend>
                  {loc(c.name)} <Badge tone="info">{t('score.weight', { weight: num(c.weight) })}</Badge>
                </legend>
                <p className="muted">{t('score.measures', { competency: loc(c.competency.name) })}</p>
                <div className="trainer-levels">
                  {descriptors.map((d) => (
                    <label key={d.level} className={levels[c.id] === d.level ? 'chosen' : undefined}>
                      <input
                        type="radio"
                        name={`criterion-${c.id}`}
                        value={d.level}
                        checked={levels[c.id] === d.level}
                        onChange={() => setLevels((l) => ({ ...l, [c.id]: d.level }))}
                      />
                      <span>
                        <strong>{t('score.levelN', { level: d.level, name: levelName(d.level) })}</strong>
                        <span className="trainer-descriptor">{loc(d.text)}</span>
                      </span>
                    </label>
                  ))}
                </div>
                {err && (
                  <small className="field-error trainer-error" role="alert">
                    {err}
                  </small>
                )}
                <Field label={t('score.criterionComment', { criterion: loc(c.name) })}>
                  {(id) => <textarea id={id} value={notes[c.id] ?? ''} onChange={(e) => setNotes((n) => ({ ...n, [c.id]: e.target.value }))} />}
                </Field>
              </fieldset>
            );
          })}
          <Field label={t('score.comment')} error={fieldErrors.comment}>
            {(id) => <textarea id={id} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} />}
          </Field>
          <button type="submit" className="btn primary" disabled={busy || !chosenId} aria-busy={busy || undefined}>
            {t('score.submit')}
          </button>
        </Card>
      )}
    </form>
  );
}
