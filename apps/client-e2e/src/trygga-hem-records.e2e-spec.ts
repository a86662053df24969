import type { Browser, Locator, Page } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  untilCount,
  untilFocused,
  swedishDay,
} from './support/browser';

/** An API call from inside the page, with the session cookie (reads only here). */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const response = await fetch(p, { credentials: 'same-origin' });
    return (await response.json()) as T;
  }, path);
}

/** Chooses a Material select's option from the keyboard (as case-consent-journey does). */
async function choose(page: Page, scope: Locator, label: string, option: string | RegExp) {
  await scope.getByRole('combobox', { name: label }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: option }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

/** Activates a button from the keyboard. */
async function press(button: Locator): Promise<void> {
  await button.focus();
  await button.press('Enter');
}

/** Presses a form's submit button and waits for the API's answer to `method` on `urlPart`. */
async function submitAndWait(
  page: Page,
  button: Locator,
  method: string,
  urlPart: RegExp,
): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => urlPart.test(r.url()) && r.request().method() === method),
    press(button),
  ]);
  return response.status();
}

/** Ticks (or unticks) a checkbox of `group` from the keyboard and waits until it shows. */
async function tick(group: Locator, name: string, checked = true): Promise<void> {
  const box = group.getByRole('checkbox', { name, exact: true });
  await box.focus();
  await box.press('Space');
  await group.getByRole('checkbox', { name, exact: true, checked }).waitFor();
}

/** Waits until the CDK live announcer has said `text` to screen readers. */
async function expectAnnounced(page: Page, text: string | RegExp): Promise<void> {
  await page
    .locator('.cdk-live-announcer-element')
    .filter({ hasText: text })
    .waitFor({ state: 'attached' });
}

