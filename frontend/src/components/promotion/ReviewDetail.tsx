// One promotion review: the readiness snapshot frozen at nomination, the
// panel and its votes, the decision and appeal, and the audit trail. Shared
// by HR (decide, appeals) and managers on a panel (vote). Owned by the HR
// area's work; the manager area only routes to it.
import { useTranslation } from 'react-i18next';
import { Card } from '../ui';

export interface ReviewDetailProps {
  reviewId: string;
}

export function ReviewDetail({ reviewId }: ReviewDetailProps) {
  const { t } = useTranslation('hr');
  return <Card title={t('title')}>{reviewId}</Card>;
}
