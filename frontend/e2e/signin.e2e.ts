// Sign-in: bad credentials say so in the user's language, a good sign-in
// shows the role's screens, a reload keeps the session (refresh cookie), and
// signing out ends it.
import { afterAll, expect, test } from 'vitest';
import { axe, closeBrowser, jsErrors, open, password, shot, signIn, t } from './helpers';

afterAll(closeBrowser);

test('wrong password is refused with a clear message', async () => {
  const { page, context } = await open();
  await page.getByLabel(t('signIn.email')).fill('agent@rungs.demo');
  await page.getByLabel(t('signIn.password')).fill('not-the-password');
  await page.getByRole('button', { name: t('signIn.submit') }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain(t('errors:key.auth.invalid_credentials'));
  await shot(page, 'signin-error');
  expect(await axe(page)).toEqual([]);
  await context.close();
});

test('a signed-in agent keeps the session across a reload and can sign out', async () => {
  const { page, context } = await signIn('agent');
  const nav = page.getByRole('navigation', { name: t('nav.label') });
  await expect(nav.getByRole('heading', { name: t('areas.employee') }).isVisible()).resolves.toBe(true);
  // An agent sees no HR or admin menus.
  await expect(nav.getByRole('heading', { name: t('areas.hr') }).count()).resolves.toBe(0);
  await page.reload();
  await page.getByRole('button', { name: t('signOut') }).waitFor();
  await page.getByRole('button', { name: t('signOut') }).click();
  await page.getByLabel(t('signIn.password')).waitFor();
  await page.reload();
  await page.getByLabel(t('signIn.password')).waitFor();
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test('the sign-in page fits a 360 px screen', async () => {
  const { page, context } = await open({ width: 360, height: 740 });
  await page.getByLabel(t('signIn.email')).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(361);
  await shot(page, 'signin-360');
  await context.close();
});

test('each role sees its own areas', async () => {
  const cases: [string, string[]][] = [
    ['hr', ['areas.hr']],
    ['admin', ['areas.admin']],
    ['trainer', ['areas.trainer']],
    ['lead', ['areas.manager']],
  ];
  for (const [who, heads] of cases) {
    const { page, context } = await signIn(who);
    const nav = page.getByRole('navigation', { name: t('nav.label') });
    for (const h of heads) await nav.getByRole('heading', { name: t(h) }).waitFor();
    await context.close();
  }
  expect(password).toBe('rungs-demo');
});

test('an expired session sends the user to sign in again, saying why', async () => {
  const { page, context } = await signIn('agent');
  // The refresh cookie is gone (expired) and the server now refuses the
  // access token as expired: the app tries to refresh once, fails, and asks
  // the user to sign in again.
  await context.clearCookies();
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string } | null;
    if (body?.operationName === 'Refresh') return route.continue();
    await route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ errors: [{ message: 'the access token has expired; refresh it', extensions: { code: 'UNAUTHENTICATED', key: 'auth.token_expired' } }], data: null }),
    });
  });
  const other = t('language') === '语言' ? 'en' : 'zh-CN';
  const mine = other === 'en' ? 'zh-CN' : 'en';
  await page.getByLabel(t('language')).selectOption(other);
  await page.locator('input[type=password]').waitFor();
  await page.locator('#lang-select').selectOption(mine);
  await expect.poll(() => page.getByRole('alert').textContent()).toBe(t('signIn.expired'));
  await shot(page, 'signin-expired');
  await context.close();
});
