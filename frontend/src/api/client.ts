// The one urql client. Every request carries the in-memory access token; a
// request refused as UNAUTHENTICATED refreshes once with the cookie and is
// retried, and a failed refresh signs the user out with "session expired".
import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';
import { authExchange } from '@urql/exchange-auth';
import { getSession } from './token';
import { refresh } from './auth';
import { preflightHeaders } from './headers';

export function expiresSoon(expiresAt: string, now = Date.now()): boolean {
  return new Date(expiresAt).getTime() - now < 30_000;
}

export function makeClient(onExpired: () => void): Client {
  return new Client({
    url: '/graphql',
    // The preflight header lets the server tell the app's uploads from a
    // cross-site form (headers.ts); authExchange adds Authorization to it.
    fetchOptions: { credentials: 'same-origin', headers: { ...preflightHeaders } },
    // The server takes POST only (GET would put queries in logs and caches).
    preferGetMethod: false,
    // Lists change under other users' hands; re-read on every visit but show
    // the cached page meanwhile.
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const s = getSession();
          return s ? utils.appendHeaders(operation, { Authorization: `Bearer ${s.accessToken}` }) : operation;
        },
        willAuthError() {
          const s = getSession();
          return !s || expiresSoon(s.expiresAt);
        },
        didAuthError(error) {
          return error.response?.status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
        },
        async refreshAuth() {
          if (!(await refresh())) onExpired();
        },
      })),
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') && !getSession()) onExpired();
        },
      }),
      fetchExchange,
    ],
  });
}
