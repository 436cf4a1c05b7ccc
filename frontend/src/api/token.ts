// The access token lives in memory only (never in storage a script could
// read later); the refresh token is the server's HttpOnly cookie. A reload
// therefore starts signed out and asks /graphql for a new pair with the cookie.

export interface Session {
  accessToken: string;
  expiresAt: string;
}

let current: Session | null = null;
const listeners = new Set<(s: Session | null) => void>();

export function getSession(): Session | null {
  return current;
}

export function setSession(s: Session | null): void {
  current = s;
  for (const l of listeners) l(s);
}

export function onSession(l: (s: Session | null) => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
