import AxeBuilder from '@axe-core/playwright';
import { DEMO_USERS } from '@samsyn/testing';
import type { Browser, Page } from 'playwright-core';
// The crawl compares the rendered English pages with the client's own dictionaries: data only,
// no application code runs in the test.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { DICTIONARIES } from '../../client/src/app/core/i18n/dictionaries';
import { offeredActionsRefused } from './support/offered-actions';
import {
  type TestPage,
  api as callApi,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  until,
} from './support/browser';

/**
 * One crawl per demo role (issue 15). Each role signs in, opens every page its main menu offers
 * and one or two levels of the pages linked from there (a case with all its tabs, a group and
 * its board, a plan, an agreement, …), and on each view, in one pass:
 *
 * - axe (WCAG 2.1 A/AA as the other specs, plus `label-content-name-mismatch`, which axe keeps
 *   among its experimental rules), once per distinct view: a view of the same page with the same
 *   kinds of elements, for another role or with other data, is not checked again (`structure`),
 * - the actions offered that the server would refuse: every visible `[data-action]` control
 *   against the API's `allowedActions` (support/offered-actions.ts), and links to pages the role
 *   cannot open (the client sends it to its start page instead),
 * - layout at 1280 and 1024 px: no text wider than its box, no label or control overlapping
 *   another, no date or case number broken across lines, no heading glued to what is above,
 * - in English: no text left in Swedish (a Swedish dictionary text that has an English one).
 *
 * Problems are collected per role and reported together, so one run shows them all; a view that
 * never shows its main heading (`main h1`) is one of them.
 */

/** Every demo role once (the second social worker is the first one's kind). */
const ROLES = DEMO_USERS.filter((u) => u !== 'social.karlskoga');

/** Views per role at most: keeps the crawl inside CI's time limit. */
const MAX_VIEWS = 24;
/** Levels of links followed below the main menu's pages. */
const MAX_DEPTH = 2;
const WIDTHS = [1280, 1024] as const;
/**
 * Demo data that happens to equal a Swedish dictionary text: what users wrote stays in their
 * language. The demo agreement's follow-up is called "Uppföljning".
 */
const SWEDISH_DATA = ['Uppföljning'];

/** Where a role's crawl spends its time, in ms (printed with its views). */
const timing = { signIn: 0, load: 0, axe: 0, layout: 0, language: 0 };

interface Finding {
  where: string;
  check: string;
  detail: string;
}

describe('crawl: every page of every demo role', () => {
  let browser: Browser;
  const swedish = swedishOnlyTexts();
  /** The views axe has checked, over all roles (see `checkView`). */
  const axeChecked = new Set<string>();

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(ROLES)(
    '%s',
    async (username) => {
      const started = Date.now();
      Object.assign(timing, { signIn: 0, load: 0, axe: 0, layout: 0, language: 0 });
      const tp = await openPage(browser);
      const findings: Finding[] = [];
      const visited: string[] = [];
      let axeRuns = 0;
      try {
        const api = trackApiRequests(tp.page);
        await signIn(tp.page, username, { ready: 'bell' });
        timing.signIn += Date.now() - started;
        const queue = (await menuLinks(tp.page)).map((url) => ({ url, depth: 0, from: 'menu' }));
        const seen = new Set(queue.map((item) => pattern(item.url)));
        while (queue.length > 0 && visited.length < MAX_VIEWS) {
          const { url, depth, from } = queue.shift()!;
          const path = new URL(url).pathname;
          const loadStart = Date.now();
          // Each page starts in Swedish (the previous view ended in English).
          await tp.page.evaluate(() => localStorage.setItem('samsyn.locale', 'sv'));
          await tp.page.goto(url);
          try {
            await settle(tp.page, api, path);
          } catch (error) {
            findings.push({ where: path, check: 'page', detail: String(error) });
            continue;
          }
          timing.load += Date.now() - loadStart;
          // A link the role may not follow: the client sends it elsewhere (its start page).
          const landed = new URL(tp.page.url()).pathname;
          if (landed !== path) {
            findings.push({
              where: from,
              check: 'link the role cannot open',
              detail: `${pattern(url)} sends ${username} to ${landed}`,
            });
            continue;
          }
          const views = await viewsOf(tp.page, api, url);
          for (const view of views) {
            if (visited.length >= MAX_VIEWS) break;
            if ((await tp.page.evaluate(() => document.documentElement.lang)) !== 'sv') {
              await setLanguage(tp.page, 'sv');
            }
            try {
              await view.open();
            } catch (error) {
              findings.push({ where: view.where, check: 'page', detail: String(error) });
              continue;
            }
            visited.push(view.where);
            const checked = await checkView(tp, view.where, swedish, axeChecked);
            findings.push(...checked.findings);
            if (checked.axe) axeRuns++;
            if (depth >= MAX_DEPTH) continue;
            for (const link of await mainLinks(tp.page)) {
              const key = pattern(link);
              if (seen.has(key)) continue;
              seen.add(key);
              queue.push({ url: link, depth: depth + 1, from: view.where });
            }
          }
        }
        findings.push(
          ...tp.problems.map((detail) => ({ where: 'browser', check: 'console', detail })),
        );
      } finally {
        // The top bar's switch saves the language on the account (issue 16), and the crawl ends
        // each view in English: put the demo user's saved language back to Swedish, which the
        // other journeys sign in expecting. Clean-up of shared demo data, not a user's step.
        await callApi(tp.page, 'PATCH', '/api/v1/me', { locale: 'sv' }).catch(() => undefined);
        await tp.context.close();
      }
      console.log(
        `${JSON.stringify(timing)}\n` +
          `crawl ${username}: ${visited.length} views (axe on ${axeRuns}) in ` +
          `${Math.round((Date.now() - started) / 1000)} s\n` +
          visited.map((v) => `  ${v}`).join('\n'),
      );
      expect(visited.length).toBeGreaterThan(0);
      expect(findings).toEqual([]);
    },
    // admin.orebro has the most views to run axe on (statistics with eleven tables, the report
    // panel, gallring): 94 s alone, and it passed 300 s in a CI run beside other builds.
    600_000,
  );
});

