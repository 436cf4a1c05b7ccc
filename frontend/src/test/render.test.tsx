// The fake client behaves like the real one where screens depend on it: a
// query's error stays on screen, shown in the user's language.
import { expect, test } from 'vitest';
import { screen } from '@testing-library/react';
import { CombinedError, useQuery } from 'urql';
import { graphql } from '../gql';
import { ErrorNotice } from '../components/ui';
import { fakeClient, renderWith } from './render';

const Doc = graphql(`
  query TestHarnessServerInfo {
    serverInfo {
      version
    }
  }
`);

function Probe() {
  const [{ data, error }] = useQuery({ query: Doc });
  return error ? <ErrorNotice error={error} /> : <p>{data?.serverInfo.version ?? '…'}</p>;
}

test('an answer is shown', async () => {
  renderWith(<Probe />, { client: fakeClient({ TestHarnessServerInfo: { serverInfo: { version: 'v1' } } }) });
  expect(await screen.findByText('v1')).toBeTruthy();
});

test('a query error stays on screen in the user language', async () => {
  const error = new CombinedError({ graphQLErrors: [{ message: 'no', extensions: { code: 'FORBIDDEN', key: 'nothing.known' } }] });
  renderWith(<Probe />, { lang: 'zh-CN', client: fakeClient({ TestHarnessServerInfo: error }) });
  expect((await screen.findByRole('alert')).textContent).toBe('你无权执行此操作。');
});
