import {
  freePort,
  type RunningOidcProvider,
  runApiCommand,
  startOidcProvider,
  tempDir,
} from '@samsyn/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { type ApiOnPostgres, startApiOnPostgres } from './support/api-server';
import {
  type TestPage,
  expectAccessible,
  launchBrowser,
  meStatus,
  openPage,
  screenshot,
  until,
  untilFocused,
  untilText,
} from './support/browser';

const PERIOD = 30;
const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD);
const codeAt = (secret: string, step: number) => generateSync({ secret, epoch: step * PERIOD });

/** A code of a step after `used`: a code is never taken twice, so the next sign-in waits for one. */
async function nextCode(secret: string, used: number): Promise<string> {
  while (used + 1 > currentStep() + 1) await new Promise((r) => setTimeout(r, 1000));
  return codeAt(secret, Math.max(used + 1, currentStep() - 1));
}

const REGION_NUMBER = '232100-0164';
const PROVIDER_SECRET = 'into-service-client-secret';
const PROVIDER_PASSWORD = 'provider-password';
const SYSADMIN_PASSWORD = 'Förvaltning av Samsyn i Testlän';
const ORG_ADMIN_PASSWORD = 'Administratören på Nystads kommunhus';
const WORKER_PASSWORD = 'Socialsekreterare med kaffe och kanelbulle';

/**
 * Issue 16's journey, through the client alone after the one first-run command: a fresh
 * installation without demo data. The system administrator (a region's, whose organisation
 * requires a second factor) enrols an authenticator, creates a municipality with a unit and its
 * org_admin; the org_admin sets a password with the one-time code, enrols, and creates a social
 * worker; the social worker sets a password, enrols TOTP, signs out and in again with a code.
 * Then a member of the region's staff, whose identity at the region's OpenID provider the system
 * administrator recorded, signs in through the provider's login page. Its own database and API
 * (`startApiOnPostgres`), and a real OpenID provider on `localhost` while Samsyn is on
 * `127.0.0.1` (different sites).
 */
