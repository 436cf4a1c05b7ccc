// Small pieces the employee screens share: status badges (always text, never
// colour alone) and the loading / error states of a screen's one query.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { Badge, ErrorNotice, Loading } from '../../components/ui';
import type { EnrollmentStatus, GoalStatus, RatingStatus, ReadinessStatus, AttemptStatus } from '../../gql/graphql';

/**
 * A table's scrolling box: on a narrow screen the table scrolls inside it,
 * so it takes keyboard focus (arrow keys scroll it) and is named.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap employee-table" tabIndex={0} role="group" aria-label={label}>
      {children}
    </div>
  );
}

/** Shows progress until the first answer, and the error when there is none. */
export function QueryState({ error, hasData, children }: { fetching?: boolean; error?: CombinedError; hasData: boolean; children: () => ReactNode }) {
  if (!hasData) return error ? <ErrorNotice error={error} /> : <Loading />;
  return (
    <>
      <ErrorNotice error={error} />
      {children()}
    </>
  );
}

const readinessTone: Record<ReadinessStatus, 'ok' | 'warn' | 'bad'> = { READY_NOW: 'ok', READY_SOON: 'warn', NOT_READY: 'bad' };

export function ReadinessBadge({ status }: { status: ReadinessStatus }) {
  const { t } = useTranslation('employee');
  return <Badge tone={readinessTone[status]}>{t(`readinessStatus.${status}`)}</Badge>;
}

const enrollmentTone: Record<EnrollmentStatus, 'ok' | 'warn' | 'bad' | 'info'> = { ASSIGNED: 'info', IN_PROGRESS: 'warn', COMPLETED: 'ok', WITHDRAWN: 'bad' };

export function EnrollmentBadge({ status, overdue }: { status: EnrollmentStatus; overdue?: boolean }) {
  const { t } = useTranslation('employee');
  return (
    <span className="employee-badges">
      <Badge tone={enrollmentTone[status]}>{t(`enrollmentStatus.${status}`)}</Badge>
      {overdue && <Badge tone="bad">{t('courses.overdue')}</Badge>}
    </span>
  );
}

const goalTone: Record<GoalStatus, 'ok' | 'warn' | 'bad' | 'info'> = { DRAFT: 'info', AGREED: 'info', IN_PROGRESS: 'warn', ACHIEVED: 'ok', MISSED: 'bad', CANCELLED: 'bad' };

export function GoalBadge({ status }: { status: GoalStatus }) {
  const { t } = useTranslation('employee');
  return <Badge tone={goalTone[status]}>{t(`goalStatus.${status}`)}</Badge>;
}

const ratingTone: Record<RatingStatus, 'ok' | 'warn' | 'bad' | 'info'> = { SUBMITTED: 'warn', ACKNOWLEDGED: 'ok', DISPUTED: 'bad', RESOLVED: 'info' };

export function RatingStatusBadge({ status }: { status: RatingStatus }) {
  const { t } = useTranslation('employee');
  return <Badge tone={ratingTone[status]}>{t(`ratingStatus.${status}`)}</Badge>;
}

/** An attempt's outcome: passed, not passed, waiting for grading or under way. */
export function AttemptBadge({ status, passed }: { status: AttemptStatus; passed?: boolean | null }) {
  const { t } = useTranslation('employee');
  if (status === 'IN_PROGRESS') return <Badge tone="info">{t('attemptStatus.IN_PROGRESS')}</Badge>;
  if (status === 'AWAITING_GRADING') return <Badge tone="warn">{t('attemptStatus.AWAITING_GRADING')}</Badge>;
  return passed ? <Badge tone="ok">{t('test.passed')}</Badge> : <Badge tone="bad">{t('test.failed')}</Badge>;
}

/** Whole months between two dates (for "in position for …"). */
export function monthsSince(from: string, now = new Date()): number {
  const d = new Date(from.length === 10 ? from + 'T00:00:00' : from);
  let m = (now.getFullYear() - d.getFullYear()) * 12 + (now.getMonth() - d.getMonth());
  if (now.getDate() < d.getDate()) m -= 1;
  return Math.max(0, m);
}
