import type { Browser, Response } from 'playwright-core';
import { type TestPage, launchBrowser, openPage, untilAttribute } from './support/browser';

/** Issue 18: JavaScript transferred before the sign-in form, compressed. */
const INITIAL_JS_BUDGET = 200_000;

/**
 * Issue 18 §5: a first visit, with nothing cached, fetches at most 200 kB of JavaScript as it
 * travels (compressed) before the sign-in form shows; each script comes compressed and, named
 * by the build's hash, cacheable for a year. English is fetched only when it is chosen.
 */
describe('first visit', () => {
  let browser: Browser;
  let t: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await openPage(browser);
  });

  afterAll(async () => {
    await t?.context.close();
    await browser?.close();
  });

  it('fetches at most 200 kB of compressed JavaScript before the sign-in form', async () => {
    const { page } = t;
    const scripts: Response[] = [];
    page.on('response', (res) => {
      if (new URL(res.url()).pathname.endsWith('.js')) scripts.push(res);
    });

    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.getByLabel('Användarnamn').waitFor();
    const initial = [...scripts];
    const fetched = await Promise.all(
      initial.map(async (res) => ({
        path: new URL(res.url()).pathname,
        status: res.status(),
        encoding: res.headers()['content-encoding'],
        cacheControl: res.headers()['cache-control'],
        transferred: (await res.request().sizes()).responseBodySize,
      })),
    );
    const total = fetched.reduce((sum, s) => sum + s.transferred, 0);
    console.log(
      `JavaScript before the sign-in form: ${fetched.length} files, ${(total / 1000).toFixed(1)} kB ` +
        `transferred (${[...new Set(fetched.map((s) => s.encoding ?? 'identity'))].join(', ')})`,
    );
    expect(fetched.length).toBeGreaterThan(2);
    for (const s of fetched) {
      expect(s).toEqual({
        path: s.path,
        status: 200,
        // A file of a few dozen bytes comes as it is: compressing would not make it smaller.
        encoding: s.transferred < 100 ? s.encoding : expect.stringMatching(/^(br|gzip)$/),
        cacheControl: 'public, max-age=31536000, immutable',
        transferred: s.transferred,
      });
    }
    expect(total).toBeLessThanOrEqual(INITIAL_JS_BUDGET);

    // Choosing English fetches its dictionary and shows it.
    await page
      .getByRole('radiogroup', { name: 'Språk' })
      .getByRole('radio', { name: 'English' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await untilAttribute(page.locator('html'), 'lang', 'en');
    expect(scripts.length).toBeGreaterThan(initial.length);

    // A reload starts in English (the app waits for the dictionary before its first page).
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    // Leave this browser's choice as the other journeys expect it (a fresh context each anyway).
    await page
      .getByRole('radiogroup', { name: 'Language' })
      .getByRole('radio', { name: 'Svenska' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(t.problems).toEqual([]);
  });
});
