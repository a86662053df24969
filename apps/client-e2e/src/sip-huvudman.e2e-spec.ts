import type { Browser, Locator, Page } from 'playwright-core';
import {
  type TestPage,
  api,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  untilCount,
  untilText,
} from './support/browser';

const SOCIAL_UNIT = 'Socialtjänsten, individ- och familjeomsorg';
const CLINIC = 'Psykiatriska kliniken, Universitetssjukhuset Örebro';
const MISSING = 'Detta saknas innan planen kan bli överenskommen';

/** A personnummer with a valid check digit (Luhn over YYMMDDNNN). */
function personnummer(birth: string, serial: string): string {
  const digits = `${birth.slice(2)}${serial}`;
  const sum = [...digits].reduce((acc, d, i) => {
    const n = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (n > 9 ? n - 9 : n);
  }, 0);
  return `${birth}-${serial}${(10 - (sum % 10)) % 10}`;
}

const day = (offset: number): string => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

async function choose(
  page: Page,
  scope: Locator,
  label: string,
  option: string | RegExp,
): Promise<void> {
  await scope.getByRole('combobox', { name: label }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: option }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

interface Org {
  id: string;
  name: string;
  units: { id: string; name: string }[];
}

/**
 * Issue 15 in the browser: healthcare (Region Örebro län) calls a SIP meeting on a case owned by
 * Örebro kommun (D7: either huvudman calls the other); the draft then blocks the next call with
 * the way out named; the plan shows what is missing and offers no "Godkänn" until it is complete;
 * sent for approval, it reaches social services' SIP inbox, and they approve there.
 */
describe('SIP: either huvudman calls, sends for approval, approves', () => {
  let browser: Browser;
  let vard: TestPage;
  let social: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    vard = await openPage(browser);
    social = await openPage(browser);
  });

  afterAll(async () => {
    await vard?.context.close();
    await social?.context.close();
    await browser?.close();
  });

  it('healthcare calls on a municipality case, the draft blocks, approval goes through the inbox', async () => {
    const other = social.page;
    await signIn(other, 'social.orebro');

    // Precondition through the API (not the journey): Örebro kommun's SIP case, consent to the
    // region, and the psychiatric clinic on the team.
    const orgs = (await api<{ items: Org[] }>(other, 'GET', '/api/v1/organisations?pageSize=100'))
      .body.items;
    const region = orgs.find((o) => o.name === 'Region Örebro län')!;
    const clinic = region.units.find((u) => u.name === CLINIC)!;
    const created = await api<{ id: string; number: string }>(other, 'POST', '/api/v1/cases', {
      programme: 'SIP',
      municipalityCode: '1880',
      description: 'Behov av stöd från både socialtjänst och psykiatri',
      participants: [
        {
          role: 'individual',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: personnummer('19790611', String(100 + (Date.now() % 800))),
            firstName: 'Ebba',
            lastName: 'Huvudmansson',
          },
        },
      ],
      consents: [
        {
          participantIndex: 0,
          recipientOrganisationIds: [region.id],
          categories: ['identity', 'coordination'],
          form: 'written',
          givenOn: day(0),
          validUntil: day(365),
        },
      ],
    });
    expect(created.status).toBe(201);
    const kase = created.body;
    const team = await api(other, 'POST', `/api/v1/cases/${kase.id}/team`, {
      unitId: clinic.id,
      caseRole: 'healthcare_contact',
    });
    expect(team.status).toBe(201);

    // 1. Healthcare opens the kommun's case and calls the meeting through the wizard alone.
    const page = vard.page;
    await signIn(page, 'vard.psykiatri');
    await page.goto(`/arenden/${kase.id}?flik=sip`);
    await page
      .getByRole('heading', { level: 2, name: 'Samordnad individuell plan (SIP)' })
      .waitFor();
    const call = page.locator('[data-action="sip.call"]');
    await call.waitFor();
    // The owner's actions are not offered to the other huvudman.
    await untilCount(page.locator('[data-action="sip.end"]'), 0);
    await expectAccessible(page, 'SIP tab of the other huvudman');
    await call.click();
    const when = page.locator('#sip-step-when');
    await when.getByRole('textbox', { name: 'Plats' }).fill('Psykiatriska kliniken, rum 2');
    await when.getByRole('button', { name: 'Nästa' }).click();
    const who = page.locator('#sip-step-who');
    await who
      .getByRole('group', { name: 'Kallelse till den andra huvudmannen' })
      .getByRole('checkbox', { name: `${SOCIAL_UNIT} (Örebro kommun)` })
      .check();
    await expectAccessible(page, 'wizard: who (healthcare calls the kommun)');
    await who.getByRole('button', { name: 'Nästa' }).click();
    await page.locator('#sip-step-person').getByRole('button', { name: 'Nästa' }).click();
    const review = page.locator('#sip-step-review');
    await untilText(review, SOCIAL_UNIT);
    const [called] = await Promise.all([
      page.waitForResponse(
        (r) =>
          r.url().endsWith(`/cases/${kase.id}/sip/meetings`) && r.request().method() === 'POST',
      ),
      review.getByRole('button', { name: 'Kalla till mötet' }).click(),
    ]);
    expect(called.status()).toBe(201);
    const meeting = (await called.json()) as { id: string; planVersionId: string };

    // 2. The draft blocks the next call: said before any wizard, with the ways out.
    const blocker = page.locator('#sip-call-blocked');
    await blocker.getByRole('heading', { name: 'Ett nytt möte kan inte kallas ännu' }).waitFor();
    await untilCount(page.locator('[data-action="sip.call"]'), 0);
    await blocker.getByRole('link', { name: 'Ställ in utkastets möte' }).waitFor();
    await screenshot(page, 'sip-huvudman-01-blocked');
    await expectAccessible(page, 'SIP tab with the draft blocker');
    await blocker.getByRole('link', { name: 'Öppna utkastet (version 1)' }).click();

    // 3. The plan shows what is missing and offers no Godkänn.
    await page
      .getByRole('heading', { level: 1, name: `SIP-plan version 1, ärende ${kase.number}` })
      .waitFor();
    const missing = page.locator('#sip-missing');
    await missing.getByRole('heading', { name: MISSING }).waitFor();
    await untilText(missing, 'Knappen Godkänn visas när det som saknas ovan är ifyllt');
    await untilCount(page.locator('[data-action="sip.approve"]'), 0);
    await untilCount(page.locator('[data-action="sip.send_for_approval"]'), 0);
    await screenshot(page, 'sip-huvudman-02-missing');
    await expectAccessible(page, 'plan with missing items and no Godkänn');

    // Healthcare completes the draft and sends it for approval.
    const form = page.locator('#sip-plan-form');
    await form.getByRole('button', { name: 'Lägg till behov' }).click();
    await form.getByRole('textbox', { name: 'Behov 1' }).fill('Samordnat stöd');
    await form.getByRole('button', { name: 'Lägg till insats' }).click();
    const m1 = form.getByRole('group', { name: 'Insats 1' });
    await m1.getByRole('textbox', { name: 'Beskrivning' }).fill('Samtalsstöd varje vecka');
    await choose(page, m1, 'Organisation', 'Region Örebro län');
    await m1.getByLabel('Slut').fill(day(90));
    await choose(page, form, 'Huvudansvar', 'Örebro kommun');
    await form.getByLabel('Nästa uppföljning').fill(day(60));
    await form.getByRole('button', { name: 'Spara planen' }).click();
    await missing.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Skicka för godkännande' }).click();
    await untilText(page.locator('#sip-approval-request'), 'Skickad för godkännande');
    await expectAccessible(page, 'plan sent for approval');

    // 4. Social services see it in the SIP inbox, open it and approve.
    await other.goto('/sip/inbjudningar');
    const inbox = other.locator('#sip-approvals');
    await inbox.getByRole('heading', { name: 'Planer som väntar på godkännande' }).waitFor();
    const item = inbox.getByRole('article', { name: `Version 1 i ärende ${kase.number}` });
    await item.getByText('Väntar på er organisations godkännande').waitFor();
    await screenshot(other, 'sip-huvudman-03-inbox');
    await expectAccessible(other, 'SIP inbox with a plan awaiting approval');
    await item.getByRole('link', { name: `Öppna version 1 i ärende ${kase.number}` }).click();
    await other
      .getByRole('heading', { level: 1, name: `SIP-plan version 1, ärende ${kase.number}` })
      .waitFor();
    await other.getByRole('button', { name: 'Godkänn planen för Örebro kommun' }).click();
    await other
      .getByRole('table', { name: /Huvudmännens godkännanden/ })
      .getByRole('row', { name: /Örebro kommun/ })
      .getByText('Godkänt', { exact: true })
      .waitFor();
    await untilCount(other.locator('[data-action="sip.approve"]'), 0);
    await expectAccessible(other, 'plan approved by social services');
    expect(meeting.planVersionId).toBeTruthy();

    expect(vard.problems).toEqual([]);
    expect(social.problems).toEqual([]);
  }, 240_000);
});
