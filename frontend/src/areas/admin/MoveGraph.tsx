// The ladder's move graph as a picture: one column per track, one row per
// level (highest on top), one box per position and one arrow per allowed
// move. Promotions are solid, lateral moves dashed and bowed (above the row
// going right, below it going left), so colour is never the only signal. A
// text list of the moves sits beside it for screen readers and keyboards.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoveKind } from '../../gql/graphql';
import { Pager, usePaged } from '../../components/ui';
import { pick, type Localized } from '../../lib/format';

export interface GraphPosition {
  id: string;
  code: string;
  name: Localized;
  level: number;
  trackId: string;
}
export interface GraphTrack {
  id: string;
  name: Localized;
}
export interface GraphMove {
  kind: MoveKind;
  fromId: string;
  toId: string;
}

export const NODE_W = 136;
export const NODE_H = 58;
const COL_GAP = 26;
const ROW_GAP = 64;
const TOP = 48;
const LEFT = 64;

export interface Node extends GraphPosition {
  x: number;
  y: number;
}
export interface Layout {
  width: number;
  height: number;
  nodes: Node[];
  columns: { track: GraphTrack; x: number; width: number }[];
  rows: { level: number; y: number }[];
}

/** Places every position: columns by track (as wide as its busiest level), rows by level. */
export function layout(tracks: GraphTrack[], positions: GraphPosition[]): Layout {
  const used = tracks.filter((t) => positions.some((p) => p.trackId === t.id));
  const levels = [...new Set(positions.map((p) => p.level))].sort((a, b) => b - a);
  const maxLevel = levels[0] ?? 1;
  const minLevel = levels[levels.length - 1] ?? 1;
  const rowY = (level: number) => TOP + (maxLevel - level) * (NODE_H + ROW_GAP);
  const nodes: Node[] = [];
  const columns: Layout['columns'] = [];
  let x = LEFT;
  for (const track of used) {
    const mine = positions.filter((p) => p.trackId === track.id);
    const byLevel = new Map<number, GraphPosition[]>();
    for (const p of mine) byLevel.set(p.level, [...(byLevel.get(p.level) ?? []), p]);
    const slots = Math.max(...[...byLevel.values()].map((l) => l.length));
    const width = slots * NODE_W + (slots - 1) * 12;
    for (const [level, list] of byLevel) {
      const rowWidth = list.length * NODE_W + (list.length - 1) * 12;
      list
        .slice()
        .sort((a, b) => a.code.localeCompare(b.code))
        .forEach((p, i) => nodes.push({ ...p, x: x + (width - rowWidth) / 2 + i * (NODE_W + 12), y: rowY(level) }));
    }
    columns.push({ track, x, width });
    x += width + COL_GAP;
  }
  const rows: Layout['rows'] = [];
  for (let l = maxLevel; l >= minLevel; l--) rows.push({ level: l, y: rowY(l) });
  return { width: Math.max(x - COL_GAP + 16, 200), height: rowY(minLevel) + NODE_H + 24, nodes, columns, rows };
}

/** The SVG path of one move between two placed positions. */
export function movePath(from: Node, to: Node, kind: MoveKind): string {
  if (kind === 'LATERAL' || from.y === to.y) {
    const rightward = to.x > from.x;
    const dist = Math.abs(to.x - from.x);
    const bow = Math.min(ROW_GAP * 0.85, 14 + dist * 0.1);
    if (rightward) {
      // Above the row: leave from the top right, arrive at the top left.
      const x1 = from.x + NODE_W * 0.72;
      const x2 = to.x + NODE_W * 0.28;
      const y = from.y;
      return `M ${x1} ${y} C ${x1} ${y - bow}, ${x2} ${y - bow}, ${x2} ${y}`;
    }
    const x1 = from.x + NODE_W * 0.28;
    const x2 = to.x + NODE_W * 0.72;
    const y = from.y + NODE_H;
    return `M ${x1} ${y} C ${x1} ${y + bow}, ${x2} ${y + bow}, ${x2} ${y}`;
  }
  // A promotion goes up: from the top of the lower box to the bottom of the higher one.
  const up = to.y < from.y;
  const x1 = from.x + NODE_W / 2;
  const x2 = to.x + NODE_W / 2;
  const y1 = up ? from.y : from.y + NODE_H;
  const y2 = up ? to.y + NODE_H : to.y;
  const mid = (y1 + y2) / 2;
  return `M ${x1} ${y1} C ${x1} ${mid}, ${x2} ${mid}, ${x2} ${y2}`;
}

/** Breaks a name into at most `lines` lines of about `width` units (a CJK character counts two). */
export function wrap(text: string, width = 20, lines = 3): string[] {
  const units = (s: string) => [...s].reduce((n, ch) => n + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const cjk = /[\u2e80-\u9fff]/.test(text);
  const tokens = cjk ? [...text] : text.split(/\s+/);
  const out: string[] = [];
  let cur = '';
  for (const tok of tokens) {
    const next = cur ? (cjk ? cur + tok : `${cur} ${tok}`) : tok;
    if (units(next) > width && cur) {
      out.push(cur);
      cur = tok;
    } else cur = next;
  }
  if (cur) out.push(cur);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = `${kept[lines - 1]}…`;
    return kept;
  }
  return out;
}

