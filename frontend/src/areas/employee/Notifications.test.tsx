import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test, vi } from 'vitest';
import { fakeClient, renderWith } from '../../test/render';
import { SessionContextForTest, type Viewer } from '../../auth/session';
import { Notifications } from './Notifications';
import { notifications } from './fixtures';

import './testing';

// The machine is shared: first renders (recharts, i18n) can be slow.
vi.setConfig({ testTimeout: 20_000 });

type Calls = { name: string; variables: Record<string, unknown> }[];
const viewer = { id: '6' } as unknown as Viewer;

function show(lang: string, answers: Record<string, unknown>, calls: Calls) {
  return renderWith(
    <SessionContextForTest value={{ viewer }}>
      <Notifications />
    </SessionContextForTest>,
    { lang, client: fakeClient({ EmployeeSyncLocale: { setLocale: 'EN' }, ...answers }, calls) },
  );
}

test('unread first; the server is told the language before the feed is read', async () => {
  const calls: Calls = [];
  show('en', { EmployeeNotifications: notifications() }, calls);
  const unread = await screen.findByRole('region', { name: 'Unread (2)' });
  expect(calls[0]).toEqual({ name: 'EmployeeSyncLocale', variables: { locale: 'EN' } });
  expect(calls[1]).toMatchObject({ name: 'EmployeeNotifications', variables: { first: 10, after: null, unreadAfter: null } });
  expect(within(unread).getAllByText('New')).toHaveLength(2);
  expect(within(unread).getByText('Body of Overdue: CRM essentials')).toBeTruthy();
  const all = screen.getByRole('region', { name: 'All notifications' });
  expect(within(all).getByText('Read')).toBeTruthy();
  expect(within(all).getAllByText(/Course assigned/).length).toBeGreaterThan(0);
  // The feed pages on with the server's cursor.
  await userEvent.click(within(all).getByRole('button', { name: 'Next' }));
  await waitFor(() => expect(calls.at(-1)!.variables).toMatchObject({ after: 'c1' }));
});

test('marking one read, then all', async () => {
  const calls: Calls = [];
  show('en', { EmployeeNotifications: notifications(), EmployeeMarkRead: { markNotificationsRead: 1 } }, calls);
  await userEvent.click(await screen.findByRole('button', { name: 'Mark “Overdue: CRM essentials” as read' }));
  await waitFor(() => expect(calls.find((c) => c.name === 'EmployeeMarkRead')?.variables).toEqual({ ids: ['32'] }));
  // The feed is read again from the server.
  await waitFor(() => expect(calls.filter((c) => c.name === 'EmployeeNotifications').length).toBeGreaterThan(1));
  await userEvent.click(screen.getByRole('button', { name: 'Mark all as read' }));
  await waitFor(() => expect(calls.filter((c) => c.name === 'EmployeeMarkRead').at(-1)!.variables).toEqual({ all: true }));
});

test('in Chinese, with nothing unread', async () => {
  const calls: Calls = [];
  show('zh-CN', { EmployeeNotifications: notifications(0) }, calls);
  expect(await screen.findByText('所有消息均已读。')).toBeTruthy();
  expect(screen.getByRole('heading', { level: 2, name: '未读（0）' })).toBeTruthy();
  expect(screen.queryByRole('button', { name: '全部标为已读' })).toBeNull();
  expect(calls[0]).toEqual({ name: 'EmployeeSyncLocale', variables: { locale: 'ZH_CN' } });
});
