// HR journeys on the demo seed: the readiness board for team lead (sort,
// filters, CSV), bench strength, the review queue, naming a panel and
// approving a nomination (the board changes), an appeal decided by the
// second HR user, calibrating the 9-box and importing KPIs.
import { afterAll, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, jsErrors, loc, settle, shot, signIn, t } from './helpers';

afterAll(closeBrowser);

const TEAM_LEAD = { en: 'Team Lead', zh: '客服主管' };
const CX_DIRECTOR = { en: 'Customer Experience Director', zh: '客户体验总监' };
const EAST = { en: 'Service team East', zh: '华东客服组' };
const CAO_LIN = { en: 'Cao Lin', zh: '曹琳' };
const YUAN_HANG = { en: 'Yuan Hang', zh: '袁航' };
const YANG_FAN = { en: 'Yang Fan', zh: '杨帆' };
const DENG_CHAO = { en: 'Deng Chao', zh: '邓超' };
const TANG_WEN = { en: 'Tang Wen', zh: '唐雯' };
const WANG_LEI = { en: 'Wang Lei', zh: '王磊' };
const ZHOU_MIN = { en: 'Zhou Min', zh: '周敏' };

/** Follows an entry of the HR menu (other areas may have entries of the same name). */
async function go(page: Page, label: string) {
  const nav = page.getByRole('navigation', { name: t('nav.label') });
  const group = nav.locator('.nav-group').filter({ has: page.getByRole('heading', { name: t('areas.hr'), exact: true }) });
  await group.getByRole('link', { name: t(label), exact: true }).click();
}

/** Picks the option of a select whose text contains `text`. */
async function choose(page: Page, label: string, text: string) {
  const select = page.getByLabel(label, { exact: true });
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  await select.selectOption(value ?? '');
}

function boardRows(page: Page) {
  return page.locator('table.hr-board tbody tr');
}

