import type { Browser, Page } from 'playwright-core';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  untilAttribute,
  untilText,
} from './support/browser';
import { waitForBell } from './support/notifications';

/** A mutating API call from inside the page, with the session cookie and the CSRF header. */
function post(page: Page, path: string, body: unknown): Promise<number> {
  return page.evaluate(
    async ({ path, body }) => {
      const csrf = document.cookie
        .split('; ')
        .find((c) => c.startsWith('samsyn_csrf='))
        ?.slice('samsyn_csrf='.length);
      const response = await fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': decodeURIComponent(csrf ?? ''),
        },
        body: JSON.stringify(body),
      });
      return response.status;
    },
    { path, body },
  );
}

describe('notifications', () => {
  let browser: Browser;
  let admin: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await openPage(browser);
  });

  afterAll(async () => {
    await admin?.context.close();
    await browser?.close();
  });

  it('shows a delivered reminder in the bell and on the page, and marks it read', async () => {
    const { page, problems } = admin;

    // 1. The system administrator starts from a clean slate and sends themself a test reminder.
    await signIn(page, 'sysadmin', { ready: 'bell' });
    expect(await post(page, '/api/v1/notifications/read-all', {})).toBe(200);
    expect(await post(page, '/api/v1/reminders/test', {})).toBe(201);

    // 2. Once delivered, the bell says so in words and shows the number.
    await waitForBell(page, 'Aviseringar, 1 oläst');
    const bell = page.getByRole('link', { name: 'Aviseringar, 1 oläst' });
    await untilText(bell, '1', { exact: true });

    // 3. Operators find the queue dashboard in the user menu, as a full-page link.
    await page.getByRole('button', { name: /Systemförvaltare/ }).click();
    const dashboard = page.getByRole('menuitem', { name: 'Köövervakning' });
    await untilAttribute(dashboard, 'href', '/api/v1/admin/queues');
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });

    // 4. The notifications page lists it as unread.
    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Aviseringar' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/aviseringar');
    const list = page.getByRole('list', { name: 'Aviseringar' });
    const item = list.getByRole('listitem').filter({ hasText: 'Testpåminnelse' }).first();
    await item.getByText('Oläst', { exact: true }).waitFor();
    await page.getByRole('radio', { name: /^Ingen e-post/ }).waitFor();
    await screenshot(page, 'notifications-01-unread');
    await expectAccessible(page, 'notifications, unread');

    // 5. Marking it read updates the item, the live region and the bell.
    await item.getByRole('button', { name: 'Markera som läst: Testpåminnelse' }).click();
    await page.getByRole('status').getByText('Aviseringen är markerad som läst.').waitFor();
    await item.getByText('Läst', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Aviseringar, inga olästa' }).waitFor();
    await page.getByRole('button', { name: 'Markera alla som lästa', disabled: true }).waitFor();
    await screenshot(page, 'notifications-02-read');
    await expectAccessible(page, 'notifications, read');

    expect(problems).toEqual([]);
  });
});
