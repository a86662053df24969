import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  until,
  untilAttribute,
  untilCount,
  untilText,
} from './support/browser';

/** The page's eleven indicator tables (charts above each). */
const TABLES = 11;

/**
 * Issue 17 §1–2: the steering group's member opens the statistics page: every indicator is a
 * chart (drawn by ECharts, hidden from screen readers) with its table below; they divide the
 * year by quarter and download the CSV of what is shown. Read-only: the shared demo data stays.
 */
describe('statistics page', () => {
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

  it('steering sees charts and tables, changes the period and downloads the CSV', async () => {
    const { page } = steering;
    await signIn(page, 'styrgrupp.lan');

    // 1. From the main menu to the page, marked as current.
    const link = page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Statistik', exact: true });
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Statistik' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/statistik');
    await untilAttribute(link, 'aria-current', 'page');

    // 2. Every indicator: a chart drawn on a canvas, hidden from screen readers, and its table.
    await page.getByRole('table', { name: 'Våldsärenden med och utan SIP, som tabell' }).waitFor();
    await untilCount(page.locator('table.indicator-table'), TABLES);
    await until(
      page,
      'a canvas in every chart',
      (n) =>
        Array.from(document.querySelectorAll('.indicator .chart')).filter(
          (c) => c.getAttribute('aria-hidden') === 'true' && c.querySelector('canvas'),
        ).length === n,
      TABLES,
    );
    await page.getByRole('table', { name: 'Ärenden per våldsform, som tabell' }).waitFor();
    await untilText(
      page.getByRole('table', { name: 'Ärenden per våldsform, som tabell' }),
      'Fysiskt våld',
    );
    await screenshot(page, 'statistics-01-month');
    await expectAccessible(page, 'statistics page');

    // 3. Divided by quarter: the rows are quarters.
    await page.getByRole('combobox', { name: 'Indelning' }).click();
    await page.getByRole('option', { name: 'Kvartal' }).click();
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    const year = new Date().getFullYear();
    await untilText(
      page.getByRole('table', { name: 'Våldsärenden med och utan SIP, som tabell' }),
      `${year} kv. 1`,
    );
    await untilCount(page.locator('table.indicator-table'), TABLES);
    await expectAccessible(page, 'statistics page by quarter');

    // 4. The CSV of what is shown: UTF-8 with a BOM, the first table's title first.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner CSV' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(
      /^statistik-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const bytes = await readFile(await file.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('Våldsärenden med och utan SIP');
    expect(text).toContain(`${year} kv. 1`);
    await screenshot(page, 'statistics-02-quarter');
  });
});
