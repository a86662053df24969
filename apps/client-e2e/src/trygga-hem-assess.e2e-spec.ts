import type { Browser, Page } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  tabUntil,
  api,
  personnummer,
  untilAttribute,
  untilCount,
  untilFocused,
  untilText,
  untilValue,
  swedishDay,
} from './support/browser';

/** Like `api`, failing the test with the API's answer unless the status is `expected`. */
async function setUp<T>(
  page: Page,
  method: string,
  path: string,
  body: unknown,
  expected: number,
): Promise<T> {
  const res = await api<T>(page, method, path, body);
  if (res.status !== expected)
    throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Fills the focused date field. Reached by keyboard like every other field, but filled through
 * Playwright: Chromium's segmented date field orders its segments by the browser's own locale.
 */
async function typeDate(page: Page, iso: string): Promise<void> {
  await page.locator('input[type="date"]:focus').fill(iso);
}

/** Tabs out of a date field (Tab also steps through its segments) to the level radio group. */
async function tabToLevel(page: Page): Promise<void> {
  await tabUntil(page, (el) => el.id.startsWith('mat-radio-'));
}

/** Waits until the CDK live announcer has said `text` (it is what screen readers read out). */
async function announced(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.cdk-live-announcer-element', { hasText: text }).waitFor({
    state: 'attached',
  });
}

interface Ref {
  id: string;
}
interface Meeting extends Ref {
  version: number;
  items: { id: string; version: number }[];
}

const PLAN = 'Larmpaket och kodord med förskolan.';
const WHEREABOUTS = 'Skyddat boende Norrby';
const ACTION = 'Boka stödsamtal för Eva';

