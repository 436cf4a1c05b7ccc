// Test helpers of the employee area.
import { configure } from '@testing-library/react';
import type { Client } from 'urql';
import { concat, never, type Source } from 'wonka';
import { fakeClient } from '../../test/render';

// The machine is shared with other builds: give async queries time.
configure({ asyncUtilTimeout: 5000 });

type Answers = Parameters<typeof fakeClient>[0];
type Calls = NonNullable<Parameters<typeof fakeClient>[1]>;

/**
 * fakeClient, but its query answers stay open as a real client's do: urql
 * clears a query's error when its source ends, so an error answer would
 * otherwise vanish before the screen shows it.
 */
export function openClient(answers: Answers, calls: Calls = []): Client {
  const c = fakeClient(answers, calls);
  const exec = c.executeQuery.bind(c) as unknown as (op: unknown) => Source<unknown>;
  return { ...c, executeQuery: (op: unknown) => concat([exec(op), never]) } as unknown as Client;
}
