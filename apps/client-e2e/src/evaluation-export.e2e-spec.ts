import { EVALUATION_EXPORT_COLUMNS } from '@samsyn/common';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  untilAttribute,
  untilFocused,
  untilText,
} from './support/browser';

/** `YYYY-MM` in Swedish time, as the page's default "to" month. */
function swedishMonth(): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
  }).format(new Date());
}

/**
 * Issue 17 §5 (D6): the steering group's member opens the evaluation page from the menu, is told
 * at the field when the period is inverted (the API's field message), and downloads the data set.
 * An export only reads cases (and records itself), so the shared demo database is safe.
 */
describe('evaluation export page', () => {
  let browser: Browser;
  let steering: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    steering = await openPage(browser);
  });

  afterAll(async () => {
    await steering?.context.close();
    await browser?.close();
  });

  it('steering downloads the de-identified data set', async () => {
    const { page } = steering;
    await signIn(page, 'styrgrupp.lan');

    // 1. From the main menu to the page, marked as current.
    const link = page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Utvärdering', exact: true });
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Utvärdering' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/utvardering');
    await untilAttribute(link, 'aria-current', 'page');
    // Every programme is chosen once they are loaded.
    await untilText(page.locator('#evaluation-programmes'), /Trygga hem.*SIP|SIP.*Trygga hem/);
    await screenshot(page, 'evaluation-01-page');
    await expectAccessible(page, 'evaluation page');

    // 2. An inverted period: the API's message at the field, which takes focus.
    const month = swedishMonth();
    const lastYear = `${Number(month.slice(0, 4)) - 1}-01`;
    const to = page.getByLabel('Till och med månad');
    await to.fill(lastYear);
    await page.getByRole('button', { name: 'Hämta underlag' }).click();
    const toField = page.locator('mat-form-field', { has: page.locator('#evaluation-to') });
    await untilText(toField, 'Till-månaden ligger före från-månaden.');
    await untilFocused(page, { id: 'evaluation-to' });
    await expectAccessible(page, 'evaluation page with a field error');

    // 3. A good period: the file downloads, and the page says what the rule did.
    await to.fill(month);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Hämta underlag' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`utvardering-${month.slice(0, 4)}-01-${month}.csv`);
    const text = await readFile(await download.path(), 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(EVALUATION_EXPORT_COLUMNS.join(','));
    expect(lines).toContain('summary,value');
    expect(lines).toContain('k,5');
    await untilText(
      page.getByRole('status'),
      new RegExp(`Underlaget utvardering-.*\\.csv har hämtats: \\d+ rader`),
    );
    await screenshot(page, 'evaluation-02-downloaded');
    await expectAccessible(page, 'evaluation page after a download');
  });
});
