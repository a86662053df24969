import type { Browser } from 'playwright-core';
import { type ApiOnPostgres, startApiOnPostgres } from './support/api-server';
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
import { offeredActionsRefused } from './support/offered-actions';
import { CLINIC, SOCIAL_UNIT, createSipCase, organisations } from './support/sip';

const INDICATOR = 'Enheter som deltagit på samverkansmöten (SIP-möten och koordinatorsgruppsmöten)';

/**
 * Issue 17 §2 in the browser: the clinic that called a SIP meeting records, after it, which units
 * and people took part — from the keyboard, on the meeting's page — and the steering group's
 * member sees the §7 indicator on the statistics page. Its own API and database: the meeting is
 * moved into the past with SQL (what only time produces).
 */
describe('meeting attendance and the cooperation indicator', () => {
  let server: ApiOnPostgres;
  let browser: Browser;
  let vard: TestPage;
  let steering: TestPage;

  beforeAll(async () => {
    server = await startApiOnPostgres();
    browser = await launchBrowser();
    vard = await openPage(browser, server.baseUrl);
    steering = await openPage(browser, server.baseUrl);
  });

  afterAll(async () => {
    await vard?.context.close();
    await steering?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('the calling clinic records who took part; steering sees the indicator', async () => {
    const { page } = vard;
    await signIn(page, 'vard.psykiatri');
    // Set-up through the API: a SIP case and a meeting called with a kallelse to social services.
    const kase = await createSipCase(page, {
      description: 'Samordning efter utskrivning',
      person: { firstName: 'Ester', lastName: 'Närvarosson', birthDate: '1977-04-12' },
      consentTo: 'Örebro kommun',
    });
    // Örebro kommun's social services (other kommuner have a unit of the same name).
    const socialUnit = (await organisations(page))
      .find((o) => o.name === 'Örebro kommun')!
      .units.find((u) => u.name === SOCIAL_UNIT)!;
    const called = await api<{ id: string }>(
      page,
      'POST',
      `/api/v1/cases/${kase.id}/sip/meetings`,
      {
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        place: 'Psykiatriska kliniken, mötesrum 4',
        personParticipates: true,
        relativesParticipate: false,
        invitees: [{ unitId: socialUnit.id }],
      },
    );
    expect(called.status).toBe(201);
    const meetingId = called.body.id;

    // 1. Before the meeting: attendance shows, recording is not offered.
    await page.goto(`/sip/moten/${meetingId}`);
    const section = page.getByRole('region', { name: 'Närvaro' });
    await section.getByText('Ingen närvaro är registrerad.').waitFor();
    await untilCount(section.getByRole('button', { name: 'Registrera närvaro' }), 0);

    // 2. The meeting was held (its time moved into the past): recording is offered.
    await server.sql(
      `UPDATE sip_meetings SET starts_at = now() - interval '2 hours',
         ends_at = now() - interval '1 hour' WHERE id = $1`,
      [meetingId],
    );
    await page.reload();
    const record = section.getByRole('button', { name: 'Registrera närvaro' });
    await record.waitFor();
    // Offered because the API allows it (issue 15): the control names the allowed action.
    expect(await offeredActionsRefused(page)).toEqual([]);
    await record.focus();
    await page.keyboard.press('Enter');
    const clinic = section.getByRole('group', { name: new RegExp(`^${CLINIC}`) });
    const clinicBox = clinic.getByRole('checkbox', { name: new RegExp(`^${CLINIC}.* deltog$`) });
    await clinicBox.focus();
    await page.keyboard.press('Space');
    const me = clinic.getByRole('checkbox', { name: 'Sara Holm' });
    await me.focus();
    await page.keyboard.press('Space');
    const social = section.getByRole('group', { name: `${SOCIAL_UNIT}, Örebro kommun` });
    const socialBox = social.getByRole('checkbox', { name: /deltog$/ });
    await socialBox.focus();
    await page.keyboard.press('Space');
    // Nobody named or counted for social services: the form says so before sending.
    await section.getByRole('button', { name: 'Spara närvaro' }).click();
    await section
      .getByText('Välj minst en person eller ange hur många andra som deltog.')
      .waitFor();
    await social.getByRole('spinbutton', { name: 'Andra närvarande (antal)' }).fill('2');
    await expectAccessible(page, 'attendance form');
    await section.getByRole('button', { name: 'Spara närvaro' }).click();

    // 3. Saved: the units and people are listed, and stored as given.
    const list = section.getByRole('list', { name: 'Närvaro' });
    await untilText(list, 'Sara Holm');
    await untilText(list, '2 andra');
    await screenshot(page, 'attendance-01-sip-recorded');
    await expectAccessible(page, 'attendance recorded');
    const rows = await server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM meeting_attendances WHERE sip_meeting_id = $1`,
      [meetingId],
    );
    expect(rows[0].n).toBe(2);

    // 4. The steering group's member sees the indicator, by kind of organisation.
    await signIn(steering.page, 'styrgrupp.lan');
    await steering.page.goto('/statistik');
    const table = steering.page.getByRole('table', { name: `${INDICATOR}, som tabell` });
    await table.waitFor();
    await untilText(table, 'Regionens enheter');
    await untilText(table, 'Kommunernas enheter');
    // Few units in the demo county: the counts are below five, shown as such (never the number).
    await untilText(table, '< 5');
    await screenshot(steering.page, 'attendance-02-indicator');
    await expectAccessible(steering.page, 'statistics with the cooperation indicator');
  });
});
