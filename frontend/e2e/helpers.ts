// What every journey needs: a browser, a signed-in page in the run's
// language, the app's own texts (so one test reads in both languages),
// screenshots, and a count of the GraphQL requests each screen makes.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080';
export const lang = process.env.E2E_LANG ?? 'en';
export const password = 'rungs-demo';

// ---- texts -------------------------------------------------------------
type Tree = { [k: string]: string | Tree };
const texts: Record<string, Tree> = {};
const dir = join(here, '..', 'src', 'locales', lang);
for (const f of readdirSync(dir)) if (f.endsWith('.json')) texts[f.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, f), 'utf8'));

/** The app's text for "ns:a.b.c" in the run's language, with {{vars}} filled in. */
export function t(key: string, vars: Record<string, string | number> = {}): string {
  const [ns, path] = key.includes(':') ? key.split(':', 2) : ['common', key];
  let node: string | Tree | undefined = texts[ns];
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') {
    // i18next plural forms
    const plural = typeof node === 'object' ? undefined : undefined;
    if (plural) return plural;
    const other = t.resolve(`${ns}:${path}_other`);
    if (other) node = other;
    else throw new Error(`e2e: no text for ${key} in ${lang}`);
  }
  return (node as string).replace(/\{\{(\w+)\}\}/g, (_, v) => String(vars[v] ?? `{{${v}}}`));
}
t.resolve = (key: string): string | undefined => {
  const [ns, path] = key.split(':', 2);
  let node: string | Tree | undefined = texts[ns];
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
};

/** Picks the English or Chinese side of a bilingual value. */
export function loc(text: { en: string; zh: string }): string {
  return lang.startsWith('zh') ? text.zh : text.en;
}

// ---- browser -------------------------------------------------------------
let browser: Browser | null = null;

export async function launch(): Promise<Browser> {
  if (browser) return browser;
  // Debian's chromium, offline, as root: no sandbox, no background traffic,
  // and playwright's own fresh profile for every launch.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** GraphQL requests since the last reset, by operation name. */
  requests: string[];
  resetRequests(): void;
}

/** A new browser context in the run's language, at the sign-in page. */
export async function open(opts: { width?: number; height?: number } = {}): Promise<Session> {
  const b = await launch();
  const context = await b.newContext({
    // axe-core is injected as a script tag, which the app's own CSP
    // (script-src 'self') rightly refuses; the tests lift it for themselves.
    bypassCSP: true,
    baseURL,
    locale: lang,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 860 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/graphql') && r.method() === 'POST') {
      try {
        const body = JSON.parse(r.postData() ?? '{}');
        requests.push(body.operationName ?? (String(body.query).match(/(query|mutation)\s+(\w+)/)?.[2] ?? '?'));
      } catch {
        requests.push('?');
      }
    }
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()));
  (page as Page & { jsErrors?: string[] }).jsErrors = errors;
  await page.goto('/');
  return { context, page, requests, resetRequests: () => (requests.length = 0) };
}

/** Signs in as a demo user (agent, lead, manager, trainer, qa, hr, hr2, admin). */
export async function signIn(who: string, opts: { width?: number } = {}): Promise<Session> {
  const s = await open(opts);
  const { page } = s;
  await page.getByLabel(t('signIn.email')).fill(`${who}@rungs.demo`);
  await page.getByLabel(t('signIn.password')).fill(password);
  await page.getByRole('button', { name: t('signIn.submit') }).click();
  await page.getByRole('button', { name: t('signOut') }).waitFor();
  return s;
}

/** JavaScript errors the page logged: a journey ends with none. */
export function jsErrors(page: Page): string[] {
  return (page as Page & { jsErrors?: string[] }).jsErrors ?? [];
}

/** Saves a screenshot under e2e/screenshots/<lang>/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  const d = join(here, 'screenshots', lang);
  mkdirSync(d, { recursive: true });
  await page.screenshot({ path: join(d, `${name}.png`), fullPage: true });
}

/** Waits until no GraphQL request has been in flight for a moment. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}

// ---- accessibility ---------------------------------------------------------
const axeSource = join(here, '..', 'node_modules', 'axe-core', 'axe.min.js');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core's WCAG 2 A/AA rules on the page as it is now and returns the
 * serious and critical violations (labels, names, contrast, roles, order).
 */
export async function axe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeSource });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}
