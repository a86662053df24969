import type { Browser, Page } from 'playwright-core';
import { type ApiOnPostgres, startApiOnPostgres } from './support/api-server';
import {
  DEMO_PASSWORD,
  type TestPage,
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
} from './support/browser';

/**
 * Issue 16 §4, "Mitt konto": a user opens their account from the user menu, switches language
 * (saved on the account: a fresh browser starts in it after sign-in), changes the password, sees
 * their sessions and signs out one and then everywhere else — those browsers land on sign-in.
 *
 * Its own API and database, and its own user (inserted with the demo password): the journey
 * changes the user's password and language, and signs out their other sessions.
 */
const USERNAME = 'konto.test';
const DISPLAY_NAME = 'Kim Kontosson';
const NEW_PASSWORD = 'Tre gröna äpplen i korgen';
const FIREFOX_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0';
const SAFARI_ON_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15';

describe('Mitt konto', () => {
  let server: ApiOnPostgres;
  let browser: Browser;
  let desk: TestPage;
  const others: TestPage[] = [];

  beforeAll(async () => {
    server = await startApiOnPostgres();
    browser = await launchBrowser();
    desk = await openPage(browser, server.baseUrl);
    // A user of the journey's own: a social worker in Örebro, with the demo password.
    await server.sql(
      `INSERT INTO users (version, username, display_name, password_hash, roles,
                          organisation_id, unit_id, locale)
       SELECT 1, $1, $2, password_hash, roles, organisation_id, unit_id, 'sv'
       FROM users WHERE username = 'social.orebro'`,
      [USERNAME, DISPLAY_NAME],
    );
  });

  afterAll(async () => {
    for (const other of others) await other.context.close();
    await desk?.context.close();
    await browser?.close();
    await server?.stop();
  });

  /** Another browser (another device): its own context, with the User-Agent it sends. */
  async function device(userAgent?: string): Promise<TestPage> {
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1280, height: 800 },
      locale: 'sv-SE',
      reducedMotion: 'reduce',
      ...(userAgent ? { userAgent } : {}),
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    const t = { context, page, problems };
    others.push(t);
    return t;
  }

  /** Signs in through the sign-in page with a password, and waits for the main menu `menu`. */
  async function signInWith(page: Page, password: string, menu = 'Huvudmeny'): Promise<void> {
    await page.goto('/logga-in');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.getByLabel('Användarnamn').fill(USERNAME);
    await page.getByLabel('Lösenord').fill(password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('navigation', { name: menu }).waitFor();
  }

  /** The user's saved language, as the database holds it (a check, not a step). */
  async function untilSavedLocale(locale: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    let saved = '';
    while (Date.now() < deadline) {
      const [row] = await server.sql<{ locale: string }>(
        'SELECT locale FROM users WHERE username = $1',
        [USERNAME],
      );
      saved = row.locale;
      if (saved === locale) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the saved language stayed ${saved}, expected ${locale}`);
  }

  /** The sessions table's rows (header row excluded). */
  const sessionRows = (page: Page) =>
    page
      .getByRole('table', { name: /^Inloggade sessioner/ })
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });

  it('opens the account, saves the language, changes the password and signs out other sessions', async () => {
    const { page, problems } = desk;

    // 1. The user is signed in at their desk and on a laptop with Firefox.
    await signIn(page, USERNAME);
    const laptop = await device(FIREFOX_ON_WINDOWS);
    await signInWith(laptop.page, DEMO_PASSWORD);

    // 2. "Mitt konto" in the user menu, by keyboard: the menu opens on it.
    const userButton = page.getByRole('button', { name: new RegExp(DISPLAY_NAME) });
    await userButton.focus();
    await page.keyboard.press('Enter');
    await untilFocused(page, { role: 'menuitem', text: 'Mitt konto' });
    await expectAccessible(page, 'user menu with Mitt konto');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
    await until(page, 'the /konto address', () => location.pathname === '/konto');
    const profile = page.getByRole('region', { name: 'Uppgifter' });
    await untilText(profile, DISPLAY_NAME);
    await untilText(profile, USERNAME);
    await untilText(profile, 'Örebro kommun');
    await untilText(profile, 'Socialsekreterare');
    await page.getByRole('link', { name: 'Tvåstegsverifiering med engångskoder' }).waitFor();
    await page.getByRole('radio', { name: /^Ingen e-post/ }).waitFor();

    // 3. Both sessions are listed: this device marked, the laptop named by browser and system.
    await untilCount(sessionRows(page), 2);
    await untilText(sessionRows(page).first(), 'Den här enheten');
    await untilText(sessionRows(page).nth(1), 'Firefox på Windows');
    await untilText(sessionRows(page).nth(1), 'Lösenord');
    await screenshot(page, 'account-01-sv');
    await expectAccessible(page, 'account (sv)');

    // 4. English, saved on the account: the page changes, and a reload keeps it.
    const language = page.getByRole('radiogroup', { name: 'Språk för ditt konto' });
    await language.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await page.getByRole('status').getByText('The language is saved on your account.').waitFor();
    await untilSavedLocale('en');
    await expectAccessible(page, 'account (en)');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await untilAttribute(page.locator('html'), 'lang', 'en');

    // 5. A browser that never chose a language starts in English after signing in.
    const phone = await device();
    await signInWith(phone.page, DEMO_PASSWORD, 'Main menu');
    await phone.page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
    await expectAccessible(phone.page, 'cases after sign-in with the saved language (en)');

    // 6. Back to Swedish with the top bar's switch: saved on the account as well.
    await page
      .getByRole('radiogroup', { name: 'Language', exact: true })
      .getByRole('radio', { name: 'Svenska' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
    await untilSavedLocale('sv');

    // 7. A wrong current password and a common new one: both fields say what is wrong.
    const current = page.getByLabel('Nuvarande lösenord');
    const fresh = page.getByLabel('Nytt lösenord', { exact: true });
    const repeat = page.getByLabel('Upprepa det nya lösenordet');
    await current.fill('inte-mitt-losenord');
    await fresh.fill('sommar2024!!');
    await repeat.fill('sommar2024!!');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByText('Det nuvarande lösenordet är fel.').waitFor();
    await page.getByText(/finns på en lista över vanliga lösenord/).waitFor();
    await untilFocused(page, { id: 'current-password' });
    await screenshot(page, 'account-02-password-errors');
    await expectAccessible(page, 'change password with errors');

    // 8. The repeated password must match (checked before anything is sent).
    await current.fill(DEMO_PASSWORD);
    await fresh.fill(NEW_PASSWORD);
    await repeat.fill(`${NEW_PASSWORD}!`);
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByText('Lösenorden är inte likadana.').waitFor();
    await untilFocused(page, { id: 'repeat-password' });

    // 9. Changed: said and focused; the other sessions have ended, so the list shows this one.
    await repeat.fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    const changed = page.getByText(/^Lösenordet är bytt\./);
    await changed.waitFor();
    await untilFocused(page, { id: 'password-changed' });
    await untilCount(sessionRows(page), 1);
    await page.getByText('Du är inte inloggad någon annanstans.').waitFor();
    await expectAccessible(page, 'password changed');
    for (const other of [laptop, phone]) {
      await other.page.reload();
      await other.page.getByRole('heading', { level: 1, name: /^(Logga in|Sign in)$/ }).waitFor();
    }

    // 10. The laptop and a Mac sign in again, with the new password.
    await signInWith(laptop.page, NEW_PASSWORD);
    const mac = await device(SAFARI_ON_MAC);
    await signInWith(mac.page, NEW_PASSWORD);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
    await untilCount(sessionRows(page), 3);

    // 11. Signing out the Mac alone: its row goes, its next page is the sign-in page.
    await page
      .getByRole('button', { name: /^Logga ut sessionen Safari på macOS, inloggad / })
      .click();
    await page.getByRole('status').getByText('Sessionen är utloggad.').waitFor();
    await untilCount(sessionRows(page), 2);
    await untilFocused(page, { id: 'sessions-title' });
    await mac.page.reload();
    await mac.page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

    // 12. "Logga ut överallt annars", confirmed in a dialog: the laptop's session ends too.
    await page.getByRole('button', { name: 'Logga ut överallt annars' }).click();
    const dialog = page.getByRole('dialog', { name: 'Logga ut överallt annars?' });
    await dialog.waitFor();
    await untilFocused(page, { text: 'Avbryt' });
    await expectAccessible(page, 'sign out everywhere else, confirmation');
    await dialog.getByRole('button', { name: 'Logga ut överallt annars' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('1 annan session har loggats ut.').waitFor();
    await untilCount(sessionRows(page), 1);
    await page.getByText('Du är inte inloggad någon annanstans.').waitFor();
    await screenshot(page, 'account-03-signed-out-others');
    await expectAccessible(page, 'signed out everywhere else');
    // The laptop's next step (opening a page of the app) finds its session gone.
    await laptop.page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Koordinatorsgrupp' })
      .click();
    await laptop.page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await expectAccessible(laptop.page, 'the laptop back on sign-in');

    // This device is still signed in.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
    expect(problems).toEqual([]);
    for (const other of others) expect(other.problems).toEqual([]);
  });
});
