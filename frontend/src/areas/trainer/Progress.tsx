// /trainer/progress: how a team is doing on the courses — per course
// (counts, also as CSV) and per person × course (status, progress, due
// date, overdue said in words).
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { TrainerTeamProgressRowsQuery, TrainerTeamProgressRowsQueryVariables } from '../../gql/graphql';
import { Badge, Button, Card, CursorPager, Empty, ErrorNotice, Field, Loading, Meter, Page, useCursor } from '../../components/ui';
import { useFormat } from '../../lib/format';
import { problems } from '../../lib/errors';
import { EnrollmentBadge } from './shared';
import { download } from '../../api/download';

/** Members per page: the rows query asks for each one by alias (see below). */
export const MEMBERS_PER_PAGE = 20;

const TeamDoc = graphql(`
  query TrainerTeamProgress($teamId: ID!, $hasTeam: Boolean!, $after: String) {
    teams { id code name { en zh } }
    team(id: $teamId) @include(if: $hasTeam) {
      id
      code
      name { en zh }
      progress {
        course { id code title { en zh } }
        assigned
        inProgress
        completed
        overdue
        withdrawn
      }
      members(first: 20, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { id employeeNumber name { en zh } }
      }
    }
  }
`);

// One nullable root field per member of the page, in one request: nesting
// enrollments under Team.members would fail the whole team when one member's
// record is not the viewer's to read (a trainer sees their own learners'
// records only), while a null alias hides just that person.
const RowsDoc = graphql(`
  query TrainerTeamProgressRows(
    $id0: ID!, $on0: Boolean!, $id1: ID!, $on1: Boolean!, $id2: ID!, $on2: Boolean!, $id3: ID!, $on3: Boolean!, $id4: ID!, $on4: Boolean!, $id5: ID!, $on5: Boolean!, $id6: ID!, $on6: Boolean!, $id7: ID!, $on7: Boolean!, $id8: ID!, $on8: Boolean!, $id9: ID!, $on9: Boolean!, $id10: ID!, $on10: Boolean!, $id11: ID!, $on11: Boolean!, $id12: ID!, $on12: Boolean!, $id13: ID!, $on13: Boolean!, $id14: ID!, $on14: Boolean!, $id15: ID!, $on15: Boolean!, $id16: ID!, $on16: Boolean!, $id17: ID!, $on17: Boolean!, $id18: ID!, $on18: Boolean!, $id19: ID!, $on19: Boolean!
  ) {
    m0: employee(id: $id0) @include(if: $on0) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m1: employee(id: $id1) @include(if: $on1) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m2: employee(id: $id2) @include(if: $on2) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m3: employee(id: $id3) @include(if: $on3) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m4: employee(id: $id4) @include(if: $on4) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m5: employee(id: $id5) @include(if: $on5) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m6: employee(id: $id6) @include(if: $on6) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m7: employee(id: $id7) @include(if: $on7) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m8: employee(id: $id8) @include(if: $on8) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m9: employee(id: $id9) @include(if: $on9) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m10: employee(id: $id10) @include(if: $on10) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m11: employee(id: $id11) @include(if: $on11) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m12: employee(id: $id12) @include(if: $on12) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m13: employee(id: $id13) @include(if: $on13) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m14: employee(id: $id14) @include(if: $on14) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m15: employee(id: $id15) @include(if: $on15) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m16: employee(id: $id16) @include(if: $on16) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m17: employee(id: $id17) @include(if: $on17) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m18: employee(id: $id18) @include(if: $on18) { id enrollments { id status percentComplete dueOn overdue course { id } } }
    m19: employee(id: $id19) @include(if: $on19) { id enrollments { id status percentComplete dueOn overdue course { id } } }
  }
`);

type Person = NonNullable<TrainerTeamProgressRowsQuery['m0']>;

