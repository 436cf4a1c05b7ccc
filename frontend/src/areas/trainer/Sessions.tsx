// /trainer/sessions: the classroom sessions the viewer teaches or whose
// course they own; /trainer/sessions/:id: the roster and the attendance.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { TrainerSessionsQuery } from '../../gql/graphql';
import { Badge, Card, Empty, ErrorNotice, Loading, Page, Pager, Success, usePaged } from '../../components/ui';
import { useFormat } from '../../lib/format';
import { useSession } from '../../auth/session';
import { sentences } from './shared';

const SessionsDoc = graphql(`
  query TrainerSessions {
    courses(filter: { formats: [CLASSROOM] }, first: 50) {
      nodes {
        id
        code
        title { en zh }
        owner { id }
        sessions(includePast: true) {
          id
          startsAt
          endsAt
          place
          capacity
          seatsTaken
          waitlisted
          status
          trainer { id name { en zh } }
        }
      }
    }
  }
`);

const SessionDoc = graphql(`
  query TrainerSession($id: ID!) {
    courseSession(id: $id) {
      id
      startsAt
      endsAt
      place
      capacity
      seatsTaken
      waitlisted
      status
      course { id code title { en zh } owner { id } }
      trainer { id name { en zh } }
      registrations {
        id
        status
        attended
        registeredAt
        learner { id employeeNumber name { en zh } }
        employee { id team { id name { en zh } } }
      }
    }
  }
`);

const AttendanceDoc = graphql(`
  mutation TrainerRecordAttendance($sessionId: ID!, $attendance: [AttendanceInput!]!, $completeCourse: Boolean) {
    recordAttendance(sessionId: $sessionId, attendance: $attendance, completeCourse: $completeCourse) {
      id
      status
      attended
    }
  }
`);

type Course = TrainerSessionsQuery['courses']['nodes'][number];
type Row = Course['sessions'][number] & { course: Course };

function SessionTable({ rows, caption }: { rows: Row[]; caption: string }) {
  const { t } = useTranslation('trainer');
  const { loc, dateTime } = useFormat();
  const paged = usePaged(rows, 10);
  if (rows.length === 0) return <Empty>{t('sessions.none')}</Empty>;
  return (
    <>
      <div className="table-wrap trainer-wrap">
        <table>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sessions.when')}</th>
              <th scope="col">{t('sessions.course')}</th>
              <th scope="col">{t('sessions.place')}</th>
              <th scope="col" className="num">
                {t('sessions.seats')}
              </th>
              <th scope="col">{t('sessions.status')}</th>
            </tr>
          </thead>
          <tbody>
            {paged.rows.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link to={`/trainer/sessions/${s.id}`}>{dateTime(s.startsAt)}</Link>
                </th>
                <td>
                  {s.course.code} · {loc(s.course.title)}
                </td>
                <td>{s.place}</td>
                <td className="num">
                  {t('sessions.seatsOf', { taken: s.seatsTaken, capacity: s.capacity })}
                  {s.waitlisted > 0 && <div className="muted">{t('sessions.waitlisted', { count: s.waitlisted })}</div>}
                </td>
                <td>
                  <Badge tone={s.status === 'CANCELLED' ? 'bad' : 'info'}>{t(`sessionStatus.${s.status}`)}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager {...paged} />
    </>
  );
}

export function SessionList() {
  const { t } = useTranslation('trainer');
  const { viewer } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: SessionsDoc });
  const now = Date.now();
  const rows: Row[] = [];
  for (const c of data?.courses.nodes ?? []) {
    for (const s of c.sessions) {
      // Sessions the viewer runs: they teach it or own its course.
      if (s.trainer?.id === viewer?.id || c.owner?.id === viewer?.id) rows.push({ ...s, course: c });
    }
  }
  const upcoming = rows.filter((s) => new Date(s.endsAt).getTime() >= now).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = rows.filter((s) => new Date(s.endsAt).getTime() < now).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return (
    <Page title={t('sessions.title')}>
      <ErrorNotice error={error} />
      {fetching && !data && <Loading />}
      {data && (
        <>
          <Card title={t('sessions.upcoming')}>
            <SessionTable rows={upcoming} caption={t('sessions.upcoming')} />
          </Card>
          <Card title={t('sessions.past')}>
            <SessionTable rows={past} caption={t('sessions.past')} />
          </Card>
        </>
      )}
    </Page>
  );
}

