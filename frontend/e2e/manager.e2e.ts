// The manager area ("My team"): a team lead reads her team's competency heat
// map, rates a report, nominates one for promotion and lands on the review;
// a panel member votes on the review in panel; the heat map works at 360 px.
// Written for a freshly seeded server; the steps that depend on data other
// files may have changed (the agent's open rating, the review in panel)
// check the state first.
import { afterAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { baseURL, closeBrowser, jsErrors, loc, password, shot, signIn, t } from './helpers';

afterAll(closeBrowser);

const wu = loc({ en: 'Wu Xiaoling', zh: '吴晓玲' });
const deng = loc({ en: 'Deng Chao', zh: '邓超' });
const duKai = loc({ en: 'Du Kai', zh: '杜凯' });
const agentPosition = loc({ en: 'Customer Service Agent', zh: '客服专员' });
const communication = loc({ en: 'Communication', zh: '沟通能力' });

async function openFromMenu(page: Page, label: string) {
  const nav = page.getByRole('navigation', { name: t('nav.label') });
  if (!(await nav.isVisible())) await page.getByRole('button', { name: t('menu') }).click();
  await nav.getByRole('link', { name: t(label) }).click();
}

/** GraphQL straight to the server, for setting up data another file may have used up. */
async function api<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function tokenOf(who: string): Promise<string> {
  const d = await api<{ login: { accessToken: string } }>('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
    e: `${who}@rungs.demo`,
    p: password,
  });
  return d.login.accessToken;
}