describe('Trygga hem: risk assessment, skyddsplan and actions on the case page', () => {
  let browser: Browser;
  let social: TestPage;
  let police: TestPage;
  let caseId = '';
  let meetingId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    social = await openPage(browser);
    police = await openPage(browser);
  });

  afterAll(async () => {
    // Leave the shared demo database as the other journeys expect it: the group's board and
    // agendas hold only their own cases, and no meeting is left open.
    if (caseId && social) {
      const page = social.page;
      if (meetingId) {
        const m = (await api<Meeting>(page, 'GET', `/api/v1/trygga-hem/meetings/${meetingId}`))
          .body;
        const item = m.items[0];
        if (item) {
          const decided = await api<Meeting>(
            page,
            'PATCH',
            `/api/v1/trygga-hem/meetings/${meetingId}/items/${item.id}`,
            { version: item.version, decision: 'Följs upp vid nästa möte.' },
          );
          await api(page, 'POST', `/api/v1/trygga-hem/meetings/${meetingId}/approve`, {
            version: decided.body.version,
          });
        }
      }
      const kase = (await api<{ version: number }>(page, 'GET', `/api/v1/cases/${caseId}`)).body;
      await api(page, 'POST', `/api/v1/cases/${caseId}/status`, {
        version: kase.version,
        status: 'closed',
        reason: 'Testärende avslutat.',
      });
    }
    await social?.context.close();
    await police?.context.close();
    await browser?.close();
  });

  it('records assessments, keeps the skyddsplan on the victim side and marks actions done', async () => {
    const { page, problems } = social;
    await signIn(page, 'social.orebro');

    // Set-up through the API, not the point of the test: a Trygga hem case where the social
    // worker supports the victim (victim side), the police work with the offender by consent,
    // in the Örebro group's caseload with a FREDA assessment due for review and an action from
    // yesterday's meeting carried over to today's.
    const groups = await setUp<{ id: string; municipalityCode: string }[]>(
      page,
      'GET',
      '/api/v1/trygga-hem/groups',
      undefined,
      200,
    );
    const groupId = groups.find((g) => g.municipalityCode === '1880')!.id;
    const group = await setUp<{
      members: { user: Ref; organisation: Ref & { type: string } }[];
    }>(page, 'GET', `/api/v1/trygga-hem/groups/${groupId}`, undefined, 200);
    const policeMember = group.members.find((m) => m.organisation.type === 'police')!;
    const socialMember = group.members.find((m) => m.organisation.type === 'municipality')!;
    const created = await setUp<Ref & { number: string }>(
      page,
      'POST',
      '/api/v1/cases',
      {
        programme: 'TRYGGA_HEM',
        teamRole: 'victim_support',
        participants: [
          {
            role: 'offender',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: personnummer('1975-06-06', 556),
              firstName: 'Sture',
              lastName: 'Provsson',
            },
          },
          {
            role: 'victim',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: personnummer('1986-10-10', 557),
              firstName: 'Eva',
              lastName: 'Provsson',
            },
          },
          {
            role: 'child',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: personnummer('2019-05-05', 558),
              firstName: 'Nils',
              lastName: 'Provsson',
            },
          },
        ],
        consents: [
          {
            participantIndex: 0,
            recipientOrganisationIds: [policeMember.organisation.id],
            categories: ['identity', 'coordination', 'criminal', 'risk'],
            form: 'written',
            givenOn: swedishDay(0),
            validUntil: swedishDay(365),
          },
        ],
      },
      201,
    );
    caseId = created.id;
    await setUp(
      page,
      'POST',
      `/api/v1/cases/${caseId}/team`,
      { userId: policeMember.user.id, caseRole: 'police_contact' },
      201,
    );
    await setUp(
      page,
      'POST',
      '/api/v1/trygga-hem/cases',
      { caseId, groupId, priority: 'B', priorityBasis: 'Hot mot partner, barn i hushållet.' },
      201,
    );
    await setUp(
      page,
      'POST',
      `/api/v1/trygga-hem/cases/${caseId}/risk-assessments`,
      {
        instrument: 'freda',
        assessedOn: swedishDay(-40),
        level: 'medium',
        reviewOn: swedishDay(-10),
      },
      201,
    );
    const yesterday = await setUp<Meeting>(
      page,
      'POST',
      `/api/v1/trygga-hem/groups/${groupId}/meetings`,
      { heldOn: swedishDay(-1) },
      201,
    );
    const agenda = await setUp<Meeting>(
      page,
      'PUT',
      `/api/v1/trygga-hem/meetings/${yesterday.id}/agenda`,
      { version: yesterday.version, caseIds: [caseId] },
      200,
    );
    await setUp(
      page,
      'POST',
      `/api/v1/trygga-hem/meetings/${yesterday.id}/items/${agenda.items[0].id}/actions`,
      {
        description: ACTION,
        ownerOrganisationId: socialMember.organisation.id,
        ownerUserId: socialMember.user.id,
        dueOn: swedishDay(7),
      },
      201,
    );
    const decided = await setUp<Meeting>(
      page,
      'PATCH',
      `/api/v1/trygga-hem/meetings/${yesterday.id}/items/${agenda.items[0].id}`,
      { version: agenda.items[0].version, decision: 'Stödsamtal erbjuds.' },
      200,
    );
    await setUp(
      page,
      'POST',
      `/api/v1/trygga-hem/meetings/${yesterday.id}/approve`,
      { version: decided.version },
      200,
    );
    const todays = await setUp<Meeting>(
      page,
      'POST',
      `/api/v1/trygga-hem/groups/${groupId}/meetings`,
      { heldOn: swedishDay(0) },
      201,
    );
    meetingId = todays.id;
    await setUp(
      page,
      'PUT',
      `/api/v1/trygga-hem/meetings/${meetingId}/agenda`,
      { version: todays.version, caseIds: [caseId] },
      200,
    );

    // 1. The case's Trygga hem tab: the FREDA assessment is due, with a way to assess again.
    await page.goto(`/arenden/${caseId}?flik=tryggahem`);
    await page
      .getByRole('heading', { level: 2, name: 'Trygga hem och koordinatorsgruppen' })
      .waitFor();
    const risk = page.getByRole('region', { name: 'Riskbedömningar' });
    await risk.getByRole('heading', { name: 'Dags att göra om bedömningen' }).waitFor();
    await risk.getByText(/FREDA, Örebro kommun: skulle ses över senast/).waitFor();
    await screenshot(page, 'th-assess-01-due');
    await expectAccessible(page, 'case tab: assessment due for review');

    // 2. A new assessment by keyboard. Saving it empty moves focus to the first field to fill in.
    await risk.getByRole('button', { name: 'Ny riskbedömning' }).focus();
    await page.keyboard.press('Enter');
    await untilFocused(page, { id: 'th-assess-instrument' });
    await page.getByRole('heading', { name: 'Registrera en riskbedömning' }).waitFor();
    await risk.getByText(/registreras för Örebro kommun med dig, Anna Lindqvist/).waitFor();
    await tabUntil(page, (el) => el.text === 'Spara riskbedömningen');
    await page.keyboard.press('Enter');
    await untilFocused(page, { id: 'th-assess-instrument' });
    await risk.locator('#th-assess-level-error', { hasText: 'Fältet måste fyllas i.' }).waitFor();
    // The instrument: its list opens with Enter; End reaches "Annat instrument", which asks for a name.
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page.getByRole('textbox', { name: 'Instrumentets namn' }).waitFor();
    await page.keyboard.press('Tab');
    await untilFocused(page, { id: 'th-assess-instrument-name' });
    await page.keyboard.type('Stalking Risk Screen');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    // The assessment date is today already; the review date goes before it: refused in the form.
    // (Tab also steps through a date field's year, month and day.)
    await untilValue(page.locator('#th-assess-assessed-on'), swedishDay(0));
    await tabUntil(page, (el) => el.id === 'th-assess-review-on');
    await typeDate(page, swedishDay(-5));
    await untilValue(page.locator('#th-assess-review-on'), swedishDay(-5));
    await tabToLevel(page);
    await page.keyboard.press('ArrowRight');
    await page.getByRole('radio', { name: 'Förhöjd', checked: true }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Förhöjd risk efter hot via sms.');
    await tabUntil(page, (el) => el.text === 'Spara riskbedömningen');
    let posted = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/risk-assessments') && r.method() === 'POST') posted++;
    });
    await page.keyboard.press('Enter');
    await untilFocused(page, { id: 'th-assess-review-on' });
    await risk
      .getByText('Översynsdatumet kan inte vara före bedömningsdatumet.')
      .waitFor({ state: 'visible' });
    expect(posted).toBe(0);
    await screenshot(page, 'th-assess-02-review-refused-in-form');
    await expectAccessible(page, 'risk form: review date refused in the form');

    // 3. The server refuses the same rule with its own field message: a request that slipped
    // past the form (here rewritten on its way out) gets a 400 naming reviewOn, shown at the field.
    await page.locator('#th-assess-review-on').focus();
    await typeDate(page, swedishDay(90));
    // The answer is read as it passes: Chromium keeps no body of a no-store answer afterwards.
    interface Refusal {
      status: number;
      body: { errors: { field: string; code: string }[] };
    }
    let answered: (r: Refusal) => void = () => undefined;
    const refusal = new Promise<Refusal>((ok) => (answered = ok));
    await page.route('**/risk-assessments', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
      const response = await route.fetch({
        postData: JSON.stringify({ ...body, reviewOn: swedishDay(-5) }),
      });
      const text = await response.text();
      answered({ status: response.status(), body: JSON.parse(text) as Refusal['body'] });
      await route.fulfill({ response, body: text });
    });
    await tabUntil(page, (el) => el.text === 'Spara riskbedömningen');
    await page.keyboard.press('Enter');
    const refused = await refusal;
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'reviewOn', code: 'beforeAssessment' }),
    ]);
    await page.unroute('**/risk-assessments');
    await untilFocused(page, { id: 'th-assess-review-on' });
    await risk.getByText('Översynsdatumet kan inte vara före bedömningsdatumet.').waitFor();
    await risk.getByText('Kontrollera uppgifterna och försök igen.').waitFor();
    await screenshot(page, 'th-assess-03-review-refused-by-server');
    await expectAccessible(page, 'risk form: review date refused by the server');

    // A new review date clears the server's message; now it is recorded for Örebro kommun.
    await typeDate(page, swedishDay(91));
    await tabUntil(page, (el) => el.text === 'Spara riskbedömningen');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/risk-assessments')),
      page.keyboard.press('Enter'),
    ]);
    expect(saved.status()).toBe(201);
    await announced(page, 'Riskbedömningen med Stalking Risk Screen är sparad.');
    await untilFocused(page, { id: 'th-assess-open' });
    const srs = risk.getByRole('table', { name: 'Örebro kommun – Stalking Risk Screen' });
    await srs.getByRole('cell', { name: 'Förhöjd', exact: true }).waitFor();
    await srs.getByText('Förhöjd risk efter hot via sms.').waitFor();

    // 4. The due FREDA assessment, assessed again from its own button: the instrument is known.
    await risk.getByRole('button', { name: 'Ny bedömning med FREDA' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ny bedömning med FREDA' }).waitFor();
    await untilFocused(page, { id: 'th-assess-assessed-on' });
    await untilText(page.locator('#th-assess-instrument'), 'FREDA');
    await tabUntil(page, (el) => el.id === 'th-assess-review-on');
    await typeDate(page, swedishDay(60));
    await tabToLevel(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('radio', { name: 'Hög', checked: true }).waitFor();
    await tabUntil(page, (el) => el.text === 'Spara riskbedömningen');
    await page.keyboard.press('Enter');
    await announced(page, 'Riskbedömningen med FREDA är sparad.');
    await risk.getByRole('heading', { name: 'Dags att göra om bedömningen' }).waitFor({
      state: 'detached',
    });
    const freda = risk.getByRole('table', { name: 'Örebro kommun – FREDA' });
    await untilCount(freda.getByRole('row'), 3);
    await freda.getByRole('row').nth(1).getByText('Hög').waitFor();
    await screenshot(page, 'th-assess-04-reassessed');
    await expectAccessible(page, 'case tab: reassessed');

    // 5. The skyddsplan, per victim and child: written, then changed.
    const safety = page.getByRole('region', { name: 'Skyddsplan' });
    await safety.getByRole('heading', { name: 'Skyddsplan för Nils Provsson' }).waitFor();
    await safety.getByRole('button', { name: 'Skriv skyddsplan för Eva Provsson' }).focus();
    await page.keyboard.press('Enter');
    await untilFocused(page, { id: /-plan$/ });
    await page.keyboard.type(PLAN);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Stödsamtal varje vecka.');
    await page.keyboard.press('Tab');
    await page.keyboard.type(WHEREABOUTS);
    await page.keyboard.press('Enter');
    await announced(page, 'Skyddsplanen för Eva Provsson är sparad.');
    await safety.getByText(WHEREABOUTS).waitFor();
    await untilFocused(page, { text: 'Ändra skyddsplanen' });
    await screenshot(page, 'th-assess-05-safety-plan');
    await expectAccessible(page, 'case tab: skyddsplan saved');

    await page.keyboard.press('Enter');
    await untilFocused(page, { id: /-plan$/ });
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Ny kontakt med skolan.');
    // Meanwhile someone else changes the plan: saving from the old version is a 409.
    const th = await setUp<{ safetyPlans: { personId: string; version: number }[] }>(
      page,
      'GET',
      `/api/v1/trygga-hem/cases/${caseId}`,
      undefined,
      200,
    );
    const eva = th.safetyPlans[0];
    await setUp(
      page,
      'PUT',
      `/api/v1/trygga-hem/cases/${caseId}/safety-plans/${eva.personId}`,
      { version: eva.version, plan: 'Ändrad av en kollega.', whereabouts: WHEREABOUTS },
      200,
    );
    await tabUntil(page, (el) => el.text === 'Spara skyddsplanen');
    const [conflict] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/safety-plans/')),
      page.keyboard.press('Enter'),
    ]);
    expect(conflict.status()).toBe(409);
    await safety.getByText(/Någon annan har ändrat skyddsplanen medan du skrev/).waitFor();
    // The reloaded plan is shown above the form, and what was typed is still there.
    await safety.getByText('Ändrad av en kollega.').waitFor();
    await untilValue(
      safety.getByRole('textbox', { name: 'Plan' }),
      `${PLAN} Ny kontakt med skolan.`,
    );
    await screenshot(page, 'th-assess-06-safety-conflict');
    await expectAccessible(page, 'case tab: skyddsplan conflict');
    const [resaved] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/safety-plans/')),
      page.keyboard.press('Enter'),
    ]);
    expect(resaved.status()).toBe(200);
    await safety.getByText(`${PLAN} Ny kontakt med skolan.`).waitFor();
    await safety.getByText(/Någon annan har ändrat/).waitFor({ state: 'detached' });

    // 6. The action from yesterday's meeting: done, then open again, from the keyboard.
    const actions = page.getByRole('region', { name: 'Åtgärder', exact: true });
    const row = actions.getByRole('listitem').filter({ hasText: ACTION });
    // The button is named with the action it changes (visible text first, WCAG 2.5.3).
    const toggle = row.getByRole('button', { name: /^Markera som klar/ });
    await untilAttribute(toggle, 'class', /th-action-status/);
    await untilText(toggle, new RegExp(`^Markera som klar ?: ${ACTION}$`));
    await toggle.focus();
    await page.keyboard.press('Enter');
    await announced(page, `Åtgärden ”${ACTION}” är markerad som klar.`);
    await row.getByText('Klar', { exact: true }).waitFor();
    // Focus stays on the same button, which now offers the way back.
    await untilFocused(page, { text: /^Öppna igen/ });
    await expectAccessible(page, 'case tab: action done');
    await page.keyboard.press('Enter');
    await announced(page, `Åtgärden ”${ACTION}” är öppen igen.`);
    await row.getByText('Öppen', { exact: true }).waitFor();
    await untilFocused(page, { text: /^Markera som klar/ });
    await screenshot(page, 'th-assess-07-action-reopened');

    // 7. Today's meeting shows it among the open actions from earlier meetings; done from there.
    await page.goto(`/koordinatorsgrupp/mote/${meetingId}`);
    await page.getByRole('heading', { level: 1, name: /^Möte / }).waitFor();
    const carried = page.getByRole('region', { name: 'Öppna åtgärder från tidigare möten' });
    const carriedRow = carried.getByRole('row').filter({ hasText: ACTION });
    await carriedRow.getByText('Öppen', { exact: true }).waitFor();
    await expectAccessible(page, 'meeting: carried-over actions');
    await carriedRow.getByRole('button', { name: /^Markera som klar/ }).focus();
    await page.keyboard.press('Enter');
    await announced(page, `Åtgärden ”${ACTION}” är markerad som klar.`);
    await carriedRow.getByText('Klar', { exact: true }).waitFor();
    // It stays in the list until the meeting reloads, so it can be opened again.
    await untilFocused(page, { text: /^Öppna igen/ });
    await screenshot(page, 'th-assess-08-meeting-action-done');
    await expectAccessible(page, 'meeting: action done');

    expect(problems).toEqual([]);
  });

  it('shows the police, on the offender side, neither the skyddsplan nor its form', async () => {
    expect(caseId).not.toBe('');
    const { page, problems } = police;
    await signIn(page, 'polis.orebro');
    await page.goto(`/arenden/${caseId}?flik=tryggahem`);
    await page
      .getByRole('heading', { level: 2, name: 'Trygga hem och koordinatorsgruppen' })
      .waitFor();
    const safety = page.getByRole('region', { name: 'Skyddsplan' });
    await safety
      .getByText(
        'Inte tillgängligt för dig: skyddsplanen visas bara för dem som arbetar med den våldsutsatta.',
      )
      .waitFor();
    await untilCount(safety.getByRole('button'), 0);
    await untilCount(page.getByRole('textbox', { name: /Vistelseort|Plan/ }), 0);
    // The police did get the case (risk by consent), so the absence is not a failed load.
    await page
      .getByRole('region', { name: 'Riskbedömningar' })
      .getByRole('table', { name: 'Örebro kommun – FREDA' })
      .waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toContain(WHEREABOUTS);
    expect(text).not.toContain(PLAN);
    expect(text).not.toContain('Stödsamtal varje vecka.');
    await screenshot(page, 'th-assess-09-police');
    await expectAccessible(page, 'case tab: police');
    expect(problems).toEqual([]);
  });
});