describe('Trygga hem: recording, correcting and removing on the case tab (D4, D21)', () => {
  let browser: Browser;
  let social: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    social = await openPage(browser);
  });

  afterAll(async () => {
    await social?.context.close();
    await browser?.close();
  });

  it('records a notification, an offer and its uptake, a control measure and an incident; corrects and removes', async () => {
    const { page, problems } = social;
    await signIn(page, 'social.orebro');

    // The demo Trygga hem case (Johan Berg), which the social worker owns.
    const cases = await apiGet<{ items: { id: string; subjectName: string | null }[] }>(
      page,
      '/api/v1/cases?programme=TRYGGA_HEM&pageSize=100',
    );
    const demo = cases.items.find((c) => c.subjectName === 'Johan Berg');
    expect(demo).toBeDefined();
    await page.goto(`/arenden/${demo!.id}?flik=tryggahem`);
    await page
      .getByRole('heading', { level: 2, name: 'Trygga hem och koordinatorsgruppen' })
      .waitFor();

    // 1. A notification. Submitting the empty form puts focus on the first invalid field.
    const notifications = page.getByRole('region', { name: 'Underrättelser' });
    await press(notifications.getByRole('button', { name: 'Registrera underrättelse' }));
    const nForm = page.locator('#thr-notification-new');
    await nForm.getByRole('heading', { name: 'Ny underrättelse' }).waitFor();
    await untilFocused(page, { id: 'thr-notification-new-title' });
    await press(nForm.getByRole('button', { name: 'Spara underrättelsen' }));
    await untilFocused(page, { id: 'thr-notification-new-method' });
    await nForm.getByText('Fältet måste fyllas i.').first().waitFor();
    await expectAccessible(page, 'notification form with errors');
    await choose(page, nForm, 'Sätt', 'Hembesök');
    await nForm.getByLabel('Datum').fill(swedishDay(-1));
    await nForm.getByLabel('Lämnad av').fill('Kommunpolis och socialsekreterare');
    await nForm.getByLabel('Utfall').fill('Johan tog emot budskapet.');
    expect(
      await submitAndWait(
        page,
        nForm.getByRole('button', { name: 'Spara underrättelsen' }),
        'POST',
        /\/notifications$/,
      ),
    ).toBe(201);
    const visit = notifications
      .getByRole('listitem')
      .filter({ hasText: 'Johan tog emot budskapet.' });
    await visit.waitFor();
    await untilFocused(page, { id: /^thr-n-item-/ });
    await expectAnnounced(page, 'Underrättelsen är registrerad.');
    await screenshot(page, 'thr-01-notification');
    await expectAccessible(page, 'notification recorded');

    // 2. An offer of support, then its uptake.
    const offers = page.getByRole('region', { name: 'Erbjudanden om stöd' });
    await press(offers.getByRole('button', { name: 'Registrera erbjudande' }));
    const oForm = page.locator('#thr-offer-new');
    await choose(page, oForm, 'Typ av stöd', 'Behandlingsprogram');
    await oForm.getByLabel('Vad som erbjöds').fill('Idap hos Frivården');
    await expectAccessible(page, 'offer form');
    expect(
      await submitAndWait(
        page,
        oForm.getByRole('button', { name: 'Spara erbjudandet' }),
        'POST',
        /\/offers$/,
      ),
    ).toBe(201);
    const offer = offers.getByRole('listitem').filter({ hasText: 'Idap hos Frivården' });
    await offer.getByText('Erbjudet', { exact: true }).waitFor();
    await press(offer.getByRole('button', { name: 'Ändra status för Idap hos Frivården' }));
    const uptake = offer.locator('form');
    await choose(page, uptake, 'Status', 'Accepterat');
    await uptake.getByLabel('Anteckning om statusen').fill('Första träffen bokad.');
    expect(
      await submitAndWait(
        page,
        uptake.getByRole('button', { name: 'Spara statusen' }),
        'PATCH',
        /\/offers\/[0-9a-f-]{36}$/,
      ),
    ).toBe(200);
    await offer.getByText('Accepterat', { exact: true }).waitFor();
    await expectAnnounced(page, 'Accepterat');
    await expectAccessible(page, 'offer taken up');

    // 3. A control measure with an end date.
    const measures = page.getByRole('region', { name: 'Kontrollåtgärder' });
    await press(measures.getByRole('button', { name: 'Registrera kontrollåtgärd' }));
    const mForm = page.locator('#thr-measure-new');
    await choose(page, mForm, 'Typ av åtgärd', 'Föreskrifter vid övervakning');
    await mForm.getByLabel('Gäller från').fill(swedishDay());
    // An end before the start is refused at the field, with focus on it.
    await mForm.getByLabel('Gäller till').fill(swedishDay(-2));
    await press(mForm.getByRole('button', { name: 'Spara kontrollåtgärden' }));
    await untilFocused(page, { id: 'thr-measure-new-end' });
    await mForm.getByText('Slutdatumet kan inte vara före startdatumet.').waitFor();
    await mForm.getByLabel('Gäller till').fill(swedishDay(30));
    expect(
      await submitAndWait(
        page,
        mForm.getByRole('button', { name: 'Spara kontrollåtgärden' }),
        'POST',
        /\/control-measures$/,
      ),
    ).toBe(201);
    const measure = measures
      .getByRole('listitem')
      .filter({ hasText: 'Föreskrifter vid övervakning' });
    await measure.getByText('Gäller', { exact: true }).waitFor();
    await expectAccessible(page, 'control measure recorded');

    // 4. An incident against the victim: a repeat, and the FREDA assessment needs review.
    const incidents = page.getByRole('region', { name: 'Händelser' });
    await press(incidents.getByRole('button', { name: 'Registrera händelse' }));
    const iForm = page.locator('#thr-incident-new');
    await choose(page, iForm, 'Typ av händelse', 'Hot');
    await choose(page, iForm, 'Rapporterande myndighet', 'Polisområde Örebro län');
    await choose(page, iForm, 'Mot vem', 'Lina Berg');
    // Issue 15: its forms of violence, ticked from the keyboard (stored in the agreement's order).
    const forms = iForm.getByRole('group', { name: /^Former av våld/ });
    await tick(forms, 'Digitalt våld');
    await tick(forms, 'Psykiskt våld');
    await iForm.getByLabel('Anteckning').fill('Hot via sms.');
    await expectAccessible(page, 'incident form');
    expect(
      await submitAndWait(
        page,
        iForm.getByRole('button', { name: 'Spara händelsen' }),
        'POST',
        /\/incidents$/,
      ),
    ).toBe(201);
    const outcome = page.locator('#thr-i-outcome');
    await outcome.getByText('Händelsen är registrerad.').waitFor();
    await outcome.getByText(/räknas som upprepat våld/).waitFor();
    await outcome
      .getByText('1 riskbedömning behöver nu ses över, och bedömaren får en påminnelse.')
      .waitFor();
    await expectAnnounced(page, /upprepat våld.*behöver nu ses över/);
    const threat = incidents.getByRole('listitem').filter({ hasText: 'Hot via sms.' });
    await threat.getByText('Upprepat', { exact: true }).waitFor();
    await threat.getByText('– Former av våld: Psykiskt våld, Digitalt våld').waitFor();
    await page
      .getByRole('region', { name: 'Ärendet i gruppen' })
      .getByText('Upprepat våld sedan senaste genomgång')
      .waitFor();
    await screenshot(page, 'thr-02-incident');
    await expectAccessible(page, 'incident recorded');

    // 5. The notification is corrected: a reason is required, the history keeps the old value.
    await press(visit.getByRole('button', { name: /^Rätta Hembesök/ }));
    const cForm = visit.locator('form');
    await cForm.getByRole('heading', { name: 'Rätta underrättelsen' }).waitFor();
    await cForm.getByLabel('Utfall').fill('Johan tog emot budskapet och ett erbjudande.');
    await press(cForm.getByRole('button', { name: 'Spara rättelsen' }));
    await untilFocused(page, { id: /-reason$/ });
    await cForm.getByLabel('Skäl till rättelsen').fill('Utfallet var ofullständigt.');
    const corrected = notifications
      .getByRole('listitem')
      .filter({ hasText: 'Johan tog emot budskapet och ett erbjudande.' });
    expect(
      await submitAndWait(
        page,
        cForm.getByRole('button', { name: 'Spara rättelsen' }),
        'PATCH',
        /\/notifications\/[0-9a-f-]{36}$/,
      ),
    ).toBe(200);
    await corrected.waitFor();
    await expectAnnounced(page, 'Rättelsen är sparad.');
    const history = corrected.locator('details');
    await press(history.getByText('Ändrad 1 gång – visa historik'));
    await history.getByText('Utfallet var ofullständigt.').waitFor();
    await history.getByText(/Utfall: Johan tog emot budskapet\./).waitFor();
    await screenshot(page, 'thr-03-corrected');
    await expectAccessible(page, 'notification corrected with history');

    // 5b. The incident's forms are corrected: the history names the forms it had before.
    await press(threat.getByRole('button', { name: /^Rätta Hot/ }));
    const iCorrect = threat.locator('form');
    const correctForms = iCorrect.getByRole('group', { name: /^Former av våld/ });
    await correctForms.getByRole('checkbox', { name: 'Digitalt våld', checked: true }).waitFor();
    await tick(correctForms, 'Digitalt våld', false);
    await tick(correctForms, 'Fysiskt våld');
    await iCorrect.getByLabel('Skäl till rättelsen').fill('Sms:en var inte digitalt våld.');
    await expectAccessible(page, 'incident correction with forms of violence');
    expect(
      await submitAndWait(
        page,
        iCorrect.getByRole('button', { name: 'Spara rättelsen' }),
        'PATCH',
        /\/incidents\/[0-9a-f-]{36}$/,
      ),
    ).toBe(200);
    await threat.getByText('– Former av våld: Fysiskt våld, Psykiskt våld').waitFor();
    await press(threat.locator('details').getByText('Ändrad 1 gång – visa historik'));
    await threat
      .locator('details')
      .getByText(/Former av våld: Psykiskt våld, Digitalt våld/)
      .waitFor();
    await expectAccessible(page, 'incident forms corrected with history');

    // 6. The control measure is removed: not without a reason; then gone, but kept.
    await press(measure.getByRole('button', { name: /^Ta bort Föreskrifter vid övervakning/ }));
    const rForm = measure.locator('form');
    await press(rForm.getByRole('button', { name: 'Ta bort uppgiften' }));
    await untilFocused(page, { id: /-reason$/ });
    await rForm.getByText('Fältet måste fyllas i.').waitFor();
    await expectAccessible(page, 'removal without a reason');
    await rForm.getByLabel('Skäl till borttagningen').fill('Registrerad på fel ärende.');
    expect(
      await submitAndWait(
        page,
        rForm.getByRole('button', { name: 'Ta bort uppgiften' }),
        'POST',
        /\/control-measures\/[0-9a-f-]{36}\/remove$/,
      ),
    ).toBe(200);
    await measure.waitFor({ state: 'detached' });
    await expectAnnounced(page, 'är borttagen');
    await press(measures.getByRole('button', { name: 'Visa borttagna' }));
    const removed = measures
      .getByRole('listitem')
      .filter({ hasText: 'Registrerad på fel ärende.' });
    await removed.waitFor();
    await removed.getByText(/borttagen .* av /).waitFor();
    await screenshot(page, 'thr-04-removed');
    await expectAccessible(page, 'removed control measure shown on request');

    // After a reload the corrections and removals are still there (the server's record).
    await page.reload();
    await page
      .getByRole('region', { name: 'Underrättelser' })
      .getByText(/ett erbjudande\./)
      .waitFor();
    await untilCount(
      page
        .getByRole('region', { name: 'Kontrollåtgärder' })
        .getByRole('listitem')
        .filter({ hasText: 'Föreskrifter vid övervakning' }),
      0,
    );

    expect(problems).toEqual([]);
  });
});
