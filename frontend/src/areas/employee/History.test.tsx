import { screen, within } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import { fakeClient, renderWith } from '../../test/render';
import { History } from './History';
import { history } from './fixtures';
import { formatDate } from '../../lib/format';

import './testing';

// The machine is shared: first renders (recharts, i18n) can be slow.
vi.setConfig({ testTimeout: 20_000 });

test('career history, newest first, with what changed', async () => {
  renderWith(<History />, { lang: 'en', client: fakeClient({ EmployeeHistory: history }) });
  const events = await screen.findByRole('region', { name: 'Changes' });
  const items = within(events).getAllByRole('listitem').filter((li) => li.parentElement?.tagName === 'OL');
  expect(items).toHaveLength(2);
  expect(within(items[0]).getByText('Promotion')).toBeTruthy();
  expect(items[0].textContent).toContain('Customer Service Agent → Team Lead');
  // An unchanged team is not listed as a change.
  expect(items[0].textContent).not.toContain('Service team East');
  expect(items[0].textContent).toContain('Promotion review approved');
  expect(within(items[1]).getByText('Joined')).toBeTruthy();
  expect(items[1].textContent).toContain('Service team East');
  expect(screen.getByRole('region', { name: 'In short' }).textContent).toContain(formatDate(history.me.hireDate, 'en'));
});

test('career history in Chinese', async () => {
  renderWith(<History />, { lang: 'zh-CN', client: fakeClient({ EmployeeHistory: history }) });
  const events = await screen.findByRole('region', { name: '变动记录' });
  expect(within(events).getByText('晋升')).toBeTruthy();
  expect(within(events).getByText('入职')).toBeTruthy();
  expect(events.textContent).toContain('客服专员 → 客服主管');
  expect(events.textContent).toContain('华东客服组');
});
