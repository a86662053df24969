import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

export const DEMO_PASSWORD = 'samsyn-demo';

export function baseUrl(): string {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('E2E_BASE_URL is not set (global-setup starts the API)');
  return url;
}

/** Debian's Chromium, headless; a fresh profile per launch (contexts are isolated as well). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far (CSP violations show up here too). */
  problems: string[];
}

export async function openPage(browser: Browser): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: 1280, height: 800 },
    locale: 'sv-SE',
    // Menus and form fields then appear without transitions: stable screenshots and axe results.
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // The browser logs every 4xx response; expected 401s (no session yet, wrong password)
    // are asserted on explicitly by the tests instead.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return { context, page, problems };
}

/** WCAG 2.1 A and AA rules; fails with a readable list of what axe found. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const violations = results.violations.map((v) => ({
    where,
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(violations).toEqual([]);
}

/** A short description of the focused element, for keyboard assertions. */
export function focused(
  page: Page,
): Promise<{ tag: string; id: string; text: string; role: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      text: (el?.innerText ?? '').replace(/\s+/g, ' ').trim(),
      role: el?.getAttribute('role') ?? '',
    };
  });
}

/** Presses Tab until the predicate holds for the focused element (or gives up). */
export async function tabUntil(
  page: Page,
  predicate: (el: Awaited<ReturnType<typeof focused>>) => boolean,
  maxPresses = 25,
): Promise<Awaited<ReturnType<typeof focused>>> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const el = await focused(page);
    if (predicate(el)) return el;
  }
  throw new Error(`Tab did not reach the expected element within ${maxPresses} presses`);
}

export function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

/** What GET /api/v1/me answers from inside the page (same cookies as the app). */
export function meStatus(page: Page): Promise<number> {
  return page.evaluate(
    async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).status,
  );
}

/** Saves a full-page screenshot when E2E_SCREENSHOT_DIR is set (for looking at the pages). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env['E2E_SCREENSHOT_DIR'];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Signs in through the sign-in page and waits for the signed-in frame (its main menu). */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/logga-in');
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
    page.getByRole('button', { name: 'Logga in' }).click(),
  ]);
  expect(response.status()).toBe(200);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
}

/**
 * Calls the API from inside the page, with its session cookie and CSRF token (test set-up and
 * checks only). A response without a JSON body answers `body: null`.
 */
export async function api<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T; type: string | null }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const token = document.cookie
        .split('; ')
        .find((c) => c.startsWith('samsyn_csrf='))
        ?.slice('samsyn_csrf='.length);
      const res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': decodeURIComponent(token ?? ''),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const type = res.headers.get('content-type');
      const text = type?.includes('json') ? await res.text() : '';
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T, type };
    },
    { method, path, body },
  );
}

/** A personnummer (YYYYMMDD-NNNC) with its Luhn check digit, for a birth date YYYY-MM-DD. */
export function personnummer(birthDate: string, serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const nnn = String(serial).padStart(3, '0');
  const digits = `${y.slice(2)}${m}${d}${nnn}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (n > 9) n -= 9;
    sum += n;
  }
  return `${y}${m}${d}-${nnn}${(10 - (sum % 10)) % 10}`;
}