// ------------------------------------------------------------------------------ the checks

async function checkView(
  tp: TestPage,
  where: string,
  swedish: SwedishTexts,
  axeChecked: Set<string>,
): Promise<{ findings: Finding[]; axe: boolean }> {
  const { page } = tp;
  const findings: Finding[] = [];
  const add = (check: string, list: string[], at = where) =>
    findings.push(...list.map((detail) => ({ where: at, check, detail })));

  await resize(page, WIDTHS[0]);
  let t = Date.now();
  // axe once per distinct view: the same page with the same kinds of elements in its main part
  // (another role's case, the same list with other rows) and a frame (top bar, menu) seen before
  // gives axe nothing new, and axe is most of the crawl's time. Widths and the English page
  // change no structure axe checks.
  const { frame, main } = await structure(page);
  const keys = [`frame ${frame}`, `${where.replace(UUIDS, ':id')} ${main}`];
  const axe = keys.some((key) => !axeChecked.has(key));
  if (axe) {
    for (const key of keys) axeChecked.add(key);
    add('axe', await axeViolations(page));
  }
  timing.axe += Date.now() - t;
  t = Date.now();
  // Every visible [data-action] control against the API's allowedActions (issue 15).
  add('refused action', await offeredActionsRefused(page));
  for (const width of WIDTHS) {
    await resize(page, width);
    add('layout', await layoutProblems(page), `${where} @${width}`);
    await screenshot(page, `crawl-${slug(where)}-${width}`);
  }
  timing.layout += Date.now() - t;
  t = Date.now();
  await setLanguage(page, 'en');
  add('Swedish in English', await swedishLeftovers(page, swedish));
  add('layout', await layoutProblems(page), `${where} @1024 en`);
  timing.language += Date.now() - t;
  return { findings, axe };
}

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The kinds of elements on the page, as axe would judge them: tag, role, the classes that style
 * them (not Angular's or the focus's state classes) and the names of the attributes that carry
 * accessibility meaning. Not their number, order or text. For the page's main part, and for the
 * frame around it.
 */
