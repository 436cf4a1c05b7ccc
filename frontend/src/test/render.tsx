// Renders a component the way the app does (i18n, urql client, router), with
// a client whose answers the test gives: no server, but real components.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { Provider, type Client } from 'urql';
import { MemoryRouter } from 'react-router';
import { concat, fromValue, never } from 'wonka';
import { initI18n } from '../i18n';

/** A urql client that answers each operation by name from `answers`. */
export function fakeClient(answers: Record<string, unknown | ((vars: Record<string, unknown>) => unknown)>, calls: { name: string; variables: Record<string, unknown> }[] = []): Client {
  const exec = (op: { query: { definitions: readonly { name?: { value: string } }[] }; variables?: Record<string, unknown> }) => {
    const name = op.query.definitions.map((d) => d.name?.value).find(Boolean) ?? '?';
    calls.push({ name, variables: op.variables ?? {} });
    const a = answers[name];
    if (a === undefined) return never;
    const data = typeof a === 'function' ? (a as (v: Record<string, unknown>) => unknown)(op.variables ?? {}) : a;
    // The stream stays open after its answer, as a real client's does: urql
    // would otherwise drop a query's error the moment the stream ends.
    if (data instanceof Error) return concat([fromValue({ operation: op, error: data }), never]);
    return concat([fromValue({ operation: op, data }), never]);
  };
  return { executeQuery: exec, executeMutation: exec, executeSubscription: () => never } as unknown as Client;
}

export function renderWith(ui: ReactElement, opts: { lang?: string; client?: Client; path?: string } = {}) {
  const i18n = initI18n(opts.lang ?? 'en');
  const client = opts.client ?? fakeClient({});
  return {
    i18n,
    ...render(
      <I18nextProvider i18n={i18n}>
        <Provider value={client}>
          <MemoryRouter initialEntries={[opts.path ?? '/']}>{ui}</MemoryRouter>
        </Provider>
      </I18nextProvider>,
    ),
  };
}
