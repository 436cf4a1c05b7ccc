// /me/tests: the tests of the viewer's courses and the tests assigned to
// them, with their results; /me/tests/:id: one test — start (or resume) an
// attempt, answer in the viewer's language against the clock, submit, and
// see the result and the review.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AnswerInput, EmployeeAttemptQuestionsQuery, EmployeeTestQuery } from '../../gql/graphql';
import { Badge, Button, Card, Empty, ErrorNotice, Field, Loading, Page, Pager, Success, usePaged } from '../../components/ui';
import { useFormat } from '../../lib/format';
import { AttemptBadge, QueryState, TableWrap } from './shared';

export const TestsDoc = graphql(`
  query EmployeeTests {
    me {
      id
      enrollments {
        id
        status
        dueOn
        overdue
        course { id code title { en zh } assessments { id title { en zh } isFinal passMark timeLimitMinutes maxAttempts status } }
        assessment { id title { en zh } isFinal passMark timeLimitMinutes maxAttempts status }
      }
      attempts { id status percent passed startedAt submittedAt timedOut assessment { id title { en zh } } }
    }
  }
`);

interface TestRow {
  id: string;
  title: { en: string; zh: string };
  isFinal: boolean;
  passMark: number;
  timeLimitMinutes?: number | null;
  maxAttempts?: number | null;
  course?: { id: string; title: { en: string; zh: string } };
  dueOn?: string | null;
  overdue: boolean;
}

