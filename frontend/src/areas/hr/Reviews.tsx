// /hr/reviews — the promotion review queue, newest first, by status; and
// /hr/reviews/:id — one review (the shared ReviewDetail).
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PromotionStatus } from '../../gql/graphql';
import { useFormat } from '../../lib/format';
import { Card, CursorPager, Empty, ErrorNotice, Field, Loading, Page, useCursor } from '../../components/ui';
import { PromotionStatusBadge } from '../../components/promotion/status';
import { ReviewDetail } from '../../components/promotion/ReviewDetail';

const QueueDoc = graphql(`
  query HrPromotionReviews($status: PromotionStatus, $first: Int, $after: String) {
    promotionReviews(status: $status, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        status
        createdAt
        decidedAt
        employee { id employeeNumber name { en zh } }
        fromPosition { id name { en zh } }
        position { id name { en zh } }
        nominatedBy { id name { en zh } }
      }
    }
  }
`);

export const PROMOTION_STATUSES: PromotionStatus[] = ['NOMINATED', 'IN_PANEL', 'APPROVED', 'REJECTED', 'APPEALED', 'UPHELD', 'OVERTURNED', 'WITHDRAWN'];
const PAGE = 10;

export function ReviewQueue() {
  const { t } = useTranslation('hr');
  const [params, setParams] = useSearchParams();
  const raw = params.get('status') ?? '';
  const status = (PROMOTION_STATUSES as string[]).includes(raw) ? (raw as PromotionStatus) : null;
  return (
    <Page title={t('reviews.title')}>
      <Card>
        <div className="form-row">
          <Field label={t('reviews.status')}>
            {(id) => (
              <select
                id={id}
                value={status ?? ''}
                onChange={(e) => {
                  const next = new URLSearchParams(params);
                  if (e.target.value) next.set('status', e.target.value);
                  else next.delete('status');
                  setParams(next, { replace: true });
                }}
              >
                <option value="">{t('reviews.allStatuses')}</option>
                {PROMOTION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`promotionStatus.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </Card>
      <Queue key={status ?? ''} status={status} />
    </Page>
  );
}

function Queue({ status }: { status: PromotionStatus | null }) {
  const { t } = useTranslation('hr');
  const { loc, date } = useFormat();
  const cursor = useCursor();
  const [{ data, fetching, error }] = useQuery({ query: QueueDoc, variables: { status, first: PAGE, after: cursor.after } });
  const list = data?.promotionReviews;
  return (
    <Card title={status ? t('reviews.listOf', { status: t(`promotionStatus.${status}`) }) : t('reviews.list')}>
      <ErrorNotice error={error} />
      {!list && fetching && <Loading />}
      {list && list.nodes.length === 0 && <Empty>{t('reviews.empty')}</Empty>}
      {list && list.nodes.length > 0 && (
        <>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('reviews.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reviews.col.employee')}</th>
                  <th scope="col">{t('reviews.col.move')}</th>
                  <th scope="col">{t('reviews.col.status')}</th>
                  <th scope="col">{t('reviews.col.nominatedBy')}</th>
                  <th scope="col">{t('reviews.col.nominatedOn')}</th>
                  <th scope="col">{t('reviews.col.decidedOn')}</th>
                </tr>
              </thead>
              <tbody>
                {list.nodes.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/hr/reviews/${encodeURIComponent(r.id)}`}>{r.employee ? loc(r.employee.name) : t('review.hiddenPerson')}</Link>
                      {r.employee && <div className="muted hr-small">{r.employee.employeeNumber}</div>}
                    </th>
                    <td>
                      {loc(r.fromPosition.name)} <span aria-hidden="true">→</span>
                      <span className="sr-only">{t('review.to')}</span> {loc(r.position.name)}
                    </td>
                    <td>
                      <PromotionStatusBadge status={r.status} />
                    </td>
                    <td>{r.nominatedBy ? loc(r.nominatedBy.name) : '—'}</td>
                    <td>{date(r.createdAt)}</td>
                    <td>{date(r.decidedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager cursor={cursor} pageInfo={list.pageInfo} />
        </>
      )}
    </Card>
  );
}

export function ReviewPage() {
  const { t } = useTranslation('hr');
  const { id = '' } = useParams();
  return (
    <Page title={t('review.title')} actions={<Link to="/hr/reviews">{t('review.back')}</Link>}>
      <ReviewDetail reviewId={id} />
    </Page>
  );
}
