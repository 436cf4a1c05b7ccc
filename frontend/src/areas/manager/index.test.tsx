import { expect, test } from 'vitest';
import { screen } from '@testing-library/react';
import { fakeClient, renderWith } from '../../test/render';
import { SessionContextForTest } from '../../auth/session';
import { initI18n } from '../../i18n';
import { area } from './index';
import { Scorecards } from './Scorecards';
import { session } from './testdata';

test('the area is open to line managers, with a menu entry for each main screen in both languages', () => {
  expect(area.lineManagers).toBe(true);
  expect(area.nav.map((n) => n.to)).toEqual(['/team', '/team/scorecards', '/team/nominate', '/team/reviews']);
  expect(area.routes.map((r) => r.path)).toEqual(['/team', '/team/people/:id', '/team/scorecards', '/team/nominate', '/team/reviews', '/team/reviews/:id']);
  for (const lang of ['en', 'zh-CN']) {
    const i18n = initI18n(lang);
    for (const n of area.nav) expect(i18n.exists(`manager:${n.label}`, { lng: lang })).toBe(true);
  }
});

test('the scorecard screen hosts the shared scoring form for the report it was opened for', () => {
  const calls: { name: string; variables: Record<string, unknown> }[] = [];
  renderWith(
    <SessionContextForTest value={session}>
      <Scorecards />
    </SessionContextForTest>,
    { lang: 'zh-CN', path: '/team/scorecards?employee=6', client: fakeClient({}, calls) },
  );
  expect(screen.getByRole('heading', { level: 1, name: '服务抽检评分' })).toBeTruthy();
  // The form reads its own data, preselecting the report.
  const first = calls[0];
  expect(first?.variables).toMatchObject({ employeeId: '6' });
});