function rowsVariables(ids: string[]): TrainerTeamProgressRowsQueryVariables {
  const v: Record<string, string | boolean> = {};
  for (let i = 0; i < MEMBERS_PER_PAGE; i++) {
    v[`id${i}`] = ids[i] ?? '0';
    v[`on${i}`] = i < ids.length;
  }
  return v as unknown as TrainerTeamProgressRowsQueryVariables;
}

/** Fetches the team's progress CSV with the access token and saves it. */
export function downloadProgressCsv(teamId: string, fallbackName: string): Promise<void> {
  return download(`/export/teams/${encodeURIComponent(teamId)}/progress.csv`, fallbackName);
}

export function TeamProgress() {
  const { t } = useTranslation('trainer');
  const { loc, date, pct } = useFormat();
  const [params, setParams] = useSearchParams();
  const teamId = params.get('team') ?? '';
  const setTeam = (id: string) => setParams(id ? { team: id } : {}, { replace: true });
  const [courseId, setCourseId] = useState('');
  const cursor = useCursor();
  const [csvBusy, setCsvBusy] = useState(false);
  const [csvError, setCsvError] = useState<unknown>(null);
  // A new team starts on its first page with its filters cleared.
  const [shownTeam, setShownTeam] = useState(teamId);
  if (shownTeam !== teamId) {
    setShownTeam(teamId);
    cursor.reset();
    setCourseId('');
    setCsvError(null);
  }
  const [{ data, fetching, error }] = useQuery({
    query: TeamDoc,
    variables: { teamId: teamId || '0', hasTeam: !!teamId, after: shownTeam === teamId ? cursor.after : null },
  });
  // The team list stays put while another team's figures load.
  const teamsSeen = useRef(data?.teams);
  if (data?.teams) teamsSeen.current = data.teams;
  const teams = teamsSeen.current ?? [];
  const team = teamId ? data?.team : null;
  const members = team?.members.nodes ?? [];
  const ids = members.map((m) => m.id);
  const [rowsResult] = useQuery({ query: RowsDoc, variables: rowsVariables(ids), pause: ids.length === 0 });
  const rows = rowsResult.data as TrainerTeamProgressRowsQuery | undefined;
  const byId = new Map<string, Person>();
  if (rows) for (let i = 0; i < ids.length; i++) {
    const p = (rows as Record<string, Person | null | undefined>)[`m${i}`];
    if (p) byId.set(p.id, p);
  }
  // A member whose record the viewer may not read comes back null with a
  // FORBIDDEN error; anything else is a real failure.
  const rowsFailed = rowsResult.error && (!rows || problems(rowsResult.error).some((p) => p.code !== 'FORBIDDEN'));

  const courses = (team?.progress ?? []).filter((p) => !courseId || p.course.id === courseId).map((p) => p.course);

  const download = async () => {
    if (!team) return;
    setCsvBusy(true);
    setCsvError(null);
    try {
      await downloadProgressCsv(team.id, `team-${team.code}-progress.csv`);
    } catch (e) {
      setCsvError(e);
    } finally {
      setCsvBusy(false);
    }
  };

  return (
    <Page title={t('progress.title')}>
      <Card>
        <div className="form-row trainer-form">
          <Field label={t('progress.team')}>
            {(id) => (
              <select
                id={id}
                value={teamId}
                onChange={(e) => setTeam(e.target.value)}
              >
                <option value="">{t('progress.chooseTeam')}</option>
                {teams.map((x) => (
                  <option key={x.id} value={x.id}>
                    {loc(x.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {team && team.progress.length > 0 && (
            <Field label={t('progress.course')}>
              {(id) => (
                <select id={id} value={courseId} onChange={(e) => setCourseId(e.target.value)}>
                  <option value="">{t('progress.allCourses')}</option>
                  {team.progress.map((p) => (
                    <option key={p.course.id} value={p.course.id}>
                      {p.course.code} · {loc(p.course.title)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </div>
      </Card>
      <ErrorNotice error={error} />
      {fetching && !data && !teamId && <Loading />}
      {!teamId && data && <Empty>{t('progress.pickTeam')}</Empty>}
      {teamId && fetching && !team && <Loading />}
      {team && (
        <>
          <Card
            title={t('progress.byCourse', { team: loc(team.name) })}
            actions={
              <Button onClick={download} busy={csvBusy}>
                {t('progress.download')}
              </Button>
            }
          >
            <ErrorNotice error={csvError} />
            {team.progress.length === 0 ? (
              <Empty>{t('progress.noCourses')}</Empty>
            ) : (
              <div className="table-wrap trainer-wrap">
                <table>
                  <caption className="sr-only">{t('progress.byCourse', { team: loc(team.name) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('progress.course')}</th>
                      <th scope="col" className="num">{t('enrollmentStatus.ASSIGNED')}</th>
                      <th scope="col" className="num">{t('enrollmentStatus.IN_PROGRESS')}</th>
                      <th scope="col" className="num">{t('enrollmentStatus.COMPLETED')}</th>
                      <th scope="col" className="num">{t('progress.overdue')}</th>
                      <th scope="col" className="num">{t('enrollmentStatus.WITHDRAWN')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {team.progress
                      .filter((p) => !courseId || p.course.id === courseId)
                      .map((p) => (
                        <tr key={p.course.id}>
                          <th scope="row">
                            {p.course.code} · {loc(p.course.title)}
                          </th>
                          <td className="num">{p.assigned}</td>
                          <td className="num">{p.inProgress}</td>
                          <td className="num">{p.completed}</td>
                          <td className="num">{p.overdue > 0 ? <Badge tone="bad">{t('progress.overdueCount', { count: p.overdue })}</Badge> : 0}</td>
                          <td className="num">{p.withdrawn}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
          <Card title={t('progress.byPerson')}>
            {rowsFailed && <ErrorNotice error={rowsResult.error} />}
            {!rowsFailed && rowsResult.error && <p className="notice warn">{t('progress.someHidden')}</p>}
            {members.length === 0 ? (
              <Empty>{t('progress.noMembers')}</Empty>
            ) : courses.length === 0 ? (
              <Empty>{t('progress.noCourses')}</Empty>
            ) : (
              <>
                {rowsResult.fetching && !rows && <Loading />}
                <div className="table-wrap trainer-wrap">
                  <table className="trainer-matrix">
                    <caption className="sr-only">{t('progress.byPerson')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('progress.person')}</th>
                        {courses.map((c) => (
                          <th scope="col" key={c.id}>
                            <abbr title={loc(c.title)}>{c.code}</abbr>
                            <span className="sr-only"> {loc(c.title)}</span>
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {members.map((m) => {
                        const p = byId.get(m.id);
                        return (
                          <tr key={m.id}>
                            <th scope="row">
                              {loc(m.name)}
                              <div className="muted">{m.employeeNumber}</div>
                            </th>
                            {courses.map((c) => {
                              if (!rows) return <td key={c.id} />;
                              if (!p)
                                return (
                                  <td key={c.id} className="muted">
                                    {t('progress.hidden')}
                                  </td>
                                );
                              const e = p.enrollments.find((x) => x.course?.id === c.id);
                              if (!e)
                                return (
                                  <td key={c.id} className="muted">
                                    {t('progress.notEnrolled')}
                                  </td>
                                );
                              return (
                                <td key={c.id} className={e.overdue ? 'trainer-overdue' : undefined}>
                                  <EnrollmentBadge status={e.status} overdue={e.overdue} />
                                  <div className="trainer-cell-meter">
                                    <Meter value={e.percentComplete} label={t('progress.percentOf', { course: c.code })} />
                                    <span>{pct(e.percentComplete / 100)}</span>
                                  </div>
                                  {e.dueOn && <div className="muted">{t('progress.due', { date: date(e.dueOn) })}</div>}
                                </td>
                              );
                            })}
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
                <CursorPager cursor={cursor} pageInfo={team.members.pageInfo} total={team.members.totalCount} />
              </>
            )}
          </Card>
        </>
      )}
    </Page>
  );
}
