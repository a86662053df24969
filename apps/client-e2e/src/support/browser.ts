import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { addDays, swedishDate } from '@samsyn/domain';
import {
  type Browser,
  type BrowserContext,
  type ElementHandle,
  type Locator,
  type Page,
  chromium,
  errors,
} from 'playwright-core';
import type { PageFunction } from 'playwright-core/types/structs';

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

/** A fresh browser context and page on the run's API, or on the API at `base` (a journey's own). */
export async function openPage(browser: Browser, base = baseUrl()): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL: base,
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

/** What the tests know of the focused element. */
export interface Focused {
  tag: string;
  id: string;
  /** Its visible text, whitespace collapsed. */
  text: string;
  role: string;
  /** Its aria-label. */
  label: string;
}

/** Expected values for some of `Focused`'s fields: a string is compared exactly. */
export type FocusPattern = Partial<Record<keyof Focused, string | RegExp>>;

/**
 * In the page: the focused element's description, or, given a pattern, that description only
 * when it matches (null otherwise). One function, so `focused` and `untilFocused` agree.
 */
function focusMatching(pattern: FocusPattern | null): Focused | null {
  const el = document.activeElement as HTMLElement | null;
  const now: Focused = {
    tag: el?.tagName.toLowerCase() ?? '',
    id: el?.id ?? '',
    text: (el?.innerText ?? '').replace(/\s+/g, ' ').trim(),
    role: el?.getAttribute('role') ?? '',
    label: el?.getAttribute('aria-label') ?? '',
  };
  if (!pattern) return now;
  const matches = Object.entries(pattern).every(([key, want]) => {
    const got = now[key as keyof Focused];
    return typeof want === 'string' ? got === want : want.test(got);
  });
  return matches ? now : null;
}

/**
 * The focused element, read once: for stepping through the page with the keyboard (`tabUntil`).
 * To check where an action moved focus, wait for it with `untilFocused`.
 */
export async function focused(page: Page): Promise<Focused> {
  return (await page.evaluate(focusMatching, null))!;
}

// Waiting for state. The client is zoneless: a signal change renders on the next scheduled tick,
// so what an action changes (focus, text, a toggle, a field's value) may not be in the DOM yet
// when the action's promise resolves. Tests therefore wait for the expected state with `until`
// or one of its siblings below, never read it once (the lint rule for client-e2e refuses
// `expect(await locator.getAttribute(…))` and the like). playwright-core has no retrying `expect`.

/** How long `until` and its siblings wait for the expected state (Playwright's own default). */
export const UNTIL_TIMEOUT_MS = 30_000;

export interface UntilOptions {
  timeout?: number;
}

/**
 * Runs `predicate` in the page until it returns a truthy value, and answers that value; or
 * undefined when `timeout` ms pass first.
 */
async function truthy<Arg>(
  page: Page,
  predicate: PageFunction<Arg, unknown>,
  arg: Arg,
  timeout: number,
): Promise<unknown> {
  try {
    const handle = await page.waitForFunction(predicate, arg, { timeout });
    try {
      return await handle.jsonValue();
    } finally {
      await handle.dispose();
    }
  } catch (error) {
    if (error instanceof errors.TimeoutError) return undefined;
    throw error;
  }
}

/** The error a wait fails with: what was awaited and, when known, what there is instead. */
async function timedOut(what: string, timeout: number, now?: () => Promise<unknown>) {
  let seen = '';
  if (now) {
    try {
      seen = `; found instead: ${JSON.stringify(await now())}`;
    } catch {
      seen = '; found nothing to compare';
    }
  }
  return new Error(`Timed out after ${timeout} ms waiting for ${what}${seen}`);
}

/**
 * Waits until `predicate`, run in the page on every animation frame, returns a truthy value
 * (`page.waitForFunction`). `what` says what was awaited, for the failure message.
 *
 *   await until(page, 'the English page', () => document.documentElement.lang === 'en');
 */
