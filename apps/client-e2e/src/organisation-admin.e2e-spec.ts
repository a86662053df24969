import type { OrganisationDto } from '@samsyn/common';
import type { Browser, Page } from 'playwright-core';
import {
  type TestPage,
  api,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  until,
  untilAttribute,
  untilCount,
  untilFocused,
  untilText,
  untilValue,
} from './support/browser';

/** The main menu's link to the organisations page. */
function organisationsLink(page: Page) {
  return page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Organisationer', exact: true });
}

/** Waits until the page needs no scrolling sideways (WCAG 1.4.10 at a 1024 px wide window). */
function untilNoOverflow(page: Page): Promise<void> {
  return until(
    page,
    'no horizontal overflow',
    () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
  );
}

/** Issue 16 §2: the system administrator keeps organisations and their units. */
describe('organisation administration', () => {
  let browser: Browser;
  let admin: TestPage;
  let caseWorker: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await openPage(browser);
    caseWorker = await openPage(browser);
  });

  afterAll(async () => {
    await admin?.context.close();
    await caseWorker?.context.close();
    await browser?.close();
  });

  it('creates an organisation, adds a unit, renames it, deactivates the unit and the organisation', async () => {
    const { page, problems } = admin;
    const name = `Region Testlän ${Date.now()}`;
    const renamed = `${name} (nytt namn)`;
    const unit = 'Psykiatrimottagningen Test';

    // 1. The system administrator starts on the organisations page, marked in the main menu.
    await signIn(page, 'sysadmin');
    await page.getByRole('heading', { level: 1, name: 'Organisationer' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/administration/organisationer');
    await untilAttribute(organisationsLink(page), 'aria-current', 'page');
    await page.getByRole('link', { name: 'Region Örebro län', exact: true }).waitFor();
    await screenshot(page, 'organisations-01-list');
    await expectAccessible(page, 'organisations list');

    // 2. A new region: the kommunkod is asked for municipalities only.
    await page.getByRole('link', { name: 'Ny organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny organisation' }).waitFor();
    await page.getByLabel('Kommunkod').waitFor();
    await page.getByRole('combobox', { name: 'Typ' }).click();
    await page.getByRole('option', { name: 'Region', exact: true }).click();
    await untilCount(page.getByLabel('Kommunkod'), 0);

    // 3. A wrong check digit in the organisationsnummer is shown at the field, which gets focus.
    await page.getByLabel('Namn', { exact: true }).fill(name);
    await page.getByLabel('Organisationsnummer').fill('232100-0165');
    await page.getByRole('button', { name: 'Skapa organisationen' }).click();
    await page.getByText('Ange ett organisationsnummer som NNNNNN-NNNN').waitFor();
    await untilFocused(page, { id: 'org-number' });
    await expectAccessible(page, 'new organisation with a field error');

    // 4. A name that is taken: the API's 409 is shown at the name.
    await page.getByLabel('Organisationsnummer').fill('232100-0164');
    await page.getByLabel('Namn', { exact: true }).fill('Region Örebro län');
    await page.getByRole('button', { name: 'Skapa organisationen' }).click();
    await page.getByText('Det finns redan en organisation med det namnet.').waitFor();
    await untilFocused(page, { id: 'org-name' });

    // 5. With its own name it is created, and its page says so.
    await page.getByLabel('Namn', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Skapa organisationen' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(
      /^\/administration\/organisationer\/[0-9a-f-]{36}$/,
    );
    await untilFocused(page, { id: 'org-message', text: `Organisationen ${name} är skapad.` });
    // Said once: reloading the page does not say it again.
    await page.reload();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await untilCount(page.locator('#org-message'), 0);
    await untilValue(page.getByLabel('Organisationsnummer'), '232100-0164');
    await page.getByText('Organisationen har inga enheter ännu.').waitFor();
    await screenshot(page, 'organisations-02-created');
    await expectAccessible(page, 'organisation page');

    // 6. A unit is added; the message takes focus and the unit is listed as active.
    await page.getByLabel('Enhetens namn').fill(unit);
    await page.getByRole('combobox', { name: 'Verksamhet' }).click();
    await page.getByRole('option', { name: 'Psykiatri', exact: true }).click();
    await page.getByRole('button', { name: 'Lägg till enheten' }).click();
    await untilFocused(page, { id: 'units-message', text: `${unit} är tillagd.` });
    const row = page.getByRole('row', { name: new RegExp(unit) });
    await untilText(row, 'Psykiatri');
    await untilText(row, 'Aktiv');
    await untilValue(page.getByLabel('Enhetens namn'), '');

    // 7. The organisation is renamed.
    await page.getByLabel('Namn', { exact: true }).fill(renamed);
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await untilFocused(page, { id: 'org-notice', text: 'Ändringarna är sparade.' });
    await page.getByRole('heading', { level: 1, name: renamed }).waitFor();

    // 8. Someone else changes it meanwhile: saving says so, and the reload shows their change.
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const current = await api<OrganisationDto>(page, 'GET', `/api/v1/organisations/${id}`);
    const other = await api<OrganisationDto>(page, 'PATCH', `/api/v1/organisations/${id}`, {
      version: current.body.version,
      hsaId: 'SE2321000164-7381',
    });
    expect(other.status).toBe(200);
    await page.getByLabel('HSA-id').fill('SE2321000164-1111');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await untilFocused(page, { id: 'org-conflict' });
    await untilText(page.locator('#org-conflict'), 'Någon annan har ändrat organisationen');
    await page.getByRole('button', { name: 'Ladda om' }).click();
    await untilFocused(page, { id: 'org-notice', text: 'De senaste uppgifterna är hämtade.' });
    await untilValue(page.getByLabel('HSA-id'), 'SE2321000164-7381');

    // 9. The unit is deactivated after confirming; its status says so.
    await page.getByRole('button', { name: `Avaktivera ${unit}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Avaktivera enheten?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Avaktivera', exact: true }).click();
    await untilFocused(page, { id: 'units-message', text: `${unit} är avaktiverad.` });
    await untilText(row, 'Avaktiverad');
    await page.getByRole('button', { name: `Återaktivera ${unit}` }).waitFor();
    await screenshot(page, 'organisations-03-unit-deactivated');
    await expectAccessible(page, 'organisation page, unit deactivated');
    await page.setViewportSize({ width: 1024, height: 768 });
    await untilNoOverflow(page);

    // 10. The organisation itself is deactivated, after a dialog that says what that does.
    await page.getByRole('button', { name: 'Avaktivera organisationen' }).click();
    const confirmOrg = page.getByRole('dialog', { name: 'Avaktivera organisationen?' });
    await untilText(confirmOrg, 'Alla dess användare loggas ut');
    await confirmOrg.getByRole('button', { name: 'Avaktivera organisationen' }).click();
    await untilFocused(page, {
      id: 'org-message',
      text: `${renamed} är avaktiverad. Dess användare är utloggade.`,
    });
    await untilText(page.locator('.title-status'), 'Avaktiverad');
    await page.getByRole('button', { name: 'Återaktivera organisationen' }).waitFor();

    // 11. The list finds it only among the deactivated, with its kind, number and units.
    await page.getByRole('link', { name: 'Tillbaka till organisationer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisationer' }).waitFor();
    await page.getByLabel('Namn på organisation eller enhet').fill('Testlän');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.waitForURL(/q=Testl/);
    await page.getByText('Inga organisationer matchar sökningen.').waitFor();
    await page.getByRole('checkbox', { name: 'Visa avaktiverade' }).check();
    await page.waitForURL(/inaktiva=ja/);
    const item = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: renamed }) });
    await untilText(item, 'Region');
    await untilText(item, '232100-0164');
    await untilText(item, '1 enhet');
    await untilText(item, 'Avaktiverad');
    await untilCount(page.getByRole('link', { name: 'Region Örebro län', exact: true }), 0);
    await untilNoOverflow(page);
    await expectAccessible(page, 'organisations list, deactivated shown');

    // 12. The administrator cannot deactivate their own organisation: the page says why.
    await page.getByRole('button', { name: 'Rensa sökningen' }).click();
    await page.getByRole('link', { name: 'Region Örebro län', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Region Örebro län' }).waitFor();
    await page.getByRole('button', { name: 'Avaktivera organisationen' }).click();
    const confirmOwn = page.getByRole('dialog', { name: 'Avaktivera organisationen?' });
    await confirmOwn.getByRole('button', { name: 'Avaktivera organisationen' }).click();
    await untilFocused(page, { id: 'org-action-error' });
    await untilText(
      page.locator('#org-action-error'),
      'Du kan inte avaktivera din egen organisation',
    );
    await untilText(page.locator('.title-status'), 'Aktiv');

    expect(problems).toEqual([]);
  });

  it('is not offered to a case worker', async () => {
    const { page, problems } = caseWorker;
    await signIn(page, 'social.orebro');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Mina ärenden' }).waitFor();
    await untilCount(organisationsLink(page), 0);
    // The address alone leads to the start page.
    await page.goto('/administration/organisationer');
    await page.waitForURL((url) => url.pathname === '/arenden');
    await page.getByRole('heading', { level: 1, name: 'Mina ärenden' }).waitFor();
    await untilCount(page.getByRole('heading', { level: 1, name: 'Organisationer' }), 0);
    expect(problems).toEqual([]);
  });
});
