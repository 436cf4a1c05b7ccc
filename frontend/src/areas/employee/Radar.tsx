// The viewer's level in each competency the target position asks for,
// against the level it asks for: a radar chart for the eye and the same
// numbers as a table for everyone (screen readers, small screens, print).
import { useTranslation } from 'react-i18next';
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, Tooltip } from 'recharts';
import { Badge, Empty } from '../../components/ui';
import { useFormat, type Localized } from '../../lib/format';
import { TableWrap } from './shared';

export interface GapRow {
  competency: { id: string; name: Localized };
  requiredLevel: number;
  currentLevel?: number | null;
  gap: number;
  met: boolean;
  stale: boolean;
}

/** An axis label broken onto lines of about 14 characters (or 7 CJK), so long names fit. */
function AxisTick(props: { x?: number | string; y?: number | string; cx?: number | string; textAnchor?: string; payload?: { value: string } }) {
  const { x = 0, y = 0, cx = 0, textAnchor, payload } = props;
  const words = wrap(String(payload?.value ?? ''));
  const nx = Number(x), ny = Number(y);
  const anchor: 'start' | 'middle' | 'end' = (textAnchor as 'start' | 'middle' | 'end' | undefined) ?? (Math.abs(nx - Number(cx)) < 4 ? 'middle' : nx > Number(cx) ? 'start' : 'end');
  return (
    <text x={nx} y={ny} textAnchor={anchor} fontSize={11} fill="#1d2733">
      {words.map((w, i) => (
        <tspan key={i} x={nx} dy={i === 0 ? `${-(words.length - 1) * 0.5 + 0.35}em` : '1.1em'}>
          {w}
        </tspan>
      ))}
    </text>
  );
}

export function wrap(text: string, max = 14): string[] {
  if (/[\u3400-\u9fff]/.test(text) && !text.includes(' ')) {
    const out: string[] = [];
    for (let i = 0; i < text.length; i += 7) out.push(text.slice(i, i + 7));
    return out;
  }
  const lines: string[] = [];
  for (const w of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last && (last + ' ' + w).length <= max) lines[lines.length - 1] = last + ' ' + w;
    else lines.push(w);
  }
  return lines;
}

export function CompetencyRadar({ gaps, targetName }: { gaps: readonly GapRow[]; targetName: string }) {
  const { t } = useTranslation('employee');
  const { loc } = useFormat();
  if (gaps.length === 0) return <Empty>{t('radar.none')}</Empty>;
  const data = gaps.map((g) => ({ name: loc(g.competency.name), current: g.currentLevel ?? 0, required: g.requiredLevel }));
  const top = Math.max(5, ...data.map((d) => Math.max(d.current, d.required)));
  const mine = t('radar.current');
  const needed = t('radar.required', { position: targetName });
  return (
    <div className={`employee-radar${gaps.length >= 3 ? ' with-chart' : ''}`}>
      {gaps.length >= 3 && (
        <figure className="employee-radar-chart" role="img" aria-label={t('radar.label', { position: targetName })}>
          <RadarChart
            responsive
            accessibilityLayer={false}
            data={data}
            outerRadius="62%"
            margin={{ top: 10, right: 30, bottom: 10, left: 30 }}
            style={{ width: '100%', aspectRatio: '1 / 1', maxHeight: 460 }}
          >
            <PolarGrid />
            <PolarAngleAxis dataKey="name" tick={<AxisTick />} />
            <PolarRadiusAxis angle={90} domain={[0, top]} tickCount={top + 1} tick={{ fontSize: 10, fill: '#4f5b68' }} />
            <Radar name={needed} dataKey="required" stroke="#8a5300" fill="#8a5300" fillOpacity={0.12} strokeDasharray="5 4" strokeWidth={2} isAnimationActive={false} />
            <Radar name={mine} dataKey="current" stroke="#0b5cad" fill="#0b5cad" fillOpacity={0.35} strokeWidth={2} isAnimationActive={false} />
            <Legend />
            <Tooltip />
          </RadarChart>
        </figure>
      )}
      <TableWrap label={t('radar.caption', { position: targetName })}>
        <table>
          <caption className="sr-only">{t('radar.caption', { position: targetName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('radar.competency')}</th>
              <th scope="col" className="num">
                {t('radar.currentShort')}
              </th>
              <th scope="col" className="num">
                {t('radar.requiredShort')}
              </th>
              <th scope="col">{t('readiness.status')}</th>
            </tr>
          </thead>
          <tbody>
            {gaps.map((g) => (
              <tr key={g.competency.id}>
                <th scope="row">{loc(g.competency.name)}</th>
                <td className="num">{g.currentLevel ?? '—'}</td>
                <td className="num">{g.requiredLevel}</td>
                <td>
                  {g.met ? <Badge tone="ok">{t('readiness.met')}</Badge> : <Badge tone="bad">{t('radar.gap', { count: g.gap })}</Badge>}{' '}
                  {g.stale && <Badge tone="warn">{t('radar.stale')}</Badge>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
