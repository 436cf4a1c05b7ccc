import { afterEach, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError, type Client } from 'urql';
import { concat, fromValue, never } from 'wonka';
import { fakeClient, renderWith } from '../../test/render';
import { TeamProgress } from './Progress';
import { asTrainer } from './testing';
import { setSession } from '../../api/token';
import { daysFromToday } from '../../test/dates';

type Calls = { name: string; variables: Record<string, unknown> }[];

const teams = [
  { id: '2', code: 'CS-EAST', name: { en: 'Service team East', zh: '华东客服组' } },
  { id: '4', code: 'CS-VIP', name: { en: 'Key-account team', zh: 'VIP 客户组' } },
];
const c210 = { id: '23', code: 'CS-210', title: { en: 'Complaint handling and service recovery', zh: '投诉处理与服务补救' } };
const c110 = { id: '24', code: 'CS-110', title: { en: 'Complaint handling essentials', zh: '投诉处理基础' } };
const team = {
  id: '2',
  code: 'CS-EAST',
  name: teams[0].name,
  progress: [
    { course: c210, assigned: 1, inProgress: 1, completed: 0, overdue: 1, withdrawn: 0 },
    { course: c110, assigned: 0, inProgress: 0, completed: 1, overdue: 0, withdrawn: 0 },
  ],
  members: {
    totalCount: 3,
    pageInfo: { hasNextPage: false, endCursor: null },
    nodes: [
      { id: '6', employeeNumber: 'CS-1102', name: { en: 'Wu Xiaoling', zh: '吴晓玲' } },
      { id: '7', employeeNumber: 'CS-1103', name: { en: 'Deng Chao', zh: '邓超' } },
      { id: '5', employeeNumber: 'CS-1101', name: { en: 'Li Na', zh: '李娜' } },
    ],
  },
};
const rows = {
  m0: {
    id: '6',
    enrollments: [
      { id: 'e1', status: 'IN_PROGRESS', percentComplete: 40, dueOn: daysFromToday(-36), overdue: true, course: { id: '23' } },
      { id: 'e2', status: 'COMPLETED', percentComplete: 100, dueOn: null, overdue: false, course: { id: '24' } },
    ],
  },
  m1: { id: '7', enrollments: [{ id: 'e3', status: 'ASSIGNED', percentComplete: 0, dueOn: daysFromToday(10), overdue: false, course: { id: '23' } }] },
  m2: null,
};
const forbidden = new CombinedError({ graphQLErrors: [{ message: 'no', path: ['m2', 'enrollments'], extensions: { code: 'FORBIDDEN', key: 'development.forbidden' } }] });

afterEach(() => {
  vi.unstubAllGlobals();
  setSession(null);
});

function answers() {
  return {
    TrainerTeamProgress: (v: Record<string, unknown>) => (v.hasTeam ? { teams, team } : { teams }),
    TrainerTeamProgressRows: () => ({ ...rows }),
  };
}

test('shows people × courses with status, progress, due date and overdue in words, in Chinese', async () => {
  const calls: Calls = [];
  renderWith(asTrainer(<TeamProgress />), { lang: 'zh-CN', client: fakeClient(answers(), calls) });
  expect(await screen.findByText('选择团队，查看其在您课程上的学习进度。')).toBeTruthy();
  await userEvent.selectOptions(screen.getByLabelText('团队'), '2');
  const matrix = within(await screen.findByRole('table', { name: '按员工与课程' }));
  const wu = within(matrix.getByRole('row', { name: /吴晓玲/ }));
  expect(wu.getByText('学习中')).toBeTruthy();
  expect(wu.getByText('已逾期')).toBeTruthy();
  expect(wu.getByText('已完成')).toBeTruthy();
  expect(wu.getByRole('meter', { name: 'CS-210 的学习进度' }).getAttribute('aria-valuenow')).toBe('40');
  const deng = within(matrix.getByRole('row', { name: /邓超/ }));
  expect(deng.getByText('未开始')).toBeTruthy();
  expect(deng.getByText('未参加')).toBeTruthy();
  expect(deng.queryByText('已逾期')).toBeNull();
  // The per-course table says how many are overdue.
  const byCourse = within(screen.getByRole('table', { name: '华东客服组：按课程' }));
  expect(byCourse.getByText('逾期 1 人')).toBeTruthy();
  // Rows are asked for in one request, one alias per member of the page.
  const rowCalls = calls.filter((c) => c.name === 'TrainerTeamProgressRows');
  expect(rowCalls).toHaveLength(1);
  expect(rowCalls[0].variables).toMatchObject({ id0: '6', on0: true, id1: '7', on1: true, id2: '5', on2: true, on3: false });
});

test("a member whose record is not the trainer's to read is marked hidden, not an error", async () => {
  // A real server answers with the other members' data and a FORBIDDEN error for the one.
  const base = fakeClient(answers());
  const client = {
    ...base,
    executeQuery: (op: { query: { definitions: readonly { name?: { value: string } }[] } }) =>
      op.query.definitions.some((d) => d.name?.value === 'TrainerTeamProgressRows')
        ? concat([fromValue({ operation: op, data: rows, error: forbidden }), never])
        : (base.executeQuery as unknown as (o: unknown) => unknown)(op),
  } as unknown as Client;
  renderWith(asTrainer(<TeamProgress />), { path: '/trainer/progress?team=2', client });
  const li = within(await screen.findByRole('row', { name: /Li Na/ }));
  await waitFor(() => expect(li.getAllByText('Hidden')).toHaveLength(2));
  expect(within(screen.getByRole('row', { name: /Wu Xiaoling/ })).queryByText('Hidden')).toBeNull();
  expect(screen.getByText(/not yours to see/)).toBeTruthy();
  expect(screen.queryByRole('alert')).toBeNull();
});

test('downloads the CSV with the access token', async () => {
  setSession({ accessToken: 'tok-123', expiresAt: new Date(Date.now() + 600_000).toISOString() });
  const fetchMock = vi.fn(async () => new Response('\ufeffcourse_code\n', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="team-CS-EAST-progress.csv"' } }));
  vi.stubGlobal('fetch', fetchMock);
  const createObjectURL = vi.fn(() => 'blob:x');
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
  const clicked: string[] = [];
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this.download);
  });
  renderWith(asTrainer(<TeamProgress />), { path: '/trainer/progress?team=2', client: fakeClient(answers()) });
  await userEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
  await waitFor(() => expect(clicked).toEqual(['team-CS-EAST-progress.csv']));
  expect(fetchMock).toHaveBeenCalledWith('/export/teams/2/progress.csv', expect.objectContaining({ headers: { Authorization: 'Bearer tok-123' } }));
  click.mockRestore();
});

test('a refused download is explained', async () => {
  setSession({ accessToken: 'tok-123', expiresAt: new Date(Date.now() + 600_000).toISOString() });
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN', key: 'auth.forbidden' } }] }), { status: 403 })));
  renderWith(asTrainer(<TeamProgress />), { path: '/trainer/progress?team=2', client: fakeClient(answers()) });
  await userEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
  expect((await screen.findByRole('alert')).textContent).not.toBe('');
});
