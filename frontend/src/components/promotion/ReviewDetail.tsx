// One promotion review: the readiness snapshot frozen at nomination, the
// panel and its votes, the decision and appeal, and the audit trail. Shared
// by HR (decide, appeals) and managers on a panel (vote). Owned by the HR
// area's work; the manager area only routes to it.
//
// It renders cards (h2) and expects to sit inside a <Page> (the h1).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { HrPromotionReviewQuery, PanelVote, PromotionDecision } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { Badge, Button, Card, Dialog, Empty, ErrorNotice, Field, Loading, Success } from '../ui';
import { PromotionStatusBadge } from './status';
import { SnapshotView } from './SnapshotView';
import { AuditTrail } from './AuditTrail';
import './promotion.css';
import { PanelEditor } from './PanelEditor';

export interface ReviewDetailProps {
  reviewId: string;
}

const ReviewDoc = graphql(`
  query HrPromotionReview($id: ID!) {
    promotionReview(id: $id) {
      id
      status
      justification
      readinessSnapshot
      decisionReason
      decidedAt
      appealStatement
      appealReason
      createdAt
      employee {
        id
        employeeNumber
        name { en zh }
        position { id name { en zh } }
        team { id name { en zh } }
      }
      fromPosition { id code name { en zh } }
      position { id code name { en zh } }
      nominatedBy { id name { en zh } }
      votes {
        reviewer { id employeeNumber name { en zh } }
        vote
        comment
        confidential
        votedAt
      }
      auditTrail {
        actor { id name { en zh } }
        action
        fromStatus
        toStatus
        before
        after
        at
      }
    }
  }
`);

const VoteDoc = graphql(`
  mutation HrVoteOnNomination($reviewId: ID!, $vote: PanelVote!, $comment: String, $confidential: Boolean) {
    voteOnNomination(reviewId: $reviewId, vote: $vote, comment: $comment, confidential: $confidential) {
      id
      status
      votes { reviewer { id } vote comment confidential votedAt }
    }
  }
`);

const DecideDoc = graphql(`
  mutation HrDecidePromotion($reviewId: ID!, $decision: PromotionDecision!, $reason: String!) {
    decidePromotion(reviewId: $reviewId, decision: $decision, reason: $reason) {
      id
      status
      decisionReason
      decidedAt
    }
  }
`);

const AppealDoc = graphql(`
  mutation HrDecideAppeal($reviewId: ID!, $decision: PromotionDecision!, $reason: String!) {
    decideAppeal(reviewId: $reviewId, decision: $decision, reason: $reason) {
      id
      status
      appealReason
    }
  }
`);

const WithdrawDoc = graphql(`
  mutation HrWithdrawNomination($reviewId: ID!, $reason: String!) {
    withdrawNomination(reviewId: $reviewId, reason: $reason) {
      id
      status
    }
  }
`);

export type Review = NonNullable<HrPromotionReviewQuery['promotionReview']>;

const OPEN = ['NOMINATED', 'IN_PANEL', 'APPEALED'];

export function ReviewDetail({ reviewId }: ReviewDetailProps) {
  const { t } = useTranslation('hr');
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ReviewDoc, variables: { id: reviewId } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  if (!data && fetching) return <Loading />;
  if (!data) return <ErrorNotice error={error} />;
  const review = data.promotionReview;
  if (!review) return <Empty>{t('review.notFound')}</Empty>;
  return (
    <div className="stack promo-review">
      <ErrorNotice error={error} />
      <Summary review={review} />
      <Card title={t('review.snapshot.title')}>
        <SnapshotView text={review.readinessSnapshot} />
      </Card>
      <Panel review={review} refresh={refresh} />
      <Decisions review={review} refresh={refresh} />
      <Card title={t('review.audit.title')}>
        <AuditTrail review={review} />
      </Card>
    </div>
  );
}

function Summary({ review }: { review: Review }) {
  const { t } = useTranslation('hr');
  const { loc, date, dateTime } = useFormat();
  const who = review.employee ? loc(review.employee.name) : t('review.hiddenPerson');
  return (
    <Card title={who} actions={<PromotionStatusBadge status={review.status} />}>
      <dl className="promo-facts">
        <div>
          <dt>{t('review.move')}</dt>
          <dd>
            {loc(review.fromPosition.name)} <span aria-hidden="true">→</span>
            <span className="sr-only">{t('review.to')}</span> <strong>{loc(review.position.name)}</strong>
          </dd>
        </div>
        {review.employee && (
          <div>
            <dt>{t('review.employeeNumber')}</dt>
            <dd>{review.employee.employeeNumber}</dd>
          </div>
        )}
        {review.employee?.team && (
          <div>
            <dt>{t('review.team')}</dt>
            <dd>{loc(review.employee.team.name)}</dd>
          </div>
        )}
        <div>
          <dt>{t('review.nominatedBy')}</dt>
          <dd>
            {review.nominatedBy ? loc(review.nominatedBy.name) : t('review.hiddenPerson')} · {date(review.createdAt)}
          </dd>
        </div>
        {review.decidedAt && (
          <div>
            <dt>{t('review.decidedAt')}</dt>
            <dd>{dateTime(review.decidedAt)}</dd>
          </div>
        )}
      </dl>
      <h3>{t('review.justification')}</h3>
      <p className="promo-text">{review.justification}</p>
      {review.decisionReason && (
        <>
          <h3>{t('review.decisionReason')}</h3>
          <p className="promo-text">{review.decisionReason}</p>
        </>
      )}
      {review.appealStatement && (
        <>
          <h3>{t('review.appealStatement')}</h3>
          <p className="promo-text">{review.appealStatement}</p>
        </>
      )}
      {review.appealReason && (
        <>
          <h3>{t('review.appealReason')}</h3>
          <p className="promo-text">{review.appealReason}</p>
        </>
      )}
    </Card>
  );
}

