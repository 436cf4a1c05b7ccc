// Every screen in the menu of every role, on a desktop and on a 360 px phone:
// no serious or critical WCAG 2 A/AA problem (axe-core), no page-wide
// horizontal scrolling on the phone, focus moved to the new screen's heading,
// a bounded number of GraphQL requests per screen (no N+1 bursts), and no
// JavaScript errors. Reads only: it changes no data.
import { afterAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, closeBrowser, jsErrors, signIn, t } from './helpers';

afterAll(closeBrowser);

const roles: [string, string[]][] = [
  ['agent', ['employee']],
  ['lead', ['employee', 'manager']],
  ['trainer', ['trainer']],
  ['hr', ['hr']],
  ['admin', ['admin']],
];

/** On a phone the menu folds away: open it unless it is open. */
async function openMenu(page: Page, phone: boolean) {
  if (!phone) return;
  const toggle = page.getByRole('button', { name: t('menu') });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/** The menu's links of one area, as the user sees them. */
async function links(page: Page, area: string): Promise<string[]> {
  const group = page.locator('.nav-group').filter({ has: page.getByRole('heading', { name: t(`areas.${area}`), exact: true }) });
  return group.getByRole('link').allTextContents();
}

for (const width of [1280, 360]) {
  for (const [who, areas] of roles) {
    test(`${who} at ${width} px: every screen is accessible, fits and loads in a few requests`, async () => {
      const s = await signIn(who, { width });
      const { page } = s;
      const phone = width < 700;
      for (const area of areas) {
        await openMenu(page, phone);
        const names = await links(page, area);
        expect(names.length).toBeGreaterThan(0);
        for (const name of names) {
          await openMenu(page, phone);
          const before = new URL(page.url()).pathname;
          s.resetRequests();
          const nav = page.getByRole('navigation', { name: t('nav.label') });
          await nav.locator('.nav-group').filter({ has: page.getByRole('heading', { name: t(`areas.${area}`), exact: true }) }).getByRole('link', { name, exact: true }).click();
          await page.waitForLoadState('networkidle');
          await page.locator('main h1').first().waitFor();
          // Loading indicators gone: the screen shows its data.
          await expect.poll(() => page.locator('main .loading').count(), { timeout: 20_000 }).toBe(0);
          const where = `${who} ${area} "${name}" at ${width}px`;
          expect({ where, requests: s.requests.length <= 3 ? 'ok' : s.requests }).toEqual({ where, requests: 'ok' });
          expect({ where, violations: await axe(page) }).toEqual({ where, violations: [] });
          if (phone) {
            const wide = await page.evaluate(() => {
              const w = window.innerWidth;
              // The widest elements that stick out, to name the culprit.
              return document.documentElement.scrollWidth - w <= 1
                ? []
                : [...document.querySelectorAll('main *')]
                    .filter((e) => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap'))
                    .slice(0, 5)
                    .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${Math.round(e.getBoundingClientRect().right)}px`);
            });
            expect({ where, wide }).toEqual({ where, wide: [] });
          } else if (new URL(page.url()).pathname !== before) {
            // Focus follows navigation to the new screen's heading.
            expect({ where, focus: await page.evaluate(() => document.activeElement?.tagName) }).toEqual({ where, focus: 'H1' });
          }
        }
      }
      expect(jsErrors(page)).toEqual([]);
      await s.context.close();
    });
  }
}
