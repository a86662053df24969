import type { Browser } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  swedishDay,
  untilCount,
  untilText,
} from './support/browser';
import { CLINIC, SOCIAL_UNIT, callSipMeeting, choose, createSipCase } from './support/sip';

const MISSING = 'Detta saknas innan planen kan bli överenskommen';

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
    const kase = await createSipCase(other, {
      description: 'Behov av stöd från både socialtjänst och psykiatri',
      person: { firstName: 'Ebba', lastName: 'Huvudmansson', birthDate: '1979-06-11' },
      consentTo: 'Region Örebro län',
      teamUnit: { organisation: 'Region Örebro län', unit: CLINIC, caseRole: 'healthcare_contact' },
    });

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
    const meeting = await callSipMeeting(page, kase.id, {
      place: 'Psykiatriska kliniken, rum 2',
      called: `${SOCIAL_UNIT} (Örebro kommun)`,
      atStep: async (step) => {
        if (step === 'who')
          await expectAccessible(page, 'wizard: who (healthcare calls the kommun)');
      },
    });

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
    await m1.getByLabel('Slut').fill(swedishDay(90));
    await choose(page, form, 'Huvudansvar', 'Örebro kommun');
    await form.getByLabel('Nästa uppföljning').fill(swedishDay(60));
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
