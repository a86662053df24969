import type { Browser } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  focused,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  tabUntil,
  api,
  until,
  untilCount,
  untilFocused,
  untilValue,
} from './support/browser';

/**
 * Group management (issue 6, D2) by keyboard: the coordinator creates the Nora koordinatorsgrupp,
 * changes its schedule (meeting a concurrent change on the way), adds a police member and removes
 * them again, with axe checks at each step. Nora: no other journey touches its group.
 */
describe('Trygga hem: managing a koordinatorsgrupp', () => {
  let browser: Browser;
  let coordinator: TestPage;
  let social: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    coordinator = await openPage(browser);
    social = await openPage(browser);
  });

  afterAll(async () => {
    await coordinator?.context.close();
    await social?.context.close();
    await browser?.close();
  });

  it('a case worker sees the groups without the management controls', async () => {
    const { page, problems } = social;
    await signIn(page, 'social.orebro');
    await page.goto('/koordinatorsgrupp');
    await page.getByRole('link', { name: 'Koordinatorsgruppen Örebro' }).click();
    await page.getByRole('heading', { level: 1, name: 'Koordinatorsgruppen Örebro' }).waitFor();
    await page.getByRole('table', { name: /Gruppens medlemmar/ }).waitFor();
    await untilCount(page.getByRole('button', { name: 'Ändra namn och mötestider' }), 0);
    await untilCount(page.getByRole('button', { name: /^Ta bort/ }), 0);
    await untilCount(page.getByRole('heading', { name: 'Lägg till medlem' }), 0);
    await page.goto('/koordinatorsgrupp');
    await page.getByRole('heading', { level: 1, name: 'Koordinatorsgrupp' }).waitFor();
    await untilCount(page.getByRole('button', { name: 'Ny koordinatorsgrupp' }), 0);
    expect(problems).toEqual([]);
  });

  it('creates a group by keyboard, edits its schedule, adds and removes a member', async () => {
    const { page, problems } = coordinator;

    // 1. The coordinator opens the groups from the main menu.
    await signIn(page, 'samordnare.orebro');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Koordinatorsgrupp' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Koordinatorsgrupp' }).waitFor();
    await page.getByRole('link', { name: 'Koordinatorsgruppen Örebro' }).waitFor();
    await expectAccessible(page, 'groups (manager)');

    // 2. "Ny koordinatorsgrupp" from the keyboard; focus moves into the form.
    await tabUntil(page, (el) => el.id === 'create-group-button', 60);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Skapa en koordinatorsgrupp' }).waitFor();
    await untilFocused(page, { id: 'create-group-title' });

    // An empty form: the first invalid field takes focus and says what is wrong.
    await tabUntil(page, (el) => el.text === 'Skapa gruppen');
    await page.keyboard.press('Enter');
    await untilFocused(page, { id: 'group-name' });
    await page.getByText('Fältet måste fyllas i.').first().waitFor();
    await expectAccessible(page, 'create group, invalid');

    await page.keyboard.type('Koordinatorsgruppen Nora');
    await page.keyboard.press('Tab');
    await untilFocused(page, { id: 'group-municipality' });
    // Örebro has a group already, so it is not offered.
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor();
    await untilCount(page.getByRole('option', { name: 'Örebro kommun' }), 0);
    // Typing jumps to the option (after the select's short typeahead pause).
    await page.keyboard.type('Nora');
    await until(page, 'the typeahead to reach Nora kommun', () =>
      document.querySelector('.mat-mdc-option-active')?.textContent?.includes('Nora kommun'),
    );
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: 'Kommun' }).getByText('Nora kommun').waitFor();
    await page.keyboard.press('Tab');
    await untilFocused(page, { id: 'group-schedule' });
    await page.keyboard.type('Första torsdagen i månaden 13.00');
    await screenshot(page, 'thg-01-create');
    await expectAccessible(page, 'create group, filled');
    await page.keyboard.press('Enter');

    // 3. The new group opens; it has no members yet.
    await page.getByRole('heading', { level: 1, name: 'Koordinatorsgruppen Nora' }).waitFor();
    await page.getByText('Första torsdagen i månaden 13.00').waitFor();
    await page.getByText('Gruppen har inga medlemmar ännu.').waitFor();
    const groupId = new URL(page.url()).pathname.split('/').pop()!;
    await expectAccessible(page, 'new group');

    // 4. The schedule is changed; meanwhile someone else renames the group: 409, reload, save.
    await tabUntil(page, (el) => el.id === 'edit-group-button', 60);
    await page.keyboard.press('Enter');
    await untilFocused(page, { id: 'edit-group-name' });
    const other = await api<{ version: number }>(
      page,
      'PATCH',
      `/api/v1/trygga-hem/groups/${groupId}`,
      {
        version: 1,
        name: 'Koordinatorsgruppen Nora kommun',
      },
    );
    expect(other.status).toBe(200);
    await page.keyboard.press('Tab');
    await untilFocused(page, { id: 'edit-group-schedule' });
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Varannan torsdag 13.00–15.00');
    await page.keyboard.press('Enter');
    await page.getByText('Någon annan har ändrat gruppen sedan du öppnade den.').waitFor();
    await untilFocused(page, { id: 'group-conflict-reload' });
    await screenshot(page, 'thg-02-conflict');
    await expectAccessible(page, 'edit conflict');
    await page.keyboard.press('Enter');
    // The other change is shown, and taken into the untouched name; the typed schedule stays.
    await page
      .getByRole('heading', { level: 1, name: 'Koordinatorsgruppen Nora kommun' })
      .waitFor();
    await untilFocused(page, { id: 'edit-group-name' });
    await untilValue(page.locator('#edit-group-name'), 'Koordinatorsgruppen Nora kommun');
    await untilValue(page.locator('#edit-group-schedule'), 'Varannan torsdag 13.00–15.00');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Ändra namn och mötestider' }).waitFor();
    await untilFocused(page, { id: 'edit-group-button' });
    await page.getByText('Varannan torsdag 13.00–15.00').waitFor();
    await expectAccessible(page, 'edited');

    // 5. A police member is found by name and added from the keyboard.
    await tabUntil(page, (el) => el.id === 'add-group-member-user');
    await page.keyboard.type('Strand');
    const option = page.getByRole('option', { name: /Mikael Strand/ });
    await option.waitFor();
    await expectAccessible(page, 'member suggestions');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await untilValue(page.locator('#add-group-member-user'), 'Mikael Strand');
    await page.keyboard.press('Enter');
    const members = page.getByRole('table', { name: 'Gruppens medlemmar (1)' });
    await members.getByRole('cell', { name: 'Polisområde Örebro län' }).waitFor();
    await members.getByRole('cell', { name: 'Mikael Strand', exact: true }).waitFor();
    await screenshot(page, 'thg-03-member');
    await expectAccessible(page, 'member added');

    // 6. Removing asks first; focus starts on Cancel, Escape keeps the member.
    // The row's button is before the add form: back there with Shift+Tab.
    for (let i = 0; i < 10 && (await focused(page)).text !== 'Ta bort'; i++)
      await page.keyboard.press('Shift+Tab');
    await untilFocused(page, { label: 'Ta bort Mikael Strand ur gruppen' });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Ta bort medlem?' });
    await dialog.waitFor();
    await untilFocused(page, { text: 'Avbryt' });
    await expectAccessible(page, 'remove dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await members.getByRole('cell', { name: 'Mikael Strand', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Ta bort Mikael Strand ur gruppen' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabUntil(page, (el) => el.text === 'Ta bort');
    await page.keyboard.press('Enter');
    await page.getByText('Gruppen har inga medlemmar ännu.').waitFor();
    await untilFocused(page, { id: 'group-members-title' });
    await screenshot(page, 'thg-04-removed');
    await expectAccessible(page, 'member removed');

    const saved = await api<{ name: string; meetingSchedule: string; members: unknown[] }>(
      page,
      'GET',
      `/api/v1/trygga-hem/groups/${groupId}`,
    );
    expect(saved.body).toMatchObject({
      name: 'Koordinatorsgruppen Nora kommun',
      meetingSchedule: 'Varannan torsdag 13.00–15.00',
      members: [],
    });
    expect(problems).toEqual([]);
  }, 240_000);
});