test('the readiness board for team lead: ready-now candidates, sort, filters and CSV', async () => {
  const { page, context, requests, resetRequests } = await signIn('hr');
  resetRequests();
  await go(page, 'hr:nav.board');
  await page.getByRole('heading', { level: 1, name: t('hr:board.title') }).waitFor();
  await choose(page, t('hr:board.position'), loc(TEAM_LEAD));
  await page.getByRole('heading', { level: 2, name: t('hr:board.candidates', { position: loc(TEAM_LEAD) }) }).waitFor();
  for (const who of [CAO_LIN, YUAN_HANG, YANG_FAN]) {
    const row = boardRows(page).filter({ hasText: loc(who) });
    await row.getByText(t('hr:readiness.status.READY_NOW'), { exact: true }).waitFor();
  }
  await settle(page);
  expect(requests.length).toBeLessThanOrEqual(3);
  await shot(page, 'hr-board');

  // The server's sort: by name, Deng Chao follows Cao Lin.
  await page.getByRole('button', { name: new RegExp(`^${t('hr:board.col.person')}`) }).click();
  await expect.poll(() => boardRows(page).nth(1).locator('th').textContent()).toContain(loc(DENG_CHAO));
  await expect(page.locator('th[aria-sort="ascending"]').count()).resolves.toBe(1);

  // Only those ready now: the three of them.
  await page.getByLabel(t('hr:board.status'), { exact: true }).selectOption('READY_NOW');
  await expect.poll(() => boardRows(page).count()).toBe(3);
  // …and in team East only Cao Lin.
  await choose(page, t('hr:board.team'), loc(EAST));
  await expect.poll(() => boardRows(page).count()).toBe(1);
  await expect(boardRows(page).first().textContent()).resolves.toContain(loc(CAO_LIN));

  // The board as CSV, with the filters on screen: ready now, team East.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t('hr:board.download') }).click()]);
  expect(download.suggestedFilename()).toBe('readiness-TEAM_LEAD-READY_NOW.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('Cao Lin');
  expect(csv).not.toContain('Yuan Hang'); // ready now, but not in team East
  expect(csv).not.toContain('Deng Chao');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('bench strength shows positions nobody is ready to step into', async () => {
  const { page, context, requests, resetRequests } = await signIn('hr');
  resetRequests();
  await go(page, 'hr:nav.bench');
  await page.getByRole('heading', { level: 1, name: t('hr:bench.title') }).waitFor();
  const director = page.getByRole('row').filter({ hasText: loc(CX_DIRECTOR) });
  await director.getByText(t('hr:bench.noSuccessor'), { exact: true }).waitFor();
  const lead = page.getByRole('row').filter({ has: page.getByRole('link', { name: loc(TEAM_LEAD), exact: true }) });
  // Team lead has successors ready now: it is not flagged (it may be on the second page).
  await page.getByLabel(t('hr:bench.onlyGaps')).check();
  await expect.poll(() => lead.count()).toBe(0);
  await expect(director.count()).resolves.toBe(1);
  await page.getByLabel(t('hr:bench.onlyGaps')).uncheck();
  await settle(page);
  expect(requests.length).toBeLessThanOrEqual(3);
  await shot(page, 'hr-bench');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('HR names a panel and approves a nomination; the board no longer lists the person', async () => {
  const { page, context, requests, resetRequests } = await signIn('hr');
  // Before: Tang Wen is a team-lead candidate in team East.
  await go(page, 'hr:nav.board');
  await choose(page, t('hr:board.position'), loc(TEAM_LEAD));
  await choose(page, t('hr:board.team'), loc(EAST));
  await expect.poll(() => boardRows(page).filter({ hasText: loc(TANG_WEN) }).count()).toBe(1);

  resetRequests();
  await go(page, 'hr:nav.reviews');
  await page.getByRole('heading', { level: 1, name: t('hr:reviews.title') }).waitFor();
  await page.getByRole('link', { name: loc(TANG_WEN), exact: true }).waitFor();
  await expect(page.locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(5);
  await settle(page);
  expect(requests.length).toBeLessThanOrEqual(3);
  await shot(page, 'hr-reviews');

  await page.getByLabel(t('hr:reviews.status'), { exact: true }).selectOption('NOMINATED');
  await page.getByRole('heading', { level: 2, name: t('hr:reviews.listOf', { status: t('hr:promotionStatus.NOMINATED') }) }).waitFor();
  await expect.poll(() => page.locator('tbody tr').filter({ hasText: t('hr:promotionStatus.NOMINATED') }).count()).toBeGreaterThanOrEqual(1);
  await expect(page.locator('tbody tr').filter({ hasNotText: t('hr:promotionStatus.NOMINATED') }).count()).resolves.toBe(0);
  resetRequests();
  await page.getByRole('link', { name: loc(TANG_WEN), exact: true }).click();
  await page.getByRole('heading', { level: 2, name: loc(TANG_WEN) }).waitFor();
  await page.getByRole('heading', { level: 2, name: t('hr:review.snapshot.title') }).waitFor();
  await settle(page);
  expect(requests.length).toBeLessThanOrEqual(3);

  // The panel: two people found by number.
  for (const [no, who] of [
    ['CS-1004', WANG_LEI],
    ['CS-1001', ZHOU_MIN],
  ] as const) {
    await page.getByLabel(t('hr:review.panelEdit.search')).fill(no);
    await page.getByRole('button', { name: t('common:search'), exact: true }).click();
    await page.getByRole('checkbox', { name: new RegExp(loc(who)) }).check();
  }
  await page.getByRole('button', { name: t('hr:review.panelEdit.submit') }).click();
  await page.getByText(t('hr:review.panelEdit.saved')).waitFor();
  await page.getByRole('row').filter({ hasText: loc(WANG_LEI) }).waitFor();

  // Approve with a reason (a missing reason is asked for first).
  await page.getByLabel(t('hr:review.decision.APPROVE')).check();
  await page.getByRole('button', { name: t('hr:review.decide.submit') }).click();
  await page.getByText(t('hr:review.reasonRequired')).waitFor();
  await page.getByLabel(t('hr:review.decide.reason'), { exact: true }).fill('Panel agrees; coaching and CSAT recovery show she is ready to lead.');
  await page.getByRole('button', { name: t('hr:review.decide.submit') }).click();
  await page.getByText(t('hr:review.decide.saved')).waitFor();
  const summary = page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: loc(TANG_WEN) }) });
  await summary.getByText(t('hr:promotionStatus.APPROVED'), { exact: true }).waitFor();
  const audit = page.locator('ol.promo-audit > li');
  await expect.poll(() => audit.count()).toBe(3);
  await expect(audit.nth(1).textContent()).resolves.toContain(t('hr:review.action.SET_PANEL'));
  await expect(audit.nth(2).textContent()).resolves.toContain(t('hr:review.action.APPROVE'));
  await shot(page, 'hr-review-decided');

  // After: she holds the position, so she is no longer a candidate for it.
  await go(page, 'hr:nav.board');
  await choose(page, t('hr:board.position'), loc(TEAM_LEAD));
  await choose(page, t('hr:board.team'), loc(EAST));
  await boardRows(page).filter({ hasText: loc(CAO_LIN) }).waitFor();
  await expect.poll(() => boardRows(page).filter({ hasText: loc(TANG_WEN) }).count()).toBe(0);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('the second HR user decides the appeal the first one rejected', async () => {
  const { page, context } = await signIn('hr2');
  await go(page, 'hr:nav.reviews');
  await page.getByLabel(t('hr:reviews.status'), { exact: true }).selectOption('APPEALED');
  await page.getByRole('heading', { level: 2, name: t('hr:reviews.listOf', { status: t('hr:promotionStatus.APPEALED') }) }).waitFor();
  await page.getByRole('link', { name: loc(CAO_LIN), exact: true }).click();
  await page.getByRole('heading', { level: 3, name: t('hr:review.decide.appealHeading') }).waitFor();
  await page.getByLabel(t('hr:review.decision.UPHOLD')).check();
  await page.getByLabel(t('hr:review.decide.reason'), { exact: true }).fill('The QA-201 certificate dates from after the decision; renominate now that it is in.');
  await page.getByRole('button', { name: t('hr:review.decide.submit') }).click();
  await page.getByText(t('hr:review.decide.appealSaved')).waitFor();
  const summary = page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: loc(CAO_LIN) }) });
  await summary.getByText(t('hr:promotionStatus.UPHELD'), { exact: true }).waitFor();
  await expect(page.locator('ol.promo-audit > li').last().textContent()).resolves.toContain(t('hr:review.action.UPHOLD'));
  await shot(page, 'hr-appeal-decided');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('the 9-box: a closed review is read-only; HR opens one and calibrates by drag and by the Move button', async () => {
  const { page, context, requests, resetRequests } = await signIn('hr');
  resetRequests();
  await go(page, 'hr:nav.ninebox');
  await page.getByRole('heading', { level: 1, name: t('hr:ninebox.title') }).waitFor();
  const grid = page.getByRole('group', { name: t('hr:ninebox.gridLabel') });
  await grid.waitFor();
  await settle(page);
  expect(requests.length).toBeLessThanOrEqual(3);
  // The seeded review is closed: people on the grid, nobody movable.
  const cycleSelect = page.getByLabel(t('hr:ninebox.cycle'), { exact: true });
  await choose(page, t('hr:ninebox.cycle'), t('hr:ninebox.status.CLOSED'));
  await page.getByText(t('hr:ninebox.readOnly')).waitFor();
  await expect(grid.locator('li.hr-nb-person').count()).resolves.toBeGreaterThan(5);
  await expect(grid.getByRole('button', { name: t('hr:ninebox.move'), exact: true }).count()).resolves.toBe(0);

  // Open a review of the current period (unless a calibrating one exists) and place everyone.
  const calibrating = cycleSelect.locator('option', { hasText: t('hr:ninebox.status.CALIBRATING') });
  if ((await calibrating.count()) > 0) {
    await cycleSelect.selectOption((await calibrating.first().getAttribute('value')) ?? '');
  } else {
    await page.getByRole('button', { name: t('hr:ninebox.open.button') }).click();
    await page.getByRole('dialog').getByRole('button', { name: t('hr:ninebox.open.submit'), exact: true }).click();
    await page.getByRole('button', { name: t('hr:ninebox.place') }).waitFor();
    await page.getByText(t('hr:ninebox.notPlaced')).waitFor();
    await page.getByRole('button', { name: t('hr:ninebox.place') }).click();
    await page.getByText(t('hr:ninebox.placed')).waitFor();
  }
  await page.getByText(t('hr:ninebox.howTo')).waitFor();
  const people = grid.locator('li.hr-nb-person[draggable="true"]');
  await expect.poll(() => people.count()).toBeGreaterThan(5);

  // Drag someone to another box: a reason is asked for, then they are there.
  // (A tall window keeps every box on screen for the mouse.)
  await page.setViewportSize({ width: 1280, height: 2200 });
  const person = people.first();
  const name = (await person.locator('.hr-nb-name').textContent())!.trim();
  const from = await person.locator('xpath=ancestor::section[1]').getAttribute('data-box');
  const target = from === '33' ? '11' : '33';
  await person.dragTo(grid.locator(`section[data-box="${target}"]`));
  const dialog = page.getByRole('dialog', { name: t('hr:ninebox.moveTitle', { name }) });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: t('hr:ninebox.saveMove'), exact: true }).click();
  await dialog.getByText(t('hr:ninebox.reasonRequired')).waitFor();
  await dialog.getByLabel(t('hr:ninebox.reason'), { exact: true }).fill('Calibration: consistently strong results across both queues.');
  await dialog.getByRole('button', { name: t('hr:ninebox.saveMove'), exact: true }).click();
  await page.getByText(t('hr:ninebox.moved', { name })).waitFor();
  // A full box shows its first few people and a "Show all" button (other
  // files' journeys may have filled it): open it before looking.
  const showAll = async (box: string) => {
    const prefix = t('hr:ninebox.showAll_other', { count: 0 }).split('0')[0].trim();
    const btn = grid.locator(`section[data-box="${box}"]`).getByRole('button').filter({ hasText: prefix });
    if ((await btn.count()) > 0) await btn.first().click();
  };
  await showAll(target);
  const moved = grid.locator(`section[data-box="${target}"] li.hr-nb-person`).filter({ hasText: name });
  await moved.waitFor();
  await moved.getByText(t('hr:ninebox.calibrated'), { exact: true }).waitFor();

  // The keyboard way: the Move button and a box select.
  const other = people.filter({ hasNotText: name }).first();
  const otherName = (await other.locator('.hr-nb-name').textContent())!.trim();
  await other.getByRole('button', { name: t('hr:ninebox.moveWho', { name: otherName }) }).click();
  const dialog2 = page.getByRole('dialog', { name: t('hr:ninebox.moveTitle', { name: otherName }) });
  await dialog2.getByLabel(t('hr:ninebox.toBox'), { exact: true }).selectOption('22');
  await dialog2.getByLabel(t('hr:ninebox.reason'), { exact: true }).fill('Calibration panel: potential discussed with the line manager.');
  await dialog2.getByRole('button', { name: t('hr:ninebox.saveMove'), exact: true }).click();
  await showAll('22');
  await grid.locator('section[data-box="22"] li.hr-nb-person').filter({ hasText: otherName }).waitFor();
  await shot(page, 'hr-ninebox');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('KPI import lists every line problem of a bad file and imports a good one', async () => {
  const { page, context, requests, resetRequests } = await signIn('hr');
  const dir = mkdtempSync(join(tmpdir(), 'rungs-hr-kpi-'));
  const bad = join(dir, 'kpi-bad.csv');
  const good = join(dir, 'kpi-good.csv');
  const header = 'employee_no,kpi,period_start,period_end,value,volume';
  // The month after the seed's KPI records (the two complete quarters before
  // this one): the first month of the current quarter, by the server's UTC day.
  const now = new Date();
  const quarter = Math.floor(now.getUTCMonth() / 3) * 3;
  const day = (month: number, date: number) => new Date(Date.UTC(now.getUTCFullYear(), month, date)).toISOString().slice(0, 10);
  const period = `${day(quarter, 1)},${day(quarter + 1, 0)}`;
  writeFileSync(bad, `${header}\nCS-1101,CSAT,${period},92.5,310\nCS-1102,CSAT,${period},abc,-5\n`);
  writeFileSync(good, `${header}\nCS-1101,CSAT,${period},92.5,310\nCS-1102,FCR,${period},81,240\n`);

  resetRequests();
  await go(page, 'hr:nav.kpi');
  await page.getByRole('heading', { level: 1, name: t('hr:kpi.title') }).waitFor();
  await page.getByRole('heading', { level: 2, name: t('hr:kpi.formatTitle') }).waitFor();
  await page.getByRole('rowheader', { name: 'CSAT', exact: true }).waitFor();
  await settle(page);
  expect(requests.length).toBeLessThanOrEqual(3);

  await page.getByLabel(t('hr:kpi.file'), { exact: true }).setInputFiles(bad);
  await page.getByRole('button', { name: t('hr:kpi.submit'), exact: true }).click();
  const problems = page.locator('table.hr-problems tbody tr');
  await problems.first().waitFor();
  // Line 3 (the header is line 1) has two problems: the value and the volume.
  await expect(problems.count()).resolves.toBe(2);
  const rows = await Promise.all([0, 1].map((i) => problems.nth(i).locator('th, td').allTextContents()));
  expect(rows.map((r) => r.slice(0, 2))).toEqual([
    ['3', 'value'],
    ['3', 'volume'],
  ]);
  expect(rows[0][2]).toBe(t('hr:kpi.problem.value_invalid'));
  expect(rows[1][2]).toBe(t('hr:kpi.problem.volume_invalid'));
  await page.getByRole('heading', { level: 2, name: t('hr:kpi.problemsTitle') }).waitFor();
  await shot(page, 'hr-kpi-problems');

  await page.getByLabel(t('hr:kpi.file'), { exact: true }).setInputFiles(good);
  await page.getByRole('button', { name: t('hr:kpi.submit'), exact: true }).click();
  await page.getByRole('status').filter({ hasText: t('hr:kpi.imported', { count: 2, evidence: '' }).split(/[;；，,]/)[0] }).waitFor();
  await expect(problems.count()).resolves.toBe(0);
  await shot(page, 'hr-kpi');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});