export async function until<Arg = undefined>(
  page: Page,
  what: string,
  predicate: PageFunction<Arg, unknown>,
  arg?: Arg,
  { timeout = UNTIL_TIMEOUT_MS }: UntilOptions = {},
): Promise<void> {
  if (!(await truthy(page, predicate, arg as Arg, timeout))) throw await timedOut(what, timeout);
}

/** Waits until the focused element matches `pattern` (see `Focused`). */
export async function untilFocused(
  page: Page,
  pattern: FocusPattern,
  { timeout = UNTIL_TIMEOUT_MS }: UntilOptions = {},
): Promise<void> {
  if (await truthy(page, focusMatching, pattern, timeout)) return;
  throw await timedOut(`focus on ${shown(pattern)}`, timeout, () => focused(page));
}

type Found = ElementHandle<Node>[];

/**
 * Waits until `predicate` holds in the page for the element `locator` finds (`all`: for all the
 * elements it finds). A re-render may replace an element: the predicate then answers 'stale'
 * (any element found is no longer in the document) and the locator is resolved again. With
 * `all`, elements may also come, go or move, so the locator is resolved again after 1, 2, 4 …
 * seconds as well (growing, so that a busy machine still gets a whole wait in).
 */
async function untilFound<Arg>(
  locator: Locator,
  what: string,
  all: boolean,
  predicate: PageFunction<{ found: Found; arg: Arg }, true | false | 'stale'>,
  arg: Arg,
  now: () => Promise<unknown>,
  timeout: number,
): Promise<void> {
  const deadline = Date.now() + timeout;
  let slice = 1_000;
  for (let left = timeout; left > 0; left = deadline - Date.now(), slice *= 2) {
    let found: Found = [];
    try {
      found = all
        ? await locator.elementHandles()
        : [await locator.elementHandle({ timeout: left })];
      const wait = all ? Math.min(left, slice) : left;
      if ((await truthy(locator.page(), predicate, { found, arg }, wait)) === true) return;
    } catch (error) {
      if (!(error instanceof errors.TimeoutError)) throw error;
    } finally {
      await Promise.all(found.map((handle) => handle.dispose().catch(() => undefined)));
    }
  }
  throw await timedOut(what, timeout, now);
}

/**
 * Waits until the element's visible text, whitespace collapsed and trimmed as a reader sees it,
 * contains `expected` (a string; with `exact`, is that string) or matches it (a regular expression).
 */
