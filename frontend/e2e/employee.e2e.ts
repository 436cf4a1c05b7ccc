// The employee's own area, as agent@ (Wu Xiaoling, Team East) sees it on the
// demo seed: her dashboard (position, readiness to Team Lead with its lines,
// the radar chart, the learning path) and adopting the path; her courses,
// ticking a CS-210 module; the CS-210 final test to a result; notifications;
// acknowledging her half-year rating; her career history; the dashboard at
// 360 px. Run on a freshly seeded server (adopting a path, ticking a module
// and using a test attempt change her data).
import { afterAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, closeBrowser, jsErrors, lang, loc, shot, signIn, t } from './helpers';

afterAll(closeBrowser);

const agentPosition = { en: 'Customer Service Agent', zh: '客服专员' };
const teamLead = { en: 'Team Lead', zh: '客服主管' };
const serviceManager = { en: 'Service Manager', zh: '客服经理' };
const cs210 = { en: 'Complaint handling and service recovery', zh: '投诉处理与服务补救' };
const cs210Final = { en: 'Complaint handling and service recovery: final test', zh: '投诉处理与服务补救结业考试' };

/** A pattern for a text with {{vars}}: each variable matches anything. */
function pattern(key: string): RegExp {
  const text = t(key);
  return new RegExp('^' + text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{\w+\\\}\\\}/g, '.+') + '$');
}

