import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  untilCount,
  untilText,
} from './support/browser';
import { pdfText } from '@samsyn/testing';

/** The demo's region–municipalities agreement (valid until further notice). */
const AGREEMENT =
  'Överenskommelse om samverkan mellan Region Örebro län och kommunerna i Örebro län – våld i nära relationer';

/**
 * Issue 17 §4: the steering group's member chooses an agreement on the statistics page and
 * downloads its yearly follow-up report for the last full year, as PDF and as CSV, by keyboard.
 * Reports only read (and record themselves), so the shared demo database is safe.
 */
describe('follow-up report', () => {
  let browser: Browser;
  let steering: TestPage;
  let coordinator: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    steering = await openPage(browser);
    coordinator = await openPage(browser);
  });

  afterAll(async () => {
    await steering?.context.close();
    await coordinator?.context.close();
    await browser?.close();
  });

  it('steering downloads the report of an agreement as PDF and CSV', async () => {
    const { page } = steering;
    await signIn(page, 'styrgrupp.lan');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Statistik', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Statistik' }).waitFor();
    // No agreement chosen: no report offered.
    await page.getByRole('table', { name: 'Våldsärenden med och utan SIP, som tabell' }).waitFor();
    await untilCount(page.getByRole('heading', { name: 'Uppföljningsrapport' }), 0);

    // 1. Choose the agreement by keyboard: the report section appears, the last full year chosen.
    const agreement = page.getByRole('combobox', { name: 'Överenskommelse' });
    await agreement.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: AGREEMENT }).click();
    const section = page.getByRole('region', { name: 'Uppföljningsrapport' });
    await section.waitFor();
    const year = new Date().getFullYear() - 1;
    await untilText(section.getByRole('combobox', { name: 'Rapportår' }), String(year));
    await screenshot(page, 'follow-up-report-01-section');
    await expectAccessible(page, 'statistics page with the follow-up report');

    // 2. The PDF, by keyboard: its text names the agreement and the year.
    const pdfButton = section.getByRole('button', { name: /^Ladda ner PDF/ });
    await pdfButton.focus();
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(pdf.suggestedFilename()).toMatch(
      new RegExp(`^uppfoljning-${year}-[0-9a-f-]{36}\\.pdf$`),
    );
    const bytes = await readFile(await pdf.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain(`Uppföljningsrapport ${year}`);
    expect(text).toContain(AGREEMENT);
    expect(text).toContain('Styrgruppens bedömning');
    await untilText(section.getByRole('status'), /Rapporten uppfoljning-.*\.pdf har hämtats\./);

    // 3. The CSV: UTF-8 with a BOM, the title, the agreement, its sections.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: /^Ladda ner CSV/ }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(
      new RegExp(`^uppfoljning-${year}-[0-9a-f-]{36}\\.csv$`),
    );
    const file = await readFile(await csv.path());
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(`Uppföljningsrapport ${year}`);
    expect(lines[1]).toBe(`Överenskommelse;${AGREEMENT}`);
    expect(lines).toEqual(
      expect.arrayContaining(['Parter', 'Aktivitet per part', 'Styrgruppens bedömning']),
    );
    await untilText(section.getByRole('status'), /Rapporten uppfoljning-.*\.csv har hämtats\./);
    await screenshot(page, 'follow-up-report-02-downloaded');
    await expectAccessible(page, 'statistics page after the report downloads');
  });

  it("the coordinator finds the report on the agreement's own page", async () => {
    const { page } = coordinator;
    await signIn(page, 'samordnare.orebro');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Överenskommelser' })
      .click();
    await page.getByRole('link', { name: AGREEMENT }).click();
    await page.getByRole('heading', { level: 1, name: AGREEMENT }).waitFor();
    const section = page.getByRole('region', { name: 'Uppföljningsrapport' });
    await section.waitFor();
    await expectAccessible(page, 'agreement page with the follow-up report');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: /^Ladda ner CSV/ }).click(),
    ]);
    const lines = (await readFile(await csv.path(), 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe(`Överenskommelse;${AGREEMENT}`);
  });
});
