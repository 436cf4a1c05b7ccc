// Sign-in, refresh and sign-out go straight to /graphql with fetch: they run
// before (or instead of) the urql client and must not loop through its auth
// exchange. The server sets and clears the HttpOnly refresh cookie.
import { setSession } from './token';
import { preflightHeaders } from './headers';
import { ApiError, type GraphQLErrorJSON } from '../lib/errors';

const payload = `accessToken expiresAt user { id }`;

async function call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', ...preflightHeaders },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError([{ message: 'network error', extensions: { code: 'NETWORK' } }]);
  }
  let body: { data?: T; errors?: GraphQLErrorJSON[] };
  try {
    body = await res.json();
  } catch {
    throw new ApiError([{ message: `HTTP ${res.status}`, extensions: { code: res.status === 429 ? 'RATE_LIMITED' : 'INTERNAL' } }]);
  }
  if (body.errors?.length) throw new ApiError(body.errors);
  if (!body.data) throw new ApiError([{ message: 'empty response', extensions: { code: 'INTERNAL' } }]);
  return body.data;
}

interface Pair {
  accessToken: string;
  expiresAt: string;
}

export async function login(email: string, password: string): Promise<void> {
  const d = await call<{ login: Pair }>(
    `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { ${payload} } }`,
    { email, password },
  );
  setSession({ accessToken: d.login.accessToken, expiresAt: d.login.expiresAt });
}

let inflight: Promise<boolean> | null = null;

/** Exchanges the refresh cookie for a new pair; false when there is no valid session. */
export function refresh(): Promise<boolean> {
  // One refresh at a time: the server treats a refresh token used twice as theft.
  if (!inflight) {
    inflight = call<{ refreshToken: Pair }>(`mutation Refresh { refreshToken { ${payload} } }`, {})
      .then((d) => {
        setSession({ accessToken: d.refreshToken.accessToken, expiresAt: d.refreshToken.expiresAt });
        return true;
      })
      .catch(() => {
        setSession(null);
        return false;
      })
      .finally(() => {
        inflight = null;
      });
  }
  return inflight;
}

export async function logout(): Promise<void> {
  try {
    await call(`mutation Logout { logout }`, {});
  } finally {
    setSession(null);
  }
}
