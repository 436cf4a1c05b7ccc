// /me/ratings: the viewer's performance ratings, newest period first. A new
// rating can be acknowledged, or disputed with a reason for HR.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { EmployeeRatingsQuery } from '../../gql/graphql';
import { Button, Card, Dialog, Empty, ErrorNotice, Field, Page, Pager, Success, usePaged } from '../../components/ui';
import { useFormat } from '../../lib/format';
import { QueryState, RatingStatusBadge } from './shared';

export const RatingsDoc = graphql(`
  query EmployeeRatings {
    me {
      id
      performanceRatings {
        id
        period { id code name { en zh } startsOn endsOn status }
        ratedBy { id name { en zh } }
        rating
        comment
        status
        employeeComment
        hrComment
        ratedAt
      }
    }
  }
`);

const AckDoc = graphql(`
  mutation EmployeeAcknowledgeRating($id: ID!) {
    acknowledgeRating(ratingId: $id) { id status }
  }
`);

const DisputeDoc = graphql(`
  mutation EmployeeDisputeRating($id: ID!, $comment: String!) {
    disputeRating(ratingId: $id, comment: $comment) { id status employeeComment }
  }
`);

type Rating = EmployeeRatingsQuery['me']['performanceRatings'][number];

export function Ratings() {
  const { t } = useTranslation('employee');
  const [{ data, fetching, error }] = useQuery({ query: RatingsDoc });
  const list = data?.me.performanceRatings ?? [];
  const { rows, ...pager } = usePaged(list, 5);
  const [done, setDone] = useState<string | null>(null);
  // The answers are PerformanceRatings, so urql re-reads the list by itself.
  const changed = (msg: string) => setDone(msg);
  return (
    <Page title={t('ratings.title')}>
      {done && <Success>{done}</Success>}
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {() =>
          list.length === 0 ? (
            <Empty>{t('ratings.none')}</Empty>
          ) : (
            <>
              {rows.map((r) => (
                <RatingCard key={r.id} r={r} onChanged={changed} />
              ))}
              <Pager {...pager} />
            </>
          )
        }
      </QueryState>
    </Page>
  );
}

function RatingCard({ r, onChanged }: { r: Rating; onChanged: (msg: string) => void }) {
  const { t } = useTranslation('employee');
  const { loc, date, num } = useFormat();
  const [{ fetching: acking, error: ackError }, ack] = useMutation(AckDoc);
  const [{ fetching: disputing, error: disputeError }, dispute] = useMutation(DisputeDoc);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const period = loc(r.period.name);
  const doAck = async () => {
    const res = await ack({ id: r.id });
    if (!res.error) onChanged(t('ratings.acknowledged', { period }));
  };
  const doDispute = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    const res = await dispute({ id: r.id, comment: reason.trim() });
    if (!res.error) {
      setOpen(false);
      onChanged(t('ratings.disputed', { period }));
    }
  };
  return (
    <Card title={period} actions={<RatingStatusBadge status={r.status} />}>
      <p className="employee-rating">
        <span className="employee-big">{num(r.rating)}</span>
        <span className="muted"> / 5</span>
      </p>
      <dl className="employee-facts">
        <dt>{t('ratings.period')}</dt>
        <dd>
          {date(r.period.startsOn)} – {date(r.period.endsOn)}
        </dd>
        <dt>{t('ratings.ratedBy')}</dt>
        <dd>
          {r.ratedBy ? loc(r.ratedBy.name) : '—'} · {date(r.ratedAt)}
        </dd>
        <dt>{t('ratings.comment')}</dt>
        <dd>{r.comment || '—'}</dd>
        {r.employeeComment && (
          <>
            <dt>{t('ratings.yourComment')}</dt>
            <dd>{r.employeeComment}</dd>
          </>
        )}
        {r.hrComment && (
          <>
            <dt>{t('ratings.hrComment')}</dt>
            <dd>{r.hrComment}</dd>
          </>
        )}
      </dl>
      {r.status === 'SUBMITTED' && (
        <>
          <ErrorNotice error={ackError} />
          <div className="actions">
            <Button variant="primary" busy={acking} disabled={disputing} onClick={doAck}>
              {t('ratings.acknowledge')}
            </Button>
            <Button onClick={() => setOpen(true)} disabled={acking}>
              {t('ratings.dispute')}
            </Button>
          </div>
          <Dialog open={open} title={t('ratings.disputeTitle', { period })} onClose={() => setOpen(false)}>
            <form onSubmit={doDispute} noValidate>
              <p>{t('ratings.disputeHint')}</p>
              <Field label={t('ratings.reason')} error={missing ? t('ratings.reasonRequired') : undefined}>
                {(id) => (
                  <textarea
                    id={id}
                    value={reason}
                    required
                    aria-invalid={missing || undefined}
                    onChange={(e) => {
                      setReason(e.target.value);
                      setMissing(false);
                    }}
                    rows={5}
                  />
                )}
              </Field>
              <ErrorNotice error={disputeError} />
              <div className="actions">
                <Button type="submit" variant="danger" busy={disputing}>
                  {t('ratings.sendDispute')}
                </Button>
                <Button onClick={() => setOpen(false)}>{t('common:cancel')}</Button>
              </div>
            </form>
          </Dialog>
        </>
      )}
    </Card>
  );
}
