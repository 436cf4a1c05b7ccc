// /me/courses: the viewer's enrolments (open first, by due date) with due
// date, overdue badge and progress; /me/courses/:courseId: one course with
// its modules to tick off, its progress and its tests.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { EmployeeCourseQuery, EnrollmentStatus } from '../../gql/graphql';
import { Badge, Button, Card, Empty, ErrorNotice, Field, Meter, Page, Pager, Success, usePaged } from '../../components/ui';
import { useFormat } from '../../lib/format';
import { AttemptBadge, EnrollmentBadge, QueryState, TableWrap } from './shared';

export const CoursesDoc = graphql(`
  query EmployeeCourses {
    me {
      id
      learningLoad { hoursAssigned hoursDone hoursOverdue assigned completed overdue }
      enrollments {
        id
        status
        dueOn
        overdue
        percentComplete
        completedAt
        validUntil
        course { id code title { en zh } format estimatedHours }
        assessment { id code title { en zh } }
      }
    }
  }
`);

type Filter = 'open' | 'done' | 'all';
const open = (s: EnrollmentStatus) => s === 'ASSIGNED' || s === 'IN_PROGRESS';

export function Courses() {
  const { t } = useTranslation('employee');
  const { loc, date, num } = useFormat();
  const [{ data, fetching, error }] = useQuery({ query: CoursesDoc });
  const [filter, setFilter] = useState<Filter>('open');
  const all = data?.me.enrollments ?? [];
  const list = all.filter((e) => (filter === 'all' ? true : filter === 'open' ? open(e.status) : e.status === 'COMPLETED'));
  const { rows, ...pager } = usePaged(list, 10);
  const load = data?.me.learningLoad;
  return (
    <Page title={t('courses.title')}>
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {() => (
          <>
            {load && (
              <div className="employee-stats" aria-label={t('courses.load')} role="group">
                <p>
                  <span className="employee-big">{num(load.assigned, 0)}</span> {t('courses.openCount', { hours: num(load.hoursAssigned) })}
                </p>
                <p>
                  <span className="employee-big">{num(load.completed, 0)}</span> {t('courses.doneCount', { hours: num(load.hoursDone) })}
                </p>
                <p>
                  <span className="employee-big">{num(load.overdue, 0)}</span> {t('courses.overdueCount', { hours: num(load.hoursOverdue) })}
                </p>
              </div>
            )}
            <Card
              title={t('courses.listTitle')}
              actions={
                <Field label={t('courses.show')}>
                  {(id) => (
                    <select id={id} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
                      <option value="open">{t('courses.filterOpen')}</option>
                      <option value="done">{t('courses.filterDone')}</option>
                      <option value="all">{t('courses.filterAll')}</option>
                    </select>
                  )}
                </Field>
              }
            >
              {list.length === 0 ? (
                <Empty>{t('courses.none')}</Empty>
              ) : (
                <>
                  <TableWrap label={t('courses.listTitle')}>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('courses.course')}</th>
                          <th scope="col">{t('courses.due')}</th>
                          <th scope="col">{t('courses.status')}</th>
                          <th scope="col">{t('courses.progress')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((e) => {
                          const title = e.course ? loc(e.course.title) : e.assessment ? loc(e.assessment.title) : '—';
                          return (
                            <tr key={e.id}>
                              <th scope="row">
                                {e.course ? (
                                  <Link to={`/me/courses/${e.course.id}`}>{title}</Link>
                                ) : e.assessment ? (
                                  <Link to={`/me/tests/${e.assessment.id}`}>{title}</Link>
                                ) : (
                                  title
                                )}
                                <div className="muted employee-sub">
                                  {e.course
                                    ? `${e.course.code} · ${t(`format.${e.course.format}`)} · ${t('path.hours', { hours: num(e.course.estimatedHours) })}`
                                    : `${e.assessment?.code ?? ''} · ${t('courses.standaloneTest')}`}
                                </div>
                              </th>
                              <td>
                                {e.status === 'COMPLETED' ? (
                                  <>
                                    {t('courses.completedOn', { date: date(e.completedAt) })}
                                    {e.validUntil && <div className="muted">{t('courses.validUntil', { date: date(e.validUntil) })}</div>}
                                  </>
                                ) : e.dueOn ? (
                                  date(e.dueOn)
                                ) : (
                                  <span className="muted">{t('courses.noDue')}</span>
                                )}
                              </td>
                              <td>
                                <EnrollmentBadge status={e.status} overdue={e.overdue} />
                              </td>
                              <td className="employee-progress-cell">
                                <Meter value={e.percentComplete} label={t('courses.progressOf', { course: title })} />
                                <span className="num">{num(e.percentComplete, 0)}%</span>
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </TableWrap>
                  <Pager {...pager} />
                </>
              )}
            </Card>
          </>
        )}
      </QueryState>
    </Page>
  );
}

export const CourseDoc = graphql(`
  query EmployeeCourse($id: ID!) {
    course(id: $id) {
      id
      code
      title { en zh }
      summary { en zh }
      format
      estimatedHours
      ownerName { en zh }
      status
      certification
      validityMonths
      modules { id position title { en zh } summary { en zh } estimatedMinutes }
      competencies { competency { id name { en zh } } entryLevel targetLevel }
      prerequisites { enforced course { id code title { en zh } myEnrollment { id status } } }
      myEnrollment { id status dueOn overdue percentComplete completedModuleIds completedAt validUntil }
      assessments { id title { en zh } isFinal passMark timeLimitMinutes maxAttempts myAttempts { id status percent passed } }
    }
  }
`);

const CompleteModuleDoc = graphql(`
  mutation EmployeeCompleteModule($enrollmentId: ID!, $moduleId: ID!) {
    completeModule(enrollmentId: $enrollmentId, moduleId: $moduleId) { id status percentComplete completedModuleIds }
  }
`);

const EnrollDoc = graphql(`
  mutation EmployeeEnroll($courseId: ID!) {
    enroll(courseId: $courseId) { enrollment { id status } warnings }
  }
`);

export function CourseDetail() {
  const { t } = useTranslation('employee');
  const { loc } = useFormat();
  const { courseId = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CourseDoc, variables: { id: courseId } });
  const course = data?.course;
  return (
    <Page title={course ? loc(course.title) : t('course.title')} actions={<Link to="/me/courses">{t('course.back')}</Link>}>
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {() => (course ? <CourseBody course={course} refresh={() => reexecute({ requestPolicy: 'network-only' })} /> : <Empty>{t('course.notFound')}</Empty>)}
      </QueryState>
    </Page>
  );
}

type CourseData = NonNullable<EmployeeCourseQuery['course']>;

function CourseBody({ course, refresh }: { course: CourseData; refresh: () => void }) {
  const { t } = useTranslation('employee');
  const { loc, date, num } = useFormat();
  const e = course.myEnrollment;
  const enrolled = !!e && e.status !== 'WITHDRAWN';
  const done = new Set(e?.completedModuleIds ?? []);
  const [{ fetching: ticking, error: tickError, operation: tickOp }, tick] = useMutation(CompleteModuleDoc);
  const [{ fetching: enrolling, error: enrollError, data: enrollData }, enroll] = useMutation(EnrollDoc);
  const [justDone, setJustDone] = useState<string | null>(null);
  const { rows, ...pager } = usePaged(course.modules, 10);
  const complete = async (moduleId: string) => {
    if (!e) return;
    setJustDone(null);
    const r = await tick({ enrollmentId: e.id, moduleId });
    if (!r.error) setJustDone(moduleId);
  };
  const doEnroll = async () => {
    const r = await enroll({ courseId: course.id });
    if (!r.error) refresh();
  };
  const justTitle = justDone ? course.modules.find((m) => m.id === justDone) : null;
  return (
    <div className="stack">
      <Card title={t('course.about')}>
        <p>{loc(course.summary)}</p>
        <dl className="employee-facts">
          <dt>{t('course.code')}</dt>
          <dd>{course.code}</dd>
          <dt>{t('course.format')}</dt>
          <dd>{t(`format.${course.format}`)}</dd>
          <dt>{t('course.hours')}</dt>
          <dd>{t('path.hours', { hours: num(course.estimatedHours) })}</dd>
          <dt>{t('course.owner')}</dt>
          <dd>{loc(course.ownerName)}</dd>
          {course.certification && (
            <>
              <dt>{t('course.certification')}</dt>
              <dd>{course.validityMonths ? t('course.validFor', { count: course.validityMonths }) : t('course.validForever')}</dd>
            </>
          )}
        </dl>
        {course.competencies.length > 0 && (
          <>
            <h3>{t('course.develops')}</h3>
            <ul>
              {course.competencies.map((c) => (
                <li key={c.competency.id}>{t('path.closes', { competency: loc(c.competency.name), from: c.entryLevel, to: c.targetLevel })}</li>
              ))}
            </ul>
          </>
        )}
        {course.prerequisites.length > 0 && (
          <>
            <h3>{t('course.prerequisites')}</h3>
            <ul>
              {course.prerequisites.map((p) => (
                <li key={p.course.id}>
                  <Link to={`/me/courses/${p.course.id}`}>{loc(p.course.title)}</Link>{' '}
                  {p.course.myEnrollment?.status === 'COMPLETED' ? (
                    <Badge tone="ok">{t('enrollmentStatus.COMPLETED')}</Badge>
                  ) : (
                    <Badge tone={p.enforced ? 'bad' : 'warn'}>{p.enforced ? t('course.required') : t('course.advised')}</Badge>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>

      <Card title={t('course.progressTitle')}>
        {enrollData?.enroll.warnings.map((w, i) => (
          <div key={i} className="notice warn" role="status">
            {w}
          </div>
        ))}
        {enrolled && e ? (
          <>
            <p className="employee-badges">
              <EnrollmentBadge status={e.status} overdue={e.overdue} />
              {e.dueOn && e.status !== 'COMPLETED' && <span>{t('course.due', { date: date(e.dueOn) })}</span>}
              {e.status === 'COMPLETED' && <span>{t('courses.completedOn', { date: date(e.completedAt) })}</span>}
            </p>
            <div className="employee-progress">
              <Meter value={e.percentComplete} label={t('course.progressLabel')} />
              <span data-testid="course-percent">{t('course.percent', { value: num(e.percentComplete, 0) })}</span>
            </div>
          </>
        ) : (
          <>
            <p>{t('course.notEnrolled')}</p>
            <ErrorNotice error={enrollError} />
            <Button variant="primary" busy={enrolling} onClick={doEnroll} disabled={course.status !== 'PUBLISHED'}>
              {t('course.enroll')}
            </Button>
          </>
        )}
      </Card>

      <Card title={t('course.modules')}>
        <ErrorNotice error={tickError} />
        {justTitle && <Success>{t('course.moduleDone', { module: loc(justTitle.title) })}</Success>}
        {course.modules.length === 0 ? (
          <Empty>{t('course.noModules')}</Empty>
        ) : (
          <>
            <ol className="employee-modules">
              {rows.map((m) => {
                const isDone = done.has(m.id);
                const busy = ticking && tickOp?.variables.moduleId === m.id;
                return (
                  <li key={m.id} className={isDone ? 'done' : undefined}>
                    <div className="employee-module-text">
                      <h3>
                        {m.position}. {loc(m.title)}
                      </h3>
                      {loc(m.summary) && <p className="muted">{loc(m.summary)}</p>}
                      <span className="muted">{t('course.minutes', { count: m.estimatedMinutes })}</span>
                    </div>
                    <div className="employee-module-action">
                      {isDone ? (
                        <Badge tone="ok">{t('course.moduleComplete')}</Badge>
                      ) : enrolled && e?.status !== 'COMPLETED' ? (
                        <Button busy={busy} disabled={ticking} onClick={() => complete(m.id)} aria-label={t('course.markCompleteNamed', { module: loc(m.title) })}>
                          {t('course.markComplete')}
                        </Button>
                      ) : (
                        <Badge tone="info">{t('course.moduleOpen')}</Badge>
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
            <Pager {...pager} />
          </>
        )}
      </Card>

      <Card title={t('course.tests')}>
        {course.assessments.length === 0 ? (
          <Empty>{t('course.noTests')}</Empty>
        ) : (
          <ul className="employee-tests">
            {course.assessments.map((a) => {
              const last = a.myAttempts[0];
              return (
                <li key={a.id}>
                  <Link to={`/me/tests/${a.id}`}>{loc(a.title)}</Link> {a.isFinal && <Badge tone="warn">{t('test.final')}</Badge>}{' '}
                  {last && <AttemptBadge status={last.status} passed={last.passed} />}
                  <div className="muted">
                    {t('test.passMark', { mark: a.passMark })}
                    {a.timeLimitMinutes ? ` · ${t('test.timeLimit', { count: a.timeLimitMinutes })}` : ''}
                    {a.maxAttempts ? ` · ${t('test.attemptsUsed', { used: a.myAttempts.length, max: a.maxAttempts })}` : ''}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