test('a team lead reads her team heat map: a row per report, cells with numbers', async () => {
  const { page, context, requests, resetRequests } = await signIn('lead');
  resetRequests();
  await openFromMenu(page, 'manager:nav.home');
  await page.getByRole('heading', { level: 1, name: t('manager:heat.title') }).waitFor();
  const table = page.getByRole('table');
  await table.waitFor();
  // Her seven agents, each with cells stating current / required levels.
  await expect.poll(() => table.locator('tbody tr').count()).toBe(7);
  const row = table.getByRole('row', { name: new RegExp(wu) });
  const cells = row.locator('td.mgr-cell');
  expect(await cells.count()).toBeGreaterThan(3);
  // Every cell says its level in digits; where the position requires the
  // competency it reads "current/required". (Other files may have moved a
  // report to another position, so not every column need be required.)
  const texts = await cells.allInnerTexts();
  for (const text of texts) expect(text).toMatch(/\d/);
  expect(texts.filter((x) => /\d\/\d/.test(x)).length).toBeGreaterThan(3);
  // Each colour is explained in words.
  for (const key of ['met', 'below1', 'below2', 'notRequired']) await page.getByRole('listitem').filter({ hasText: t(`manager:heat.legend.${key}`) }).first().waitFor();
  expect(requests.length, requests.join()).toBeLessThanOrEqual(3);
  expect(requests).toContain('ManagerTeamHeatmap');
  await shot(page, 'manager-heatmap');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('the lead opens a report, gives her performance rating and rates a competency', async () => {
  const { page, context, requests, resetRequests } = await signIn('lead');
  await openFromMenu(page, 'manager:nav.home');
  await page.getByRole('table').waitFor();
  resetRequests();
  await page.getByRole('link', { name: wu, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: wu }).waitFor();
  await page.getByRole('region', { name: t('manager:person.readiness') }).getByRole('meter').waitFor();
  expect(requests.length, requests.join()).toBeLessThanOrEqual(3);
  expect(requests).toEqual(expect.arrayContaining(['ManagerPerson', 'ManagerPersonReadiness']));

  // The performance rating of the open period: the seed leaves hers
  // submitted, so the lead may still change it — unless she has answered it.
  const perf = page.getByRole('region', { name: t('manager:perf.title') });
  const change = perf.getByRole('button', { name: t('manager:perf.update') });
  if (await change.isEnabled()) {
    await perf.getByLabel(t('manager:perf.rating'), { exact: true }).selectOption('4.5');
    await perf.getByLabel(t('manager:perf.comment'), { exact: true }).fill('CSAT up three months running; coaches the new joiners.');
    await change.click();
    await perf.getByRole('status').filter({ hasText: t('manager:perf.saved') }).waitFor();
    const history = page.getByRole('region', { name: t('manager:perf.history') });
    await history.getByText('CSAT up three months running; coaches the new joiners.').waitFor();
  } else {
    await perf.getByText(t('manager:perf.locked')).waitFor();
  }

  // A competency, from its row in the table.
  await page.getByRole('button', { name: t('manager:person.rateThis', { name: communication }) }).click();
  const rate = page.getByRole('region', { name: t('manager:rate.title') });
  await expect.poll(() => rate.getByLabel(t('manager:rate.competency'), { exact: true }).inputValue()).not.toBe('');
  await rate.getByLabel(t('manager:rate.level'), { exact: true }).selectOption('3');
  await rate.getByLabel(t('manager:rate.comment'), { exact: true }).fill('Calmed an angry caller and kept the call on track.');
  await rate.getByRole('button', { name: t('manager:rate.submit') }).click();
  await rate.getByRole('status').filter({ hasText: t('manager:rate.saved', { name: communication, level: 3 }) }).waitFor();
  // The table shows the new level, from her manager.
  const row = page.getByRole('region', { name: t('manager:person.competencies') }).getByRole('row', { name: new RegExp(communication) });
  await expect.poll(() => row.innerText()).toContain(t('manager:source.MANAGER'));
  await page.waitForLoadState('networkidle');
  await shot(page, 'manager-person');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('the lead nominates a report for promotion and lands on the review', async () => {
  const { page, context, requests, resetRequests } = await signIn('lead');
  resetRequests();
  await openFromMenu(page, 'manager:nav.nominate');
  await page.getByRole('heading', { level: 1, name: t('manager:nominate.title') }).waitFor();
  const employee = page.getByLabel(t('manager:nominate.employee'), { exact: true });
  await employee.waitFor();
  expect(requests.length, requests.join()).toBeLessThanOrEqual(3);
  await employee.selectOption({ label: `${deng} · ${agentPosition}` });
  // The first move without a review under way (team lead on a fresh seed).
  const target = page.getByLabel(t('manager:nominate.position'), { exact: true });
  const free = await target.locator('option').evaluateAll(
    (os, busy) => (os as HTMLOptionElement[]).filter((o) => o.value && !o.text.includes(busy)).map((o) => o.value),
    t('manager:nominate.openExists'),
  );
  expect(free.length).toBeGreaterThan(0);
  // The screen proposes the next step on his own track (team lead); keep it while it is free.
  const proposed = await target.inputValue();
  if (!free.includes(proposed)) await target.selectOption(free[0]);
  // The readiness to be frozen with the nomination is shown first.
  await page.getByRole('region', { name: t('manager:nominate.readiness') }).getByText(t('manager:nominate.snapshotNote')).waitFor();
  await page.getByLabel(t('manager:nominate.justification'), { exact: true }).fill('Deng Chao has covered the team lead on every late shift this quarter and coaches two new agents.');
  resetRequests();
  await page.getByRole('button', { name: t('manager:nominate.submit') }).click();
  await page.waitForURL(/\/team\/reviews\/\d+$/);
  await page.getByRole('heading', { level: 1, name: t('manager:review.title') }).waitFor();
  await page.getByText(deng).first().waitFor();
  await page.getByText('Deng Chao has covered the team lead on every late shift').first().waitFor();
  // The nomination and the review: no bursts.
  await page.waitForLoadState('networkidle');
  expect(requests.length, requests.join()).toBeLessThanOrEqual(3);
  expect(requests[0]).toBe('ManagerNominateForPromotion');
  await shot(page, 'manager-review');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('a panel member votes on the review in panel', async () => {
  // Wang Lei (a service manager) sits on the seeded panel of Du Kai's
  // review and has not voted. Should another file have decided that review,
  // a new one is put to him the way the product does it: a lead nominates,
  // HR names the panel.
  let nominee = duKai;
  const wangToken = await tokenOf('wang.lei');
  type Mine = {
    me: { id: string };
    promotionReviews: { nodes: { id: string; employee: { name: { en: string } } | null; votes: { reviewer: { id: string } | null; vote: string | null }[] }[] };
  };
  const mine = await api<Mine>('{ me { id } promotionReviews(status: IN_PANEL, first: 100) { nodes { id employee { name { en } } votes { reviewer { id } vote } } } }', {}, wangToken);
  const pending = mine.promotionReviews.nodes.filter((r) => r.votes.some((v) => v.reviewer?.id === mine.me.id && !v.vote));
  if (!pending.some((r) => r.employee?.name.en === 'Du Kai')) {
    const hr = await tokenOf('hr');
    const people = await api<{ employees: { nodes: { id: string; name: { en: string; zh: string }; nextPositions: { to: { id: string } }[] }[] } }>(
      '{ employees(filter: { text: "CS-1304" }, first: 1) { nodes { id name { en zh } nextPositions { to { id } } } } }',
      {},
      hr,
    );
    const qin = people.employees.nodes[0];
    let reviewId = '';
    for (const m of qin.nextPositions) {
      try {
        const d = await api<{ nominateForPromotion: { id: string } }>(
          'mutation ($e: ID!, $p: ID!) { nominateForPromotion(employeeId: $e, positionId: $p, justification: "Set up by the manager e2e.") { id } }',
          { e: qin.id, p: m.to.id },
          hr,
        );
        reviewId = d.nominateForPromotion.id;
        break;
      } catch {
        // That move already has a review under way: try the next.
      }
    }
    await api('mutation ($r: ID!, $w: [ID!]!) { setPromotionPanel(reviewId: $r, reviewerIds: $w) { id } }', { r: reviewId, w: [mine.me.id] }, hr);
    nominee = loc(qin.name);
  }

  const { page, context, requests, resetRequests } = await signIn('wang.lei');
  resetRequests();
  await openFromMenu(page, 'manager:nav.reviews');
  await page.getByRole('heading', { level: 1, name: t('manager:reviews.title') }).waitFor();
  await page.getByLabel(t('manager:reviews.status'), { exact: true }).selectOption('IN_PANEL');
  const row = page.getByRole('row', { name: new RegExp(nominee) }).filter({ hasText: t('manager:reviews.votePending') });
  await row.waitFor();
  expect(requests.length, requests.join()).toBeLessThanOrEqual(3);
  await shot(page, 'manager-reviews');

  resetRequests();
  await row.getByRole('link', { name: t('manager:reviews.openFor', { name: nominee }) }).click();
  await page.getByRole('heading', { level: 1, name: t('manager:review.title') }).waitFor();
  const choices = page.getByRole('group', { name: t('hr:review.yourVote') });
  await choices.waitFor();
  expect(requests.length, requests.join()).toBeLessThanOrEqual(3);
  const form = page.locator('form').filter({ has: choices });
  await choices.getByLabel(t('hr:review.vote.SUPPORT'), { exact: true }).check();
  await form.getByLabel(t('hr:review.comment'), { exact: true }).fill('Handles the hardest key-account escalations calmly; ready to lead.');
  await form.getByRole('button', { name: t('hr:review.submitVote') }).click();
  await page.getByText(t('hr:review.voteSaved')).waitFor();
  await shot(page, 'manager-vote');

  // Back in the list, the vote is his.
  await openFromMenu(page, 'manager:nav.reviews');
  await page
    .getByRole('row', { name: new RegExp(nominee) })
    .filter({ hasText: t('manager:reviews.voted', { vote: t('manager:vote.SUPPORT') }) })
    .first()
    .waitFor();
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('the heat map at 360 px: the table scrolls inside its frame, the page does not', async () => {
  const { page, context, requests, resetRequests } = await signIn('lead', { width: 360 });
  resetRequests();
  await openFromMenu(page, 'manager:nav.home');
  const wrap = page.locator('.table-wrap').first();
  await wrap.waitFor();
  await page.getByRole('row', { name: new RegExp(wu) }).waitFor();
  expect(requests.length, requests.join()).toBeLessThanOrEqual(3);
  const sizes = await page.evaluate(() => {
    const w = document.querySelector('.table-wrap') as HTMLElement;
    return { page: document.documentElement.scrollWidth, view: window.innerWidth, inner: w.scrollWidth, frame: w.clientWidth };
  });
  expect(sizes.page).toBeLessThanOrEqual(sizes.view);
  expect(sizes.inner).toBeGreaterThan(sizes.frame);
  await shot(page, 'manager-heatmap-360');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});
