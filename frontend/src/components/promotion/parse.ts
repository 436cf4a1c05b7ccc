// Reading the JSON a promotion review carries: the readiness snapshot frozen
// at nomination and the before/after states of its audit steps.

export interface SnapshotLine {
  kind: string;
  weight?: number;
  value?: number;
  requirement?: number;
  known?: boolean;
  met?: boolean;
  metCount?: number;
  count?: number;
  score?: number;
  points?: number;
}

export interface Snapshot {
  score?: number;
  status?: string;
  lines: SnapshotLine[];
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The snapshot, or null when it is not the JSON object we know (shown raw then). */
export function parseSnapshot(text: string | null | undefined): Snapshot | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const lines = Array.isArray(o.lines) ? o.lines : [];
  const out: Snapshot = {
    score: num(o.score),
    status: typeof o.status === 'string' ? o.status : undefined,
    lines: [],
  };
  for (const l of lines) {
    if (!l || typeof l !== 'object') continue;
    const x = l as Record<string, unknown>;
    out.lines.push({
      kind: typeof x.kind === 'string' ? x.kind : '?',
      weight: num(x.weight),
      value: num(x.value),
      requirement: num(x.requirement) ?? num(x.required),
      known: typeof x.known === 'boolean' ? x.known : undefined,
      met: typeof x.met === 'boolean' ? x.met : undefined,
      metCount: num(x.metCount),
      count: num(x.count),
      score: num(x.score),
      points: num(x.points),
    });
  }
  if (out.score === undefined && out.status === undefined && out.lines.length === 0) return null;
  return out;
}

function parseObject(text: string | null | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export interface Change {
  key: string;
  before: unknown;
  after: unknown;
}

/**
 * What one audit step changed: every key of `after` whose value differs
 * from `before` (all of them when there was no before). The status is left
 * out: the step shows it as from → to. Unreadable JSON gives null.
 */
export function auditChanges(before: string | null | undefined, after: string | null | undefined): Change[] | null {
  if (!after) return [];
  const a = parseObject(after);
  if (!a) return null;
  const b = parseObject(before) ?? {};
  const out: Change[] = [];
  for (const [key, value] of Object.entries(a)) {
    if (key === 'status') continue;
    if (JSON.stringify(b[key]) === JSON.stringify(value)) continue;
    out.push({ key, before: b[key], after: value });
  }
  return out;
}