export function Tests() {
  const { t } = useTranslation('employee');
  const { loc, date, dateTime, num } = useFormat();
  const [{ data, fetching, error }] = useQuery({ query: TestsDoc });
  const tests = useMemo(() => {
    const out: TestRow[] = [];
    for (const e of data?.me.enrollments ?? []) {
      if (e.status === 'WITHDRAWN') continue;
      if (e.assessment && e.assessment.status === 'PUBLISHED') out.push({ ...e.assessment, dueOn: e.dueOn, overdue: e.overdue });
      for (const a of e.course?.assessments ?? [])
        if (a.status === 'PUBLISHED' && !out.some((o) => o.id === a.id)) out.push({ ...a, course: e.course!, dueOn: e.status === 'COMPLETED' ? null : e.dueOn, overdue: e.overdue });
    }
    return out;
  }, [data]);
  const attempts = data?.me.attempts ?? [];
  const paged = usePaged(tests, 10);
  const pagedAttempts = usePaged(attempts, 10);
  return (
    <Page title={t('tests.title')}>
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {() => (
          <>
            <Card title={t('tests.mine')}>
              {tests.length === 0 ? (
                <Empty>{t('tests.none')}</Empty>
              ) : (
                <>
                  <TableWrap label={t('tests.mine')}>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('tests.test')}</th>
                          <th scope="col">{t('tests.rules')}</th>
                          <th scope="col">{t('tests.result')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {paged.rows.map((a) => {
                          const mine = attempts.filter((x) => x.assessment.id === a.id);
                          const last = mine[0];
                          return (
                            <tr key={a.id}>
                              <th scope="row">
                                <Link to={`/me/tests/${a.id}`}>{loc(a.title)}</Link> {a.isFinal && <Badge tone="warn">{t('test.final')}</Badge>}
                                {a.course && <div className="muted employee-sub">{loc(a.course.title)}</div>}
                              </th>
                              <td>
                                {t('test.passMark', { mark: a.passMark })}
                                <div className="muted">
                                  {a.timeLimitMinutes ? t('test.timeLimit', { count: a.timeLimitMinutes }) : t('test.noTimeLimit')}
                                  {a.maxAttempts ? ` · ${t('test.attemptsUsed', { used: mine.length, max: a.maxAttempts })}` : ''}
                                </div>
                              </td>
                              <td>
                                {last ? (
                                  <>
                                    <AttemptBadge status={last.status} passed={last.passed} /> {last.percent != null && <span className="num">{num(last.percent, 0)}%</span>}
                                  </>
                                ) : (
                                  <span className="muted">{t('tests.notTaken')}</span>
                                )}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </TableWrap>
                  <Pager {...paged} />
                </>
              )}
            </Card>
            <Card title={t('tests.history')}>
              {attempts.length === 0 ? (
                <Empty>{t('tests.noAttempts')}</Empty>
              ) : (
                <>
                  <TableWrap label={t('tests.history')}>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('tests.test')}</th>
                          <th scope="col">{t('tests.when')}</th>
                          <th scope="col">{t('tests.result')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {pagedAttempts.rows.map((x) => (
                          <tr key={x.id}>
                            <th scope="row">
                              <Link to={`/me/tests/${x.assessment.id}`}>{loc(x.assessment.title)}</Link>
                            </th>
                            <td>{x.submittedAt ? dateTime(x.submittedAt) : date(x.startedAt)}</td>
                            <td>
                              <AttemptBadge status={x.status} passed={x.passed} /> {x.percent != null && <span className="num">{num(x.percent, 0)}%</span>}{' '}
                              {x.timedOut && <Badge tone="warn">{t('test.timedOut')}</Badge>}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableWrap>
                  <Pager {...pagedAttempts} />
                </>
              )}
            </Card>
          </>
        )}
      </QueryState>
    </Page>
  );
}

export const TestDoc = graphql(`
  query EmployeeTest($id: ID!) {
    assessment(id: $id) {
      id
      code
      title { en zh }
      description { en zh }
      course { id title { en zh } }
      isFinal
      passMark
      timeLimitMinutes
      maxAttempts
      drawCount
      status
      certifies { competency { id name { en zh } } level }
      myAttempts { id status startedAt deadlineAt submittedAt score maxScore percent passed timedOut }
    }
  }
`);

const StartDoc = graphql(`
  mutation EmployeeStartAttempt($id: ID!) {
    startAttempt(assessmentId: $id) { id status deadlineAt assessment { id } }
  }
`);

export const QuestionsDoc = graphql(`
  query EmployeeAttemptQuestions($attemptId: ID!) {
    attemptQuestions(attemptId: $attemptId) {
      id
      kind
      text { en zh }
      points
      options { id text { en zh } }
      selectedOptionIds
      textAnswer
    }
  }
`);

const SaveDoc = graphql(`
  mutation EmployeeSaveAnswers($attemptId: ID!, $answers: [AnswerInput!]!) {
    saveAnswers(attemptId: $attemptId, answers: $answers) { id status }
  }
`);

const SubmitDoc = graphql(`
  mutation EmployeeSubmitAttempt($attemptId: ID!, $answers: [AnswerInput!]!) {
    submitAttempt(attemptId: $attemptId, answers: $answers) { id status score maxScore percent passed timedOut submittedAt assessment { id } }
  }
`);

export const ReviewDoc = graphql(`
  query EmployeeAttemptReview($attemptId: ID!) {
    attemptReview(attemptId: $attemptId) {
      question { id kind text { en zh } points explanation { en zh } options { id text { en zh } correct } }
      selectedOptionIds
      text
      points
      comment
    }
  }
`);

type Assessment = NonNullable<EmployeeTestQuery['assessment']>;
type Attempt = Assessment['myAttempts'][number];

export function TakeTest() {
  const { t } = useTranslation('employee');
  const { loc } = useFormat();
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: TestDoc, variables: { id } });
  const a = data?.assessment;
  return (
    <Page title={a ? loc(a.title) : t('test.title')} actions={<Link to="/me/tests">{t('test.back')}</Link>}>
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {() => (a ? <TestBody a={a} /> : <Empty>{t('test.notFound')}</Empty>)}
      </QueryState>
    </Page>
  );
}

/** Why a new attempt cannot start, if it cannot. */
export function blockedReason(a: Pick<Assessment, 'status' | 'maxAttempts' | 'myAttempts'>): string | null {
  if (a.status !== 'PUBLISHED') return 'closed';
  if (a.myAttempts.some((x) => x.status === 'IN_PROGRESS')) return null;
  if (a.myAttempts.some((x) => x.passed)) return 'passed';
  if (a.myAttempts.some((x) => x.status === 'AWAITING_GRADING')) return 'awaiting';
  const submitted = a.myAttempts.filter((x) => x.status !== 'IN_PROGRESS').length;
  if (a.maxAttempts != null && submitted >= a.maxAttempts) return 'exhausted';
  return null;
}

function TestBody({ a }: { a: Assessment }) {
  const { t } = useTranslation('employee');
  const { loc, dateTime, num } = useFormat();
  const [attempt, setAttempt] = useState<{ id: string; deadlineAt?: string | null } | null>(null);
  const [result, setResult] = useState<Attempt | null>(null);
  const [{ fetching: starting, error: startError }, start] = useMutation(StartDoc);
  const open = a.myAttempts.find((x) => x.status === 'IN_PROGRESS');
  const blocked = blockedReason(a);
  const doStart = async () => {
    setResult(null);
    const r = await start({ id: a.id });
    if (r.data) setAttempt({ id: r.data.startAttempt.id, deadlineAt: r.data.startAttempt.deadlineAt });
  };
  const { rows, ...pager } = usePaged(a.myAttempts, 5);
  return (
    <div className="stack">
      <Card title={t('test.about')}>
        {loc(a.description) && <p>{loc(a.description)}</p>}
        <dl className="employee-facts">
          {a.course && (
            <>
              <dt>{t('test.course')}</dt>
              <dd>
                <Link to={`/me/courses/${a.course.id}`}>{loc(a.course.title)}</Link> {a.isFinal && <Badge tone="warn">{t('test.final')}</Badge>}
              </dd>
            </>
          )}
          <dt>{t('test.passMarkLabel')}</dt>
          <dd>{num(a.passMark, 0)}%</dd>
          <dt>{t('test.timeLimitLabel')}</dt>
          <dd>{a.timeLimitMinutes ? t('test.minutes', { count: a.timeLimitMinutes }) : t('test.noTimeLimit')}</dd>
          <dt>{t('test.attemptsLabel')}</dt>
          <dd>{a.maxAttempts ? t('test.attemptsUsed', { used: a.myAttempts.filter((x) => x.status !== 'IN_PROGRESS').length, max: a.maxAttempts }) : t('test.unlimited')}</dd>
          {a.certifies.length > 0 && (
            <>
              <dt>{t('test.certifies')}</dt>
              <dd>{a.certifies.map((c) => t('test.certifiesLevel', { competency: loc(c.competency.name), level: c.level })).join(' · ')}</dd>
            </>
          )}
        </dl>
        {!attempt && (
          <>
            <ErrorNotice error={startError} />
            {blocked ? (
              <p className="notice warn" role="status">
                {t(`test.blocked.${blocked}`)}
              </p>
            ) : (
              <Button variant="primary" busy={starting} onClick={doStart}>
                {open ? t('test.resume') : t('test.start')}
              </Button>
            )}
          </>
        )}
      </Card>
      {attempt && (
        <AttemptForm
          attemptId={attempt.id}
          deadlineAt={attempt.deadlineAt}
          onDone={(r) => {
            setResult(r);
            setAttempt(null);
          }}
        />
      )}
      {result && <ResultCard result={result} passMark={a.passMark} />}
      {a.myAttempts.length > 0 && (
        <Card title={t('test.myAttempts')}>
          <TableWrap label={t('test.myAttempts')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('test.started')}</th>
                  <th scope="col">{t('tests.result')}</th>
                  <th scope="col" className="num">
                    {t('test.score')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((x) => (
                  <tr key={x.id}>
                    <th scope="row">{dateTime(x.startedAt)}</th>
                    <td>
                      <AttemptBadge status={x.status} passed={x.passed} /> {x.timedOut && <Badge tone="warn">{t('test.timedOut')}</Badge>}
                    </td>
                    <td className="num">{x.percent != null ? `${num(x.percent, 0)}%` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager {...pager} />
        </Card>
      )}
    </div>
  );
}

type Question = EmployeeAttemptQuestionsQuery['attemptQuestions'][number];
type Answers = Record<string, { optionIds: string[]; text: string }>;

export function toInput(questions: readonly Question[], answers: Answers): AnswerInput[] {
  return questions.map((q) => {
    const a = answers[q.id] ?? { optionIds: [], text: '' };
    return q.kind === 'SHORT_ANSWER' ? { questionId: q.id, text: a.text } : { questionId: q.id, optionIds: a.optionIds };
  });
}

function answered(q: Question, a: Answers[string] | undefined): boolean {
  if (!a) return false;
  return q.kind === 'SHORT_ANSWER' ? a.text.trim() !== '' : a.optionIds.length > 0;
}

/** Seconds left until the deadline, ticking each second. */
function useCountdown(deadlineAt?: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!deadlineAt) return;
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, [deadlineAt]);
  if (!deadlineAt) return null;
  return Math.max(0, Math.floor((new Date(deadlineAt).getTime() - now) / 1000));
}

function AttemptForm({ attemptId, deadlineAt, onDone }: { attemptId: string; deadlineAt?: string | null; onDone: (r: Attempt) => void }) {
  const { t } = useTranslation('employee');
  const { loc } = useFormat();
  const [{ data, fetching, error }] = useQuery({ query: QuestionsDoc, variables: { attemptId }, requestPolicy: 'network-only' });
  const questions = data?.attemptQuestions;
  const [answers, setAnswers] = useState<Answers | null>(null);
  useEffect(() => {
    if (questions && !answers) setAnswers(Object.fromEntries(questions.map((q) => [q.id, { optionIds: q.selectedOptionIds, text: q.textAnswer }])));
  }, [questions, answers]);
  const [{ fetching: saving, error: saveError }, save] = useMutation(SaveDoc);
  const [{ fetching: submitting, error: submitError }, submit] = useMutation(SubmitDoc);
  const [savedAt, setSavedAt] = useState(false);
  const left = useCountdown(deadlineAt);
  const autoSubmitted = useRef(false);

  const doSubmit = async () => {
    if (!questions || !answers) return;
    const r = await submit({ attemptId, answers: toInput(questions, answers) });
    if (r.data) onDone({ ...r.data.submitAttempt, startedAt: '', deadlineAt } as Attempt);
  };
  useEffect(() => {
    if (left === 0 && !autoSubmitted.current && questions && answers) {
      autoSubmitted.current = true;
      void doSubmit();
    }
  });
  if (!questions || !answers) return <QueryState fetching={fetching} error={error} hasData={false}>{() => null}</QueryState>;

  const set = (qid: string, v: Partial<Answers[string]>) => {
    setSavedAt(false);
    setAnswers((prev) => ({ ...prev!, [qid]: { ...prev![qid], ...v } }));
  };
  const onSave = async () => {
    const r = await save({ attemptId, answers: toInput(questions, answers) });
    if (!r.error) setSavedAt(true);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void doSubmit();
  };
  const open = questions.filter((q) => !answered(q, answers[q.id])).length;
  const mm = left != null ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` : '';
  return (
    <Card
      title={t('test.questions')}
      actions={
        left != null && (
          <span className={`employee-timer${left < 120 ? ' low' : ''}`} role="timer" aria-label={t('test.timeLeftLabel')}>
            {t('test.timeLeft', { time: mm })}
          </span>
        )
      }
    >
      <form onSubmit={onSubmit} className="employee-quiz">
        <ol>
          {questions.map((q, i) => {
            const a = answers[q.id];
            const legend = (
              <legend>
                <span className="employee-qnum">{t('test.questionN', { n: i + 1 })}</span> {loc(q.text)} <span className="muted">({t('test.points', { count: q.points })})</span>
              </legend>
            );
            return (
              <li key={q.id}>
                {q.kind === 'SHORT_ANSWER' ? (
                  <fieldset>
                    {legend}
                    <Field label={t('test.yourAnswer')}>{(fid) => <textarea id={fid} value={a.text} onChange={(e) => set(q.id, { text: e.target.value })} rows={4} />}</Field>
                  </fieldset>
                ) : (
                  <fieldset>
                    {legend}
                    {q.kind === 'MULTIPLE_CHOICE' && <p className="muted employee-hint">{t('test.chooseAll')}</p>}
                    {q.options.map((o) => {
                      const multi = q.kind === 'MULTIPLE_CHOICE';
                      const checked = a.optionIds.includes(o.id);
                      return (
                        <label key={o.id} className="employee-option">
                          <input
                            type={multi ? 'checkbox' : 'radio'}
                            name={`q-${q.id}`}
                            value={o.id}
                            checked={checked}
                            onChange={() =>
                              set(q.id, { optionIds: multi ? (checked ? a.optionIds.filter((x) => x !== o.id) : [...a.optionIds, o.id]) : [o.id] })
                            }
                          />{' '}
                          {loc(o.text)}
                        </label>
                      );
                    })}
                  </fieldset>
                )}
              </li>
            );
          })}
        </ol>
        <ErrorNotice error={saveError ?? submitError} />
        {savedAt && <Success>{t('test.saved')}</Success>}
        {open > 0 && <p className="muted">{t('test.unanswered', { count: open })}</p>}
        <div className="actions">
          <Button onClick={onSave} busy={saving} disabled={submitting}>
            {t('test.save')}
          </Button>
          <Button type="submit" variant="primary" busy={submitting}>
            {t('test.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function ResultCard({ result, passMark }: { result: Attempt; passMark: number }) {
  const { t } = useTranslation('employee');
  const { num } = useFormat();
  const graded = result.status === 'GRADED';
  return (
    <>
      <Card title={t('test.resultTitle')}>
        <div className="employee-result" role="status">
          {graded ? (
            <>
              <p className="employee-big">{num(result.percent ?? 0, 0)}%</p>
              <AttemptBadge status={result.status} passed={result.passed} />
              <p>{t('test.scoreOf', { score: num(result.score ?? 0), max: num(result.maxScore ?? 0), mark: passMark })}</p>
            </>
          ) : (
            <>
              <AttemptBadge status={result.status} passed={result.passed} />
              <p>{t('test.waiting')}</p>
            </>
          )}
          {result.timedOut && <p className="notice warn">{t('test.timedOutNote')}</p>}
        </div>
      </Card>
      <Review attemptId={result.id} />
    </>
  );
}

function Review({ attemptId }: { attemptId: string }) {
  const { t } = useTranslation('employee');
  const { loc, num } = useFormat();
  const [{ data, fetching, error }] = useQuery({ query: ReviewDoc, variables: { attemptId } });
  return (
    <Card title={t('test.review')}>
      {fetching && !data ? (
        <Loading />
      ) : (
        <>
          <ErrorNotice error={error} />
          <ol className="employee-review">
            {data?.attemptReview.map((r) => (
              <li key={r.question.id}>
                <h3>{loc(r.question.text)}</h3>
                {r.question.kind === 'SHORT_ANSWER' ? (
                  <p>
                    {t('test.yourAnswer')}: {r.text || '—'}
                  </p>
                ) : (
                  <ul>
                    {r.question.options.map((o) => {
                      const chosen = r.selectedOptionIds.includes(o.id);
                      return (
                        <li key={o.id}>
                          {loc(o.text)} {chosen && <Badge tone="info">{t('test.chosen')}</Badge>} {o.correct && <Badge tone="ok">{t('test.correct')}</Badge>}
                        </li>
                      );
                    })}
                  </ul>
                )}
                <p className="muted">
                  {r.points == null ? t('test.notGraded') : t('test.pointsOf', { points: num(r.points), max: num(r.question.points) })}
                  {r.comment && ` · ${r.comment}`}
                </p>
                {loc(r.question.explanation) && <p>{loc(r.question.explanation)}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}
