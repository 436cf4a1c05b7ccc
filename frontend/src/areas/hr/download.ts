// The readiness board as CSV: GET /export/positions/{id}/readiness.csv with
// the access token (the export is authenticated like /graphql), saved
// through a temporary link.
import { getSession } from '../../api/token';
import { refresh } from '../../api/auth';
import { expiresSoon } from '../../api/client';
import { ApiError, type GraphQLErrorJSON } from '../../lib/errors';

export function readinessCsvUrl(positionId: string, status?: string | null): string {
  const q = status ? `?status=${encodeURIComponent(status)}` : '';
  return `/export/positions/${encodeURIComponent(positionId)}/readiness.csv${q}`;
}

async function get(url: string): Promise<Response> {
  let s = getSession();
  if (!s || expiresSoon(s.expiresAt)) {
    await refresh();
    s = getSession();
  }
  const headers: Record<string, string> = {};
  if (s) headers.Authorization = `Bearer ${s.accessToken}`;
  try {
    return await fetch(url, { headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError([{ message: 'network error', extensions: { code: 'NETWORK' } }]);
  }
}

/** Fetches the CSV and hands it to the browser as a download; throws ApiError on failure. */
export async function downloadReadinessCsv(positionId: string, positionCode: string, status?: string | null): Promise<void> {
  const url = readinessCsvUrl(positionId, status);
  let res = await get(url);
  if (res.status === 401 && (await refresh())) res = await get(url);
  if (!res.ok) {
    let errors: GraphQLErrorJSON[] = [{ message: `HTTP ${res.status}`, extensions: { code: res.status === 403 ? 'FORBIDDEN' : res.status === 404 ? 'NOT_FOUND' : 'INTERNAL' } }];
    try {
      const body = (await res.json()) as { errors?: GraphQLErrorJSON[] };
      if (body.errors?.length) errors = body.errors;
    } catch {
      /* not JSON: keep the status */
    }
    throw new ApiError(errors);
  }
  const blob = await res.blob();
  const name = `readiness-${positionCode}${status ? `-${status}` : ''}.csv`;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
