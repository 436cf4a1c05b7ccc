// File exports (/export/…) are authenticated like /graphql: the access token
// as a Bearer header, one refresh and retry when it has run out. The file is
// handed to the browser through a temporary link; failures come back as
// ApiError in the API's own error shape, so they show in the user's language.
import { getSession } from './token';
import { refresh } from './auth';
import { expiresSoon } from './client';
import { ApiError, type GraphQLErrorJSON } from '../lib/errors';

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

/** Saves blob as a file named filename. */
export function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

/**
 * Downloads url and saves it as filename (the caller knows the names the
 * user reads, e.g. a position's code), else under the server's file name;
 * throws ApiError when the server refuses.
 */
export async function download(url: string, filename?: string): Promise<void> {
  let res = await get(url);
  if (res.status === 401 && (await refresh())) res = await get(url);
  if (!res.ok) {
    const code = res.status === 401 ? 'UNAUTHENTICATED' : res.status === 403 ? 'FORBIDDEN' : res.status === 404 ? 'NOT_FOUND' : res.status === 400 ? 'BAD_USER_INPUT' : 'INTERNAL';
    let errors: GraphQLErrorJSON[] = [{ message: `HTTP ${res.status}`, extensions: { code } }];
    try {
      const body = (await res.json()) as { errors?: GraphQLErrorJSON[] };
      if (body.errors?.length) errors = body.errors;
    } catch {
      /* not JSON: keep the status */
    }
    throw new ApiError(errors);
  }
  const name = filename || res.headers.get('Content-Disposition')?.match(/filename="?([^";]+)"?/)?.[1] || 'export.csv';
  saveBlob(await res.blob(), name);
}
