import type { Browser, Page } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  api,
  personnummer,
  untilAttribute,
  untilCount,
  untilFocused,
  untilText,
  untilTexts,
  swedishDay,
} from './support/browser';
import { type ApiOnPostgres, startApiOnPostgres } from './support/api-server';

/** Chooses a Material select's option from the keyboard (as case-consent-journey does). */
async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: option }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

describe('Trygga hem: koordinatorsgrupp meeting', () => {
  let server: ApiOnPostgres;
  let browser: Browser;
  let social: TestPage;
  let coordinator: TestPage;

  // Its own demo data: the journey counts the group's cases and its proposed agenda, which other
  // journeys of the run change (enrolling, re-enrolling, taking cases off the caseload).
  beforeAll(async () => {
    server = await startApiOnPostgres();
    browser = await launchBrowser();
    social = await openPage(browser, server.baseUrl);
    coordinator = await openPage(browser, server.baseUrl);
  });

  afterAll(async () => {
    await social?.context.close();
    await coordinator?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('runs a meeting from the proposed agenda to approved, read-only minutes', async () => {
    const { page, problems } = social;

    // 1. A member of the Örebro koordinatorsgrupp finds the group in the main menu.
    await signIn(page, 'social.orebro');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Koordinatorsgrupp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Koordinatorsgrupp' }).waitFor();
    const groupLink = page.getByRole('link', { name: 'Koordinatorsgruppen Örebro' });
    await groupLink.waitFor();
    await page.getByText('Du är medlem').waitFor();
    await expectAccessible(page, 'groups');
    const groupId = (await groupLink.getAttribute('href'))!.split('/').pop()!;

    // Set-up, not the point of the test: a second Trygga hem case in the group's caseload.
    const created = await api<{ id: string; number: string }>(page, 'POST', '/api/v1/cases', {
      programme: 'TRYGGA_HEM',
      teamRole: 'victim_support',
      participants: [
        {
          role: 'offender',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: personnummer('1979-03-03', 555),
            firstName: 'Bengt',
            lastName: 'Testsson',
          },
        },
      ],
    });
    expect(created.status).toBe(201);
    const enrolled = await api(page, 'POST', '/api/v1/trygga-hem/cases', {
      caseId: created.body.id,
      groupId,
      priority: 'A',
      priorityBasis: 'Bevakning efter anmälan om hot.',
    });
    expect(enrolled.status).toBe(201);
    const newNumber = created.body.number;

    // 2. The group page: members and schedule.
    await groupLink.click();
    await page.getByRole('heading', { level: 1, name: 'Koordinatorsgruppen Örebro' }).waitFor();
    await page.getByText('Varannan tisdag 09.00–11.00, Polishuset Örebro').waitFor();
    const members = page.getByRole('table', { name: 'Gruppens medlemmar (4)' });
    await members.getByRole('cell', { name: 'Polisområde Örebro län' }).waitFor();
    await screenshot(page, 'th-01-group');
    await expectAccessible(page, 'group');

    // 3. The board shows both cases; a filter narrows it and is kept in the URL.
    await page.getByRole('link', { name: 'Öppna tavlan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tavlan' }).waitFor();
    const board = page.getByRole('table', { name: 'Gruppens ärenden (2)' });
    await board.getByRole('link', { name: newNumber }).waitFor();
    const demoNumber = (await board.getByRole('rowheader').allInnerTexts())
      .map((t) => t.trim())
      .find((n) => n !== newNumber)!;
    expect(demoNumber).toMatch(/^TH-\d{4}-\d{6}$/);
    await board.getByRole('row').filter({ hasText: demoNumber }).getByText('Ny händelse').waitFor();
    await screenshot(page, 'th-02-board');
    await expectAccessible(page, 'board');
    await page.getByRole('checkbox', { name: 'Nya händelser' }).check();
    await page.getByRole('table', { name: 'Gruppens ärenden (1)' }).waitFor();
    expect(new URL(page.url()).searchParams.get('newIncidents')).toBe('true');
    await page.reload();
    await page.getByRole('table', { name: 'Gruppens ärenden (1)' }).waitFor();
    await page.getByRole('checkbox', { name: 'Nya händelser', checked: true }).waitFor();

    // 4. A new meeting today, with the agenda proposed from the board: new incident first.
    await page.getByRole('link', { name: 'Till gruppen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Koordinatorsgruppen Örebro' }).waitFor();
    await page.getByRole('button', { name: 'Starta möte' }).click();
    await page.getByRole('heading', { level: 1, name: /^Möte / }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/koordinatorsgrupp\/mote\/[0-9a-f-]{36}$/);
    const agenda = page.getByRole('list', { name: 'Dagordning' });
    const agendaCases = agenda.getByRole('listitem').locator('strong');
    await untilTexts(agendaCases, [`1. ${demoNumber}`, `2. ${newNumber}`]);
    await screenshot(page, 'th-03-agenda');
    await expectAccessible(page, 'meeting: proposed agenda');

    // 5. The agenda is reordered from the keyboard; focus stays with the moved case.
    await page.getByRole('button', { name: `Flytta ${newNumber} uppåt` }).focus();
    await page.keyboard.press('Enter');
    await untilFocused(page, { id: 'agenda-down-0', text: 'Ned' });
    await untilTexts(agendaCases, [`1. ${newNumber}`, `2. ${demoNumber}`]);
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/agenda') && r.request().method() === 'PUT'),
      page.getByRole('button', { name: 'Spara dagordningen' }).click(),
    ]);
    expect(saved.status()).toBe(200);
    await page.getByRole('button', { name: 'Spara dagordningen' }).waitFor({ state: 'detached' });

    // 6. Case by case: a decision and an action with owner and due date for the first case.
    await page.getByRole('heading', { level: 3, name: `Punkt 1 av 2: ${newNumber}` }).waitFor();
    await page.getByRole('textbox', { name: 'Beslut' }).fill('Underrättelse genom hembesök.');
    const [decided] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/items/') && r.request().method() === 'PATCH'),
      page.getByRole('button', { name: 'Spara beslutet' }).click(),
    ]);
    expect(decided.status()).toBe(200);
    await page.getByText('Beslutet fört av').waitFor();
    const due = swedishDay(7);
    await page.getByRole('textbox', { name: 'Vad ska göras' }).fill('Boka hembesök med polisen');
    await choose(page, 'Ansvarig (person och organisation)', /Polisområde Örebro län/);
    await page.getByLabel('Klart senast').fill(due);
    const [action] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/actions') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Lägg till åtgärden' }).click(),
    ]);
    expect(action.status()).toBe(201);
    const walk = page.locator('article[aria-labelledby="current-item-title"]');
    await walk.getByRole('listitem').filter({ hasText: 'Boka hembesök med polisen' }).waitFor();
    // The emptied form starts afresh: no errors on fields nobody has touched yet.
    await untilCount(page.locator('#action-form mat-error:visible'), 0);
    await untilFocused(page, { id: 'action-description' });
    await screenshot(page, 'th-04-decision-and-action');
    await expectAccessible(page, 'meeting: decision and action');

    // 7. The next case, on a projector: large type, focus on the item's heading.
    await page.getByRole('button', { name: 'Stor text' }).click();
    await untilAttribute(page.getByRole('button', { name: 'Stor text' }), 'aria-pressed', 'true');
    await page.getByRole('button', { name: 'Nästa ärende' }).click();
    await untilFocused(page, { id: 'current-item-title', text: `Punkt 2 av 2: ${demoNumber}` });
    await page
      .getByRole('textbox', { name: 'Beslut' })
      .fill('Ny riskbedömning efter överträdelsen.');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/items/') && r.request().method() === 'PATCH'),
      page.getByRole('button', { name: 'Spara beslutet' }).click(),
    ]);
    await page.getByText('Beslutet fört av').waitFor();
    await screenshot(page, 'th-05-projector');
    await expectAccessible(page, 'meeting: projector mode');

    // 8. The group approves the minutes; the meeting is then read-only.
    await page.getByRole('region', { name: 'Godkänn protokollet' }).getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const [approved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/approve')),
      dialog.getByRole('button', { name: 'Godkänn protokollet' }).click(),
    ]);
    expect(approved.status()).toBe(200);
    await page.getByText('Protokollet är godkänt och kan inte längre ändras.').waitFor();
    const minutes = page.getByRole('region', { name: 'Protokoll', exact: true });
    await minutes.getByText('Underrättelse genom hembesök.').waitFor();
    await minutes.getByText(/Boka hembesök med polisen/).waitFor();
    await minutes.getByText('Ny riskbedömning efter överträdelsen.').waitFor();
    await untilCount(page.getByRole('textbox'), 0);
    await untilCount(page.getByRole('button', { name: 'Spara beslutet' }), 0);
    await untilCount(page.getByRole('button', { name: /^Flytta / }), 0);
    await screenshot(page, 'th-06-approved');
    await expectAccessible(page, 'meeting: approved minutes');

    // After a reload too: approved, read-only, decisions and the action kept.
    await page.reload();
    await page.getByText('Protokoll godkänt').first().waitFor();
    await page.getByText('Protokollet är godkänt och kan inte längre ändras.').waitFor();
    await untilCount(page.getByRole('textbox'), 0);

    // 9. The case page's Trygga hem tab: priority, reviewed today, the action.
    await page.goto(`/arenden/${created.body.id}?flik=tryggahem`);
    await page
      .getByRole('heading', { level: 2, name: 'Trygga hem och koordinatorsgruppen' })
      .waitFor();
    await page.getByText('Bevakning efter anmälan om hot.').first().waitFor();
    await page
      .getByRole('region', { name: 'Åtgärder' })
      .getByText(/Boka hembesök/)
      .waitFor();
    await screenshot(page, 'th-07-case-tab');
    await expectAccessible(page, 'case: Trygga hem tab');

    expect(problems).toEqual([]);
  });

  it('shows the coordinator the figures with small counts hidden and no personal data', async () => {
    const { page, problems } = coordinator;
    await signIn(page, 'samordnare.orebro');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Statistik Trygga hem' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Statistik Trygga hem' }).waitFor();
    const table = page.getByRole('table', { name: 'Trygga hem i Örebro kommun' });
    const total = table.getByRole('row', { name: /^Ärenden totalt/ });
    // The demo case and the one enrolled above: 1–4 cases are hidden (D6).
    await untilText(total.getByRole('cell'), '< 5');
    await total.getByText('färre än 5').waitFor({ state: 'attached' });
    // The figures are shown (waited for above): nothing on the page names a person or a case.
    const shown = await page.locator('main').innerText();
    expect(shown).not.toMatch(/Johan Berg|Bengt Testsson|TH-\d/);
    await screenshot(page, 'th-08-figures');
    await expectAccessible(page, 'figures');
    expect(problems).toEqual([]);
  });
});
