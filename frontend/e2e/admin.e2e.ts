// Administration: the admin edits the competency framework (an indicator in
// both languages, saved to the draft, then published), reads the ladder's
// move graph and adds a requirement to a position, and runs a new hire's
// whole life: hire (temporary password shown once), transfer, offboard. A
// manager who still has reports cannot be offboarded: the server says so in
// the user's language.
import { afterAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { baseURL, closeBrowser, jsErrors, lang, loc, password, settle, shot, signIn, t } from './helpers';

afterAll(closeBrowser);

/** Asks the API directly (through the same server the browser uses), as the admin. */
let token = '';
async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const post = async (body: unknown, auth?: string) => {
    const r = await fetch(`${baseURL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await r.json()) as { data: T; errors?: unknown[] };
  };
  if (!token) {
    const r = await post({ query: `mutation { login(email: "admin@rungs.demo", password: "${password}") { accessToken } }` });
    token = (r.data as unknown as { login: { accessToken: string } }).login.accessToken;
  }
  const res = await post({ query, variables }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/** Opens one of the admin screens from the menu and waits until it has loaded. */
async function openScreen(page: Page, nav: string, title: string, ready: () => Promise<unknown>) {
  await page.getByRole('navigation', { name: t('nav.label') }).getByRole('link', { name: t(nav), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: t(title) }).waitFor();
  await ready();
  await settle(page);
}

const communication = { en: 'Communication', zh: '沟通能力' };

/** Signs the admin in; the machine running the suite may be busy, so waits are generous. */
async function admin() {
  const s = await signIn('admin');
  s.page.setDefaultTimeout(40_000);
  return s;
}

test('the framework editor shows levels and indicators; an indicator edited in both languages goes to the draft and is published', async () => {
  const { page, context, requests, resetRequests } = await admin();
  const before = await api<{ competencyFrameworks: { version: number; status: string }[] }>(`{ competencyFrameworks { version status } }`);
  const draftVersion = before.competencyFrameworks.find((f) => f.status === 'DRAFT')?.version ?? Math.max(...before.competencyFrameworks.map((f) => f.version)) + 1;

  resetRequests();
  const detail = page.getByRole('region', { name: loc(communication) });
  await openScreen(page, 'admin:nav.framework', 'admin:framework.title', () => detail.getByRole('table').waitFor());
  expect(requests.length).toBeLessThanOrEqual(3);
  // The scale, with its five levels by name.
  const scale = page.getByRole('region', { name: t('admin:framework.scale.title') });
  for (const name of ['Aware', '了解', 'Expert', '专家']) await expect(scale.getByText(name, { exact: true }).count()).resolves.toBeGreaterThan(0);
  // The competency's indicators, one row per level, in both languages.
  await expect(detail.getByRole('row').count()).resolves.toBe(6);
  await detail.getByText('Greets and closes every call or chat with the standard script', { exact: false }).waitFor();
  await detail.getByText('按标准话术开场和结束每一通电话或会话', { exact: false }).waitFor();
  await shot(page, 'admin-framework');

  // Edit level 3 in both languages: it is saved in the draft.
  const stamp = `${lang}-${Date.now()}`;
  const en = `Adapts tone to every customer and writes replies that need no follow-up (${stamp}).`;
  const zh = `能根据每位客户调整语气，书面回复无需客户追问（${stamp}）。`;
  await detail.getByRole('button', { name: t('admin:framework.indicators.edit') }).click();
  const dialog = page.getByRole('dialog', { name: t('admin:framework.indicators.editTitle', { name: loc(communication) }) });
  const label = t('admin:framework.indicators.behaviour', { level: 3 });
  await dialog.getByLabel(t('admin:lang.labelEn', { label }), { exact: true }).fill(en);
  await dialog.getByLabel(t('admin:lang.labelZh', { label }), { exact: true }).fill(zh);
  await dialog.getByRole('button', { name: t('save') }).click();
  await page.getByText(t('admin:framework.indicators.saved', { name: loc(communication) })).waitFor();
  await page.getByText(t('admin:framework.view.draftNote', { version: draftVersion })).waitFor();
  await detail.getByText(en).waitFor();
  await detail.getByText(zh).waitFor();

  // Publish the draft, with a confirmation.
  await page.getByRole('button', { name: t('admin:framework.publish.open', { version: draftVersion }) }).click();
  const confirm = page.getByRole('dialog', { name: t('admin:framework.publish.title', { version: draftVersion }) });
  await confirm.getByLabel(t('admin:framework.publish.notes')).fill(`Clearer level 3 communication (${stamp})`);
  await confirm.getByRole('button', { name: t('admin:framework.publish.confirm') }).click();
  await page.getByText(t('admin:framework.publish.done', { version: draftVersion })).waitFor();
  await page.getByText(t('admin:framework.view.publishedNote')).waitFor();
  await detail.getByText(en).waitFor();
  await shot(page, 'admin-framework-published');

  const after = await api<{ competencyFramework: { version: number; categories: { competencies: { code: string; indicators: { level: number; text: { en: string; zh: string } }[] }[] }[] } }>(
    `{ competencyFramework { version categories { competencies { code indicators { level text { en zh } } } } } }`,
  );
  expect(after.competencyFramework.version).toBe(draftVersion);
  const comm = after.competencyFramework.categories.flatMap((k) => k.competencies).find((c) => c.code === 'COMMUNICATION')!;
  expect(comm.indicators.find((i) => i.level === 3)?.text).toEqual({ en, zh });
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('the ladder editor draws one arrow per move and adds a requirement to a position', async () => {
  const { page, context, requests, resetRequests } = await admin();
  const ladder = await api<{
    positions: { id: string; code: string; name: { en: string; zh: string }; requirements: { kind: string; course: { id: string } | null }[]; nextPositions: { to: { id: string } }[] }[];
    courses: { nodes: { id: string; code: string; title: { en: string; zh: string }; status: string }[] };
    tracks: { code: string; name: { en: string; zh: string } }[];
  }>(`{
    tracks { code name { en zh } }
    positions { id code name { en zh } requirements { kind course { id } } nextPositions { to { id } } }
    courses(first: 100, filter: { statuses: [PUBLISHED] }) { nodes { id code title { en zh } status } }
  }`);
  const moveCount = ladder.positions.reduce((n, p) => n + p.nextPositions.length, 0);
  expect(moveCount).toBeGreaterThan(10);

  resetRequests();
  await openScreen(page, 'admin:nav.ladder', 'admin:ladder.title', () => page.locator('svg.admin-graph-svg').waitFor());
  expect(requests.length).toBeLessThanOrEqual(3);
  const graph = page.locator('svg.admin-graph-svg');
  await expect(graph.getAttribute('role')).resolves.toBe('img');
  await expect(graph.locator('title').first().textContent()).resolves.toBe(t('admin:ladder.graph.title'));
  await expect(graph.locator('path.admin-move').count()).resolves.toBe(moveCount);
  // Labels in the viewer's language; the text list names the moves too.
  const agent = ladder.positions.find((p) => p.code === 'AGENT')!;
  const lead = ladder.positions.find((p) => p.code === 'TEAM_LEAD')!;
  await expect(graph.getByText(loc(agent.name).split(' ')[0], { exact: false }).count()).resolves.toBeGreaterThan(0);
  await page.getByRole('region', { name: t('admin:ladder.graph.listLabel') }).getByText(
    t('admin:ladder.graph.move', { from: loc(agent.name), to: loc(lead.name), kind: t('admin:ladder.moveKind.PROMOTION') }),
  ).waitFor();
  await page.getByRole('heading', { name: t('admin:ladder.graph.listTitle_other', { count: moveCount }) }).waitFor();
  await shot(page, 'admin-ladder');

  // Add a course requirement to the CX specialist.
  const spec = ladder.positions.find((p) => p.code === 'CX_SPECIALIST')!;
  const required = new Set(spec.requirements.map((r) => r.course?.id).filter(Boolean));
  const course = ladder.courses.nodes.find((c) => !required.has(c.id))!;
  const cx = ladder.tracks.find((x) => x.code === 'CX')!;
  const list = page.getByRole('region', { name: t('admin:ladder.positions.title'), exact: true });
  await list.getByLabel(t('admin:ladder.positions.track'), { exact: true }).selectOption({ label: loc(cx.name) });
  await list.getByRole('button', { name: t('admin:ladder.positions.openNamed', { name: loc(spec.name) }) }).click();
  const editor = page.getByRole('region', { name: t('admin:ladder.editor.title', { name: loc(spec.name) }) });
  await editor.waitFor();
  const form = editor.getByRole('form', { name: t('admin:ladder.req.addTitle') });
  await form.getByLabel(t('admin:ladder.req.kind'), { exact: true }).selectOption({ label: t('admin:ladder.req.kinds.COURSE') });
  await form.getByLabel(t('admin:ladder.req.course'), { exact: true }).selectOption({ label: `${course.code} · ${loc(course.title)}` });
  await form.getByRole('button', { name: t('admin:ladder.req.add') }).click();
  await page.getByText(t('admin:ladder.req.added', { name: loc(spec.name) })).waitFor();
  const after = await api<{ position: { requirements: { kind: string; course: { id: string } | null }[] } }>(
    `query ($id: ID!) { position(id: $id) { requirements { kind course { id } } } }`,
    { id: spec.id },
  );
  expect(after.position.requirements.length).toBe(spec.requirements.length + 1);
  expect(after.position.requirements.some((r) => r.kind === 'COURSE' && r.course?.id === course.id)).toBe(true);
  // The requirements table pages: the new one is on the last page.
  const pager = editor.getByRole('navigation', { name: t('pager.label') });
  if (await pager.count()) {
    while (await pager.getByRole('button', { name: t('pager.next') }).isEnabled()) await pager.getByRole('button', { name: t('pager.next') }).click();
  }
  await editor.getByText(t('admin:ladder.req.text.COURSE', { code: course.code, title: loc(course.title) })).waitFor();
  await shot(page, 'admin-ladder-requirement');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('people: hire (temporary password shown once), transfer, offboard; a manager with reports is refused', async () => {
  const { page, context, requests, resetRequests } = await admin();
  const ref = await api<{
    teams: { id: string; code: string; name: { en: string; zh: string } }[];
    positions: { code: string; level: number; name: { en: string; zh: string }; track: { name: { en: string; zh: string } } }[];
    lead: { nodes: { id: string; name: { en: string; zh: string }; employeeNumber: string }[] };
  }>(`{
    teams { id code name { en zh } }
    positions { code level name { en zh } track { name { en zh } } }
    lead: employees(filter: { text: "lead@rungs.demo" }) { nodes { id name { en zh } employeeNumber } }
  }`);
  const east = ref.teams.find((x) => x.code === 'CS-EAST')!;
  const west = ref.teams.find((x) => x.code === 'CS-WEST')!;
  const agent = ref.positions.find((p) => p.code === 'AGENT')!;
  const lead = ref.lead.nodes[0];

  resetRequests();
  await openScreen(page, 'admin:nav.people', 'admin:people.title', () => page.getByRole('table').waitFor());
  expect(requests.length).toBeLessThanOrEqual(3);
  await shot(page, 'admin-people');

  // Hire.
  const n = Date.now() % 100_000_000;
  const email = `hire.${lang.toLowerCase()}.${n}@rungs.demo`;
  const name = { en: `Test Hire ${n}`, zh: `测试新人${n}` };
  await page.getByRole('button', { name: t('admin:people.hire.open') }).click();
  const hire = page.getByRole('dialog', { name: t('admin:people.hire.title') });
  const fullName = t('admin:people.fields.fullName');
  await hire.getByLabel(t('admin:lang.labelEn', { label: fullName }), { exact: true }).fill(name.en);
  await hire.getByLabel(t('admin:lang.labelZh', { label: fullName }), { exact: true }).fill(name.zh);
  await hire.getByLabel(t('admin:people.fields.email'), { exact: true }).fill(email);
  await hire.getByLabel(t('admin:people.fields.number'), { exact: true }).fill(`E2E-${lang === 'en' ? 'EN' : 'ZH'}-${n}`);
  await hire.getByLabel(t('admin:people.fields.team'), { exact: true }).selectOption({ label: loc(east.name) });
  await hire.getByLabel(t('admin:people.fields.manager'), { exact: true }).selectOption({ label: `${loc(lead.name)} (${lead.employeeNumber})` });
  await hire
    .getByLabel(t('admin:people.fields.position'), { exact: true })
    .selectOption({ label: `${loc(agent.name)} · ${loc(agent.track.name)} · ${t('admin:ladder.editor.levelOf', { level: agent.level })}` });
  await hire.getByRole('button', { name: t('admin:people.hire.submit') }).click();
  const notice = page.locator('.admin-password');
  await notice.getByText(t('admin:people.hire.done', { name: loc(name), email })).waitFor();
  await notice.getByText(t('admin:people.hire.password')).waitFor();
  const temporary = (await notice.locator('code').textContent()) ?? '';
  expect(temporary.length).toBeGreaterThanOrEqual(10);
  await shot(page, 'admin-people-hired');

  // Find them and transfer them to Team West.
  await page.getByLabel(t('admin:people.list.text'), { exact: true }).fill(email);
  await page.getByRole('button', { name: t('search') }).click();
  const row = page.getByRole('row').filter({ hasText: email });
  await row.waitFor();
  await expect(page.getByRole('row').count()).resolves.toBe(2);
  await row.getByRole('button', { name: t('admin:people.transfer.openNamed', { name: loc(name) }) }).click();
  const transfer = page.getByRole('dialog', { name: t('admin:people.transfer.title', { name: loc(name) }) });
  await transfer.getByLabel(t('admin:people.transfer.team'), { exact: true }).selectOption({ label: loc(west.name) });
  await transfer.getByLabel(t('admin:people.fields.reason'), { exact: true }).fill('Moves to the West team for the new chat queue.');
  await transfer.getByRole('button', { name: t('admin:people.transfer.submit') }).click();
  await page.getByText(t('admin:people.transfer.done', { name: loc(name) })).waitFor();
  await row.getByText(loc(west.name)).waitFor();

  // Offboard them.
  await row.getByRole('button', { name: t('admin:people.offboard.openNamed', { name: loc(name) }) }).click();
  const off = page.getByRole('dialog', { name: t('admin:people.offboard.title', { name: loc(name) }) });
  await off.getByLabel(t('admin:people.fields.reason'), { exact: true }).fill('Left during probation.');
  await off.getByRole('button', { name: t('admin:people.offboard.submit') }).click();
  await page.getByText(t('admin:people.offboard.done', { name: loc(name) })).waitFor();
  await page.getByText(t('admin:people.list.none')).waitFor(); // the default list leaves the offboarded out
  await page.getByLabel(t('admin:people.fields.status'), { exact: true }).selectOption({ label: t('admin:people.status.OFFBOARDED') });
  await page.getByRole('button', { name: t('search') }).click();
  await row.getByText(t('admin:people.status.OFFBOARDED')).waitFor();
  await shot(page, 'admin-people-offboarded');
  const gone = await api<{ employees: { nodes: { status: string; team: { code: string } }[] } }>(
    `query ($text: String) { employees(filter: { text: $text, status: OFFBOARDED }) { nodes { status team { code } } } }`,
    { text: email },
  );
  expect(gone.employees.nodes).toEqual([{ status: 'OFFBOARDED', team: { code: 'CS-WEST' } }]);

  // A team lead who still has reports cannot be offboarded.
  await page.getByLabel(t('admin:people.fields.status'), { exact: true }).selectOption({ label: t('admin:people.list.notOffboarded') });
  await page.getByLabel(t('admin:people.list.text'), { exact: true }).fill('lead@rungs.demo');
  await page.getByRole('button', { name: t('search') }).click();
  const leadRow = page.getByRole('row').filter({ hasText: 'lead@rungs.demo' });
  await leadRow.getByRole('button', { name: t('admin:people.offboard.openNamed', { name: loc(lead.name) }) }).click();
  const refuse = page.getByRole('dialog', { name: t('admin:people.offboard.title', { name: loc(lead.name) }) });
  await refuse.getByLabel(t('admin:people.fields.reason'), { exact: true }).fill('Resigned.');
  await refuse.getByRole('button', { name: t('admin:people.offboard.submit') }).click();
  const expected = t.resolve('errors:key.people.has_reports') ?? t('errors:code.CONFLICT');
  await expect.poll(() => refuse.getByRole('alert').textContent()).toContain(expected);
  await shot(page, 'admin-people-refused');
  await refuse.getByRole('button', { name: t('cancel') }).click();
  const still = await api<{ employee: { status: string } }>(`query ($id: ID!) { employee(id: $id) { status } }`, { id: lead.id });
  expect(still.employee.status).toBe('ACTIVE');
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});