function structure(page: Page): Promise<{ frame: string; main: string }> {
  return page.evaluate(() => {
    const state = /^(ng-|cdk-(focused|mouse|keyboard|program|touch)|mat-focused|mdc-.*--focused)/;
    const meaning = /^(aria-|role$|alt$|title$|for$|tabindex$|type$|scope$|lang$|disabled$|href$)/;
    const frame = new Set<string>();
    const main = new Set<string>();
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const classes = Array.from(el.classList)
        .filter((c) => !state.test(c))
        .sort()
        .join('.');
      const attributes = el
        .getAttributeNames()
        .filter((a) => meaning.test(a))
        .sort()
        .join(',');
      const kind = `${el.tagName.toLowerCase()}.${classes}[${attributes}]`;
      (el.closest('main') ? main : frame).add(kind);
    }
    return { frame: [...frame].sort().join(' '), main: [...main].sort().join(' ') };
  });
}

/** WCAG 2.1 A and AA, as `expectAccessible`, plus the visible-text-in-name rule. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({
      rules: { 'label-content-name-mismatch': { enabled: true } },
      // Only what fails: collecting every passing node doubles axe's time on large pages.
      resultTypes: ['violations'],
    })
    .analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

/**
 * Layout at the current width, in the page: text wider than its box, labels and controls
 * overlapping each other, dates and case numbers broken across lines, headings glued to what
 * is above them.
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element): string => {
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
      const cls = Array.from(el.classList).slice(0, 2).join('.');
      return `<${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}> "${text}"`;
    };
    const hidden = (el: Element): boolean =>
      !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) ||
      el.closest('.cdk-visually-hidden, .visually-hidden, .cdk-overlay-container') !== null;
    const root = document.body;

    // 1. Text wider than its box (cut off with an ellipsis, or spilling out): the box of each
    // piece of text is its nearest block. Boxes that scroll on purpose (table wrappers with
    // overflow: auto) are left alone.
    const blocks = new Set<HTMLElement>();
    const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if ((node.textContent ?? '').trim() === '') continue;
      let el = node.parentElement;
      while (el && ['inline', 'contents'].includes(getComputedStyle(el).display)) {
        el = el.parentElement;
      }
      if (el && !['SCRIPT', 'STYLE', 'TEMPLATE'].includes(el.tagName)) blocks.add(el);
    }
    for (const el of blocks) {
      if (hidden(el) || el.clientWidth === 0) continue;
      if (['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        problems.push(
          `text wider than its box (${el.scrollWidth} > ${el.clientWidth}): ${describe(el)}`,
        );
      }
    }
    // Table wrappers scroll on purpose, but a table that does not fit the page has its last
    // columns cut at the edge ("Signaler" on the board).
    for (const wrapper of Array.from(root.querySelectorAll<HTMLElement>('.table-scroll'))) {
      if (!hidden(wrapper) && wrapper.scrollWidth > wrapper.clientWidth + 1) {
        problems.push(
          `table cut at the right edge (${wrapper.scrollWidth} > ${wrapper.clientWidth}): ${describe(wrapper.querySelector('caption') ?? wrapper)}`,
        );
      }
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) {
      problems.push(
        `the page scrolls sideways (${document.documentElement.scrollWidth} > ${document.documentElement.clientWidth})`,
      );
    }

    // 2. Labels and controls overlapping one another (a label with its own field is fine).
    const selector = [
      'label',
      'mat-label',
      'mat-error',
      'mat-hint',
      '.mat-mdc-text-field-wrapper',
      'button',
      'a[href]',
      'select',
      'textarea',
      '[role="tab"]',
      '.chip',
      '.badge',
    ].join(',');
    const boxes = Array.from(root.querySelectorAll(selector))
      .filter((el) => !hidden(el))
      .map((el) => ({ el, rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 1 && rect.height > 1);
    const group = (el: Element): Element =>
      el.closest(
        'mat-form-field, mat-checkbox, mat-radio-button, mat-slide-toggle, mat-button-toggle, mat-chip-option, mat-chip, .mat-mdc-tab-header, mat-paginator',
      ) ?? el;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        if (group(a.el) === group(b.el) && group(a.el) !== a.el) continue;
        const overlapX = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const overlapY = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (overlapX > 2 && overlapY > 2) {
          problems.push(`overlap: ${describe(a.el)} and ${describe(b.el)}`);
        }
      }
    }

    // 3. Dates, times and case numbers stay on one line.
    const unbreakable = [
      /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/,
      /^\d{1,2} [A-Z][a-z]{2} \d{4}(,? \d{2}:\d{2})?$/,
      /^[A-ZÅÄÖ]{2,4}-\d{4}-\d{4,}$/,
    ];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      if (!unbreakable.some((re) => re.test(text))) continue;
      const parent = node.parentElement;
      if (!parent || hidden(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set(
        Array.from(range.getClientRects())
          .filter((r) => r.width > 0)
          .map((r) => Math.round(r.top)),
      );
      if (lines.size > 1) problems.push(`broken across lines: ${describe(parent)}`);
    }

    // 4. Headings keep some room from what is above them (a table, a list, a paragraph).
    for (const heading of Array.from(root.querySelectorAll('main h2, main h3'))) {
      if (hidden(heading)) continue;
      // What is above: the previous sibling of the heading or of its nearest ancestor that has one.
      const previous = (el: Element): Element | null => {
        let sibling = el.previousElementSibling;
        while (sibling && hidden(sibling)) sibling = sibling.previousElementSibling;
        return sibling;
      };
      let from: Element = heading;
      while (!previous(from) && from.parentElement && from.parentElement.tagName !== 'MAIN') {
        from = from.parentElement;
      }
      const above = previous(from);
      // Material's own parts (a stepper's or tab group's header) carry their spacing inside.
      if (!above || above.tagName.startsWith('MAT-')) continue;
      const h = heading.getBoundingClientRect();
      const a = above.getBoundingClientRect();
      // Only what really is above: it ends before the heading does and shares its columns (a
      // button beside a heading, or a container around it, is not above it).
      const sharedX = Math.min(h.right, a.right) - Math.max(h.left, a.left);
      if (a.bottom > h.bottom || a.top >= h.top || sharedX <= 0 || a.height === 0) continue;
      const gap = h.top - a.bottom;
      if (gap < 8) {
        problems.push(
          `heading glued to what is above (${Math.round(gap)} px): ${describe(heading)}`,
        );
      }
    }
    return problems;
  });
}

type SwedishTexts = { exact: string[]; patterns: string[] };

/**
 * The Swedish dictionary texts that have a different English text: what must not be seen in
 * English. Texts that read the same as some English text, and bare placeholders, are left out.
 */
