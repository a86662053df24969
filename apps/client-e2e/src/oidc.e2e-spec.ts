import { freePort, type RunningOidcProvider, startOidcProvider, tempDir } from '@samsyn/testing';
import type { Browser, Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ApiOnPostgres, startApiOnPostgres } from './support/api-server';
import {
  expectAccessible,
  launchBrowser,
  meStatus,
  openPage,
  until,
  untilText,
} from './support/browser';

const SECRET = 'browser-region-client-secret';
const PASSWORD = 'provider-password';

/**
 * Issue 16, item 6 in the browser: a user signs in through the organisation's identity provider
 * — a real OpenID provider (oidc-provider) on `localhost`, Samsyn on `127.0.0.1`: different sites,
 * so the SameSite=Strict session cookie must survive the return from the other site. The journey
 * has its own API and database, whose region gets the provider. That a user's identity at the
 * provider is theirs (`external_id`) is set by an administrator; the fixture does it with SQL, as
 * its admin page is another item of the issue.
 */
describe('sign-in through the organisation’s identity provider', () => {
  let provider: RunningOidcProvider;
  let api: ApiOnPostgres;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({
      clients: [
        {
          client_id: 'samsyn-region',
          client_secret: SECRET,
          redirect_uris: [`${apiUrl}/api/v1/auth/oidc/region-orebro/callback`],
          post_logout_redirect_uris: [`${apiUrl}/logga-in`],
        },
      ],
      accounts: [
        {
          id: 'anna',
          password: PASSWORD,
          acr: 'urn:samsyn:test:loa3',
          claims: { hsa_id: 'SE2321000164-1001' },
        },
        {
          id: 'okand',
          password: PASSWORD,
          acr: 'urn:samsyn:test:loa3',
          claims: { hsa_id: 'SE2321000164-9999' },
        },
      ],
    });
    const dir = tempDir('samsyn-browser-oidc-');
    const providersFile = join(dir, 'oidc-providers.json');
    writeFileSync(
      providersFile,
      JSON.stringify([
        {
          key: 'region-orebro',
          organisationNumber: '232100-0164',
          displayName: { sv: 'SITHS-kort', en: 'SITHS card' },
          issuer: provider.issuer,
          clientId: 'samsyn-region',
          clientSecretEnv: 'OIDC_SECRET_REGION',
          userClaim: 'hsa_id',
          strongAcr: ['urn:samsyn:test:loa3'],
          scopes: ['openid', 'hsa'],
          postLogoutRedirect: `${apiUrl}/logga-in`,
        },
      ]),
    );
    api = await startApiOnPostgres({
      PORT: String(port),
      PUBLIC_URL: apiUrl,
      OIDC_PROVIDERS_FILE: providersFile,
      OIDC_ALLOW_INSECURE_HTTP: 'true',
      OIDC_SECRET_REGION: SECRET,
    });
    // What an administrator sets: the region's organisation number, the user's HSA id.
    await api.sql(
      `UPDATE organisations SET organisation_number = '232100-0164' WHERE name = 'Region Örebro län'`,
    );
    await api.sql(
      `UPDATE users SET external_id = 'SE2321000164-1001' WHERE username = 'vard.psykiatri'`,
    );
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await provider?.stop();
  });

  /** From Samsyn's sign-in page through the provider's login form; returns where it ends. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.goto('/logga-in');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    const button = page.getByRole('link', { name: 'Logga in med SITHS-kort' });
    await button.waitFor();
    await expectAccessible(page, 'sign-in page with the organisation’s provider');
    await button.click();
    // The provider's own page, on its own site.
    await page.getByRole('heading', { name: 'Test identity provider' }).waitFor();
    expect(new URL(page.url()).origin).toBe(provider.issuer);
    await page.getByLabel('Login').fill(login);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('a user signs in on the provider’s page and lands signed in at Samsyn; signing out ends the session there too', async () => {
    const { context, page, problems } = await openPage(browser, api.baseUrl);
    await signInAtProvider(page, 'anna');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    await until(page, 'back at Samsyn', () => location.origin.startsWith('http://127.0.0.1:'));
    await until(page, 'off the sign-in page', () => !location.pathname.startsWith('/logga-in'));
    expect(await meStatus(page)).toBe(200);
    await expectAccessible(page, 'first page after signing in through the provider');

    await page.getByRole('button', { name: /Sara Holm/ }).click();
    await page.getByRole('menuitem', { name: 'Logga ut' }).click();
    await until(
      page,
      'the provider’s end-session page',
      (issuer) => location.href.startsWith(`${issuer}/session/end`),
      provider.issuer,
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an identity the organisation has not created is refused with a clear page', async () => {
    const { context, page, problems } = await openPage(browser, api.baseUrl);
    await signInAtProvider(page, 'okand');
    await page.getByRole('heading', { level: 1, name: 'Inloggningen nekades' }).waitFor();
    await untilText(
      page.getByRole('alert'),
      /Du finns inte som användare i Samsyn för den organisation du loggade in hos/,
    );
    expect(new URL(page.url()).pathname).toBe('/logga-in/nekad');
    expect(await meStatus(page)).toBe(401);
    await expectAccessible(page, 'refused sign-in');
    await page.getByRole('link', { name: 'Tillbaka till inloggningen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
