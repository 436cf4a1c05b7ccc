// The heat map's rule, kept apart from the screen so it can be tested on its
// own: how one person's current level in one competency compares with what
// their position requires.

export type CellState = 'met' | 'below1' | 'below2' | 'notRequired';

export interface Cell {
  /** The level their position requires; null when it requires none. */
  required: number | null;
  /** Their current level; null without any evidence. */
  current: number | null;
  /** Missing levels (0 when met or not required). */
  gap: number;
  state: CellState;
  /** The deciding evidence is older than a year. */
  stale: boolean;
}

interface RequirementLike {
  kind: string;
  minLevel?: number | null;
  competency?: { id: string } | null;
}

interface LevelLike {
  competency: { id: string };
  level?: number | null;
  stale?: boolean | null;
}

/** The minimum level per competency id among a position's requirements. */
export function requiredLevels(reqs: readonly RequirementLike[] | null | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of reqs ?? []) {
    if (r.kind !== 'COMPETENCY' || !r.competency || r.minLevel == null) continue;
    m.set(r.competency.id, Math.max(m.get(r.competency.id) ?? 0, r.minLevel));
  }
  return m;
}

/** Current levels per competency id. */
export function currentLevels(levels: readonly LevelLike[] | null | undefined): Map<string, { level: number | null; stale: boolean }> {
  const m = new Map<string, { level: number | null; stale: boolean }>();
  for (const l of levels ?? []) m.set(l.competency.id, { level: l.level ?? null, stale: !!l.stale });
  return m;
}

export function cellFor(required: number | null | undefined, current: number | null | undefined, stale = false): Cell {
  const cur = current ?? null;
  if (required == null || required <= 0) return { required: null, current: cur, gap: 0, state: 'notRequired', stale };
  const gap = Math.max(0, required - (cur ?? 0));
  return { required, current: cur, gap, state: gap === 0 ? 'met' : gap === 1 ? 'below1' : 'below2', stale };
}

/** Every requirement of a person checked: how many are short and by how many levels in all. */
export function summary(reqs: Map<string, number>, cur: Map<string, { level: number | null }>): { required: number; short: number; levels: number; maxGap: number } {
  let short = 0;
  let levels = 0;
  let maxGap = 0;
  for (const [id, req] of reqs) {
    const gap = Math.max(0, req - (cur.get(id)?.level ?? 0));
    if (gap > 0) {
      short++;
      levels += gap;
      maxGap = Math.max(maxGap, gap);
    }
  }
  return { required: reqs.size, short, levels, maxGap };
}

/**
 * The columns to show: every competency when asked, else those any shown
 * person's position requires (all of them when nobody requires any), in the
 * framework's order.
 */
export function visibleColumns<C extends { id: string }>(all: readonly C[], required: Iterable<Map<string, number>>, showAll: boolean): C[] {
  if (showAll) return [...all];
  const ids = new Set<string>();
  for (const m of required) for (const id of m.keys()) ids.add(id);
  if (ids.size === 0) return [...all];
  return all.filter((c) => ids.has(c.id));
}
