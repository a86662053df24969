import { addDays, swedishDate } from '@samsyn/domain';
import { answerTo } from './support/responses';
import type { Browser, Page } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  personnummer,
  screenshot,
  signIn,
  until,
  untilCount,
  untilFocused,
} from './support/browser';

/** Someone no other journey uses: the case is found by its number later. */
const OFFENDER = {
  personalNumber: personnummer('1983-08-18', 731),
  firstName: 'Vilgot',
  lastName: 'Journeysson',
};

/** Chooses an option of a Material select from the keyboard (see case-consent-journey). */
async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: option }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

/**
 * No link on the page leads to a case, the board or a meeting (case rows, D1). Self-contained:
 * it runs in the page.
 */
const noCaseRowLinks = (): boolean =>
  Array.from(document.querySelectorAll<HTMLAnchorElement>('main a[href]')).every(
    (a: HTMLAnchorElement) =>
      !/^\/(arenden\/[^/?]+|koordinatorsgrupp\/[^/]+\/tavla|koordinatorsgrupp\/mote\/[^/?]+)/.test(
        a.getAttribute('href') ?? '',
      ),
  );

/**
 * Issue 15 through the client only: a social worker opens a Trygga hem case and refers it to the
 * Örebro koordinatorsgrupp from the case's tab, finds it on the group's board as a member and
 * takes it off the caseload with a reason (item 1); the samordnare manages the group — members,
 * meeting schedule, calling a meeting, the group's figures — without a single link to a case row
 * (item 4). Axe at every step.
 */
