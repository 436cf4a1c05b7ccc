// /trainer/grading: attempts waiting for the viewer's marks, oldest first;
// /trainer/grading/:id: one attempt's answers, the short ones to grade.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { Badge, Card, Empty, ErrorNotice, Field, Loading, Page, Pager, Success, usePaged } from '../../components/ui';
import { useFormat } from '../../lib/format';
import { sentences, useFieldErrors } from './shared';

const QueueDoc = graphql(`
  query TrainerGradingQueue {
    gradingQueue {
      id
      status
      submittedAt
      timedOut
      learner { id employeeNumber name { en zh } }
      assessment { id code title { en zh } }
    }
  }
`);

const AttemptDoc = graphql(`
  query TrainerGradeAttempt($id: ID!) {
    attempt(id: $id) {
      id
      status
      submittedAt
      score
      maxScore
      percent
      passed
      timedOut
      learner { id employeeNumber name { en zh } }
      assessment { id code title { en zh } passMark }
    }
    attemptReview(attemptId: $id) {
      question { id kind text { en zh } points options { id text { en zh } correct } }
      selectedOptionIds
      text
      points
      comment
    }
  }
`);

const GradeDoc = graphql(`
  mutation TrainerGradeAttemptSave($attemptId: ID!, $grades: [GradeInput!]!) {
    gradeAttempt(attemptId: $attemptId, grades: $grades) {
      id
      status
      score
      maxScore
      percent
      passed
    }
  }
`);

