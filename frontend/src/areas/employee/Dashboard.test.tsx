import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { fakeClient, renderWith } from '../../test/render';
import { SessionContextForTest, type Viewer } from '../../auth/session';
import { Dashboard, defaultTarget, targetOptions } from './Dashboard';
import { dashboard } from './fixtures';
import { formatDate } from '../../lib/format';
import { openClient } from './testing';

// The machine is shared: first renders (recharts, i18n) can be slow.
vi.setConfig({ testTimeout: 20_000 });

beforeAll(() => {
  // recharts measures its box; jsdom has no layout.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

const viewer = { id: '6', position: { id: '5', code: 'AGENT', name: { en: 'Customer Service Agent', zh: '客服专员' } }, reports: [], accessRoles: ['EMPLOYEE'] } as unknown as Viewer;
type Calls = { name: string; variables: Record<string, unknown> }[];

function show(lang: string, answers: Record<string, unknown>, calls: Calls = [], path = '/me') {
  return renderWith(
    <SessionContextForTest value={{ viewer }}>
      <Dashboard />
    </SessionContextForTest>,
    { lang, client: fakeClient(answers, calls), path },
  );
}

const byTarget = (plan = false) => (v: Record<string, unknown>) => dashboard({ withTarget: !!v.hasTarget, plan });

describe('default target', () => {
  test('the adopted plan, else the first aspiration, else the first promotion', () => {
    expect(defaultTarget(dashboard({ plan: true }).me)).toBe('4');
    const me = dashboard().me;
    expect(defaultTarget({ ...me, aspirations: [{ rank: 2, position: me.nextPositions[1].to }, { rank: 1, position: me.nextPositions[0].to }] })).toBe('4');
    expect(defaultTarget({ ...me, aspirations: [], nextPositions: [{ kind: 'LATERAL', to: me.nextPositions[1].to }, me.nextPositions[0]] })).toBe('4');
    expect(defaultTarget({ ...me, aspirations: [], nextPositions: [] })).toBeNull();
    expect(targetOptions(me).map((p) => p.id)).toEqual(['4', '10']);
  });
});

test('shows position, readiness lines, radar table and learning path in English, asking for the first aspiration', async () => {
  const calls: Calls = [];
  show('en', { EmployeeDashboard: byTarget() }, calls);
  await screen.findByRole('heading', { level: 2, name: 'Readiness for Team Lead' });
  // One query without a target, then one for the first aspiration.
  const dash = calls.filter((c) => c.name === 'EmployeeDashboard');
  expect(dash[0].variables).toMatchObject({ hasTarget: false, from: '5' });
  expect(dash.at(-1)!.variables).toMatchObject({ hasTarget: true, target: '4', from: '5' });

  const current = screen.getByRole('region', { name: 'Where I am now' });
  expect(within(current).getByText('Customer Service Agent')).toBeTruthy();
  expect(within(current).getByText('Service team East')).toBeTruthy();
  expect(within(current).getByText('Li Na')).toBeTruthy();

  const readiness = screen.getByRole('region', { name: 'Readiness for Team Lead' });
  expect(within(readiness).getByText('57')).toBeTruthy();
  expect(within(readiness).getByText('Not yet ready')).toBeTruthy();
  const months = within(readiness).getByRole('row', { name: /Time in position/ });
  expect(months.textContent).toContain('44 of 12 months');
  expect(within(months).getByText('Met')).toBeTruthy();
  expect(within(within(readiness).getByRole('row', { name: /Competency levels/ })).getByText('Not met')).toBeTruthy();
  expect(within(readiness).getByRole('link', { name: 'Frontline manager foundation' }).getAttribute('href')).toBe('/me/courses/5');
  expect(readiness.textContent).toContain('KPI Customer satisfaction: 84 (needs 88)');
  // Repeated gaps are listed once.
  expect(within(readiness).getAllByText('Not met: KPI')).toHaveLength(1);

  const radar = screen.getByRole('region', { name: 'My competencies against Team Lead' });
  const comm = within(radar).getByRole('row', { name: /Communication/ });
  expect(within(comm).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2', '3', '1 level short ']);
  expect(within(within(radar).getByRole('row', { name: /Leadership/ })).getByText('—')).toBeTruthy();
  expect(within(radar).getByText('Evidence over a year old')).toBeTruthy();

  const path = screen.getByRole('region', { name: 'Learning path to Team Lead' });
  expect(path.textContent).toContain('55.3 h');
  expect(path.textContent).toContain(formatDate(dashboard().me.learningPath!.finishOn, 'en'));
  expect(within(path).getByRole('link', { name: 'Complaint handling and service recovery' }).getAttribute('href')).toBe('/me/courses/23');
  expect(within(path).getByText('In progress')).toBeTruthy();
  expect(within(path).getByText('Coaching: level 2 needs a rating')).toBeTruthy();
  expect(within(path).getByRole('button', { name: 'Adopt this path' })).toBeTruthy();

  expect(screen.getByRole('region', { name: 'My goals' }).textContent).toContain('Raise CSAT from 84% to 88%');
  expect(screen.getByRole('region', { name: 'Coaching notes' }).textContent).toContain('Finish CS-210.');
});

test('speaks Chinese in zh-CN', async () => {
  show('zh-CN', { EmployeeDashboard: byTarget() });
  await screen.findByRole('heading', { level: 2, name: '客服主管准备度' });
  expect(screen.getByRole('heading', { level: 1, name: '我的发展' })).toBeTruthy();
  expect(screen.getByText('客服专员')).toBeTruthy();
  const readiness = screen.getByRole('region', { name: '客服主管准备度' });
  expect(within(readiness).getByText('尚未就绪')).toBeTruthy();
  expect(within(readiness).getByRole('rowheader', { name: '能力等级' })).toBeTruthy();
  expect(within(readiness).getByRole('row', { name: /任职时长/ }).textContent).toContain('44 / 12 个月');
  expect(screen.getByRole('region', { name: '通往客服主管的学习路径' }).textContent).toContain('55.3 小时');
  expect(screen.getByRole('button', { name: '采用此路径' })).toBeTruthy();
  expect(screen.getByRole('region', { name: '我的能力与客服主管要求对比' }).textContent).toContain('差 1 级');
});

test('adopting the path sends its target and says so', async () => {
  const calls: Calls = [];
  show('en', { EmployeeDashboard: byTarget(), EmployeeAdoptPath: { adoptLearningPath: { id: '9', targetPosition: { id: '4' } } } }, calls);
  await userEvent.click(await screen.findByRole('button', { name: 'Adopt this path' }));
  await screen.findByText('The path is now your development plan; its courses are on your list.');
  expect(calls.find((c) => c.name === 'EmployeeAdoptPath')!.variables).toEqual({ target: '4' });
});

test('a refused adoption shows the server problem', async () => {
  const error = new CombinedError({ graphQLErrors: [{ message: 'no', extensions: { code: 'FORBIDDEN', key: 'plan.adopt.forbidden' } }] });
  show('en', { EmployeeDashboard: byTarget(), EmployeeAdoptPath: error });
  await userEvent.click(await screen.findByRole('button', { name: 'Adopt this path' }));
  expect((await screen.findByRole('alert')).textContent).toBeTruthy();
  expect(screen.queryByText('The path is now your development plan; its courses are on your list.')).toBeNull();
});

test('an adopted plan is shown with its progress, and its path is not offered again', async () => {
  show('en', { EmployeeDashboard: byTarget(true) });
  const plan = await screen.findByRole('region', { name: 'My development plan: Team Lead' });
  expect(plan.textContent).toContain('5 of 20 hours done');
  expect(within(plan).getByText('1 course done')).toBeTruthy();
  expect(within(plan).getByRole('link', { name: 'Complaint handling and service recovery' })).toBeTruthy();
  expect(screen.getByText('This is your adopted plan')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Adopt this path' })).toBeNull();
});

test('choosing another target re-queries with it', async () => {
  const calls: Calls = [];
  show('en', { EmployeeDashboard: byTarget() }, calls);
  await userEvent.click(await screen.findByRole('button', { name: 'Show readiness for Customer Service Trainer' }));
  await waitFor(() => expect(calls.at(-1)!.variables).toMatchObject({ target: '10', hasTarget: true }));
  await userEvent.selectOptions(await screen.findByLabelText('Target position'), '4');
  await waitFor(() => expect(calls.at(-1)!.variables).toMatchObject({ target: '4' }));
});

test('a target in the address is used at once', async () => {
  const calls: Calls = [];
  show('en', { EmployeeDashboard: byTarget() }, calls, '/me?target=10');
  await screen.findByRole('heading', { level: 2, name: 'Readiness for Customer Service Trainer' });
  expect(calls.filter((c) => c.name === 'EmployeeDashboard').every((c) => c.variables.target === '10')).toBe(true);
});

test('aspirations are saved in rank order, each position once', async () => {
  const calls: Calls = [];
  show('en', { EmployeeDashboard: byTarget(), EmployeeSetAspirations: { setAspirations: [] } }, calls);
  const second = await screen.findByLabelText('Second choice');
  await userEvent.selectOptions(second, '3');
  await userEvent.selectOptions(screen.getByLabelText('Third choice'), '4');
  await userEvent.click(screen.getByRole('button', { name: 'Save my aspirations' }));
  await screen.findByText('Your aspirations are saved.');
  expect(calls.find((c) => c.name === 'EmployeeSetAspirations')!.variables).toEqual({ ids: ['4', '3'] });
});

test('the weekly study budget is sent as a number', async () => {
  const calls: Calls = [];
  show('en', { EmployeeDashboard: byTarget(), EmployeeSetStudyBudget: { setWeeklyStudyBudget: 6 } }, calls);
  const input = await screen.findByLabelText('Study hours per week');
  await userEvent.clear(input);
  await userEvent.type(input, '6');
  await userEvent.click(screen.getByRole('button', { name: 'Update' }));
  await waitFor(() => expect(calls.find((c) => c.name === 'EmployeeSetStudyBudget')?.variables).toEqual({ hours: 6 }));
});

test('a failed dashboard query shows the error', async () => {
  renderWith(
    <SessionContextForTest value={{ viewer }}>
      <Dashboard />
    </SessionContextForTest>,
    { lang: 'en', client: openClient({ EmployeeDashboard: new Error('boom') }), path: '/me' },
  );
  expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong on the server');
});