export function MoveGraph({ tracks, positions, moves }: { tracks: GraphTrack[]; positions: GraphPosition[]; moves: GraphMove[] }) {
  const { t, i18n } = useTranslation('admin');
  const loc = (x: Localized) => pick(x, i18n.language);
  const raw = useId();
  const id = `g${raw.replace(/[^a-zA-Z0-9]/g, '')}`;
  const g = layout(tracks, positions);
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const drawn = moves.filter((m) => byId.has(m.fromId) && byId.has(m.toId));
  const promotions = drawn.filter((m) => m.kind === 'PROMOTION').length;
  const name = (pid: string) => {
    const n = byId.get(pid);
    return n ? loc(n.name) : '?';
  };
  const describe = (m: GraphMove) => t('ladder.graph.move', { from: name(m.fromId), to: name(m.toId), kind: t(`ladder.moveKind.${m.kind}`) });
  const list = usePaged(drawn, 12);
  return (
    <div className="admin-graph">
      <figure className="admin-graph-figure">
        <div className="admin-graph-scroll" tabIndex={0} role="group" aria-label={t('ladder.graph.title')}>
          <svg
            className="admin-graph-svg"
            viewBox={`0 0 ${g.width} ${g.height}`}
            width={g.width}
            height={g.height}
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
            data-moves={drawn.length}
          >
            <title id={`${id}-title`}>{t('ladder.graph.title')}</title>
            <desc id={`${id}-desc`}>
              {t('ladder.graph.desc', { positions: g.nodes.length, tracks: g.columns.length, promotions, laterals: drawn.length - promotions })}
            </desc>
            <defs>
              <marker id={`${id}-up`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" className="admin-arrowhead promotion" />
              </marker>
              <marker id={`${id}-side`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" className="admin-arrowhead lateral" />
              </marker>
            </defs>
            {g.rows.map((r) => (
              <g key={r.level}>
                <line x1={LEFT - 8} x2={g.width - 8} y1={r.y + NODE_H / 2} y2={r.y + NODE_H / 2} className="admin-graph-rowline" />
                <text x={8} y={r.y + NODE_H / 2 + 4} className="admin-graph-level">
                  {t('ladder.graph.level', { level: r.level })}
                </text>
              </g>
            ))}
            {g.columns.map((c) => (
              <text key={c.track.id} x={c.x + c.width / 2} y={16} textAnchor="middle" className="admin-graph-track">
                {wrap(loc(c.track.name), Math.round(c.width / 7), 2).map((l, i) => (
                  <tspan key={i} x={c.x + c.width / 2} dy={i === 0 ? 0 : 14}>
                    {l}
                  </tspan>
                ))}
              </text>
            ))}
            {drawn.map((m) => {
              const from = byId.get(m.fromId)!;
              const to = byId.get(m.toId)!;
              return (
                <path
                  key={`${m.fromId}-${m.toId}`}
                  d={movePath(from, to, m.kind)}
                  className={`admin-move ${m.kind === 'PROMOTION' ? 'promotion' : 'lateral'}`}
                  data-from={from.code}
                  data-to={to.code}
                  data-kind={m.kind}
                  markerEnd={`url(#${id}-${m.kind === 'PROMOTION' ? 'up' : 'side'})`}
                >
                  <title>{describe(m)}</title>
                </path>
              );
            })}
            {g.nodes.map((n) => {
              const lines = wrap(loc(n.name));
              return (
                <g key={n.id} className="admin-node">
                  <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={6} />
                  <text x={n.x + NODE_W / 2} y={n.y + NODE_H / 2 - ((lines.length - 1) * 14) / 2 + 4} textAnchor="middle">
                    {lines.map((l, i) => (
                      <tspan key={i} x={n.x + NODE_W / 2} dy={i === 0 ? 0 : 14}>
                        {l}
                      </tspan>
                    ))}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
        <figcaption className="admin-legend">
          <span>
            <svg width="34" height="10" aria-hidden="true">
              <line x1="0" y1="5" x2="34" y2="5" className="admin-move promotion" />
            </svg>{' '}
            {t('ladder.graph.legendPromotion')}
          </span>
          <span>
            <svg width="34" height="10" aria-hidden="true">
              <line x1="0" y1="5" x2="34" y2="5" className="admin-move lateral" />
            </svg>{' '}
            {t('ladder.graph.legendLateral')}
          </span>
        </figcaption>
      </figure>
      <section className="admin-graph-list" aria-label={t('ladder.graph.listLabel')}>
        <h3>{t('ladder.graph.listTitle', { count: drawn.length })}</h3>
        <ul>
          {list.rows.map((m) => (
            <li key={`${m.fromId}-${m.toId}`}>{describe(m)}</li>
          ))}
        </ul>
        <Pager {...list} />
      </section>
    </div>
  );
}
