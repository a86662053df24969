import type { Browser } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  untilCount,
  untilFocused,
  untilText,
  swedishDay,
} from './support/browser';

/** D25: a coordinator records a cooperation agreement, finds it in the list, follows it up. */
describe('agreements', () => {
  let browser: Browser;
  let coordinator: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    coordinator = await openPage(browser);
  });

  afterAll(async () => {
    await coordinator?.context.close();
    await browser?.close();
  });

  it('creates an agreement, lists it and marks a follow-up done', async () => {
    const { page, problems } = coordinator;
    const title = `Samverkansöverenskommelse Örebro–Frivården ${Date.now()}`;

    // 1. The coordinator opens "Överenskommelser" from the main menu; the demo agreements show.
    await signIn(page, 'samordnare.orebro');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Överenskommelser' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Överenskommelser' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/overenskommelser');
    await page.getByRole('link', { name: /Region Örebro län och kommunerna/ }).waitFor();
    await screenshot(page, 'agreements-01-list');
    await expectAccessible(page, 'agreements list');

    // 2. A new agreement: saving it empty shows the field errors and focuses the first.
    await page.getByRole('link', { name: 'Ny överenskommelse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny överenskommelse' }).waitFor();
    await page.getByRole('checkbox', { name: 'Kriminalvården Frivård Örebro' }).waitFor();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Fältet måste fyllas i.').first().waitFor();
    await untilFocused(page, { id: 'agreement-title' });
    await expectAccessible(page, 'agreement form with errors');

    // 3. Filled in: title, validity, another party, a follow-up and the SIP kallelse deadline.
    await page.getByLabel('Benämning', { exact: true }).fill(title);
    await page.getByLabel('Gäller från').fill(swedishDay(-30));
    await page.getByLabel('Gäller till och med').fill(swedishDay(700));
    await page.getByRole('checkbox', { name: 'Kriminalvården Frivård Örebro' }).check();
    await page.getByRole('button', { name: 'Lägg till uppföljning' }).click();
    // Focus moves to the new row's first field.
    await untilFocused(page, { id: 'follow-up-label-0' });
    await page.keyboard.type('Uppföljning');
    await page.getByLabel('Uppföljning 1, datum').fill(swedishDay(90));
    await page.getByLabel('Kallelse, dagar efter utskrivningsklar').fill('3');
    await page.getByRole('button', { name: 'Spara' }).click();

    // 4. The agreement page shows what was recorded.
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/overenskommelser\/[0-9a-f-]{36}$/);
    await page.getByText('Kriminalvården Frivård Örebro').waitFor();
    await page.getByText('3 dagar').waitFor();
    await screenshot(page, 'agreements-02-detail');
    await expectAccessible(page, 'agreement page');

    // 5. It is in the list, filtered by the new party.
    await page.getByRole('link', { name: 'Tillbaka till överenskommelser' }).click();
    await page.getByRole('heading', { level: 1, name: 'Överenskommelser' }).waitFor();
    await page.getByRole('combobox', { name: 'Part' }).click();
    await page.getByRole('option', { name: 'Kriminalvården Frivård Örebro' }).click();
    await page.waitForURL(/partyId=/);
    const link = page.getByRole('link', { name: title });
    await link.waitFor();
    // The new agreement is in the unfiltered list too: wait for the other party's to go.
    await untilCount(page.getByRole('link', { name: /Region Örebro län och kommunerna/ }), 0);

    // 6. Marking the follow-up done, by keyboard.
    await link.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const markDone = page.getByRole('button', {
      name: 'Markera som klar: uppföljningen Uppföljning',
    });
    await markDone.focus();
    await page.keyboard.press('Enter');
    await page
      .getByText('Uppföljningen Uppföljning är markerad som klar.')
      .waitFor({ state: 'attached' });
    await page.getByText(/^Klar/).waitFor();
    await untilCount(markDone, 0);
    await screenshot(page, 'agreements-03-follow-up-done');
    await expectAccessible(page, 'agreement page, follow-up done');

    expect(problems).toEqual([]);
  });

  it('creates an agreement valid until further notice (issue 17 §6), shown so on its page and in the list', async () => {
    const { page, problems } = coordinator;
    const title = `Samverkansöverenskommelse tills vidare ${Date.now()}`;
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Överenskommelser' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Överenskommelser' }).waitFor();
    // The demo's region–municipalities agreement has no end date in its source (§7).
    const demo = page.getByRole('listitem').filter({
      has: page.getByRole('link', { name: /Region Örebro län och kommunerna/ }),
    });
    await demo.getByText(/^Gäller från .* tills vidare$/).waitFor();
    await page.getByRole('link', { name: 'Ny överenskommelse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny överenskommelse' }).waitFor();
    await page.getByRole('checkbox', { name: 'Kriminalvården Frivård Örebro' }).waitFor();
    await page.getByLabel('Benämning', { exact: true }).fill(title);
    await page.getByLabel('Gäller från').fill(swedishDay(-10));
    // An end before the start is refused in the form …
    await page.getByLabel('Gäller till och med').fill(swedishDay(-20));
    await page.getByLabel('Gäller till och med').blur();
    await page.getByText('Slutdatumet kan inte vara före startdatumet.').waitFor();
    // … and "Gäller tills vidare" takes the end date away (and the error with it), by keyboard.
    const openEnded = page.getByRole('checkbox', { name: 'Gäller tills vidare' });
    await openEnded.focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'Gäller tills vidare', checked: true }).waitFor();
    await page.locator('#agreement-valid-until:disabled').waitFor();
    await untilCount(page.getByText('Slutdatumet kan inte vara före startdatumet.'), 0);
    await page.getByRole('checkbox', { name: 'Kriminalvården Frivård Örebro' }).check();
    await page.getByRole('button', { name: 'Lägg till uppföljning' }).click();
    await untilFocused(page, { id: 'follow-up-label-0' });
    await page.keyboard.type('Årlig uppföljning');
    await page.getByLabel('Uppföljning 1, datum').fill(swedishDay(365));
    await screenshot(page, 'agreements-04-until-further-notice-form');
    await expectAccessible(page, 'agreement form, until further notice');
    await page.getByRole('button', { name: 'Spara' }).click();

    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const facts = page.getByRole('region', { name: 'Uppgifter' });
    await untilText(facts, 'Gäller tills vidare');
    await page.getByText('Årlig uppföljning').first().waitFor();
    await expectAccessible(page, 'agreement page, until further notice');

    await page.getByRole('link', { name: 'Tillbaka till överenskommelser' }).click();
    await page.getByRole('heading', { level: 1, name: 'Överenskommelser' }).waitFor();
    const item = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: title }) });
    await item.getByText(/^Gäller från .* tills vidare$/).waitFor();
    await item.getByText('Gäller tills vidare', { exact: true }).waitFor();
    await screenshot(page, 'agreements-05-until-further-notice-list');
    await expectAccessible(page, 'agreements list with one until further notice');
    expect(problems).toEqual([]);
  });
});
