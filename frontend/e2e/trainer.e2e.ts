// The trainer's console against the demo seed: the course list and its
// search, a new course built and published, a course assigned to a team and
// seen in the team's progress (and its CSV), attendance of a past classroom
// session, the short answers waiting in the grading queue, and a QA
// specialist's rubric scorecard. Every main screen loads with at most three
// GraphQL requests.
import { afterAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { closeBrowser, jsErrors, lang, loc, settle, shot, signIn, t } from './helpers';

afterAll(closeBrowser);

const nav = (page: Page) => page.getByRole('navigation', { name: t('nav.label') });

/** Goes to a trainer screen through the menu, as a user does. */
async function open(page: Page, label: string, heading: string) {
  const link = nav(page).getByRole('link', { name: t(`trainer:nav.${label}`), exact: true });
  await link.click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await settle(page);
}

/** A pattern for a pluralised text with any count ("{{count}} enrolments created."). */
function counted(key: string): RegExp {
  const forms = [t.resolve(`${key}_one`), t.resolve(`${key}_other`)].filter(Boolean) as string[];
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{count\\\}\\\}/g, '\\d+');
  return new RegExp(forms.map(esc).join('|'));
}

// Seeded names (seed/people.go, seed/courses_content.go).
const complaintEssentials = { en: 'Complaint handling essentials', zh: '投诉处理基础' };
const callScripts = { en: 'Call scripts in practice', zh: '电话话术实战' };
const resilience = { en: 'Resilience coaching circle', zh: '抗压能力辅导小组' };
const teamWest = { en: 'Service team West', zh: '华西客服组' };
const luoXin = { en: 'Luo Xin', zh: '罗欣' };
const songJia = { en: 'Song Jia', zh: '宋佳' };
const caoLin = { en: 'Cao Lin', zh: '曹琳' };
const wuXiaoling = { en: 'Wu Xiaoling', zh: '吴晓玲' };
const eastTeam = { en: 'Service team East', zh: '华东客服组' };
const qaRubric = { en: 'Call and chat quality sampling', zh: '通话与在线服务质检' };

