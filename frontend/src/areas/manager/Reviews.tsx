// /team/reviews: promotion reviews the viewer nominated, sits on the panel
// of, or that concern their line (the server decides what they may see);
// /team/reviews/:id shows one with the shared review detail, where a panel
// member votes.
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { ManagerReviewsQuery, PromotionStatus } from '../../gql/graphql';
import { Card, CursorPager, Empty, ErrorNotice, Field, Loading, Page, useCursor } from '../../components/ui';
import { ReviewDetail } from '../../components/promotion/ReviewDetail';
import { useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { ReviewStatusBadge } from './common';

export const REVIEWS_PAGE = 15;

const ReviewsDoc = graphql(`
  query ManagerReviews($status: PromotionStatus, $first: Int!, $after: String) {
    promotionReviews(status: $status, first: $first, after: $after) {
      nodes {
        id
        status
        createdAt
        employee { id name { en zh } }
        fromPosition { id name { en zh } }
        position { id name { en zh } }
        nominatedBy { id name { en zh } }
        votes {
          reviewer { id }
          vote
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const STATUSES: PromotionStatus[] = ['NOMINATED', 'IN_PANEL', 'APPROVED', 'REJECTED', 'APPEALED', 'UPHELD', 'OVERTURNED', 'WITHDRAWN'];

type Review = ManagerReviewsQuery['promotionReviews']['nodes'][number];

export function Reviews() {
  const { t } = useTranslation('manager');
  const [status, setStatus] = useState<PromotionStatus | ''>('');
  return (
    <Page title={t('reviews.title')}>
      <p className="muted">{t('reviews.intro')}</p>
      <div className="form-row mgr-filter">
        <Field label={t('reviews.status')}>
          {(id) => (
            <select id={id} value={status} onChange={(e) => setStatus(e.target.value as PromotionStatus | '')}>
              <option value="">{t('reviews.allStatuses')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`reviewStatus.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {/* A new filter starts at the first page. */}
      <ReviewList key={status} status={status || null} />
    </Page>
  );
}

function ReviewList({ status }: { status: PromotionStatus | null }) {
  const { t } = useTranslation('manager');
  const { loc, date } = useFormat();
  const cursor = useCursor();
  const [{ data, fetching, error }] = useQuery({ query: ReviewsDoc, variables: { status, first: REVIEWS_PAGE, after: cursor.after } });
  const rows = data?.promotionReviews.nodes ?? [];
  return (
    <Card title={t('reviews.listTitle')}>
      <ErrorNotice error={error} />
      {fetching && !data ? (
        <Loading />
      ) : rows.length === 0 ? (
        data && <Empty>{t('reviews.empty')}</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reviews.nominee')}</th>
                <th scope="col">{t('reviews.move')}</th>
                <th scope="col">{t('reviews.statusCol')}</th>
                <th scope="col">{t('reviews.yourPart')}</th>
                <th scope="col">{t('reviews.nominatedOn')}</th>
                <th scope="col">{t('common:actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const who = r.employee ? loc(r.employee.name) : t('reviews.hidden');
                return (
                  <tr key={r.id}>
                    <th scope="row">{who}</th>
                    <td>
                      {loc(r.fromPosition.name)} → {loc(r.position.name)}
                    </td>
                    <td>
                      <ReviewStatusBadge status={r.status} />
                    </td>
                    <td>
                      <YourPart review={r} />
                    </td>
                    <td>{date(r.createdAt)}</td>
                    <td>
                      <Link to={`/team/reviews/${r.id}`} aria-label={t('reviews.openFor', { name: who })}>
                        {t('reviews.open')}
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data && <CursorPager cursor={cursor} pageInfo={data.promotionReviews.pageInfo} />}
    </Card>
  );
}

/** What the review asks of the viewer: their vote, or that they nominated. */
export function YourPart({ review }: { review: Review }) {
  const { t } = useTranslation('manager');
  const { viewer } = useSession();
  const parts: ReactNode[] = [];
  const mine = review.votes.find((v) => v.reviewer?.id === viewer?.id);
  if (mine) {
    if (mine.vote) parts.push(<span key="v">{t('reviews.voted', { vote: t(`vote.${mine.vote}`) })}</span>);
    else if (review.status === 'IN_PANEL')
      parts.push(
        <span key="v" className="badge warn">
          {t('reviews.votePending')}
        </span>,
      );
    else parts.push(<span key="v">{t('reviews.panel')}</span>);
  }
  if (review.nominatedBy?.id === viewer?.id) parts.push(<span key="n">{t('reviews.nominatedByYou')}</span>);
  if (parts.length === 0) parts.push(<span key="l" className="muted">{t('reviews.inYourLine')}</span>);
  return <span className="mgr-parts">{parts}</span>;
}

export function ReviewPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('manager');
  return (
    <Page title={t('review.title')} actions={<Link to="/team/reviews">{t('review.back')}</Link>}>
      <ReviewDetail reviewId={id} />
    </Page>
  );
}
