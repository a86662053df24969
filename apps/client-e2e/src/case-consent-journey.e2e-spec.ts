import type { Browser, Page } from 'playwright-core';
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
  untilValue,
} from './support/browser';

/** A made-up person with a valid check digit that no demo case uses. */
const PERSON = { personalNumber: '19121212-1212', firstName: 'Tolvan', lastName: 'Tolvansson' };

/**
 * Chooses an option of a Material select by the select's label and the option's text, opening it
 * from the keyboard (an empty select's floating label covers its centre for a mouse click).
 */
async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: option }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

describe('case and consent journey', () => {
  let browser: Browser;
  let social: TestPage;
  let vard: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    social = await openPage(browser);
    vard = await openPage(browser);
  });

  afterAll(async () => {
    await social?.context.close();
    await vard?.context.close();
    await browser?.close();
  });

  it('opens a SIP case with consent, shares it with the region and withdraws the consent', async () => {
    const { page } = social;

    // 1. Social services in Örebro sign in and see their caseload.
    await signIn(page, 'social.orebro');
    await page.getByRole('heading', { level: 1, name: 'Mina ärenden' }).waitFor();
    await page.getByRole('table', { name: /^Ärenden \(\d+\)$/ }).waitFor();
    await screenshot(page, 'case-01-caseload');
    await expectAccessible(page, 'caseload');

    // 2. The wizard: programme.
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Nytt ärende' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nytt ärende' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/arenden/nytt');
    await page.getByRole('radio', { name: 'SIP' }).check();
    await page.getByRole('combobox', { name: 'Din roll i ärendet' }).waitFor();
    await screenshot(page, 'case-02-wizard-programme');
    await expectAccessible(page, 'wizard: programme');
    await page.locator('#step-setup').getByRole('button', { name: 'Nästa' }).click();

    // 3. Participants: "Next" on an empty person shows the errors and focuses the first one.
    await page.getByRole('heading', { level: 2, name: 'Deltagare' }).waitFor();
    // Focus follows to the new step's heading, not left on the step header.
    await untilFocused(page, { id: 'step-participants-heading' });
    const step = page.locator('#step-participants');
    await step.getByRole('button', { name: 'Nästa' }).click();
    await step.getByText('Fältet måste fyllas i.').first().waitFor();
    await untilFocused(page, { id: 'participant-0-pnr' });
    await expectAccessible(page, 'wizard: participants with errors');
    await step.getByRole('textbox', { name: 'Personnummer' }).fill(PERSON.personalNumber);
    await step.getByRole('textbox', { name: 'Förnamn' }).fill(PERSON.firstName);
    await step.getByRole('textbox', { name: 'Efternamn' }).fill(PERSON.lastName);
    await step.getByRole('button', { name: 'Nästa' }).click();

    // 4. Consent: Region Örebro län may receive identity and health information.
    await page.getByRole('heading', { level: 2, name: 'Samtycke' }).waitFor();
    await page.getByRole('checkbox', { name: 'Registrera samtycke nu' }).check();
    await page
      .getByRole('group', { name: 'Organisationer som får ta del' })
      .getByRole('checkbox', { name: /^Region Örebro län/ })
      .check();
    const shared = page.getByRole('group', { name: 'Uppgifter som får delas' });
    await shared.getByRole('checkbox', { name: 'Identitet' }).check();
    await shared.getByRole('checkbox', { name: 'Hälsa' }).check();
    await screenshot(page, 'case-03-wizard-consent');
    await expectAccessible(page, 'wizard: consent');
    await page.locator('#step-consent').getByRole('button', { name: 'Nästa' }).click();

    // 5. Review and create: the new case opens.
    await page.getByRole('heading', { level: 2, name: 'Granska och skapa' }).waitFor();
    const review = page.locator('#step-review');
    await untilText(review, `${PERSON.firstName} ${PERSON.lastName}`);
    await untilText(review, 'Region Örebro län');
    await expectAccessible(page, 'wizard: review');
    const [created] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/cases') && r.request().method() === 'POST',
      ),
      review.getByRole('button', { name: 'Skapa ärende' }).click(),
    ]);
    expect(created.status()).toBe(201);
    // The case's id and number from the page it opens (the response's body is not kept once the
    // client has navigated away, which it does at once).
    const heading = page.getByRole('heading', { level: 1, name: /Ärende SIP-\d{4}-\d{6}/ });
    await heading.waitFor();
    const number = /SIP-\d{4}-\d{6}/.exec((await heading.textContent()) ?? '')?.[0] ?? '';
    expect(number).toMatch(/^SIP-\d{4}-\d{6}$/);
    const [, id] = /^\/arenden\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname) ?? [];
    expect(id).toBeDefined();
    await page.getByRole('tab', { name: 'Översikt' }).waitFor();
    await screenshot(page, 'case-04-case-overview');
    await expectAccessible(page, 'case page');

    // 6. Team: add Sara Holm (Region Örebro län, psychiatry) through the user picker.
    await page.getByRole('tab', { name: 'Team' }).click();
    await page.getByRole('button', { name: 'Lägg till i teamet' }).click();
    await page.getByRole('heading', { level: 2, name: 'Lägg till i teamet' }).waitFor();
    await choose(page, 'Organisation', 'Region Örebro län');
    const userField = page.getByRole('combobox', { name: 'Användare' });
    await userField.fill('Sara');
    await page.getByRole('option', { name: /Sara Holm/ }).click();
    await untilValue(userField, 'Sara Holm');
    await choose(page, 'Roll i ärendet', 'Kontaktperson hälso- och sjukvård');
    await expectAccessible(page, 'team: add member');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    const team = page.getByRole('table', { name: /^Teamets medlemmar/ });
    await team.getByRole('rowheader', { name: 'Sara Holm' }).waitFor();

    // 6b. The handler corrects the person's phone number on the participants tab.
    await page.getByRole('tab', { name: 'Deltagare' }).click();
    const fullName = `${PERSON.firstName} ${PERSON.lastName}`;
    const own = page.getByRole('region', { name: `Den enskilde: ${fullName}` });
    await own.getByRole('button', { name: `Ändra uppgifter för ${fullName}` }).click();
    const edit = page.getByRole('form', { name: `Ändra uppgifter för ${fullName}` });
    // The form starts at the first name; the identity number is not editable.
    await untilFocused(page, { id: /^edit-.+-first$/ });
    await untilCount(edit.getByRole('textbox', { name: /Personnummer/ }), 0);
    await edit.getByRole('textbox', { name: 'Telefon' }).fill('070-123 45 67');
    await expectAccessible(page, 'participant: edit');
    await edit.getByRole('button', { name: 'Spara ändringar' }).click();
    await edit.waitFor({ state: 'detached' });
    await own.getByText('070-123 45 67').waitFor();

    // 7. The region's psychiatrist opens the case: the name is shared, contact details are not.
    const other = vard.page;
    await signIn(other, 'vard.psykiatri');
    await other.goto(`/arenden/${id}`);
    await other.getByRole('heading', { level: 1, name: `Ärende ${number}` }).waitFor();
    const access = other.getByRole('region', { name: 'Din åtkomst' });
    await untilText(access, 'Samtycke');
    await other.getByRole('tab', { name: 'Deltagare' }).click();
    const participant = other.getByRole('region', {
      name: `Den enskilde: ${PERSON.firstName} ${PERSON.lastName}`,
    });
    await participant.waitFor();
    // The tab's content renders after the tab switch: wait for what is checked, not the region.
    await participant.getByText('19121212-1212').waitFor();
    await participant
      .getByText('Undanhållen – kontaktuppgifter ingår inte i din åtkomst')
      .first()
      .waitFor();
    const shown = await participant.innerText();
    expect(shown).toContain('19121212-1212');
    expect(shown).toContain('Undanhållen – kontaktuppgifter ingår inte i din åtkomst');
    await screenshot(other, 'case-05-shared-participants');
    await expectAccessible(other, 'case page (consent-based access)');

    // 8. Social services record that the person withdrew the consent.
    await page.getByRole('tab', { name: 'Samtycke' }).click();
    await page
      .getByRole('button', {
        name: `Återkalla samtycket från ${PERSON.firstName} ${PERSON.lastName}`,
      })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Återkalla samtycket?' });
    await dialog.waitFor();
    await dialog
      .getByRole('textbox', { name: 'Anledning (valfri)' })
      .fill('Personen har ångrat sig.');
    await expectAccessible(page, 'withdraw consent dialog');
    await dialog.getByRole('button', { name: 'Återkalla', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('article').getByText('Återkallat', { exact: true }).first().waitFor();

    // 9. The region no longer has access: the no-access page offers nödåtkomst.
    await other.reload();
    await other.getByRole('heading', { level: 1, name: 'Ingen åtkomst till ärendet' }).waitFor();
    await other.getByText(/Samtycket kan ha återkallats eller gått ut/).waitFor();
    await other.getByRole('button', { name: 'Nödåtkomst' }).waitFor();
    await untilCount(other.getByRole('tab'), 0);
    await screenshot(other, 'case-06-no-access');
    await expectAccessible(other, 'no access');

    // 10. Nödåtkomst goes through the case number (issue 18 §7): "Hitta ärende" answers a number
    // without a case and a case the user may not see alike, and offers nödåtkomst by the number.
    await other
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Mina ärenden' })
      .click();
    await other.getByRole('heading', { level: 1, name: 'Mina ärenden' }).waitFor();
    const lookup = other.getByRole('region', { name: 'Hitta ärende' });
    const lookUp = async (caseNumber: string) => {
      await lookup.getByRole('textbox', { name: 'Ärendenummer' }).fill(caseNumber);
      const [answer] = await Promise.all([
        other.waitForResponse((r) => r.url().includes('/api/v1/cases/lookup?')),
        lookup.getByRole('button', { name: 'Hitta', exact: true }).click(),
      ]);
      expect(answer.status()).toBe(404);
      await lookup
        .getByRole('alert')
        .getByText('Inget ärende som du har åtkomst till har det numret.')
        .waitFor();
      await lookup.getByRole('button', { name: 'Nödåtkomst' }).waitFor();
      return lookup.innerText();
    };
    const missing = number.replace(/\d{6}$/, '999999');
    const noCase = await lookUp(missing);
    // A number without a case: asking for nödåtkomst is the step that says so (and is logged).
    await lookup.getByRole('button', { name: 'Nödåtkomst' }).click();
    const nothing = other.getByRole('dialog', { name: 'Begär nödåtkomst' });
    await nothing.getByText(`Ärende ${missing}`).waitFor();
    await nothing
      .getByRole('textbox', { name: 'Skäl' })
      .fill('Akut suicidrisk, behöver se planerade insatser nu.');
    await nothing.getByRole('button', { name: 'Begär nödåtkomst' }).click();
    await nothing
      .getByRole('alert')
      .getByText('Det finns inget ärende med det numret. Försöket har loggats.')
      .waitFor();
    await nothing.getByRole('button', { name: 'Avbryt' }).click();
    await nothing.waitFor({ state: 'detached' });
    // The withdrawn case looks exactly like no case.
    expect((await lookUp(number)).replace(number, missing)).toBe(noCase);
    await screenshot(other, 'case-06b-lookup-no-case');
    await expectAccessible(other, 'lookup: no case you may see');

    // 10b. The emergency-access dialog names the number and asks for a reason of at least 20
    // characters.
    await lookup.getByRole('button', { name: 'Nödåtkomst' }).click();
    const emergency = other.getByRole('dialog', { name: 'Begär nödåtkomst' });
    await emergency.waitFor();
    await emergency.getByText(`Ärende ${number}`).waitFor();
    await emergency.getByRole('textbox', { name: 'Skäl' }).fill('För kort');
    await emergency.getByRole('button', { name: 'Begär nödåtkomst' }).click();
    await emergency.getByText('Skriv minst 20 tecken.').waitFor();
    await expectAccessible(other, 'emergency access dialog');
    // 11. With a real reason the case opens again, with a banner saying until when.
    await emergency
      .getByRole('textbox', { name: 'Skäl' })
      .fill('Akut suicidrisk, behöver se planerade insatser nu.');
    await emergency.getByRole('button', { name: 'Begär nödåtkomst' }).click();
    await emergency.waitFor({ state: 'detached' });
    await other.getByRole('heading', { level: 1, name: `Ärende ${number}` }).waitFor();
    await other
      .getByRole('status')
      .getByText(/Nödåtkomst aktiv till \d{2}:\d{2}/)
      .waitFor();
    await untilFocused(other, { tag: 'h1' });
    await screenshot(other, 'case-07-emergency-access');
    await expectAccessible(other, 'case page (emergency access)');

    // 12. Örebro's log reviewer sees the emergency access to review, and marks it reviewed.
    const auditor = await openPage(browser);
    try {
      const review = auditor.page;
      await signIn(review, 'granskare.orebro');
      await review.getByRole('heading', { level: 1, name: 'Granskning' }).waitFor();
      expect(new URL(review.url()).pathname).toBe('/granskning');
      const pending = review.getByRole('table', { name: /^Ej granskade nödåtkomster/ });
      const row = pending.getByRole('row').filter({ hasText: number });
      await row.getByRole('rowheader', { name: /Sara Holm/ }).waitFor();
      await review
        .getByRole('status')
        .getByText(/^Obruten/)
        .waitFor();
      await screenshot(review, 'case-08-review');
      await expectAccessible(review, 'review');
      await row
        .getByRole('button', { name: /^Markera granskad: nödåtkomsten av Sara Holm/ })
        .click();
      const mark = review.getByRole('dialog', { name: 'Markera som granskad?' });
      await mark.getByRole('textbox', { name: 'Anteckning (valfri)' }).fill('Skälet styrks.');
      await mark.getByRole('button', { name: 'Markera granskad' }).click();
      await mark.waitFor({ state: 'detached' });
      await row.waitFor({ state: 'detached' });

      // 13. Loggutdrag for the person: who in Örebro kommun read the data, and when.
      await review.getByRole('link', { name: 'Loggutdrag' }).click();
      await review.getByRole('heading', { level: 1, name: 'Loggutdrag' }).waitFor();
      await review.getByRole('textbox', { name: 'Personnummer' }).fill(PERSON.personalNumber);
      await review.getByRole('button', { name: 'Hämta loggutdrag' }).click();
      const extract = review.getByRole('table', { name: /^Åtkomster till personens uppgifter/ });
      await extract.getByRole('cell', { name: 'Anna Lindqvist' }).first().waitFor();
      await screenshot(review, 'case-09-access-extract');
      await expectAccessible(review, 'access extract');
      expect(auditor.problems).toEqual([]);
    } finally {
      await auditor.context.close();
    }

    expect(social.problems).toEqual([]);
    expect(vard.problems).toEqual([]);
  });
});