const VOTES: PanelVote[] = ['SUPPORT', 'OPPOSE', 'ABSTAIN'];
const voteTone: Record<string, 'ok' | 'bad' | 'info'> = { SUPPORT: 'ok', OPPOSE: 'bad', ABSTAIN: 'info' };

function Panel({ review, refresh }: { review: Review; refresh: () => void }) {
  const { t } = useTranslation('hr');
  const { loc, dateTime } = useFormat();
  const { viewer, has } = useSession();
  const mine = viewer ? review.votes.find((v) => v.reviewer?.id === viewer.id) : undefined;
  const canVote = !!mine && review.status === 'IN_PANEL';
  const canSetPanel = has('HR') && review.status === 'NOMINATED';
  return (
    <Card title={t('review.panel.title')}>
      {review.votes.length === 0 ? (
        <Empty>{t('review.panel.none')}</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('review.panel.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.panel.member')}</th>
                <th scope="col">{t('review.panel.vote')}</th>
                <th scope="col">{t('review.panel.comment')}</th>
                <th scope="col">{t('review.panel.votedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {review.votes.map((v, i) => (
                <tr key={v.reviewer?.id ?? i}>
                  <th scope="row">{v.reviewer ? loc(v.reviewer.name) : t('review.hiddenPerson')}</th>
                  <td>{v.vote ? <Badge tone={voteTone[v.vote]}>{t(`review.vote.${v.vote}`)}</Badge> : <span className="muted">{t('review.panel.notVoted')}</span>}</td>
                  <td className="promo-comment">
                    {v.confidential && <Badge tone="warn">{t('review.panel.confidential')}</Badge>}{' '}
                    {v.comment ? <span className="promo-text">{v.comment}</span> : v.confidential ? <span className="muted">{t('review.panel.confidentialHidden')}</span> : <span className="muted">—</span>}
                  </td>
                  <td>{dateTime(v.votedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canVote && mine && <VoteForm reviewId={review.id} current={mine} refresh={refresh} />}
      {canSetPanel && <PanelEditor review={review} refresh={refresh} />}
    </Card>
  );
}

function VoteForm({ reviewId, current, refresh }: { reviewId: string; current: Review['votes'][number]; refresh: () => void }) {
  const { t } = useTranslation('hr');
  const [{ fetching, error }, vote] = useMutation(VoteDoc);
  const [editing, setEditing] = useState(!current.vote);
  const [choice, setChoice] = useState<PanelVote | ''>(current.vote ?? '');
  const [comment, setComment] = useState(current.comment);
  const [confidential, setConfidential] = useState(current.confidential);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const res = await vote({ reviewId, vote: choice, comment: comment.trim() || null, confidential });
    if (!res.error) {
      setEditing(false);
      setDone(true);
      refresh();
    }
  };
  if (!editing && current.vote) {
    return (
      <div className="promo-myvote">
        {done && <Success>{t('review.voteSaved')}</Success>}
        <p>
          {t('review.yourVoteIs')} <Badge tone={voteTone[current.vote]}>{t(`review.vote.${current.vote}`)}</Badge>
        </p>
        <Button onClick={() => setEditing(true)}>{t('review.changeVote')}</Button>
      </div>
    );
  }
  return (
    <form className="promo-form" onSubmit={submit} noValidate>
      <h3>{t('review.voteTitle')}</h3>
      <ErrorNotice error={error} />
      <fieldset className="promo-choices" aria-invalid={missing || undefined}>
        <legend>{t('review.yourVote')}</legend>
        {VOTES.map((v) => (
          <label key={v}>
            <input type="radio" name={`vote-${reviewId}`} value={v} checked={choice === v} onChange={() => setChoice(v)} /> {t(`review.vote.${v}`)}
          </label>
        ))}
        {missing && (
          <small className="field-error" role="alert">
            {t('review.voteRequired')}
          </small>
        )}
      </fieldset>
      <Field label={t('review.comment')} hint={t('review.commentHint')}>
        {(id) => <textarea id={id} value={comment} maxLength={4000} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <label className="promo-check">
        <input type="checkbox" checked={confidential} onChange={(e) => setConfidential(e.target.checked)} /> {t('review.confidential')}
      </label>
      <div className="actions">
        <Button type="submit" variant="primary" busy={fetching}>
          {t('review.submitVote')}
        </Button>
        {current.vote && <Button onClick={() => setEditing(false)}>{t('common:cancel')}</Button>}
      </div>
    </form>
  );
}

function Decisions({ review, refresh }: { review: Review; refresh: () => void }) {
  const { t } = useTranslation('hr');
  const { viewer, has } = useSession();
  const isHR = has('HR');
  const isNominator = !!viewer && review.nominatedBy?.id === viewer.id;
  const canWithdraw = OPEN.includes(review.status) && (isHR || isNominator);
  const decide = isHR && review.status === 'IN_PANEL';
  const appeal = isHR && review.status === 'APPEALED';
  const [saved, setSaved] = useState('');
  if (!decide && !appeal && !canWithdraw && !saved) return null;
  const after = (msg: string) => {
    setSaved(msg);
    refresh();
  };
  return (
    <Card title={t('review.decide.title')}>
      {saved && <Success>{saved}</Success>}
      {decide && <DecisionForm key="decide" review={review} kind="decide" onDone={() => after(t('review.decide.saved'))} />}
      {appeal && <DecisionForm key="appeal" review={review} kind="appeal" onDone={() => after(t('review.decide.appealSaved'))} />}
      {canWithdraw && <Withdraw review={review} onDone={() => after(t('review.withdraw.saved'))} />}
    </Card>
  );
}

function DecisionForm({ review, kind, onDone }: { review: Review; kind: 'decide' | 'appeal'; onDone: () => void }) {
  const { t } = useTranslation('hr');
  const [decideState, decidePromotion] = useMutation(DecideDoc);
  const [appealState, decideAppeal] = useMutation(AppealDoc);
  const state = kind === 'decide' ? decideState : appealState;
  const options: PromotionDecision[] = kind === 'decide' ? ['APPROVE', 'REJECT'] : ['UPHOLD', 'OVERTURN'];
  const [choice, setChoice] = useState<PromotionDecision | ''>('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const reasonMissing = tried && !reason.trim();
  const choiceMissing = tried && !choice;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!choice || !reason.trim()) return;
    const vars = { reviewId: review.id, decision: choice, reason: reason.trim() };
    const res = kind === 'decide' ? await decidePromotion(vars) : await decideAppeal(vars);
    if (!res.error) onDone();
  };
  return (
    <form className="promo-form" onSubmit={submit} noValidate>
      <h3>{t(kind === 'decide' ? 'review.decide.heading' : 'review.decide.appealHeading')}</h3>
      {kind === 'appeal' && <p className="muted">{t('review.decide.appealHint')}</p>}
      <ErrorNotice error={state.error} />
      <fieldset className="promo-choices" aria-invalid={choiceMissing || undefined}>
        <legend>{t('review.decide.decision')}</legend>
        {options.map((o) => (
          <label key={o}>
            <input type="radio" name={`decision-${kind}-${review.id}`} value={o} checked={choice === o} onChange={() => setChoice(o)} /> {t(`review.decision.${o}`)}
          </label>
        ))}
        {choiceMissing && (
          <small className="field-error" role="alert">
            {t('review.decide.choiceRequired')}
          </small>
        )}
      </fieldset>
      <Field label={t('review.decide.reason')} error={reasonMissing ? t('review.reasonRequired') : undefined}>
        {(id) => <textarea id={id} required value={reason} maxLength={4000} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <Button type="submit" variant="primary" busy={state.fetching}>
        {t('review.decide.submit')}
      </Button>
    </form>
  );
}

function Withdraw({ review, onDone }: { review: Review; onDone: () => void }) {
  const { t } = useTranslation('hr');
  const [{ fetching, error }, withdraw] = useMutation(WithdrawDoc);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!reason.trim()) return;
    const res = await withdraw({ reviewId: review.id, reason: reason.trim() });
    if (!res.error) {
      setOpen(false);
      onDone();
    }
  };
  return (
    <div className="promo-withdraw">
      <h3>{t('review.withdraw.heading')}</h3>
      <p className="muted">{t('review.withdraw.hint')}</p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t('review.withdraw.open')}
      </Button>
      <Dialog open={open} title={t('review.withdraw.title')} onClose={() => setOpen(false)}>
        <form onSubmit={submit} noValidate>
          <ErrorNotice error={error} />
          <Field label={t('review.withdraw.reason')} error={tried && !reason.trim() ? t('review.reasonRequired') : undefined}>
            {(id) => <textarea id={id} required value={reason} maxLength={4000} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="actions">
            <Button type="submit" variant="danger" busy={fetching}>
              {t('review.withdraw.submit')}
            </Button>
            <Button onClick={() => setOpen(false)}>{t('common:cancel')}</Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
