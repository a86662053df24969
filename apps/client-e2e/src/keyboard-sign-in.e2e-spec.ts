import type { Browser } from 'playwright-core';
import {
  DEMO_PASSWORD,
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  tabUntil,
  until,
  untilFocused,
  untilText,
} from './support/browser';

describe('sign-in by keyboard and error messages', () => {
  let browser: Browser;
  let t: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  beforeEach(async () => {
    t = await openPage(browser);
  });

  afterEach(async () => {
    await t?.context.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('skips to the form, signs in with Tab, typing and Enter, and focuses the new heading', async () => {
    const { page } = t;
    await page.goto('/logga-in');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

    // The first Tab reaches the skip link; following it lands in <main>, right before the form.
    await page.keyboard.press('Tab');
    await untilFocused(page, { tag: 'a', text: 'Hoppa till huvudinnehållet' });
    await page.keyboard.press('Enter');
    await untilFocused(page, { id: 'main' });
    await page.keyboard.press('Tab');
    await untilFocused(page, { id: 'username' });

    // Enter on the empty form: field errors, announced and linked, focus on the first field.
    await page.keyboard.press('Enter');
    await page.getByText('Ange ditt användarnamn.').waitFor();
    await page.getByText('Ange ditt lösenord.').waitFor();
    await untilFocused(page, { id: 'username' });
    await until(page, 'the user name field to be described by its error', () =>
      (document.getElementById('username')?.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .some(
          (id) => document.getElementById(id)?.textContent?.trim() === 'Ange ditt användarnamn.',
        ),
    );
    await expectAccessible(page, 'sign-in with field errors');

    await page.keyboard.type('social.orebro');
    await page.keyboard.press('Tab');
    await untilFocused(page, { id: 'password' });
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Mina ärenden' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/arenden');
    // Focus moves to the new page's heading, so the next Tab continues from the content.
    await untilFocused(page, { tag: 'h1', text: 'Mina ärenden' });
    expect(t.problems).toEqual([]);
  });

  it('switches language by keyboard; a locked account answers as a wrong password, in Swedish', async () => {
    const { page, context } = t;
    // Lock a demo account that no other test uses: five wrong passwords through the API.
    for (let i = 0; i < 5; i++) {
      const response = await context.request.post('/api/v1/auth/login', {
        data: { username: 'social.karlskoga', password: `wrong-${i}` },
      });
      expect(response.status()).toBe(401);
    }

    await page.goto('/logga-in');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    // The language switch is a radio group: Tab reaches the chosen language, arrows change it.
    const swedish = await tabUntil(page, (el) => el.text === 'Svenska');
    expect(swedish).toMatchObject({ tag: 'button', role: 'radio' });
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await untilFocused(page, { text: 'English', role: 'radio' });
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

    await page.getByLabel('Användarnamn').fill('social.karlskoga');
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    // Issue 18: the right password of a locked account gets the one answer to every failed
    // sign-in, so that the page never tells which usernames exist (the lock itself is asserted
    // in the API's e2e tests); it mentions that failures lock the account for a while.
    await untilText(
      alert,
      'Fel användarnamn eller lösenord. Efter för många misslyckade försök låses kontot en stund: försök igen senare eller kontakta din administratör.',
      { exact: true },
    );
    expect(new URL(page.url()).pathname).toBe('/logga-in');
    await expectAccessible(page, 'sign-in with locked account');
    expect(t.problems).toEqual([]);
  });
});
