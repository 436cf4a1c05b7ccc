// Small pieces the manager screens share.
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui';

export type Tone = 'ok' | 'warn' | 'bad' | 'info';

const reviewTones: Record<string, Tone> = {
  NOMINATED: 'info',
  IN_PANEL: 'warn',
  APPROVED: 'ok',
  REJECTED: 'bad',
  APPEALED: 'warn',
  UPHELD: 'bad',
  OVERTURNED: 'ok',
  WITHDRAWN: 'info',
};

/** Review statuses while a review is still under way (one per person and position). */
export const OPEN_REVIEW = ['NOMINATED', 'IN_PANEL', 'APPEALED'] as const;

export function ReviewStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('manager');
  return <Badge tone={reviewTones[status] ?? 'info'}>{t(`reviewStatus.${status}`, { defaultValue: status })}</Badge>;
}

const readinessTones: Record<string, Tone> = { READY_NOW: 'ok', READY_SOON: 'warn', NOT_READY: 'bad' };

export function ReadinessBadge({ status }: { status: string }) {
  const { t } = useTranslation('manager');
  return <Badge tone={readinessTones[status] ?? 'info'}>{t(`readinessStatus.${status}`, { defaultValue: status })}</Badge>;
}

const ratingTones: Record<string, Tone> = { SUBMITTED: 'info', ACKNOWLEDGED: 'ok', DISPUTED: 'bad', RESOLVED: 'ok' };

export function RatingStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('manager');
  return <Badge tone={ratingTones[status] ?? 'info'}>{t(`ratingStatus.${status}`, { defaultValue: status })}</Badge>;
}

/** Performance ratings on the scale: 1.0 to 5.0 in steps of 0.5. */
export const RATING_STEPS = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];

/** Whole months from a date to today. */
export function monthsSince(d: string, now = new Date()): number {
  const from = new Date(d.length === 10 ? d + 'T00:00:00' : d);
  let m = (now.getFullYear() - from.getFullYear()) * 12 + (now.getMonth() - from.getMonth());
  if (now.getDate() < from.getDate()) m--;
  return Math.max(0, m);
}