/** Opens a screen from the menu and returns the GraphQL operations it sent. */
async function openFromMenu(s: Awaited<ReturnType<typeof signIn>>, label: string, heading: string, ready: (p: Page) => Promise<unknown>): Promise<string[]> {
  const { page } = s;
  const nav = page.getByRole('navigation', { name: t('nav.label') });
  // Start from another screen so that the menu entry really navigates.
  const other = label === 'employee:nav.history' ? 'employee:nav.ratings' : 'employee:nav.history';
  await nav.getByRole('link', { name: t(other), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: t(other.replace('nav.', '') + '.title') }).waitFor();
  await page.waitForLoadState('networkidle');
  s.resetRequests();
  await nav.getByRole('link', { name: t(label), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await ready(page);
  await page.waitForLoadState('networkidle');
  return [...s.requests];
}

test('the dashboard shows position, readiness, radar and learning path; adopting the path makes it the plan', async () => {
  const s = await signIn('agent');
  const { page, context } = s;
  const target = loc(teamLead);
  const readinessHeading = page.getByRole('heading', { level: 2, name: t('employee:readiness.titleFor', { position: target }) });
  const ops = await openFromMenu(s, 'employee:nav.home', t('employee:dashboard.title'), () => readinessHeading.waitFor());
  expect(ops.length).toBeLessThanOrEqual(3);
  expect(ops.every((o) => o === 'EmployeeDashboard')).toBe(true);

  // Where she is.
  const current = page.getByRole('region', { name: t('employee:dashboard.current') });
  await expect(current.getByText(loc(agentPosition), { exact: true }).isVisible()).resolves.toBe(true);
  // Readiness with its explained lines.
  const readiness = page.getByRole('region', { name: t('employee:readiness.titleFor', { position: target }) });
  for (const kind of ['COMPETENCY', 'COURSES', 'MONTHS_IN_POSITION', 'PERFORMANCE_RATING', 'KPI'])
    await readiness.getByRole('rowheader', { name: t(`employee:lineKind.${kind}`) }).waitFor();
  await expect(readiness.getByText(t('employee:readinessStatus.NOT_READY'), { exact: true }).first().isVisible()).resolves.toBe(true);
  await expect(readiness.getByText(t('employee:readiness.met'), { exact: true }).count()).resolves.toBeGreaterThan(0);
  await expect(readiness.getByText(t('employee:readiness.unmet'), { exact: true }).count()).resolves.toBeGreaterThan(0);
  // The radar chart draws her levels against the lead's.
  const radar = page.getByRole('img', { name: t('employee:radar.label', { position: target }) });
  await radar.locator('.recharts-radar').first().waitFor();
  await expect(radar.locator('.recharts-radar').count()).resolves.toBe(2);
  await expect(radar.locator('svg .recharts-polar-grid').count()).resolves.toBe(1);
  // The learning path with its hours and finish date.
  const path = page.getByRole('region', { name: t('employee:path.title', { position: target }) });
  await expect(path.getByText(pattern('employee:path.hours')).first().isVisible()).resolves.toBe(true);
  await expect(path.getByRole('link', { name: loc(cs210) }).isVisible()).resolves.toBe(true);
  await shot(page, 'employee-dashboard');
  expect(await axe(page)).toEqual([]);

  // Adopt it: it becomes her plan.
  await path.getByRole('button', { name: t('employee:path.adopt') }).click();
  await path.getByText(t('employee:path.adopted')).waitFor();
  await path.getByText(t('employee:path.isPlan')).waitFor();
  await page.getByRole('heading', { level: 2, name: t('employee:plan.title', { position: target }) }).waitFor();
  await expect(path.getByRole('button', { name: t('employee:path.adopt') }).count()).resolves.toBe(0);
  await shot(page, 'employee-plan');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('my courses: open CS-210, complete a module and see the progress rise', async () => {
  const s = await signIn('agent');
  const { page, context } = s;
  const ops = await openFromMenu(s, 'employee:nav.courses', t('employee:courses.title'), (p) => p.getByRole('table').waitFor());
  expect(ops.length).toBeLessThanOrEqual(3);
  await expect(page.getByText(t('employee:courses.overdue'), { exact: true }).count()).resolves.toBeGreaterThan(0);
  await expect(page.getByRole('meter').count()).resolves.toBeGreaterThan(0);
  await shot(page, 'employee-courses');
  expect(await axe(page)).toEqual([]);

  s.resetRequests();
  await page.getByRole('link', { name: loc(cs210) }).click();
  await page.getByRole('heading', { level: 1, name: loc(cs210) }).waitFor();
  const meter = page.getByRole('meter', { name: t('employee:course.progressLabel') });
  await meter.waitFor();
  await page.waitForLoadState('networkidle');
  expect(s.requests.length).toBeLessThanOrEqual(3);
  const before = Number(await meter.getAttribute('aria-valuenow'));
  const tick = page.getByRole('button', { name: pattern('employee:course.markCompleteNamed') }).first();
  await tick.click();
  await page.getByText(pattern('employee:course.moduleDone')).waitFor();
  await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 10_000 }).toBeGreaterThan(before);
  // The course links to its test.
  await expect(page.getByRole('link', { name: loc(cs210Final) }).isVisible()).resolves.toBe(true);
  await shot(page, 'employee-course');
  expect(await axe(page)).toEqual([]);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('takes the CS-210 final test through to a result', async () => {
  const s = await signIn('agent');
  const { page, context } = s;
  const ops = await openFromMenu(s, 'employee:nav.tests', t('employee:tests.title'), (p) => p.getByRole('link', { name: loc(cs210Final) }).first().waitFor());
  expect(ops.length).toBeLessThanOrEqual(3);
  await shot(page, 'employee-tests');
  expect(await axe(page)).toEqual([]);

  await page.getByRole('link', { name: loc(cs210Final) }).first().click();
  await page.getByRole('heading', { level: 1, name: loc(cs210Final) }).waitFor();
  await page.getByRole('button', { name: new RegExp(`^(${t('employee:test.start')}|${t('employee:test.resume')})$`) }).click();
  const quiz = page.getByRole('region', { name: t('employee:test.questions') });
  await quiz.getByRole('group').first().waitFor();
  // A visible time limit.
  await expect(quiz.getByRole('timer').textContent()).resolves.toMatch(/\d+:\d\d/);
  const groups = quiz.getByRole('group');
  const n = await groups.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const g = groups.nth(i);
    const radios = g.getByRole('radio');
    if ((await radios.count()) > 0) await radios.first().check();
    else await g.getByRole('checkbox').first().check();
  }
  await quiz.getByRole('button', { name: t('employee:test.save') }).click();
  await quiz.getByText(t('employee:test.saved')).waitFor();
  await shot(page, 'employee-test-questions');
  expect(await axe(page)).toEqual([]);
  await quiz.getByRole('button', { name: t('employee:test.submit') }).click();
  const result = page.getByRole('region', { name: t('employee:test.resultTitle') });
  await result.waitFor();
  await expect(result.textContent()).resolves.toMatch(new RegExp(`${t('employee:test.passed')}|${t('employee:test.failed')}`));
  await expect(result.textContent()).resolves.toMatch(/\d+%/);
  await page.getByRole('region', { name: t('employee:test.review') }).getByText(t('employee:test.correct'), { exact: true }).first().waitFor();
  // The test's own list of attempts shows the submitted one.
  const mine = page.getByRole('region', { name: t('employee:test.myAttempts') });
  await mine.getByText(new RegExp(`^(${t('employee:test.passed')}|${t('employee:test.failed')})$`)).first().waitFor();
  await expect(mine.getByText(t('employee:attemptStatus.IN_PROGRESS'), { exact: true }).count()).resolves.toBe(0);
  await shot(page, 'employee-test-result');
  expect(await axe(page)).toEqual([]);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('notifications: unread first, mark one and then all as read', async () => {
  const s = await signIn('agent');
  const { page, context } = s;
  const ops = await openFromMenu(s, 'employee:nav.notifications', t('employee:notifications.title'), (p) =>
    p.getByRole('heading', { level: 2, name: t('employee:notifications.all') }).waitFor(),
  );
  expect(ops.length).toBeLessThanOrEqual(3);
  const unread = page.getByRole('region', { name: pattern('employee:notifications.unread_other') });
  const marks = unread.getByRole('button', { name: pattern('employee:notifications.markReadNamed') });
  const before = await marks.count();
  expect(before).toBeGreaterThan(0);
  // The server writes them in the language the app is shown in.
  const text = (await unread.textContent()) ?? '';
  if (lang.startsWith('zh')) expect(text).toMatch(/[\u4e00-\u9fff]/);
  else expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  await shot(page, 'employee-notifications');
  expect(await axe(page)).toEqual([]);
  await marks.first().click();
  await expect.poll(() => marks.count()).toBe(before - 1);
  if (before > 1) {
    await page.getByRole('button', { name: t('employee:notifications.markAll') }).click();
  }
  await unread.getByText(t('employee:notifications.noneUnread')).waitFor();
  await expect(page.getByRole('button', { name: t('employee:notifications.markAll') }).count()).resolves.toBe(0);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('ratings: a dispute needs a reason; acknowledging the new rating', async () => {
  const s = await signIn('agent');
  const { page, context } = s;
  const ops = await openFromMenu(s, 'employee:nav.ratings', t('employee:ratings.title'), (p) => p.getByRole('button', { name: t('employee:ratings.acknowledge') }).waitFor());
  expect(ops.length).toBeLessThanOrEqual(3);
  await shot(page, 'employee-ratings');
  expect(await axe(page)).toEqual([]);
  // A dispute without a reason is refused before it is sent.
  await page.getByRole('button', { name: t('employee:ratings.dispute') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: t('employee:ratings.sendDispute') }).click();
  await dialog.getByText(t('employee:ratings.reasonRequired')).waitFor();
  await dialog.getByRole('button', { name: t('common:cancel') }).click();
  await dialog.waitFor({ state: 'hidden' });
  // Acknowledge.
  const acked = page.getByText(t('employee:ratingStatus.ACKNOWLEDGED'), { exact: true });
  const before = await acked.count();
  await page.getByRole('button', { name: t('employee:ratings.acknowledge') }).click();
  await page.getByRole('status').filter({ hasText: pattern('employee:ratings.acknowledged') }).waitFor();
  await expect.poll(() => acked.count()).toBe(before + 1);
  await expect(page.getByRole('button', { name: t('employee:ratings.acknowledge') }).count()).resolves.toBe(0);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('career history lists her hire in her language', async () => {
  const s = await signIn('agent');
  const { page, context } = s;
  const ops = await openFromMenu(s, 'employee:nav.history', t('employee:history.title'), (p) =>
    p.getByRole('heading', { level: 2, name: t('employee:history.events') }).waitFor(),
  );
  expect(ops.length).toBeLessThanOrEqual(3);
  const events = page.getByRole('region', { name: t('employee:history.events') });
  await events.getByText(t('employee:eventKind.HIRE'), { exact: true }).waitFor();
  await expect(events.getByText(loc(agentPosition)).first().isVisible()).resolves.toBe(true);
  await shot(page, 'employee-history');
  expect(await axe(page)).toEqual([]);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('a team lead sees her own next step (service manager)', async () => {
  const { page, context } = await signIn('lead');
  await page.getByRole('link', { name: t('employee:nav.home'), exact: true }).click();
  await page.getByRole('heading', { level: 2, name: t('employee:readiness.titleFor', { position: loc(serviceManager) }) }).waitFor();
  await page.getByRole('img', { name: t('employee:radar.label', { position: loc(serviceManager) }) }).locator('.recharts-radar').first().waitFor();
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('the dashboard fits a 360 px screen', async () => {
  const { page, context } = await signIn('agent', { width: 360 });
  await page.getByRole('heading', { level: 2, name: t('employee:readiness.titleFor', { position: loc(teamLead) }) }).waitFor();
  await page.getByRole('img', { name: t('employee:radar.label', { position: loc(teamLead) }) }).locator('.recharts-radar').first().waitFor();
  await page.waitForLoadState('networkidle');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(361);
  await shot(page, 'employee-dashboard-360');
  expect(await axe(page)).toEqual([]);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});
