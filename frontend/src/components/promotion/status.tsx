// Badges for the states of promotion reviews and readiness: a word in the
// user's language on a coloured pill (the colour is never the only signal).
import { useTranslation } from 'react-i18next';
import { Badge } from '../ui';

type Tone = 'ok' | 'warn' | 'bad' | 'info';

const promotionTone: Record<string, Tone> = {
  NOMINATED: 'info',
  IN_PANEL: 'info',
  APPROVED: 'ok',
  REJECTED: 'bad',
  APPEALED: 'warn',
  UPHELD: 'bad',
  OVERTURNED: 'ok',
  WITHDRAWN: 'info',
};

export function PromotionStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('hr');
  return <Badge tone={promotionTone[status] ?? 'info'}>{t(`promotionStatus.${status}`, { defaultValue: status })}</Badge>;
}

const readinessTone: Record<string, Tone> = { READY_NOW: 'ok', READY_SOON: 'warn', NOT_READY: 'bad' };

export function ReadinessBadge({ status }: { status: string }) {
  const { t } = useTranslation('hr');
  return <Badge tone={readinessTone[status] ?? 'info'}>{t(`readiness.status.${status}`, { defaultValue: status })}</Badge>;
}
