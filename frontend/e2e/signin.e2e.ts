// Sign-in: bad credentials say so in the user's language, a good sign-in
// shows the role's screens, a reload keeps the session (refresh cookie), and
// signing out ends it.
import { afterAll, expect, test } from 'vitest';
import { closeBrowser, jsErrors, open, password, shot, signIn, t } from './helpers';

afterAll(closeBrowser);

test('wrong password is refused with a clear message', async () => {
  const { page, context } = await open();
  await page.getByLabel(t('signIn.email')).fill('agent@rungs.demo');
  await page.getByLabel(t('signIn.password')).fill('not-the-password');
  await page.getByRole('button', { name: t('signIn.submit') }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain(t('errors:key.auth.invalid_credentials'));
  await shot(page, 'signin-error');
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