describe('Trygga hem journeys (issue 15)', () => {
  let browser: Browser;
  let social: TestPage;
  let samordnare: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    social = await openPage(browser);
    samordnare = await openPage(browser);
  });

  afterAll(async () => {
    await social?.context.close();
    await samordnare?.context.close();
    await browser?.close();
  });

  it('item 1: a new case is referred to the group in the client, and the group takes it off with a reason', async () => {
    const { page, problems } = social;

    // 1. A new Trygga hem case in the wizard.
    await signIn(page, 'social.orebro');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Nytt ärende' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nytt ärende' }).waitFor();
    await page.getByRole('radio', { name: 'Trygga hem' }).check();
    await page.getByRole('radio', { name: 'Trygga hem', checked: true }).waitFor();
    await page.locator('#step-setup').getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { level: 2, name: 'Deltagare' }).waitFor();
    const step = page.locator('#step-participants');
    await step.getByRole('textbox', { name: 'Personnummer' }).fill(OFFENDER.personalNumber);
    await step.getByRole('textbox', { name: 'Förnamn' }).fill(OFFENDER.firstName);
    await step.getByRole('textbox', { name: 'Efternamn' }).fill(OFFENDER.lastName);
    await step.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { level: 2, name: 'Samtycke' }).waitFor();
    await page.locator('#step-consent').getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { level: 2, name: 'Granska och skapa' }).waitFor();
    const created = await answerTo<{ id: string; number: string }>(
      page,
      (url, method) => url.endsWith('/api/v1/cases') && method === 'POST',
      () => page.locator('#step-review').getByRole('button', { name: 'Skapa ärende' }).click(),
    );
    expect(created.status).toBe(201);
    const { id: caseId, number } = created.body;
    await page.getByRole('heading', { level: 1, name: `Ärende ${number}` }).waitFor();

    // 2. The Trygga hem tab offers the referral: the group of the case's municipality.
    await page.getByRole('tab', { name: 'Trygga hem' }).click();
    const form = page.locator('#th-enrol-form');
    await form.getByRole('heading', { name: 'Anmäl till koordinatorsgrupp' }).waitFor();
    await form
      .getByRole('combobox', { name: 'Koordinatorsgrupp' })
      .getByText('Koordinatorsgruppen Örebro')
      .waitFor();
    await screenshot(page, 'th-journey-01-enrol');
    await expectAccessible(page, 'case tab: refer to a group');

    // Sending it without priority and basis says what is missing and focuses the first field.
    await form.getByRole('button', { name: 'Anmäl till gruppen' }).click();
    await form.getByText('Fältet måste fyllas i.').first().waitFor();
    await untilFocused(page, { id: 'th-enrol-priority' });
    await expectAccessible(page, 'case tab: referral with errors');
    await choose(page, 'Prioritet', 'Prioritet D');
    await form
      .getByRole('textbox', { name: 'Grund för prioriteten' })
      .fill('Upprepat våld och hot mot partnern; barn i hushållet.');
    await form.getByRole('button', { name: 'Anmäl till gruppen' }).click();

    // 3. Enrolled: the tab shows the case in the group, with the group's step to take it off.
    await page.getByRole('heading', { level: 3, name: 'Ärendet i gruppen' }).waitFor();
    await page.getByText('Koordinatorsgruppen Örebro', { exact: true }).waitFor();
    await page.locator('[data-action="th.leave"]').waitFor();
    await untilCount(page.locator('#th-enrol-form'), 0);
    await screenshot(page, 'th-journey-02-enrolled');
    await expectAccessible(page, 'case tab: enrolled');

    // 4. As a member of the group, the social worker finds the case on the board.
    await nav.getByRole('link', { name: 'Koordinatorsgrupp' }).click();
    await page.getByRole('link', { name: 'Koordinatorsgruppen Örebro' }).click();
    await page.getByRole('heading', { level: 1, name: 'Koordinatorsgruppen Örebro' }).waitFor();
    await page.getByRole('link', { name: 'Öppna tavlan' }).click();
    const caseLink = page.getByRole('link', { name: number, exact: true });
    await caseLink.waitFor();
    await screenshot(page, 'th-journey-03-board');
    await expectAccessible(page, 'board with the new case');

    // 5. From the board to the case: the group takes it off its caseload. A reason is required.
    await caseLink.click();
    await page.getByRole('heading', { level: 1, name: `Ärende ${number}` }).waitFor();
    await page.getByRole('tab', { name: 'Trygga hem' }).click();
    await page.getByRole('button', { name: 'Ta ur gruppens ärendelista' }).click();
    const leave = page.locator('#th-leave-form');
    await leave.getByRole('heading', { name: 'Ta ärendet ur gruppens ärendelista' }).waitFor();
    await untilFocused(page, { id: 'th-leave-title' });
    await leave.getByRole('radio', { name: 'Tas bort – hör inte hemma i gruppen' }).check();
    await leave
      .getByRole('radio', { name: 'Tas bort – hör inte hemma i gruppen', checked: true })
      .waitFor();
    await leave.getByRole('button', { name: 'Ta ur ärendelistan' }).click();
    await leave.getByText('Fältet måste fyllas i.').waitFor();
    await untilFocused(page, { id: 'th-leave-reason' });
    await screenshot(page, 'th-journey-04-leave-reason');
    await expectAccessible(page, 'leave form without a reason');
    await page.keyboard.type('Anmäld till fel grupp; hanteras inom socialtjänstens egen insats.');
    await leave.getByRole('button', { name: 'Ta ur ärendelistan' }).click();

    // 6. The tab tells how and why, and offers a new referral; the board no longer lists the case.
    await page.getByRole('heading', { name: 'Ärendet har lämnat koordinatorsgruppen' }).waitFor();
    await page.getByText(/Borttaget ur Koordinatorsgruppen Örebro av /).waitFor();
    await page.getByText(/Anmäld till fel grupp/).waitFor();
    await form.getByRole('heading', { name: 'Anmäl till koordinatorsgrupp' }).waitFor();
    await screenshot(page, 'th-journey-05-left');
    await expectAccessible(page, 'case tab: left the caseload');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Tavlan' }).waitFor();
    await page.getByRole('table').first().waitFor();
    await untilCount(page.getByRole('link', { name: number, exact: true }), 0);

    // 7. Referred again (a new enrolment, the exit kept): in the group, and on its board again.
    await page.goto(`/arenden/${caseId}?flik=tryggahem`);
    await form.getByRole('heading', { name: 'Anmäl till koordinatorsgrupp' }).waitFor();
    await choose(page, 'Prioritet', 'Prioritet B');
    await form
      .getByRole('textbox', { name: 'Grund för prioriteten' })
      .fill('Ny incident mot partnern efter att ärendet togs bort.');
    await form.getByRole('button', { name: 'Anmäl till gruppen' }).click();
    await page.getByRole('heading', { level: 3, name: 'Ärendet i gruppen' }).waitFor();
    await page.locator('[data-action="th.leave"]').waitFor();
    await untilCount(page.locator('#th-enrol-form'), 0);
    await untilCount(
      page.getByRole('heading', { name: 'Ärendet har lämnat koordinatorsgruppen' }),
      0,
    );
    await expectAccessible(page, 'case tab: enrolled again');
    await nav.getByRole('link', { name: 'Koordinatorsgrupp' }).click();
    await page.getByRole('link', { name: 'Koordinatorsgruppen Örebro' }).click();
    await page.getByRole('link', { name: 'Öppna tavlan' }).click();
    await page.getByRole('link', { name: number, exact: true }).click();

    // 8. And off again, so the group's caseload is as the demo data left it: other journeys
    // (the meeting's proposed agenda) count the group's cases.
    await page.getByRole('heading', { level: 1, name: `Ärende ${number}` }).waitFor();
    await page.getByRole('tab', { name: 'Trygga hem' }).click();
    await page.getByRole('button', { name: 'Ta ur gruppens ärendelista' }).click();
    await leave.getByRole('heading', { name: 'Ta ärendet ur gruppens ärendelista' }).waitFor();
    await leave.getByRole('radio', { name: 'Tas bort – hör inte hemma i gruppen' }).check();
    await leave
      .getByRole('radio', { name: 'Tas bort – hör inte hemma i gruppen', checked: true })
      .waitFor();
    await leave
      .getByRole('textbox', { name: /Skäl/ })
      .fill('Hanteras åter inom socialtjänstens egen insats.');
    await leave.getByRole('button', { name: 'Ta ur ärendelistan' }).click();
    await page.getByRole('heading', { name: 'Ärendet har lämnat koordinatorsgruppen' }).waitFor();
    expect(problems).toEqual([]);
  }, 300_000);

  it('item 4: the samordnare manages members and schedule, calls a meeting, sees figures and no case rows', async () => {
    const { page, problems } = samordnare;
    await signIn(page, 'samordnare.orebro');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Koordinatorsgrupp' })
      .click();
    await page.getByRole('link', { name: 'Koordinatorsgruppen Örebro' }).click();
    await page.getByRole('heading', { level: 1, name: 'Koordinatorsgruppen Örebro' }).waitFor();

    // Members (with the management controls), the schedule and the figures; nothing of a case.
    await page.getByRole('table', { name: /Gruppens medlemmar/ }).waitFor();
    await page.locator('[data-action="group.manageMembers"]').first().waitFor();
    await page.getByRole('heading', { level: 2, name: 'Mötesplan' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Gruppens siffror' }).waitFor();
    await page.getByRole('table', { name: /Trygga hem i Örebro/ }).waitFor();
    await untilCount(page.getByRole('link', { name: 'Öppna tavlan' }), 0);
    await until(page, 'no links to cases, the board or meetings', noCaseRowLinks);
    await screenshot(page, 'th-journey-06-samordnare-group');
    await expectAccessible(page, 'group page (samordnare)');

    // Calling a meeting puts it in the schedule, without a way into its agenda.
    const heldOn = addDays(swedishDate(new Date()), 23);
    const call = page.locator('#new-meeting-form');
    await call.getByRole('heading', { name: 'Kalla till möte' }).waitFor();
    await call.locator('#new-meeting-date').fill(heldOn);
    await call.getByRole('button', { name: 'Kalla till mötet' }).click();
    await page.locator('#group-meeting-list').getByText(`Möte ${heldOn}`).waitFor();
    await until(page, 'still no links to case rows', noCaseRowLinks);
    await untilCount(page.getByRole('link', { name: `Möte ${heldOn}` }), 0);
    await screenshot(page, 'th-journey-07-meeting-called');
    await expectAccessible(page, 'meeting called (samordnare)');

    // The main menu leads only where a samordnare can work: no case list, no new case.
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Koordinatorsgrupp' }).waitFor();
    await untilCount(nav.getByRole('link', { name: 'Nytt ärende' }), 0);
    await untilCount(nav.getByRole('link', { name: 'Mina ärenden' }), 0);
    expect(problems).toEqual([]);
  }, 240_000);
});
