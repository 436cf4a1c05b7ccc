// Server errors carry extensions.code (UNAUTHENTICATED, FORBIDDEN,
// BAD_USER_INPUT, NOT_FOUND, CONFLICT, RATE_LIMITED, INTERNAL) and usually a
// stable extensions.key ("people.email.taken"). The user sees the key's text
// in their language (locales/*/errors.json); an unknown key falls back to the
// code's text, so nothing is ever shown only in the other language.
import type { CombinedError } from 'urql';
import type { TFunction } from 'i18next';

export interface GraphQLErrorJSON {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; key?: string; field?: string; details?: unknown[]; [k: string]: unknown };
}

export class ApiError extends Error {
  errors: GraphQLErrorJSON[];
  constructor(errors: GraphQLErrorJSON[]) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
  }
  get code(): string {
    return this.errors[0]?.extensions?.code ?? 'INTERNAL';
  }
}

export interface Problem {
  code: string;
  key?: string;
  field?: string;
  message: string;
}

/** Flattens whatever failed (urql, fetch, ApiError) into problems, details included. */
export function problems(err: unknown): Problem[] {
  let list: GraphQLErrorJSON[] = [];
  if (err instanceof ApiError) list = err.errors;
  else if (err && typeof err === 'object' && 'graphQLErrors' in err) {
    const ce = err as CombinedError;
    if (ce.networkError && !ce.graphQLErrors.length) return [{ code: 'NETWORK', message: ce.networkError.message }];
    list = ce.graphQLErrors.map((e) => ({ message: e.message, extensions: e.extensions as GraphQLErrorJSON['extensions'] }));
  } else if (err instanceof Error) return [{ code: 'INTERNAL', message: err.message }];
  const out: Problem[] = [];
  for (const e of list) {
    const x = e.extensions ?? {};
    const details = Array.isArray(x.details) ? x.details : [];
    if (details.length) {
      // The server lists every problem of one request: {field, key, message}.
      for (const d of details as unknown as { field?: string; key?: string; message: string }[]) {
        out.push({ code: x.code ?? 'BAD_USER_INPUT', key: d.key, field: d.field, message: d.message });
      }
    } else out.push({ code: x.code ?? 'INTERNAL', key: x.key, field: x.field, message: e.message });
  }
  return out.length ? out : [{ code: 'INTERNAL', message: 'unknown error' }];
}

/** The problem in the user's language: by key, else by code. */
export function problemText(t: TFunction, p: Problem): string {
  const byCode = t(`errors:code.${p.code}`, { defaultValue: t('errors:code.INTERNAL') });
  const text = p.key ? t(`errors:key.${p.key}`, { defaultValue: byCode }) : byCode;
  return p.field ? `${fieldLabel(t, p.field)}: ${text}` : text;
}

/**
 * The label of an input field. Paths into lists ("modules[2].titleEn",
 * "line 3: period_start") fall back to the label of their last part, with
 * the position kept so the user knows which row is meant.
 */
export function fieldLabel(t: TFunction, field: string): string {
  const exact = t(`errors:field.${field}`, { defaultValue: '' });
  if (exact) return exact;
  const last = field.replace(/\[\d+\]/g, '').split(/[.:]\s*/).pop() ?? field;
  const label = t(`errors:field.${last.trim()}`, { defaultValue: '' });
  if (!label) return field;
  const rows = [...field.matchAll(/\[(\d+)\]|line (\d+)/g)].map((m) => (m[1] != null ? Number(m[1]) + 1 : Number(m[2])));
  return rows.length ? `${label} (#${rows.join('.')})` : label;
}
