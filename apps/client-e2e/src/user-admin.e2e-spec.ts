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
  untilFocused,
  untilText,
} from './support/browser';

const PASSWORD = 'Kanotpaddling-på-Svartån-2026';

/**
 * Issue 16 §3 in the browser: an org_admin creates a social worker in their own organisation,
 * gets the one-time code shown once, and the new user opens `/losenord/<code>`, chooses a
 * password (the policy's refusal shown at the field first) and signs in with it. The new user
 * has a name of its own and sorts last, so journeys that pick staff by name do not meet it.
 */
describe('users administration', () => {
  let browser: Browser;
  let admin: TestPage;
  let newcomer: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await openPage(browser);
    newcomer = await openPage(browser);
  });

  afterAll(async () => {
    await admin?.context.close();
    await newcomer?.context.close();
    await browser?.close();
  });

  it('an org_admin creates a social worker, who sets a password with the code and signs in', async () => {
    const { page } = admin;
    const run = Date.now().toString(36);
    const username = `zz.test.${run}`;
    const displayName = `Zackarias Testsson ${run}`;

    // 1. The org_admin starts on their users, marked in the main menu.
    await signIn(page, 'admin.orebro');
    await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/administration/anvandare');
    await untilAttribute(
      page
        .getByRole('navigation', { name: 'Huvudmeny' })
        .getByRole('link', { name: 'Användare', exact: true }),
      'aria-current',
      'page',
    );
    await page.getByRole('link', { name: 'Maria Sund' }).waitFor();
    await screenshot(page, 'users-01-list');
    await expectAccessible(page, 'users list');

    // 2. A search that finds nobody says so.
    await page.getByLabel('Namn, användarnamn eller e-post').fill(`ingen-${run}`);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('Inga användare matchar sökningen.').waitFor();
    await expectAccessible(page, 'users list, nothing found');

    // 3. The new-user form: submitted empty, the errors are at the fields and focus at the first.
    await page.getByRole('link', { name: 'Ny användare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny användare' }).waitFor();
    await page.getByRole('checkbox', { name: 'Socialsekreterare' }).waitFor();
    await page.getByRole('button', { name: 'Skapa användaren' }).click();
    await untilFocused(page, { id: 'user-username' });
    await page.getByText('Välj minst ett alternativ.').waitFor();
    await expectAccessible(page, 'new user form with errors');

    // 4. Only the roles the server lets an org_admin of a municipality grant are offered.
    await page.getByRole('checkbox', { name: 'Samordnare' }).waitFor();
    await untilCount(page.getByRole('checkbox', { name: 'Systemadministratör' }), 0);
    await untilCount(page.getByRole('checkbox', { name: 'Polis', exact: true }), 0);

    await page.getByLabel('Användarnamn').fill(username);
    await page.getByLabel('Namn som visas').fill(displayName);
    await page.getByRole('combobox', { name: 'Enhet' }).click();
    await page
      .getByRole('option', { name: 'Socialtjänsten, individ- och familjeomsorg', exact: true })
      .click();
    await page.getByRole('checkbox', { name: 'Socialsekreterare' }).check();
    await page.getByRole('button', { name: 'Skapa användaren' }).click();

    // 5. The user's page: created, with the one-time code shown once and a copy button.
    await page.getByRole('heading', { level: 1, name: displayName }).waitFor();
    await untilFocused(page, { id: 'user-message' });
    await untilText(page.locator('#user-message'), `Användaren ${displayName} är skapad.`);
    await page.getByText('Koden visas bara nu.').waitFor();
    await page.getByRole('button', { name: 'Kopiera koden' }).waitFor();
    const code = (await page.getByTestId('one-time-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
    await screenshot(page, 'users-02-created');
    await expectAccessible(page, 'new user with the one-time code');

    // 6. The new user opens the link; a common password is refused at the field.
    const p = newcomer.page;
    await p.goto(`/losenord/${code}`);
    await p.getByRole('heading', { level: 1, name: 'Välj lösenord' }).waitFor();
    await p.getByText('minst 12 tecken').first().waitFor();
    await expectAccessible(p, 'set-password page');
    await p.getByLabel('Nytt lösenord').fill('lösenord1234');
    await p.getByLabel('Upprepa lösenordet').fill('lösenord1234');
    await p.getByRole('button', { name: 'Spara lösenordet' }).click();
    await p.getByText('Lösenordet finns på en lista över vanliga lösenord').waitFor();
    await untilFocused(p, { id: 'new-password' });
    await expectAccessible(p, 'set-password page with a refused password');

    // 7. A good one is saved; the page says which account to sign in to.
    await p.getByLabel('Nytt lösenord').fill(PASSWORD);
    await p.getByLabel('Upprepa lösenordet').fill(PASSWORD);
    await p.getByRole('button', { name: 'Spara lösenordet' }).click();
    await untilFocused(p, { id: 'set-password-done' });
    await untilText(
      p.locator('#set-password-done'),
      `Lösenordet är sparat. Logga in som ${username} med ditt nya lösenord.`,
    );
    await expectAccessible(p, 'password saved');

    // 8. The code worked once: opened again, it is refused.
    await p.goto(`/losenord/${code}`);
    await p.getByText('Koden gäller inte').waitFor();

    // 9. The new social worker signs in with the new password.
    await p.getByRole('link', { name: 'Till inloggningen' }).click();
    await p.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await p.getByLabel('Användarnamn').fill(username);
    await p.getByLabel('Lösenord').fill(PASSWORD);
    await p.getByRole('button', { name: 'Logga in' }).click();
    await p.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    await p.getByRole('heading', { level: 1, name: 'Mina ärenden' }).waitFor();
    await expectAccessible(p, 'the new user signed in');

    // 10. Back in the list, the org_admin finds the new user by name.
    await page.getByRole('link', { name: 'Tillbaka till användare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
    await page.getByLabel('Namn, användarnamn eller e-post').fill(run);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByRole('link', { name: displayName }).waitFor();
    await expectAccessible(page, 'users list with the new user');

    expect(admin.problems).toEqual([]);
    expect(newcomer.problems).toEqual([]);
  });
});
