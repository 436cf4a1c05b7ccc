// Every request the app sends to /graphql carries the preflight header: the
// server refuses a multipart upload without it (a cross-site form cannot set
// it).
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { gql } from 'urql';
import { makeClient } from './client';
import { login } from './auth';
import { setSession } from './token';

const ok = (data: unknown) => new Response(JSON.stringify({ data }), { status: 200, headers: { 'Content-Type': 'application/json' } });

const sent: { url: string; headers: Headers; body: unknown }[] = [];

beforeEach(() => {
  sent.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      sent.push({ url, headers: new Headers(init.headers), body: init.body });
      return ok({ login: { accessToken: 't', expiresAt: new Date(Date.now() + 600_000).toISOString() }, importKpis: { records: 0 } });
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  setSession(null);
});

test('sign-in sends the preflight header', async () => {
  await login('agent@rungs.demo', 'secret-password');
  expect(sent[0].headers.get('GraphQL-Require-Preflight')).toBe('1');
});

test('an upload through the client is multipart with the preflight header and the token', async () => {
  await login('hr@rungs.demo', 'secret-password');
  const client = makeClient(() => {});
  const res = await client
    .mutation(gql`mutation Import($file: Upload!) { importKpis(file: $file) { records } }`, { file: new File(['a,b\n'], 'kpis.csv') })
    .toPromise();
  expect(res.error).toBeUndefined();
  const upload = sent[sent.length - 1];
  expect(upload.body).toBeInstanceOf(FormData);
  expect(upload.headers.get('GraphQL-Require-Preflight')).toBe('1');
  expect(upload.headers.get('Authorization')).toBe('Bearer t');
});
