import type { Browser } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  untilAttribute,
  untilCount,
  untilText,
} from './support/browser';

/**
 * Issue 17 §7 (D22): an org_admin opens the gallring page, reads the rules in force and starts a
 * dry run, whose report appears when it is done. A dry run changes nothing, so the shared demo
 * database is safe; only a system_admin is offered a clearing run.
 */
describe('gallring page', () => {
  let browser: Browser;
  let admin: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await openPage(browser);
  });

  afterAll(async () => {
    await admin?.context.close();
    await browser?.close();
  });

  it('org_admin sees the rules and a dry-run report', async () => {
    const { page } = admin;
    await signIn(page, 'admin.orebro');

    // 1. From the main menu to the page, marked as current.
    const link = page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Gallring', exact: true });
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Gallring' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/gallring');
    await untilAttribute(link, 'aria-current', 'page');

    // 2. The default rule, read-only for an org_admin.
    const rules = page.getByRole('table', { name: 'Gallringsregler' });
    const rule = rules.getByRole('row', { name: /Alla organisationer/ });
    await untilText(rule, 'Alla program');
    await untilText(rule, '5 år efter senaste ändring');
    await untilCount(rules.getByRole('spinbutton'), 0);
    await page.getByRole('button', { name: 'Gör en provkörning nu' }).waitFor();
    await untilCount(page.getByRole('button', { name: 'Gallra nu' }), 0);
    await screenshot(page, 'gallring-01-rules');
    await expectAccessible(page, 'gallring page');

    // 3. A dry run: queued, then its report (the demo cases are fresh: nothing is due).
    await page.getByRole('button', { name: 'Gör en provkörning nu' }).click();
    await untilText(
      page.getByRole('status'),
      'Provkörningen har startat. Rapporten visas när den är klar.',
    );
    const run = page.locator('.gallring-run').first();
    await untilText(run.getByRole('heading', { level: 3 }), /Provkörning · .* · Klar/);
    await untilText(run, 'Förfallna: 0, sparas för forskning: 0, bevarandebeslut: 0, gallrade: 0');
    await untilText(run, 'Örebro kommun');
    await run.getByRole('link', { name: 'Ladda ned rapporten (CSV)' }).waitFor();
    await screenshot(page, 'gallring-02-dry-run');
    await expectAccessible(page, 'gallring page with a dry-run report');

    // 4. The legal-hold form is there for the org_admin; a case of another organisation is refused.
    await page.getByRole('heading', { level: 2, name: 'Bevarandebeslut' }).waitFor();
    await page.getByLabel('Ärendenummer').fill('XX-0000-000000');
    await page.getByLabel('Skäl').fill('Begäran från förvaltningsrätten');
    await page.getByRole('button', { name: 'Spara bevarandebeslut' }).click();
    await untilText(page.getByRole('alert'), 'Din organisation har inget ärende med det numret.');
    await expectAccessible(page, 'gallring page with a refused hold');
  });
});
