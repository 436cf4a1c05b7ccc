import { describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CombinedError } from 'urql';
import { fakeClient, renderWith } from '../../test/render';
import { ReadinessBoard } from './ReadinessBoard';
import { board, keepOpen, positions, teams } from './fixtures';
import { readinessCsvUrl } from './download';
import zhErrors from '../../locales/zh-CN/errors.json';

type Call = { name: string; variables: Record<string, unknown> };

function show(lang = 'en', boardAnswer: unknown = board) {
  const calls: Call[] = [];
  const base = fakeClient({ HrBoardOptions: { positions, teams }, HrReadinessBoard: boardAnswer }, calls);
  const client = keepOpen(base);
  renderWith(<ReadinessBoard />, { lang, client, path: '/hr' });
  return calls;
}

const boardCalls = (calls: Call[]) => calls.filter((c) => c.name === 'HrReadinessBoard').map((c) => c.variables);

// The first render of a file is slow on a busy machine.
describe('ReadinessBoard', { timeout: 20_000 }, () => {
  test('lists the candidates of the first position above entry level with status words and gaps (zh-CN)', async () => {
    const calls = show('zh-CN');
    const table = await screen.findByRole('table', { name: '客服主管候选人' });
    const cao = within(table).getByRole('row', { name: /曹琳/ });
    expect(within(cao).getByText('现已就绪')).toBeTruthy();
    expect(within(cao).getByText('无差距')).toBeTruthy();
    const du = within(table).getByRole('row', { name: /杜凯/ });
    expect(within(du).getByText('即将就绪')).toBeTruthy();
    expect(within(du).getByText('问题解决能力：3 级中的 2 级')).toBeTruthy();
    expect(within(du).getByText('另有 1 项差距')).toBeTruthy();
    expect(within(table).getByRole('row', { name: /唐雯/ }).textContent).toContain('尚未就绪');
    expect(screen.getByText('共 12 名候选人')).toBeTruthy();
    expect(boardCalls(calls)[0]).toEqual({ positionId: '4', teamId: null, status: null, sort: 'SCORE_DESC', first: 10, after: null });
    // One query for the choices, one for the board.
    expect(new Set(calls.map((c) => c.name))).toEqual(new Set(['HrBoardOptions', 'HrReadinessBoard']));
  });

  test('filters, the server sort from the column headers and the next page are sent to the server', async () => {
    const calls = show();
    await screen.findByRole('table', { name: 'Candidates for Team Lead' });
    expect(screen.getByRole('columnheader', { name: /Score/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: /^Person/ }));
    await waitFor(() => expect(boardCalls(calls).at(-1)).toMatchObject({ sort: 'NAME' }));
    expect(screen.getByRole('columnheader', { name: /Person/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.change(screen.getByLabelText('Readiness'), { target: { value: 'READY_NOW' } });
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: '2' } });
    await waitFor(() => expect(boardCalls(calls).at(-1)).toMatchObject({ positionId: '4', teamId: '2', status: 'READY_NOW', sort: 'NAME', after: null }));
    fireEvent.change(screen.getByLabelText('Position'), { target: { value: '1' } });
    await waitFor(() => expect(boardCalls(calls).at(-1)).toMatchObject({ positionId: '1' }));
    await screen.findByRole('table', { name: 'Candidates for Customer Experience Director' });
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(boardCalls(calls).at(-1)).toMatchObject({ positionId: '1', after: 'c10' }));
  });

  test('an empty board says so and a refused one shows the error', async () => {
    show('en', { readinessBoard: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } });
    expect(await screen.findByText('No candidates match these filters.')).toBeTruthy();
  });

  test('a server error is shown in the user language', async () => {
    show('zh-CN', new CombinedError({ graphQLErrors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(zhErrors.code.FORBIDDEN));
    expect(screen.queryByRole('table')).toBeNull();
  });

  test('the CSV path is the export of the position, with the status filter', () => {
    expect(readinessCsvUrl('4')).toBe('/export/positions/4/readiness.csv');
    expect(readinessCsvUrl('4', 'READY_NOW')).toBe('/export/positions/4/readiness.csv?status=READY_NOW');
    expect(readinessCsvUrl('4', 'READY_NOW', '7')).toBe('/export/positions/4/readiness.csv?status=READY_NOW&team=7');
  });
});