export function GradingQueue() {
  const { t } = useTranslation('trainer');
  const { loc, dateTime } = useFormat();
  const [{ data, fetching, error }] = useQuery({ query: QueueDoc });
  const paged = usePaged(data?.gradingQueue, 10);
  return (
    <Page title={t('grading.title')}>
      <Card title={t('grading.queue')}>
        <ErrorNotice error={error} />
        {fetching && !data && <Loading />}
        {data && data.gradingQueue.length === 0 && <Empty>{t('grading.empty')}</Empty>}
        {data && data.gradingQueue.length > 0 && (
          <>
            <div className="table-wrap trainer-wrap">
              <table>
                <caption className="sr-only">{t('grading.queue')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('grading.learner')}</th>
                    <th scope="col">{t('grading.test')}</th>
                    <th scope="col">{t('grading.submitted')}</th>
                    <th scope="col">{t('common:actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {paged.rows.map((a) => {
                    const who = loc(a.learner.name);
                    return (
                      <tr key={a.id}>
                        <th scope="row">{who}</th>
                        <td>
                          {loc(a.assessment.title)} <span className="muted">({a.assessment.code})</span>
                        </td>
                        <td>
                          {dateTime(a.submittedAt)}
                          {a.timedOut && (
                            <>
                              {' '}
                              <Badge tone="warn">{t('grading.timedOut')}</Badge>
                            </>
                          )}
                        </td>
                        <td>
                          <Link to={`/trainer/grading/${a.id}`} aria-label={t('grading.openFor', { name: who })}>
                            {t('grading.open')}
                          </Link>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pager {...paged} />
          </>
        )}
      </Card>
    </Page>
  );
}

export function GradeAttempt() {
  const { id = '' } = useParams();
  const { t } = useTranslation('trainer');
  const { loc, num, pct, lang } = useFormat();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: AttemptDoc, variables: { id } });
  const [, grade] = useMutation(GradeDoc);
  const [marks, setMarks] = useState<Record<string, { points: string; comment: string }>>({});
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const errs = useFieldErrors(saveError);
  const a = data?.attempt;
  const review = data?.attemptReview ?? [];

  const title = a ? t('grading.attemptTitle', { test: loc(a.assessment.title) }) : t('grading.title');
  if (!a)
    return (
      <Page title={title}>
        <ErrorNotice error={error} />
        {fetching ? <Loading /> : !error && <Empty>{t('grading.notFound')}</Empty>}
      </Page>
    );

  const short = review.filter((r) => r.question.kind === 'SHORT_ANSWER');
  const auto = review.filter((r) => r.question.kind !== 'SHORT_ANSWER');
  const open = a.status === 'AWAITING_GRADING';
  const mark = (qid: string, r: (typeof review)[number]) => marks[qid] ?? { points: r.points == null ? '' : String(r.points), comment: r.comment };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setSaveError(null);
    const grades = short.map((r) => {
      const m = mark(r.question.id, r);
      return { questionId: r.question.id, points: m.points.trim() === '' ? -1 : Number(m.points), comment: m.comment.trim() || undefined };
    });
    const res = await grade({ attemptId: a.id, grades });
    setBusy(false);
    if (res.error) return setSaveError(res.error);
    setDone(true);
    reexecute({ requestPolicy: 'network-only' });
  };

  return (
    <Page title={title} actions={<Link to="/trainer/grading">{t('grading.back')}</Link>}>
      <Card title={t('grading.attempt')}>
        <dl className="trainer-facts">
          <div>
            <dt>{t('grading.learner')}</dt>
            <dd>{`${loc(a.learner.name)} (${a.learner.employeeNumber})`}</dd>
          </div>
          <div>
            <dt>{t('grading.passMark')}</dt>
            <dd>{pct(a.assessment.passMark / 100)}</dd>
          </div>
          <div>
            <dt>{t('grading.status')}</dt>
            <dd>
              <Badge tone={open ? 'warn' : 'ok'}>{t(`attemptStatus.${a.status}`)}</Badge>
            </dd>
          </div>
          {a.score != null && (
            <div>
              <dt>{t('grading.score')}</dt>
              <dd>
                {t('grading.scoreOf', { score: num(a.score), max: num(a.maxScore) })} · {pct((a.percent ?? 0) / 100)}{' '}
                {a.passed != null && <Badge tone={a.passed ? 'ok' : 'bad'}>{a.passed ? t('grading.passed') : t('grading.failed')}</Badge>}
              </dd>
            </div>
          )}
        </dl>
      </Card>
      {done && (
        <Success>
          {sentences(lang, [
            t('grading.saved'),
            a.score != null && `${t('grading.scoreOf', { score: num(a.score), max: num(a.maxScore) })} · ${a.passed ? t('grading.passed') : t('grading.failed')}`,
          ])}
        </Success>
      )}
      <Card title={t('grading.shortAnswers')}>
        <ErrorNotice error={saveError} />
        {short.length === 0 ? (
          <Empty>{t('grading.noShort')}</Empty>
        ) : (
          <form onSubmit={submit} noValidate>
            {short.map((r, i) => {
              const q = r.question;
              const m = mark(q.id, r);
              const set = (patch: Partial<typeof m>) => setMarks((all) => ({ ...all, [q.id]: { ...m, ...patch } }));
              return (
                <section key={q.id} className="trainer-answer" aria-labelledby={`q-${q.id}`}>
                  <h3 id={`q-${q.id}`}>{t('grading.questionN', { n: i + 1, points: num(q.points) })}</h3>
                  <p>{loc(q.text)}</p>
                  <p className="trainer-label">{t('grading.answer')}</p>
                  <blockquote className="trainer-quote">{r.text ? r.text : <span className="muted">{t('grading.noAnswer')}</span>}</blockquote>
                  <div className="form-row trainer-form">
                    <Field
                      label={t('grading.points', { max: num(q.points) })}
                      error={errs[`grades[${i}].points`] ?? errs[`grades[${i}]`]}
                    >
                      {(fid) => (
                        <input
                          id={fid}
                          type="number"
                          min="0"
                          max={q.points}
                          step="0.5"
                          inputMode="decimal"
                          value={m.points}
                          disabled={!open}
                          required
                          onChange={(e) => set({ points: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field label={t('grading.comment')}>
                      {(fid) => <textarea id={fid} value={m.comment} disabled={!open} onChange={(e) => set({ comment: e.target.value })} />}
                    </Field>
                  </div>
                </section>
              );
            })}
            {open && (
              <button type="submit" className="btn primary" disabled={busy} aria-busy={busy || undefined}>
                {t('grading.submit')}
              </button>
            )}
          </form>
        )}
      </Card>
      {auto.length > 0 && (
        <Card title={t('grading.autoScored')}>
          <div className="table-wrap trainer-wrap">
            <table>
              <caption className="sr-only">{t('grading.autoScored')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('grading.question')}</th>
                  <th scope="col">{t('grading.chosen')}</th>
                  <th scope="col" className="num">
                    {t('grading.pointsCol')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {auto.map((r) => {
                  const chosen = r.question.options.filter((o) => r.selectedOptionIds.includes(o.id));
                  const got = r.points ?? 0;
                  const tone = got >= r.question.points ? 'ok' : got > 0 ? 'warn' : 'bad';
                  const verdict = got >= r.question.points ? t('grading.correct') : got > 0 ? t('grading.partial') : t('grading.incorrect');
                  return (
                    <tr key={r.question.id}>
                      <th scope="row">{loc(r.question.text)}</th>
                      <td>
                        {chosen.length ? chosen.map((o) => loc(o.text)).join('; ') : <span className="muted">{t('grading.noAnswer')}</span>}{' '}
                        <Badge tone={tone}>{verdict}</Badge>
                      </td>
                      <td className="num">{t('grading.scoreOf', { score: num(r.points ?? 0), max: num(r.question.points) })}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </Page>
  );
}