test('the trainer searches the course list', async () => {
  const { page, context, requests, resetRequests } = await signIn('trainer');
  resetRequests();
  await open(page, 'courses', t('trainer:courses.title'));
  expect(requests.length).toBeLessThanOrEqual(3);
  await page.getByRole('link', { name: loc(callScripts) }).waitFor();

  await page.getByLabel(t('trainer:courses.search')).fill(loc({ en: 'complaint', zh: '投诉' }));
  await page.getByRole('link', { name: loc(complaintEssentials) }).waitFor();
  await page.getByRole('link', { name: loc(callScripts) }).waitFor({ state: 'detached' });
  await page.getByLabel(t('trainer:courses.status')).selectOption('PUBLISHED');
  await page.getByRole('link', { name: loc(complaintEssentials) }).waitFor();
  await settle(page);
  await shot(page, 'trainer-courses');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('the trainer creates a course with a module and a competency and publishes it', async () => {
  const { page, context, requests, resetRequests } = await signIn('trainer');
  await open(page, 'courses', t('trainer:courses.title'));
  resetRequests();
  await page.getByRole('link', { name: t('trainer:courses.new') }).click();
  await page.getByRole('heading', { level: 1, name: t('trainer:editor.newTitle') }).waitFor();
  await settle(page);
  expect(requests.length).toBeLessThanOrEqual(3);

  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const title = { en: `Refunds within policy ${code}`, zh: `政策内退款处理 ${code}` };
  await page.getByLabel(t('trainer:course.code')).fill(code);
  await page.getByLabel(t('trainer:editor.titleEn')).fill(title.en);
  await page.getByLabel(t('trainer:editor.titleZh')).fill(title.zh);
  await page.getByLabel(t('trainer:editor.summaryEn')).fill('When and how an agent may refund a customer.');
  await page.getByLabel(t('trainer:editor.summaryZh')).fill('客服何时以及如何为客户办理退款。');
  await page.getByLabel(t('trainer:course.hours')).fill('1.5');
  await page.getByRole('button', { name: t('trainer:editor.addModule') }).click();
  await page.getByLabel(t('trainer:editor.moduleTitleEn')).fill('The refund policy in five rules');
  await page.getByLabel(t('trainer:editor.moduleTitleZh')).fill('退款政策五条规则');
  await page.getByLabel(t('trainer:editor.minutes')).fill('40');
  await page.getByRole('button', { name: t('trainer:editor.addCompetency') }).click();
  await page.getByLabel(t('trainer:editor.targetLevel')).selectOption('3');

  resetRequests();
  await page.getByRole('button', { name: t('trainer:editor.create') }).click();
  await page.getByRole('status').filter({ hasText: t('trainer:editor.created') }).waitFor();
  await page.getByRole('heading', { level: 1, name: loc(title) }).waitFor();
  await settle(page);
  // The create, then the editor of the new course.
  expect(requests.filter((r) => r !== 'TrainerCreateCourse').length).toBeLessThanOrEqual(3);
  await expect(page.getByLabel(t('trainer:editor.moduleTitleEn')).inputValue()).resolves.toBe('The refund policy in five rules');

  await page.getByRole('button', { name: t('trainer:editor.publish') }).click();
  await page.getByRole('status').filter({ hasText: t('trainer:editor.published') }).waitFor();
  await page.locator('.page-head .badge').filter({ hasText: t('trainer:courseStatus.PUBLISHED') }).waitFor();
  // Published: it can be assigned from its page.
  await page.getByRole('heading', { level: 2, name: t('trainer:assign.title') }).waitFor();
  await settle(page);
  await shot(page, 'trainer-course-editor');

  // And it is in the catalogue.
  await open(page, 'courses', t('trainer:courses.title'));
  await page.getByLabel(t('trainer:courses.search')).fill(code);
  await page.getByRole('link', { name: loc(title) }).waitFor();
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('the trainer assigns a course to a team and sees it in the team progress', async () => {
  const { page, context, requests, resetRequests } = await signIn('trainer');
  resetRequests();
  await open(page, 'assign', t('trainer:assign.pageTitle'));
  expect(requests.length).toBeLessThanOrEqual(3);

  await page.getByLabel(t('trainer:assign.course'), { exact: true }).selectOption({ label: `EMO-201 · ${loc(resilience)}` });
  await page.getByLabel(t('trainer:assign.scope.TEAM')).check();
  await page.getByLabel(t('trainer:assign.team'), { exact: true }).selectOption({ label: loc(teamWest) });
  const due = new Date(Date.now() + 20 * 86_400_000);
  const dueOn = `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, '0')}-${String(due.getDate()).padStart(2, '0')}`;
  await page.getByLabel(t('trainer:assign.dueOn')).fill(dueOn);
  await page.getByLabel(t('trainer:assign.reason')).fill(loc({ en: 'Peak season is coming', zh: '旺季来临前的抗压训练' }));
  await page.getByRole('button', { name: t('trainer:assign.submit') }).click();
  const done = page.getByRole('status').filter({ hasText: counted('trainer:assign.created') });
  await done.waitFor();
  await expect(done.textContent()).resolves.toMatch(counted('trainer:assign.existing'));

  resetRequests();
  await open(page, 'progress', t('trainer:progress.title'));
  await page.getByLabel(t('trainer:progress.team')).selectOption({ label: loc(teamWest) });
  const matrix = page.getByRole('table', { name: t('trainer:progress.byPerson') });
  await matrix.getByRole('columnheader', { name: /EMO-201/ }).waitFor();
  await settle(page);
  expect(requests.length).toBeLessThanOrEqual(3);
  await page.getByLabel(t('trainer:progress.course'), { exact: true }).selectOption({ label: `EMO-201 · ${loc(resilience)}` });
  const row = matrix.getByRole('row', { name: new RegExp(loc(luoXin)) });
  await row.getByText(t('trainer:enrollmentStatus.ASSIGNED')).waitFor();
  await shot(page, 'trainer-progress');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: t('trainer:progress.download') }).click();
  expect((await download).suggestedFilename()).toBe('team-CS-WEST-progress.csv');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('the trainer records attendance of a past session', async () => {
  const { page, context, requests, resetRequests } = await signIn('trainer');
  resetRequests();
  await open(page, 'sessions', t('trainer:sessions.title'));
  expect(requests.length).toBeLessThanOrEqual(3);
  await shot(page, 'trainer-sessions');

  // Last month's call-scripts workshop, where Song Jia did not come.
  const past = page.getByRole('region', { name: t('trainer:sessions.past') });
  resetRequests();
  await past.getByRole('row').filter({ hasText: loc(callScripts) }).getByRole('link').first().click();
  await page.getByRole('heading', { level: 2, name: t('trainer:session.roster') }).waitFor();
  await settle(page);
  expect(requests.length).toBeLessThanOrEqual(3);
  const song = page.getByRole('checkbox', { name: t('trainer:session.attendedBy', { name: loc(songJia) }) });
  await song.check();
  await page.getByRole('button', { name: t('trainer:session.save') }).click();
  await page.getByRole('status').filter({ hasText: t('trainer:session.saved') }).waitFor();
  await page
    .getByRole('row', { name: new RegExp(loc(songJia)) })
    .locator('.badge')
    .filter({ hasText: new RegExp(`^${t('trainer:session.attended')}$`) })
    .waitFor();
  await shot(page, 'trainer-session');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('the trainer grades the short answers waiting in the queue', async () => {
  // The seed leaves one attempt in trainer@'s queue (seed/evidence_content.go:
  // Cao Lin's coaching-skills assessment, two short answers).
  const { page, context, requests, resetRequests } = await signIn('trainer');
  resetRequests();
  await open(page, 'grading', t('trainer:grading.title'));
  expect(requests.length).toBeLessThanOrEqual(3);
  await shot(page, 'trainer-grading-queue');
  resetRequests();
  await page.getByRole('link', { name: t('trainer:grading.openFor', { name: loc(caoLin) }) }).click();
  await page.getByRole('heading', { level: 2, name: t('trainer:grading.shortAnswers') }).waitFor();
  await settle(page);
  expect(requests.length).toBeLessThanOrEqual(3);
  const points = page.getByLabel(t('trainer:grading.points', { max: 5 }));
  await expect(points.count()).resolves.toBe(2);
  await points.nth(0).fill('4');
  await points.nth(1).fill('5');
  await page.getByLabel(t('trainer:grading.comment')).first().fill(loc({ en: 'Specific and actionable.', zh: '反馈具体，可执行。' }));
  await page.getByRole('button', { name: t('trainer:grading.submit') }).click();
  await page.getByRole('status').filter({ hasText: t('trainer:grading.saved') }).waitFor();
  await page.locator('.badge').filter({ hasText: t('trainer:attemptStatus.GRADED') }).waitFor();
  await shot(page, 'trainer-grading');
  // The queue is empty now.
  await open(page, 'grading', t('trainer:grading.title'));
  await page.getByText(t('trainer:grading.empty')).waitFor();
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('a QA specialist scores a call of an agent against a rubric', async () => {
  const { page, context, requests, resetRequests } = await signIn('qa');
  resetRequests();
  await open(page, 'scorecards', t('trainer:score.title'));
  expect(requests.length).toBeLessThanOrEqual(3);

  await page.getByLabel(t('trainer:score.rubric')).selectOption({ label: `${loc(qaRubric)} (${t('trainer:rubricPurpose.QA_SAMPLING')})` });
  await page.getByLabel(t('trainer:score.findEmployee')).fill(loc(wuXiaoling));
  const who = `${loc(wuXiaoling)} (CS-1102) · ${loc(eastTeam)}`;
  const employee = page.getByLabel(t('trainer:score.employee'), { exact: true });
  await employee.locator('option', { hasText: who }).waitFor({ state: 'attached' });
  await employee.selectOption({ label: who });
  await page.getByLabel(t('trainer:score.ref')).fill(`E2E-${lang}-${Date.now()}`);
  const criteria = page.locator('fieldset.trainer-criterion');
  const n = await criteria.count();
  expect(n).toBeGreaterThan(1);
  for (let i = 0; i < n; i++) {
    await criteria
      .nth(i)
      .getByRole('radio', { name: new RegExp(`^${t('trainer:score.levelN', { level: i % 2 ? 3 : 4, name: '' }).trim()}`) })
      .check();
  }
  await page.getByLabel(t('trainer:score.comment')).fill(loc({ en: 'Clear greeting; verify identity before reading the order.', zh: '开场清晰；先核验身份再读订单信息。' }));
  await shot(page, 'trainer-scorecard-form');
  await page.getByRole('button', { name: t('trainer:score.submit') }).click();
  await page.getByRole('heading', { level: 2, name: t('trainer:score.resultTitle') }).waitFor();
  await page.getByText(/\/ 100$/).waitFor();
  await shot(page, 'trainer-scorecard');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});
