import type { Browser } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  swedishDay,
  api,
  untilCount,
  untilValue,
} from './support/browser';
import { SOCIAL_UNIT, callSipMeeting, choose, createSipCase, organisations } from './support/sip';

const PERSON = { firstName: 'Nora', lastName: 'Sipström' };

/**
 * Issue 4 in the browser: the psychiatric clinic (Region Örebro län) calls Örebro kommun's social
 * services to a SIP meeting, social services answer in their inbox, the plan is written with the
 * four mandatory items (D8) and seen on the timeline (D12), both huvudmän approve and the
 * person's agreement is recorded (D9), the agreed version is read-only and prints (D13), and a
 * follow-up starts version 2 with its differences.
 */
describe('SIP journey in the browser', () => {
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

  it('calls a meeting, answers it, agrees the plan, prints it and follows it up', async () => {
    const page = vard.page;
    await signIn(page, 'vard.psykiatri');

    // Set-up through the API (not the point of this test): a SIP case with consent for the kommun.
    const kase = await createSipCase(page, {
      description: 'Utskrivningsklar patient med behov av stöd i boendet',
      person: { ...PERSON, birthDate: '1984-02-17' },
      consentTo: 'Örebro kommun',
      categories: ['identity', 'coordination', 'social'],
    });

    // 1. The SIP tab: no dates yet; record the request date, the deadlines appear.
    await page.goto(`/arenden/${kase.id}?flik=sip`);
    await page
      .getByRole('heading', { level: 2, name: 'Samordnad individuell plan (SIP)' })
      .waitFor();
    await page.getByRole('button', { name: 'Registrera datum för SIP' }).click();
    // Issue 15: violence is part of the need; its forms are asked for once that is ticked.
    const violence = page.getByRole('checkbox', {
      name: 'Våld i nära relationer ingår i behovet',
    });
    await violence.focus();
    await violence.press('Space');
    const forms = page.getByRole('group', { name: /^Former av våld/ });
    for (const name of ['Ekonomiskt våld', 'Psykiskt våld']) {
      const box = forms.getByRole('checkbox', { name, exact: true });
      await box.focus();
      await box.press('Space');
      await forms.getByRole('checkbox', { name, exact: true, checked: true }).waitFor();
    }
    await expectAccessible(page, 'SIP settings with forms of violence');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page
      .locator('dd.sip-violence-forms')
      .getByText('Psykiskt våld, Ekonomiskt våld', { exact: true })
      .waitFor();
    const deadlines = page.getByRole('table', { name: 'Tidsfrister för SIP' });
    await deadlines.getByRole('rowheader', { name: 'Första mötet efter begäran' }).waitFor();
    await screenshot(page, 'sip-01-tab');
    await expectAccessible(page, 'SIP tab');

    // 2. The wizard: without place or video link "Next" shows the error at the field. Who: a
    // kallelse to social services, an inbjudan to Försäkringskassan.
    const meeting = await callSipMeeting(page, kase.id, {
      place: 'Psykiatriska kliniken, mötesrum 2',
      called: `${SOCIAL_UNIT} (Örebro kommun)`,
      actors: ['Försäkringskassan'],
      atStep: async (step) => {
        if (step === 'when') {
          const when = page.locator('#sip-step-when');
          await when.getByRole('button', { name: 'Nästa' }).click();
          await when.getByText('Ange en plats eller en videolänk.', { exact: true }).waitFor();
          await expectAccessible(page, 'wizard: when with error');
        } else if (step !== 'person') await expectAccessible(page, `wizard: ${step}`);
      },
    });
    const invitations = page.getByRole('table', { name: 'Kallade och inbjudna (2)' });
    await invitations
      .getByRole('row', { name: new RegExp(SOCIAL_UNIT) })
      .getByText('Obesvarad')
      .waitFor();
    await screenshot(page, 'sip-02-meeting-called');
    await expectAccessible(page, 'SIP tab with a meeting');

    // 3. Social services answer in their inbox: the person is shown as far as consent covers.
    const other = social.page;
    await signIn(other, 'social.orebro');
    await other
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'SIP-inbjudningar' })
      .click();
    await other.getByRole('heading', { level: 1, name: 'SIP-inbjudningar' }).waitFor();
    const card = other.getByRole('article', { name: new RegExp(kase.number) });
    await card.getByText(`${PERSON.firstName} ${PERSON.lastName}`).waitFor();
    await screenshot(other, 'sip-03-inbox');
    await expectAccessible(other, 'invitation inbox');
    const calendarHref = await card
      .getByRole('link', { name: 'Lägg till i kalendern (.ics)' })
      .getAttribute('href');
    const ics = await api(other, 'GET', calendarHref!);
    expect([ics.status, ics.type]).toEqual([200, expect.stringMatching(/^text\/calendar/)]);
    await card.getByRole('button', { name: `Tacka ja till mötet i ärende ${kase.number}` }).click();
    await card.getByText('Tackat ja', { exact: true }).waitFor();

    // The meeting page the calendar file links to shows the answer.
    await other.goto(`/sip/moten/${meeting.id}`);
    await other.getByRole('heading', { level: 1, name: 'SIP-möte' }).waitFor();
    await other
      .getByRole('table', { name: /Kallade och inbjudna/ })
      .getByText('Tackat ja')
      .waitFor();
    await expectAccessible(other, 'meeting page');

    // 4. The clinic writes the plan: needs, own goal, measures with owners, huvudansvar, follow-up.
    await page.goto(`/sip/planer/${meeting.planVersionId}`);
    await page
      .getByRole('heading', { level: 1, name: `SIP-plan version 1, ärende ${kase.number}` })
      .waitFor();
    await page
      .getByRole('heading', { name: 'Detta saknas innan planen kan bli överenskommen' })
      .waitFor();
    const form = page.locator('#sip-plan-form');
    await form.getByRole('button', { name: 'Lägg till behov' }).click();
    await form.getByRole('textbox', { name: 'Behov 1' }).fill('Stöd i boendet efter utskrivning');
    await form.getByRole('button', { name: 'Lägg till mål' }).click();
    await form.getByRole('textbox', { name: 'Mål 1' }).fill('Jag vill klara min vardag själv');
    await form.getByRole('checkbox', { name: 'Personens egna ord' }).check();
    await form.getByRole('button', { name: 'Lägg till insats' }).click();
    const m1 = form.getByRole('group', { name: 'Insats 1' });
    await m1.getByRole('textbox', { name: 'Beskrivning' }).fill('Öppenvårdskontakt varje vecka');
    await choose(page, m1, 'Organisation', 'Region Örebro län');
    await m1.getByLabel('Slut').fill(swedishDay(90));
    await form.getByRole('button', { name: 'Lägg till insats' }).click();
    const m2 = form.getByRole('group', { name: 'Insats 2' });
    await m2
      .getByRole('textbox', { name: 'Beskrivning' })
      .fill('Boendestödjare två gånger i veckan');
    await choose(page, m2, 'Ansvarig', 'Kommun');
    await choose(page, m2, 'Organisation', 'Örebro kommun');
    await m2.getByLabel('Start').fill(swedishDay(10));
    await m2.getByLabel('Slut').fill(swedishDay(120));
    await choose(page, form, 'Huvudansvar', 'Örebro kommun');
    await form.getByLabel('Nästa uppföljning').fill(swedishDay(45));
    await expectAccessible(page, 'plan editor');
    const [saved] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().includes('/sip/plans/') && r.request().method() === 'PUT',
      ),
      form.getByRole('button', { name: 'Spara planen' }).click(),
    ]);
    expect(saved.status()).toBe(200);
    await page
      .getByRole('heading', { name: 'Detta saknas innan planen kan bli överenskommen' })
      .waitFor({ state: 'detached' });

    // The timeline: both agencies on one axis, the overlap named in text (not only colour).
    const timeline = page.getByRole('table', { name: /^Insatser per aktör/ });
    await timeline.getByRole('rowheader', { name: 'Region Örebro län' }).waitFor();
    await timeline.getByRole('rowheader', { name: 'Örebro kommun' }).waitFor();
    await page.getByText('1 överlappning mellan olika aktörers insatser.').waitFor();
    await screenshot(page, 'sip-04-plan-timeline');
    await expectAccessible(page, 'plan with timeline');

    // 5. Both huvudmän approve; the person's agreement is recorded: the version is agreed.
    await page.getByRole('button', { name: 'Godkänn planen för Region Örebro län' }).click();
    const approvals = page.getByRole('table', { name: /Huvudmännens godkännanden/ });
    await approvals
      .getByRole('row', { name: /Region Örebro län/ })
      .getByText('Godkänt', { exact: true })
      .waitFor();
    await other.goto(`/sip/planer/${meeting.planVersionId}`);
    await other.getByRole('button', { name: 'Godkänn planen för Örebro kommun' }).click();
    await other
      .getByRole('table', { name: /Huvudmännens godkännanden/ })
      .getByRole('row', { name: /Örebro kommun/ })
      .getByText('Godkänt', { exact: true })
      .waitFor();
    await page.reload();
    await page
      .getByRole('textbox', { name: 'Hur personen samtyckte (valfritt)' })
      .fill('Undertecknad på mötet');
    await page.getByRole('button', { name: 'Registrera personens samtycke till planen' }).click();
    await page.locator('#sip-plan-status').getByText('Överenskommen', { exact: true }).waitFor();

    // The agreed version is read-only: no editor, the content is shown as text.
    await untilCount(page.locator('#sip-plan-form'), 0);
    await untilCount(page.getByRole('button', { name: 'Spara planen' }), 0);
    await page.getByText('Jag vill klara min vardag själv').waitFor();
    await screenshot(page, 'sip-05-agreed');
    await expectAccessible(page, 'agreed plan');

    // 6. The PDF downloads as application/pdf, in Swedish and English.
    for (const name of ['Ladda ner PDF (svenska)', 'Ladda ner PDF (engelska)']) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      const pdf = await api(page, 'GET', href!);
      expect([name, pdf.status, pdf.type]).toEqual([name, 200, 'application/pdf']);
    }

    // 7. A follow-up meeting starts version 2 from the agreed content; the diff shows the change.
    const kommun = (await organisations(page)).find((o) => o.name === 'Örebro kommun')!;
    const followUp = await api<{ planVersionId: string }>(
      page,
      'POST',
      `/api/v1/cases/${kase.id}/sip/meetings`,
      {
        startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
        videoLink: 'https://mote.example.se/sip-uppfoljning',
        personParticipates: true,
        relativesParticipate: false,
        invitees: [{ unitId: kommun.units.find((u) => u.name === SOCIAL_UNIT)!.id }],
      },
    );
    expect(followUp.status).toBe(201);
    await page.goto(`/arenden/${kase.id}?flik=sip`);
    const plans = page.getByRole('table', { name: 'Planversioner (2)' });
    await plans
      .getByRole('row', { name: /Version 2/ })
      .getByText('Utkast')
      .waitFor();
    await plans.getByRole('link', { name: 'Version 2' }).click();
    await page
      .getByRole('heading', { level: 1, name: `SIP-plan version 2, ärende ${kase.number}` })
      .waitFor();
    await untilValue(
      page.getByRole('textbox', { name: 'Behov 1' }),
      'Stöd i boendet efter utskrivning',
    );
    const diff = page.getByRole('table', { name: /^Ändringar \(\d+\)$/ });
    await diff.getByRole('cell', { name: 'Uppföljning' }).first().waitFor();
    await screenshot(page, 'sip-06-version-2');
    await expectAccessible(page, 'plan version 2 with differences');

    expect(vard.problems).toEqual([]);
    expect(social.problems).toEqual([]);
  });
});