describe('into service: from an empty installation to a team, with a second factor and the organisation’s provider', () => {
  let provider: RunningOidcProvider;
  let api: ApiOnPostgres;
  let browser: Browser;
  const pages: TestPage[] = [];

  beforeAll(async () => {
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({
      clients: [
        {
          client_id: 'samsyn-testlan',
          client_secret: PROVIDER_SECRET,
          redirect_uris: [`${apiUrl}/api/v1/auth/oidc/region-testlan/callback`],
          post_logout_redirect_uris: [`${apiUrl}/logga-in`],
        },
      ],
      accounts: [
        {
          id: 'hedda',
          password: PROVIDER_PASSWORD,
          acr: 'urn:samsyn:test:loa3',
          claims: { hsa_id: 'SE2321000164-2001' },
        },
      ],
    });
    const providersFile = join(tempDir('samsyn-into-service-'), 'oidc-providers.json');
    writeFileSync(
      providersFile,
      JSON.stringify([
        {
          key: 'region-testlan',
          organisationNumber: REGION_NUMBER,
          displayName: { sv: 'SITHS-kort', en: 'SITHS card' },
          issuer: provider.issuer,
          clientId: 'samsyn-testlan',
          clientSecretEnv: 'OIDC_SECRET_TESTLAN',
          userClaim: 'hsa_id',
          strongAcr: ['urn:samsyn:test:loa3'],
          scopes: ['openid', 'hsa'],
          postLogoutRedirect: `${apiUrl}/logga-in`,
        },
      ]),
    );
    api = await startApiOnPostgres({
      DEMO_MODE: 'false',
      PORT: String(port),
      PUBLIC_URL: apiUrl,
      OIDC_PROVIDERS_FILE: providersFile,
      OIDC_ALLOW_INSECURE_HTTP: 'true',
      OIDC_SECRET_TESTLAN: PROVIDER_SECRET,
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const p of pages) await p.context.close();
    await browser?.close();
    await api?.stop();
    await provider?.stop();
  });

  async function newPage(): Promise<TestPage> {
    const t = await openPage(browser, api.baseUrl);
    pages.push(t);
    return t;
  }

  async function signInWithPassword(page: Page, username: string, password: string) {
    await page.goto('/logga-in');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.getByLabel('Användarnamn').fill(username);
    await page.getByLabel('Lösenord').fill(password);
    await page.getByRole('button', { name: 'Logga in' }).click();
  }

  /** Enrols an authenticator on the page the limited session lands on; returns secret and step. */
  async function enrol(page: Page, who: string): Promise<{ secret: string; step: number }> {
    await page.getByRole('heading', { level: 1, name: 'Tvåstegsverifiering' }).waitFor();
    await page.getByText('Din organisation kräver tvåstegsverifiering.').waitFor();
    await expectAccessible(page, `${who}: enrolment required`);
    await page.getByRole('button', { name: 'Kom igång' }).click();
    const secretText = page.getByLabel('Nyckel att skriva in i appen');
    await untilText(secretText, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const secret = ((await secretText.textContent()) ?? '').replace(/\s/g, '');
    const step = currentStep();
    await page.getByLabel('Kod från autentiseringsappen').fill(codeAt(secret, step));
    await page.getByRole('button', { name: 'Bekräfta' }).click();
    await untilFocused(page, { tag: 'h2', text: 'Spara dina återställningskoder' });
    await expectAccessible(page, `${who}: recovery codes`);
    await page.getByRole('button', { name: 'Jag har sparat koderna' }).click();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link').first().waitFor();
    return { secret, step };
  }

  /** Creates a user on "Ny användare" and returns the one-time code shown once. */
  async function createUser(
    page: Page,
    user: {
      organisation?: string;
      username: string;
      displayName: string;
      unit: string;
      role: string;
      externalId?: string;
    },
  ): Promise<string> {
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Användare', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
    await page.getByRole('link', { name: 'Ny användare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny användare' }).waitFor();
    if (user.organisation) {
      // Keyboard: the empty field's label lies over the select, where a pointer would land.
      await page.getByRole('combobox', { name: 'Organisation' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('option', { name: user.organisation, exact: true }).click();
    }
    await page.getByLabel('Användarnamn').fill(user.username);
    await page.getByLabel('Namn som visas').fill(user.displayName);
    await page.getByRole('combobox', { name: 'Enhet' }).click();
    await page.getByRole('option', { name: user.unit, exact: true }).click();
    if (user.externalId) await page.getByLabel('Externt id').fill(user.externalId);
    await page.getByRole('checkbox', { name: user.role, exact: true }).check();
    await expectAccessible(page, `new user ${user.username}`);
    await page.getByRole('button', { name: 'Skapa användaren' }).click();
    await page.getByRole('heading', { level: 1, name: user.displayName }).waitFor();
    await untilText(page.locator('#user-message'), `Användaren ${user.displayName} är skapad.`);
    const code = (await page.getByTestId('one-time-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
    return code;
  }

  /** The new user opens the one-time link and chooses a password. */
  async function setPassword(page: Page, code: string, password: string, username: string) {
    await page.goto(`/losenord/${code}`);
    await page.getByRole('heading', { level: 1, name: 'Välj lösenord' }).waitFor();
    await page.getByLabel('Nytt lösenord').fill(password);
    await page.getByLabel('Upprepa lösenordet').fill(password);
    await page.getByRole('button', { name: 'Spara lösenordet' }).click();
    await untilText(
      page.locator('#set-password-done'),
      `Lösenordet är sparat. Logga in som ${username} med ditt nya lösenord.`,
    );
  }

  it('the first-run command, then everything through the client', async () => {
    // 0. The one command: the region and its system administrator.
    const created = await runApiCommand(
      'admin:create',
      [
        '--org-kind',
        'region',
        '--org-name',
        'Region Testlän',
        '--org-number',
        REGION_NUMBER,
        '--username',
        'sysadmin.testlan',
        '--display-name',
        'Sigrid Systemförvaltare',
        '--password-stdin',
      ],
      { DATABASE_URL: api.databaseUrl },
      `${SYSADMIN_PASSWORD}\n`,
    );
    expect({ code: created.code, stderr: created.stderr }).toEqual({ code: 0, stderr: '' });

    // 1. The system administrator signs in; the region requires a second factor: enrol first.
    const sys = await newPage();
    await signInWithPassword(sys.page, 'sysadmin.testlan', SYSADMIN_PASSWORD);
    await enrol(sys.page, 'system administrator');

    // 2. A municipality with a unit.
    const nav = sys.page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Organisationer', exact: true }).click();
    await sys.page.getByRole('heading', { level: 1, name: 'Organisationer' }).waitFor();
    await sys.page.getByRole('link', { name: 'Ny organisation' }).click();
    await sys.page.getByRole('heading', { level: 1, name: 'Ny organisation' }).waitFor();
    await sys.page.getByRole('combobox', { name: 'Typ' }).click();
    await sys.page.getByRole('option', { name: 'Kommun', exact: true }).click();
    await sys.page.getByLabel('Namn', { exact: true }).fill('Nystads kommun');
    await sys.page.getByLabel('Kommunkod').fill('9998');
    await sys.page.getByRole('button', { name: 'Skapa organisationen' }).click();
    await sys.page.getByRole('heading', { level: 1, name: 'Nystads kommun' }).waitFor();
    await sys.page.getByLabel('Enhetens namn').fill('Socialtjänsten Nystad');
    await sys.page.getByRole('combobox', { name: 'Verksamhet' }).click();
    await sys.page.getByRole('option', { name: 'Socialtjänst', exact: true }).click();
    await sys.page.getByRole('button', { name: 'Lägg till enheten' }).click();
    await untilFocused(sys.page, {
      id: 'units-message',
      text: 'Socialtjänsten Nystad är tillagd.',
    });
    await expectAccessible(sys.page, 'the municipality with its unit');

    // 3. Its org_admin, and — in the region — a member of staff who signs in at the provider.
    const orgAdminCode = await createUser(sys.page, {
      organisation: 'Nystads kommun',
      username: 'admin.nystad',
      displayName: 'Nils Nystadsadmin',
      unit: 'Socialtjänsten Nystad',
      role: 'Organisationsadministratör',
    });
    await screenshot(sys.page, 'into-service-01-org-admin-created');
    // The region needs a unit for its staff.
    await nav.getByRole('link', { name: 'Organisationer', exact: true }).click();
    await sys.page.getByRole('link', { name: 'Region Testlän', exact: true }).click();
    await sys.page.getByRole('heading', { level: 1, name: 'Region Testlän' }).waitFor();
    await sys.page.getByLabel('Enhetens namn').fill('Psykiatrimottagningen Testlän');
    await sys.page.getByRole('combobox', { name: 'Verksamhet' }).click();
    await sys.page.getByRole('option', { name: 'Psykiatri', exact: true }).click();
    await sys.page.getByRole('button', { name: 'Lägg till enheten' }).click();
    await untilFocused(sys.page, {
      id: 'units-message',
      text: 'Psykiatrimottagningen Testlän är tillagd.',
    });
    await createUser(sys.page, {
      organisation: 'Region Testlän',
      username: 'hedda.vard',
      displayName: 'Hedda Vårdsson',
      unit: 'Psykiatrimottagningen Testlän',
      role: 'Hälso- och sjukvårdspersonal',
      externalId: 'SE2321000164-2001',
    });

    // 4. The org_admin sets a password with the code, signs in, enrols (required outside demo
    //    mode), and creates a social worker in their own organisation.
    const orgAdmin = await newPage();
    await setPassword(orgAdmin.page, orgAdminCode, ORG_ADMIN_PASSWORD, 'admin.nystad');
    await signInWithPassword(orgAdmin.page, 'admin.nystad', ORG_ADMIN_PASSWORD);
    await enrol(orgAdmin.page, 'org_admin');
    const workerCode = await createUser(orgAdmin.page, {
      username: 'sara.social',
      displayName: 'Sara Socialsekreterare',
      unit: 'Socialtjänsten Nystad',
      role: 'Socialsekreterare',
    });
    await screenshot(orgAdmin.page, 'into-service-02-social-worker-created');

    // 5. The social worker: password, enrolment, sign out, and in again with a code.
    const worker = await newPage();
    await setPassword(worker.page, workerCode, WORKER_PASSWORD, 'sara.social');
    await signInWithPassword(worker.page, 'sara.social', WORKER_PASSWORD);
    const { secret, step } = await enrol(worker.page, 'social worker');
    await worker.page.getByRole('heading', { level: 1, name: 'Mina ärenden' }).waitFor();
    await worker.page.getByRole('button', { name: /Sara Socialsekreterare/ }).click();
    await worker.page.getByRole('menuitem', { name: 'Logga ut' }).click();
    await worker.page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await signInWithPassword(worker.page, 'sara.social', WORKER_PASSWORD);
    await worker.page.getByRole('heading', { level: 2, name: 'Tvåstegsverifiering' }).waitFor();
    await expectAccessible(worker.page, 'social worker: the code step');
    await worker.page.getByLabel('Kod från autentiseringsappen').fill(await nextCode(secret, step));
    await worker.page.getByRole('button', { name: 'Verifiera' }).click();
    await worker.page.getByRole('heading', { level: 1, name: 'Mina ärenden' }).waitFor();
    expect(await meStatus(worker.page)).toBe(200);
    await screenshot(worker.page, 'into-service-03-social-worker-signed-in');
    await expectAccessible(worker.page, 'social worker signed in with a code');

    // 6. The region's member of staff signs in through the provider's login page.
    const staff = await newPage();
    await staff.page.goto('/logga-in');
    await staff.page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await staff.page.getByRole('link', { name: 'Logga in med SITHS-kort' }).click();
    await staff.page.getByRole('heading', { name: 'Test identity provider' }).waitFor();
    await staff.page.getByLabel('Login').fill('hedda');
    await staff.page.getByLabel('Password').fill(PROVIDER_PASSWORD);
    await staff.page.getByRole('button', { name: 'Sign in' }).click();
    await staff.page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    await until(staff.page, 'back at Samsyn', () =>
      location.origin.startsWith('http://127.0.0.1:'),
    );
    await staff.page.getByRole('button', { name: /Hedda Vårdsson/ }).waitFor();
    expect(await meStatus(staff.page)).toBe(200);
    await expectAccessible(staff.page, 'signed in through the provider');

    for (const p of pages) expect(p.problems).toEqual([]);
  });
});
