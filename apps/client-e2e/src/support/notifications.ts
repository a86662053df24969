import type { Locator, Page } from 'playwright-core';
import { bellIn, untilAttribute } from './browser';

/**
 * Reloads until the bell's accessible name is `name` (or matches it): the bell refreshes on
 * navigation, and the API without Redis delivers due reminders in-process every few seconds.
 */
export async function waitForBell(
  page: Page,
  name: string | RegExp,
  timeoutMs = 45_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const bell = bellIn(page);
  for (;;) {
    await bell.waitFor();
    // The count arrives just after the navigation that asked for it.
    try {
      await untilAttribute(bell, 'aria-label', name, { timeout: 2_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await page.reload();
  }
}

/**
 * On the notifications page (open on `page`): reloads until the list shows an item that
 * `matching` finds in it, and answers that item. Delivery runs every second or so, and the page
 * loads the list when it opens.
 */
export async function waitForNotification(
  page: Page,
  matching: (item: Locator) => Locator,
  timeoutMs = 45_000,
): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  const item = matching(page.getByRole('list', { name: 'Aviseringar' }).getByRole('listitem'));
  for (;;) {
    await page.getByRole('heading', { level: 1, name: 'Aviseringar' }).waitFor();
    try {
      await item.first().waitFor({ timeout: 2_000 });
      return item.first();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await page.reload();
  }
}
