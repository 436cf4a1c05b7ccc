// The readiness frozen at nomination, line by line; the raw JSON when it
// cannot be read.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { Badge, Meter } from '../ui';
import { ReadinessBadge } from './status';
import { parseSnapshot, type SnapshotLine } from './parse';

export function SnapshotView({ text }: { text: string }) {
  const { t } = useTranslation('hr');
  const { num, pct } = useFormat();
  const snap = parseSnapshot(text);
  if (!snap) {
    return (
      <>
        <p className="muted">{t('review.snapshot.raw')}</p>
        <pre className="promo-raw">{text || '—'}</pre>
      </>
    );
  }
  // Weights are the policy's points (50, 15, …), not fractions: show each
  // line's share of the lines present.
  const sumW = snap.lines.reduce((a, l) => a + (l.weight ?? 0), 0);
  const value = (l: SnapshotLine) => {
    if (l.known === false || l.value === undefined) return '—';
    const share = l.requirement === 1 && l.value <= 1;
    const v = share ? pct(l.value) : num(l.value);
    const r = l.requirement === undefined ? '' : share ? pct(l.requirement) : num(l.requirement);
    return r ? t('review.snapshot.valueOf', { value: v, required: r }) : v;
  };
  return (
    <div className="stack">
      <p className="promo-score">
        {snap.score !== undefined && <strong>{t('review.snapshot.score', { score: snap.score })}</strong>} {snap.status && <ReadinessBadge status={snap.status} />}
      </p>
      {snap.score !== undefined && <Meter value={snap.score} label={t('review.snapshot.score', { score: snap.score })} />}
      {snap.lines.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('review.snapshot.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.snapshot.kind')}</th>
                <th scope="col" className="num">{t('review.snapshot.weight')}</th>
                <th scope="col" className="num">{t('review.snapshot.metCount')}</th>
                <th scope="col" className="num">{t('review.snapshot.value')}</th>
                <th scope="col" className="num">{t('review.snapshot.points')}</th>
                <th scope="col">{t('review.snapshot.result')}</th>
              </tr>
            </thead>
            <tbody>
              {snap.lines.map((l, i) => (
                <tr key={`${l.kind}-${i}`}>
                  <th scope="row">{t(`readiness.kind.${l.kind}`, { defaultValue: l.kind })}</th>
                  <td className="num">{l.weight === undefined || !sumW ? '—' : pct(l.weight / sumW)}</td>
                  <td className="num">{l.count ? t('review.snapshot.metOf', { met: l.metCount ?? 0, count: l.count }) : '—'}</td>
                  <td className="num">{value(l)}</td>
                  <td className="num">{l.points === undefined ? '—' : num(l.points)}</td>
                  <td>{l.met === undefined ? '—' : l.met ? <Badge tone="ok">{t('review.snapshot.met')}</Badge> : <Badge tone="warn">{t('review.snapshot.notMet')}</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