export function untilText(
  locator: Locator,
  expected: string | RegExp,
  { timeout = UNTIL_TIMEOUT_MS, exact = false }: UntilOptions & { exact?: boolean } = {},
): Promise<void> {
  return untilFound(
    locator,
    `${String(locator)} to show ${exact ? 'exactly ' : ''}${shown(expected)}`,
    false,
    ({ found: [el], arg: { expected, exact } }) => {
      if (!el.isConnected) return 'stale';
      const text = (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim();
      if (typeof expected !== 'string') return expected.test(text);
      return exact ? text === expected : text.includes(expected);
    },
    { expected, exact },
    () => locator.innerText({ timeout: 5_000 }),
    timeout,
  );
}

/** Waits until the visible texts of all the elements found, trimmed, are exactly `expected`. */
export function untilTexts(
  locator: Locator,
  expected: string[],
  { timeout = UNTIL_TIMEOUT_MS }: UntilOptions = {},
): Promise<void> {
  return untilFound(
    locator,
    `${String(locator)} to be ${JSON.stringify(expected)}`,
    true,
    ({ found, arg }) => {
      if (found.some((el) => !el.isConnected)) return 'stale';
      return (
        found.length === arg.length &&
        found.every((el, i) => (el as HTMLElement).innerText.trim() === arg[i])
      );
    },
    expected,
    async () => (await locator.allInnerTexts()).map((text) => text.trim()),
    timeout,
  );
}

/** Waits until a form field's value is `expected`. */
export function untilValue(
  locator: Locator,
  expected: string,
  { timeout = UNTIL_TIMEOUT_MS }: UntilOptions = {},
): Promise<void> {
  return untilFound(
    locator,
    `the value of ${String(locator)} to be ${JSON.stringify(expected)}`,
    false,
    ({ found: [el], arg }) => (el.isConnected ? (el as HTMLInputElement).value === arg : 'stale'),
    expected,
    () => locator.inputValue({ timeout: 5_000 }),
    timeout,
  );
}

/** Waits until the element's attribute `name` is `expected` (a string) or matches it. */
export function untilAttribute(
  locator: Locator,
  name: string,
  expected: string | RegExp,
  { timeout = UNTIL_TIMEOUT_MS }: UntilOptions = {},
): Promise<void> {
  return untilFound(
    locator,
    `${name} of ${String(locator)} to be ${shown(expected)}`,
    false,
    ({ found: [el], arg }) => {
      if (!el.isConnected) return 'stale';
      const value = (el as Element).getAttribute(arg.name);
      return typeof arg.expected === 'string'
        ? value === arg.expected
        : value !== null && arg.expected.test(value);
    },
    { name, expected },
    () => locator.getAttribute(name, { timeout: 5_000 }),
    timeout,
  );
}

/** Waits until the locator finds exactly `count` elements (0: until they are gone). */
export async function untilCount(
  locator: Locator,
  count: number,
  { timeout = UNTIL_TIMEOUT_MS }: UntilOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  try {
    // The last expected match is there and none after it; counted again, as the two waits
    // are not one moment. (A timeout of 0 would mean none to Playwright: at least 1 ms.)
    for (let left = timeout; left > 0; left = deadline - Date.now()) {
      if (count > 0) await locator.nth(count - 1).waitFor({ state: 'attached', timeout: left });
      const rest = Math.max(1, deadline - Date.now());
      await locator.nth(count).waitFor({ state: 'detached', timeout: rest });
      if ((await locator.count()) === count) return;
    }
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
  }
  throw await timedOut(`${String(locator)} to find ${count}`, timeout, () => locator.count());
}

/** An expected value for a failure message; regular expressions as written. */
function shown(expected: unknown): string {
  if (expected instanceof RegExp) return String(expected);
  if (expected && typeof expected === 'object') {
    return Object.entries(expected)
      .map(([key, value]) => `${key} ${shown(value)}`)
      .join(', ');
  }
  return JSON.stringify(expected);
}

/** Presses Tab until the predicate holds for the focused element (or gives up). */
export async function tabUntil(
  page: Page,
  predicate: (el: Focused) => boolean,
  maxPresses = 25,
): Promise<Focused> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const el = await focused(page);
    if (predicate(el)) return el;
  }
  throw new Error(`Tab did not reach the expected element within ${maxPresses} presses`);
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

/**
 * Signs in through the sign-in page and waits for the signed-in frame: its main menu, or with
 * `ready: 'bell'` the notifications bell (the system administrator's main menu is empty).
 */
export async function signIn(
  page: Page,
  username: string,
  { ready = 'menu' }: { ready?: 'menu' | 'bell' } = {},
): Promise<void> {
  await page.goto('/logga-in');
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
    page.getByRole('button', { name: 'Logga in' }).click(),
  ]);
  expect(response.status()).toBe(200);
  if (ready === 'menu') await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
  else await bellIn(page).waitFor();
}

/** The notifications bell in the top bar, whatever its count. */
export const bellIn = (page: Page): Locator =>
  page.getByRole('banner').getByRole('link', { name: /^Aviseringar,/ });

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

/**
 * YYYY-MM-DD, `days` from today in Sweden: the client and the API date everything in
 * Europe/Stockholm, so a UTC date is a day behind between 23:00 and 24:00 UTC.
 */
export function swedishDay(days = 0): string {
  return addDays(swedishDate(new Date()), days);
}