function swedishOnlyTexts(): SwedishTexts {
  const { sv, en } = DICTIONARIES;
  const english = new Set(Object.values(en));
  const exact: string[] = [];
  const patterns: string[] = [];
  for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
    const text = sv[key];
    if (text === en[key] || english.has(text) || SWEDISH_DATA.includes(text)) continue;
    const words = text.replace(/\{\w+\}/g, '');
    if ((words.match(/\p{L}/gu) ?? []).length < 3) continue;
    if (!/\{\w+\}/.test(text)) {
      exact.push(text);
      continue;
    }
    const escaped = text
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+?');
    patterns.push(`^${escaped}$`);
  }
  return { exact, patterns };
}

/** Visible (or screen-reader) text of the English page that is a Swedish dictionary text. */
function swedishLeftovers(page: Page, swedish: SwedishTexts): Promise<string[]> {
  return page.evaluate(({ exact, patterns }) => {
    const exactSet = new Set(exact);
    const regexes = patterns.map((p) => new RegExp(p, 's'));
    const isSwedish = (text: string) => exactSet.has(text) || regexes.some((re) => re.test(text));
    const found = new Set<string>();
    const normal = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE'].includes(parent.tagName)) continue;
      const text = normal(node.textContent);
      if (text && isSwedish(text)) found.add(`text "${text}"`);
    }
    const named = document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]');
    for (const el of Array.from(named)) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const text = normal(el.getAttribute(name));
        if (text && isSwedish(text)) found.add(`${name} "${text}"`);
      }
    }
    for (const part of document.title.split(' – ')) {
      if (isSwedish(normal(part))) found.add(`title "${part}"`);
    }
    return [...found];
  }, swedish);
}

// ------------------------------------------------------------------------------ navigation

/** The API requests of a page under way, to know when a view has its data. */
interface ApiRequests {
  /** Resolves once no API request has been under way for `ms` milliseconds. */
  quiet(ms: number): Promise<void>;
}