export function SessionDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation('trainer');
  const { loc, dateTime, lang } = useFormat();
  const { viewer, has } = useSession();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SessionDoc, variables: { id } });
  const [, record] = useMutation(AttendanceDoc);
  const [marks, setMarks] = useState<Record<string, boolean>>({});
  const [complete, setComplete] = useState(true);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<{ attended: number; absent: number } | null>(null);
  const s = data?.courseSession;
  const regs = s?.registrations ?? [];
  const paged = usePaged(regs, 20);

  const title = s ? `${loc(s.course.title)} · ${dateTime(s.startsAt)}` : t('session.title');
  if (!s)
    return (
      <Page title={title}>
        <ErrorNotice error={error} />
        {fetching ? <Loading /> : !error && <Empty>{t('session.notFound')}</Empty>}
      </Page>
    );

  // Every seated learner can be marked, in the trainer's scope or not: the
  // learner's name is on the registration even when the employee is hidden.
  const seated = regs.filter((r) => r.status === 'REGISTERED');
  const started = new Date(s.startsAt).getTime() <= Date.now();
  const runs = has('ADMIN') || s.trainer?.id === viewer?.id || s.course.owner?.id === viewer?.id;
  const canRecord = runs && started && s.status !== 'CANCELLED' && seated.length > 0;
  const isMarked = (r: (typeof regs)[number]) => marks[r.learner.id] ?? r.attended === true;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setSaveError(null);
    setSaved(null);
    const attendance = seated.map((r) => ({ employeeId: r.learner.id, attended: isMarked(r) }));
    const res = await record({ sessionId: s.id, attendance, completeCourse: complete });
    setBusy(false);
    if (res.error) return setSaveError(res.error);
    const n = attendance.filter((a) => a.attended).length;
    setSaved({ attended: n, absent: attendance.length - n });
    setMarks({});
    reexecute({ requestPolicy: 'network-only' });
  };

  const recorded = (r: (typeof regs)[number]) =>
    r.attended == null && r.status !== 'REGISTERED' ? (
      '—'
    ) : r.attended == null ? (
      <span className="muted">{t('session.notRecorded')}</span>
    ) : r.attended ? (
      <Badge tone="ok">{t('session.attended')}</Badge>
    ) : (
      <Badge tone="bad">{t('session.absent')}</Badge>
    );

  return (
    <Page title={title} actions={<Link to="/trainer/sessions">{t('session.back')}</Link>}>
      <Card title={t('session.details')}>
        <dl className="trainer-facts">
          <div>
            <dt>{t('sessions.course')}</dt>
            <dd>
              {s.course.code} · {loc(s.course.title)}
            </dd>
          </div>
          <div>
            <dt>{t('sessions.when')}</dt>
            <dd>
              {dateTime(s.startsAt)} – {dateTime(s.endsAt)}
            </dd>
          </div>
          <div>
            <dt>{t('sessions.place')}</dt>
            <dd>{s.place}</dd>
          </div>
          <div>
            <dt>{t('session.trainer')}</dt>
            <dd>{s.trainer ? loc(s.trainer.name) : '—'}</dd>
          </div>
          <div>
            <dt>{t('sessions.seats')}</dt>
            <dd>
              {t('sessions.seatsOf', { taken: s.seatsTaken, capacity: s.capacity })}
              {s.waitlisted > 0 && <> · {t('sessions.waitlisted', { count: s.waitlisted })}</>}
            </dd>
          </div>
          <div>
            <dt>{t('sessions.status')}</dt>
            <dd>
              <Badge tone={s.status === 'CANCELLED' ? 'bad' : 'info'}>{t(`sessionStatus.${s.status}`)}</Badge>
            </dd>
          </div>
        </dl>
      </Card>
      <Card title={t('session.roster')}>
        {!started && s.status !== 'CANCELLED' && <p className="notice warn">{t('session.notStarted')}</p>}
        {!runs && <p className="notice warn">{t('session.notYours')}</p>}
        <ErrorNotice error={saveError} />
        {saved && (
          <Success>
            {sentences(lang, [t('session.saved'), t('session.savedCounts', { attended: saved.attended, absent: saved.absent })])}
          </Success>
        )}
        {regs.length === 0 ? (
          runs && <Empty>{t('session.noParticipants')}</Empty>
        ) : (
          <form onSubmit={submit} noValidate>
            <div className="table-wrap trainer-wrap">
              <table>
                <caption className="sr-only">{t('session.roster')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('session.participant')}</th>
                    <th scope="col">{t('session.team')}</th>
                    <th scope="col">{t('session.registration')}</th>
                    <th scope="col">{t('session.recorded')}</th>
                    <th scope="col">{t('session.attendedCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {paged.rows.map((r) => {
                    const name = loc(r.learner.name);
                    return (
                      <tr key={r.id}>
                        <th scope="row">
                          {name}
                          <div className="muted">{r.learner.employeeNumber}</div>
                        </th>
                        <td>{r.employee?.team ? loc(r.employee.team.name) : '—'}</td>
                        <td>
                          <Badge tone={r.status === 'REGISTERED' ? 'ok' : r.status === 'WAITLISTED' ? 'warn' : 'info'}>{t(`registrationStatus.${r.status}`)}</Badge>
                        </td>
                        <td>{recorded(r)}</td>
                        <td>
                          {r.status === 'REGISTERED' ? (
                            <label className="trainer-inline">
                              <input
                                type="checkbox"
                                checked={isMarked(r)}
                                disabled={!canRecord}
                                onChange={(e) => setMarks((m) => ({ ...m, [r.learner.id]: e.target.checked }))}
                              />{' '}
                              <span className="sr-only">{t('session.attendedBy', { name })}</span>
                              <span aria-hidden="true">{t('session.attended')}</span>
                            </label>
                          ) : (
                            <span className="muted">{t('session.noSeat')}</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pager {...paged} />
            {canRecord && (
              <div className="stack trainer-bar">
                <div className="actions">
                  <button
                    type="button"
                    className="btn secondary"
                    onClick={() => setMarks(Object.fromEntries(seated.map((r) => [r.learner.id, true])))}
                  >
                    {t('session.markAll')}
                  </button>
                </div>
                <label className="trainer-inline">
                  <input type="checkbox" checked={complete} onChange={(e) => setComplete(e.target.checked)} /> {t('session.complete')}
                </label>
                <div>
                  <button type="submit" className="btn primary" disabled={busy} aria-busy={busy || undefined}>
                    {t('session.save')}
                  </button>
                </div>
              </div>
            )}
          </form>
        )}
      </Card>
    </Page>
  );
}
