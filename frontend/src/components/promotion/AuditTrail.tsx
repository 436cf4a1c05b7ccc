// A review's permanent record, oldest first: who did what, the status it
// moved between, and what changed (read from the step's JSON).
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { Empty } from '../ui';
import { PromotionStatusBadge } from './status';
import { auditChanges } from './parse';
import type { Review } from './ReviewDetail';

export function AuditTrail({ review }: { review: Review }) {
  const { t } = useTranslation('hr');
  const { loc, dateTime } = useFormat();
  const names = useReviewNames(review);
  if (review.auditTrail.length === 0) return <Empty>{t('review.audit.none')}</Empty>;

  const show = (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (key === 'panel' && Array.isArray(v)) return v.map((id) => names.people.get(String(id)) ?? `#${id}`).join(t('review.audit.listSep'));
    if (/(By|Id|reviewerId)$/.test(key) && !/position/i.test(key) && (typeof v === 'number' || typeof v === 'string'))
      return names.people.get(String(v)) ?? `#${v}`;
    if (/positionId$/i.test(key)) return names.positions.get(String(v)) ?? `#${v}`;
    if (key === 'vote' && typeof v === 'string') return t(`review.vote.${v}`, { defaultValue: v });
    if (typeof v === 'boolean') return v ? t('common:yes') : t('common:no');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };

  return (
    <ol className="promo-audit">
      {review.auditTrail.map((a, i) => {
        const changes = auditChanges(a.before, a.after);
        return (
          <li key={i}>
            <p className="promo-audit-head">
              <strong>{t(`review.action.${a.action}`, { defaultValue: a.action })}</strong>
              {' · '}
              {a.actor ? loc(a.actor.name) : t('review.hiddenPerson')}
              {' · '}
              <time dateTime={a.at}>{dateTime(a.at)}</time>
            </p>
            <p className="promo-audit-status">
              {a.fromStatus ? <PromotionStatusBadge status={a.fromStatus} /> : <span className="muted">{t('review.audit.start')}</span>}
              <span aria-hidden="true"> → </span>
              <span className="sr-only"> {t('review.to')} </span>
              <PromotionStatusBadge status={a.toStatus} />
            </p>
            {changes === null ? (
              <pre className="promo-raw">{a.after}</pre>
            ) : (
              changes.length > 0 && (
                <dl className="promo-changes">
                  {changes.map((c) => (
                    <div key={c.key}>
                      <dt>{t(`review.audit.field.${c.key}`, { defaultValue: c.key })}</dt>
                      <dd>
                        {c.before !== undefined && c.before !== null && (
                          <>
                            <del>{show(c.key, c.before)}</del> <span aria-hidden="true">→</span>{' '}
                          </>
                        )}
                        {show(c.key, c.after)}
                      </dd>
                    </div>
                  ))}
                </dl>
              )
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** Names of the people and positions a review mentions, by id: for reading audit JSON. */
function useReviewNames(review: Review) {
  const { loc } = useFormat();
  const people = new Map<string, string>();
  const add = (p: { id: string; name: { en: string; zh: string } } | null | undefined) => {
    if (p) people.set(String(p.id), loc(p.name));
  };
  add(review.employee);
  add(review.nominatedBy);
  review.votes.forEach((v) => add(v.reviewer));
  review.auditTrail.forEach((a) => add(a.actor));
  const positions = new Map<string, string>([
    [String(review.fromPosition.id), loc(review.fromPosition.name)],
    [String(review.position.id), loc(review.position.name)],
  ]);
  return { people, positions };
}