function trackApiRequests(page: Page): ApiRequests {
  let count = 0;
  let waiters: (() => void)[] = [];
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  const changed = () => {
    const now = waiters;
    waiters = [];
    for (const wake of now) wake();
  };
  page.on('request', (r) => {
    if (!isApi(r.url())) return;
    count++;
    changed();
  });
  const done = (r: { url(): string }) => {
    if (!isApi(r.url())) return;
    count = Math.max(0, count - 1);
    changed();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    // Waits for the state "nothing under way for ms": each start or end of a request begins
    // the window again.
    async quiet(ms) {
      for (;;) {
        if (count > 0) {
          await new Promise<void>((wake) => waiters.push(wake));
          continue;
        }
        let timer: NodeJS.Timeout | undefined;
        const stayedQuiet = await new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), ms);
          waiters.push(() => resolve(false));
        });
        clearTimeout(timer);
        if (stayedQuiet) return;
      }
    },
  };
}

/**
 * Waits until the view is rendered with its data: a page heading, no API request for a moment,
 * no "Laddar…" left, and two frames for the last change detection to reach the DOM.
 */
async function settle(page: Page, api: ApiRequests, where: string): Promise<void> {
  const loading = (['sv', 'en'] as const).flatMap((locale) => [
    DICTIONARIES[locale]['common.loading'],
    DICTIONARIES[locale]['casePage.loading'],
  ]);
  await until(
    page,
    `the main heading (main h1) of ${where}`,
    () => document.querySelector('main h1') !== null,
  );
  await api.quiet(250);
  await until(
    page,
    `${where} without "loading" texts`,
    (texts) => !texts.some((t) => (document.querySelector('main')?.textContent ?? '').includes(t)),
    loading,
  );
  await frames(page);
}

function frames(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

async function resize(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 800 });
  await until(page, `a ${width} px wide window`, (w) => window.innerWidth === w, width);
  await frames(page);
}

/** Switches the language with the top bar's switch and waits until the page shows it. */
async function setLanguage(page: Page, locale: 'sv' | 'en'): Promise<void> {
  const name = locale === 'en' ? 'English' : 'Svenska';
  await page.getByRole('radio', { name }).click();
  const navLabel = DICTIONARIES[locale]['nav.label'];
  await until(
    page,
    `the page in ${locale}`,
    ({ locale, navLabel }) =>
      document.documentElement.lang === locale &&
      document.querySelector(`nav[aria-label="${navLabel}"]`) !== null,
    { locale, navLabel },
  );
  await frames(page);
}

/** The pages of the main menu (and the notifications bell). */
function menuLinks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLAnchorElement>('header a[href]'))
      .map((a) => a.href)
      .filter((href) => new URL(href).origin === location.origin)
      .filter((href) => !['/', '/logga-in'].includes(new URL(href).pathname))
      .filter((href) => !new URL(href).pathname.startsWith('/api/')),
  );
}

/** In-app links of the page's main content, to follow one level further. */
function mainLinks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLAnchorElement>('main a[href]'))
      .filter((a) => !a.hasAttribute('download'))
      .map((a) => a.href)
      .filter((href) => {
        const url = new URL(href);
        return (
          url.origin === location.origin &&
          !url.pathname.startsWith('/api/') &&
          !['/', '/logga-in'].includes(url.pathname) &&
          !url.hash
        );
      }),
  );
}

/** A page's kind: ids in its path and its query (a tab, a filter) do not make another page. */
function pattern(href: string): string {
  const url = new URL(href);
  const path = url.pathname
    .split('/')
    .map((part) => (/^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(part) || /\d/.test(part) ? ':id' : part))
    .join('/');
  return path;
}

/** The views of a page: each tab of a tabbed page, otherwise the page itself. */
async function viewsOf(
  page: Page,
  api: ApiRequests,
  url: string,
): Promise<{ where: string; open: () => Promise<void> }[]> {
  const path = new URL(url).pathname;
  const tabs = await page.locator('main [role="tab"]').allInnerTexts();
  if (tabs.length === 0) return [{ where: path, open: () => Promise.resolve() }];
  return tabs.map((name, index) => ({
    where: `${path} › ${name.trim()}`,
    open: async () => {
      const tab = page.locator('main [role="tab"]').nth(index);
      await tab.click();
      await until(
        page,
        `the tab ${name.trim()} selected`,
        (i) =>
          document.querySelectorAll('main [role="tab"]')[i]?.getAttribute('aria-selected') ===
          'true',
        index,
      );
      await settle(page, api, `${path} › ${name.trim()}`);
    },
  }));
}

function slug(where: string): string {
  return where
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}
