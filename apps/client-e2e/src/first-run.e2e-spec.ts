import { runApiCommand } from '@samsyn/testing';
import type { Browser, BrowserContext } from 'playwright-core';
import { type ApiOnPostgres, startApiOnPostgres } from './support/api-server';
import { expectAccessible, launchBrowser, untilCount, untilFocused } from './support/browser';

/**
 * Issue 16, first run in the browser: an installation without demo data on a fresh PostgreSQL
 * database. The sign-in page says how to begin; after the one command it is gone and the first
 * administrator signs in through the form.
 */
describe('first run: from an empty installation to the first administrator', () => {
  let api: ApiOnPostgres;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    api = await startApiOnPostgres({ DEMO_MODE: 'false' });
    browser = await launchBrowser();
    context = await browser.newContext({
      baseURL: api.baseUrl,
      viewport: { width: 1280, height: 800 },
      locale: 'sv-SE',
      reducedMotion: 'reduce',
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.stop();
  });

  it('shows how to create the first administrator, who then signs in through the form', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto('/logga-in');
    await page.getByRole('heading', { level: 2, name: 'Ny installation' }).waitFor();
    await page.getByText('npm run admin:create -- --org-kind municipality').waitFor();
    await expectAccessible(page, 'sign-in page of an empty installation');

    const created = await runApiCommand(
      'admin:create',
      [
        '--org-kind',
        'municipality',
        '--org-name',
        'Nystads kommun',
        '--municipality-code',
        '9998',
        '--username',
        'admin.nystad',
        '--display-name',
        'Admin Nystad',
        '--password-stdin',
      ],
      { DATABASE_URL: api.databaseUrl },
      'first-admin-passphrase\n',
    );
    expect({ code: created.code, stderr: created.stderr }).toEqual({ code: 0, stderr: '' });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await untilCount(page.locator('.first-run'), 0);
    await page.getByLabel('Användarnamn').fill('admin.nystad');
    await page.getByLabel('Lösenord').fill('first-admin-passphrase');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await untilFocused(page, { tag: 'h1' });
    expect(new URL(page.url()).pathname).not.toBe('/logga-in');
    expect(problems).toEqual([]);
  });
});
