// /trainer: the catalogue as a trainer works on it — search, filter by
// status or owner, a page at a time, and the way into the editor.
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { Card, CursorPager, Empty, ErrorNotice, Field, Loading, Page, useCursor } from '../../components/ui';
import { useFormat } from '../../lib/format';
import { useSession } from '../../auth/session';
import { CourseStatusBadge, courseStatuses, useDebounced, type CourseStatus } from './shared';

export const PAGE_SIZE = 20;

const CoursesDoc = graphql(`
  query TrainerCourses($filter: CourseFilter, $first: Int, $after: String) {
    courses(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        code
        title { en zh }
        status
        format
        estimatedHours
        ownerName { en zh }
      }
    }
  }
`);

export function CourseList() {
  const { t } = useTranslation('trainer');
  const { loc, num } = useFormat();
  const { viewer } = useSession();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<CourseStatus | ''>('');
  const [mine, setMine] = useState(false);
  const search = useDebounced(text.trim());
  const cursor = useCursor();
  // Another filter starts again from the first page.
  const filterKey = JSON.stringify([search, status, mine]);
  const [pagedKey, setPagedKey] = useState(filterKey);
  if (pagedKey !== filterKey) {
    setPagedKey(filterKey);
    cursor.reset();
  }

  const [{ data, fetching, error }] = useQuery({
    query: CoursesDoc,
    variables: {
      filter: {
        text: search || undefined,
        statuses: status ? [status] : undefined,
        ownerId: mine && viewer ? viewer.id : undefined,
      },
      first: PAGE_SIZE,
      after: pagedKey === filterKey ? cursor.after : null,
    },
  });
  const conn = data?.courses;

  return (
    <Page
      title={t('courses.title')}
      actions={
        <Link className="btn primary" to="/trainer/courses/new">
          {t('courses.new')}
        </Link>
      }
    >
      <Card>
        <form className="form-row trainer-form" role="search" onSubmit={(e) => e.preventDefault()}>
          <Field label={t('courses.search')} hint={t('courses.searchHint')}>
            {(id) => <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          <Field label={t('courses.status')}>
            {(id) => (
              <select id={id} value={status} onChange={(e) => setStatus(e.target.value as CourseStatus | '')}>
                <option value="">{t('courses.anyStatus')}</option>
                {courseStatuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`courseStatus.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field trainer-check">
            <label>
              <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> {t('courses.mine')}
            </label>
          </div>
        </form>
      </Card>
      <Card title={t('courses.results')}>
        <ErrorNotice error={error} />
        {fetching && !conn && <Loading />}
        {conn && conn.nodes.length === 0 && <Empty>{t('courses.none')}</Empty>}
        {conn && conn.nodes.length > 0 && (
          <>
            <div className="table-wrap trainer-wrap">
              <table>
                <caption className="sr-only">{t('courses.results')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('course.code')}</th>
                    <th scope="col">{t('course.titleCol')}</th>
                    <th scope="col">{t('courses.status')}</th>
                    <th scope="col">{t('course.format')}</th>
                    <th scope="col" className="num">
                      {t('course.hours')}
                    </th>
                    <th scope="col">{t('course.owner')}</th>
                  </tr>
                </thead>
                <tbody>
                  {conn.nodes.map((c) => (
                    <tr key={c.id}>
                      <td>{c.code}</td>
                      <th scope="row">
                        <Link to={`/trainer/courses/${c.id}`}>{loc(c.title)}</Link>
                      </th>
                      <td>
                        <CourseStatusBadge status={c.status} />
                      </td>
                      <td>{t(`format.${c.format}`)}</td>
                      <td className="num">{num(c.estimatedHours)}</td>
                      <td>{loc(c.ownerName)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <CursorPager cursor={cursor} pageInfo={conn.pageInfo} total={conn.totalCount} />
          </>
        )}
      </Card>
    </Page>
  );
}
