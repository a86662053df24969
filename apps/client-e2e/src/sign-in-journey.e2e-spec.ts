import type { MeDto } from '@samsyn/common';
import type { Browser } from 'playwright-core';
import {
  DEMO_PASSWORD,
  type TestPage,
  expectAccessible,
  focused,
  htmlLang,
  launchBrowser,
  meStatus,
  openPage,
  screenshot,
  tabUntil,
} from './support/browser';

describe('sign-in journey', () => {
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

  it('signs in, shows the case list, switches language and signs out by keyboard', async () => {
    const { page } = t;

    // 1. The app opens on the Swedish sign-in page.
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/logga-in');
    expect(await htmlLang(page)).toBe('sv');
    expect(await page.title()).toBe('Logga in – Samsyn');
    await screenshot(page, '01-sign-in-sv');
    await expectAccessible(page, 'sign-in (sv)');

    // 2. A wrong password shows the translated problem code, linked to the fields.
    await page.getByLabel('Användarnamn').fill('social.orebro');
    await page.getByLabel('Lösenord').fill('not-the-password');
    await page.getByRole('button', { name: 'Logga in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.innerText()).trim()).toBe('Fel användarnamn eller lösenord.');
    const alertId = await alert.getAttribute('id');
    expect(await page.getByLabel('Användarnamn').getAttribute('aria-describedby')).toContain(
      alertId,
    );
    expect(await page.getByLabel('Lösenord').getAttribute('aria-describedby')).toContain(alertId);
    expect(await page.getByLabel('Lösenord').inputValue()).toBe('');
    expect((await focused(page)).id).toBe('password');
    await screenshot(page, '02-sign-in-error-sv');
    await expectAccessible(page, 'sign-in with error (sv)');

    // 3. The right password opens the shell on "Mina ärenden".
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    const [loginResponse] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
      page.getByRole('button', { name: 'Logga in' }).click(),
    ]);
    expect(loginResponse.status()).toBe(200);
    const me = (await loginResponse.json()) as MeDto;
    await page.getByRole('heading', { level: 1, name: 'Mina ärenden' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/arenden');
    expect(await page.title()).toBe('Mina ärenden – Samsyn');
    expect(await page.getByRole('banner').innerText()).toContain('Samsyn');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    expect(await nav.getByRole('link', { name: 'Mina ärenden' }).getAttribute('aria-current')).toBe(
      'page',
    );
    const userButton = page.getByRole('button', { name: me.displayName });
    expect(await userButton.innerText()).toContain(me.organisation.name);
    // Demo data gives this user cases; the list (or its empty state) has loaded.
    await page.getByRole('table', { name: /^Ärenden \(\d+\)$/ }).waitFor();
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    await screenshot(page, '03-cases-sv');
    await expectAccessible(page, 'cases (sv)');

    // 4. English: texts, <html lang> and title change, and the choice survives a reload.
    const languages = page.getByRole('radiogroup', { name: 'Språk' });
    await languages.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(await page.title()).toBe('My cases – Samsyn');
    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'My cases' })
      .waitFor();
    await page.getByRole('table', { name: /^Cases \(\d+\)$/ }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    await screenshot(page, '04-cases-en');
    await expectAccessible(page, 'cases (en)');

    // 5. Sign out with the keyboard only: Tab to the user menu, Enter, Enter on "Sign out".
    const trigger = await tabUntil(page, (el) => el.text.includes(me.displayName));
    expect(trigger.tag).toBe('button');
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    const item = await focused(page);
    expect(item).toMatchObject({ role: 'menuitem', text: 'Sign out' });
    await screenshot(page, '05-user-menu-en');
    await expectAccessible(page, 'user menu open (en)');
    await page.keyboard.press('Enter');

    // 6. Back on the sign-in page, and the server no longer knows the session.
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/logga-in');
    await page.getByRole('status').getByText('You have signed out.').waitFor();
    expect(await meStatus(page)).toBe(401);
    const cookies = await t.context.cookies();
    expect(cookies.map((c) => c.name)).not.toContain('samsyn_sid');
    await screenshot(page, '06-signed-out-en');
    await expectAccessible(page, 'signed out (en)');

    // 7. A protected page now leads back to sign-in.
    await page.goto('/arenden');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/logga-in');

    expect(t.problems).toEqual([]);
  });
});
