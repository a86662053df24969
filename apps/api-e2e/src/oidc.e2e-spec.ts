import {
  AuditAction,
  CSRF_COOKIE,
  CSRF_HEADER,
  type LogoutResultDto,
  type MeDto,
  type OidcProviderDto,
  OidcRefusal,
  SESSION_COOKIE,
} from '@samsyn/common';
import {
  freePort,
  type RunningApi,
  type RunningOidcProvider,
  startApi,
  type TestOidcAccount,
  startOidcProvider,
  tempDir,
} from '@samsyn/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrl, PG_ADMIN_URL } from './support/env';

/**
 * Issue 16, item 6: sign-in through the organisation's identity provider, against a real OpenID
 * provider (oidc-provider, a child process) on `localhost` while the API is on `127.0.0.1` —
 * another site, as a real provider is. This file starts its own API on its own database with two
 * organisations' providers configured; the provider's accounts are matched to users whose
 * `external_id` (or e-mail) an administrator set — here arranged by SQL, as the admin page for it
 * is another item of the issue.
 */

const REGION_NUMBER = '232100-0164';
const KOMMUN_NUMBER = '212000-1850';
const REGION_SECRET = 'region-client-secret-3f9a1c';
const KOMMUN_SECRET = 'kommun-client-secret-8b2e7d';
const LOA2 = 'urn:samsyn:test:loa2';
const LOA3 = 'urn:samsyn:test:loa3';
const PASSWORD = 'provider-password';

const HSA = {
  anna: 'SE2321000164-1001',
  bertil: 'SE2321000164-1002',
  inaktiv: 'SE2321000164-1003',
  okand: 'SE2321000164-9999',
  kommun: 'SE2120001850-1004',
};

const REFUSED = (reason: OidcRefusal) => `/logga-in/nekad?orsak=${reason}`;

/** A browser's cookies, per host (the provider's `localhost` and the API's `127.0.0.1`). */
class Browser {
  readonly cookies = new Map<string, Map<string, string>>();

  jar(url: string | URL): Map<string, string> {
    const host = new URL(url).host;
    let jar = this.cookies.get(host);
    if (!jar) this.cookies.set(host, (jar = new Map<string, string>()));
    return jar;
  }

  /** One request, no redirects followed; remembers the cookies it sets. */
  async request(
    url: string,
    init: { method?: string; form?: URLSearchParams; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const jar = this.jar(url);
    const headers: Record<string, string> = { ...init.headers };
    if (jar.size) headers['cookie'] = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form?.toString(),
      redirect: 'manual',
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
}

function location(res: Response, base: string): string {
  const to = res.headers.get('location');
  if (!to) throw new Error(`expected a redirect from ${base}, got ${res.status}`);
  return new URL(to, base).href;
}

describe('sign-in through the organisation’s identity provider (OIDC)', () => {
  let provider: RunningOidcProvider;
  let api: RunningApi;
  let db: Client;
  let database: string;
  let apiUrl: string;
  let regionId: string;
  let kommunId: string;

  const callbackPath = (key: string) => `/api/v1/auth/oidc/${key}/callback`;

  async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await db.query(text, params)).rows as T[];
  }

  async function count(table: string, where: string, params: unknown[] = []): Promise<number> {
    const [row] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
      params,
    );
    return row.n;
  }

  beforeAll(async () => {
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    const accounts: TestOidcAccount[] = [
      { id: 'anna', password: PASSWORD, acr: LOA3, claims: { hsa_id: HSA.anna } },
      { id: 'bertil', password: PASSWORD, acr: LOA2, claims: { hsa_id: HSA.bertil } },
      { id: 'inaktiv', password: PASSWORD, acr: LOA3, claims: { hsa_id: HSA.inaktiv } },
      { id: 'okand', password: PASSWORD, acr: LOA3, claims: { hsa_id: HSA.okand } },
      { id: 'kommun', password: PASSWORD, acr: LOA3, claims: { hsa_id: HSA.kommun } },
      { id: 'sen', password: PASSWORD, acr: LOA3, claims: { hsa_id: HSA.anna } },
      {
        id: 'social',
        password: PASSWORD,
        acr: LOA3,
        claims: { email: 'social.orebro@orebro.example' },
      },
    ];
    provider = await startOidcProvider({
      clients: [
        {
          client_id: 'samsyn-region',
          client_secret: REGION_SECRET,
          redirect_uris: [`${apiUrl}${callbackPath('region-orebro')}`],
          post_logout_redirect_uris: [`${apiUrl}/logga-in`],
        },
        {
          client_id: 'samsyn-kommun',
          client_secret: KOMMUN_SECRET,
          redirect_uris: [`${apiUrl}${callbackPath('orebro-kommun')}`],
        },
      ],
      accounts,
      shortCodeAccounts: ['sen'],
    });

    const dir = tempDir('samsyn-oidc-e2e-');
    const secretFile = join(dir, 'kommun-secret');
    writeFileSync(secretFile, `${KOMMUN_SECRET}\n`);
    const providersFile = join(dir, 'oidc-providers.json');
    writeFileSync(
      providersFile,
      JSON.stringify([
        {
          key: 'region-orebro',
          organisationNumber: REGION_NUMBER,
          displayName: { sv: 'SITHS-kort (Region)', en: 'SITHS card (Region)' },
          issuer: provider.issuer,
          clientId: 'samsyn-region',
          clientSecretEnv: 'OIDC_SECRET_REGION',
          userClaim: 'hsa_id',
          strongAcr: [LOA3],
          scopes: ['openid', 'hsa'],
          postLogoutRedirect: `${apiUrl}/logga-in`,
        },
        {
          key: 'orebro-kommun',
          organisationNumber: KOMMUN_NUMBER,
          displayName: { sv: 'Örebro kommuns inloggning', en: 'Örebro municipality sign-in' },
          issuer: provider.issuer,
          clientId: 'samsyn-kommun',
          clientSecretFile: secretFile,
          userClaim: 'email',
          strongAcr: [],
          scopes: ['openid', 'email'],
        },
      ]),
    );

    database = `samsyn_oidc_${Date.now().toString(36)}_${process.pid}`;
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    api = await startApi({
      PORT: String(port),
      PUBLIC_URL: apiUrl,
      DATABASE_URL: databaseUrl(database),
      DEMO_MODE: 'true',
      LOGIN_RATE_LIMIT: '1000',
      DATA_DIR: dir,
      OIDC_PROVIDERS_FILE: providersFile,
      OIDC_ALLOW_INSECURE_HTTP: 'true',
      OIDC_SECRET_REGION: REGION_SECRET,
    });
    db = new Client({ connectionString: databaseUrl(database) });
    await db.connect();

    // What an administrator sets: the organisations' numbers and the users' identities.
    [{ id: regionId }] = await sql<{ id: string }>(
      `UPDATE organisations SET organisation_number = $1 WHERE name = 'Region Örebro län' RETURNING id`,
      [REGION_NUMBER],
    );
    [{ id: kommunId }] = await sql<{ id: string }>(
      `UPDATE organisations SET organisation_number = $1 WHERE name = 'Örebro kommun' RETURNING id`,
      [KOMMUN_NUMBER],
    );
    await sql(`UPDATE users SET external_id = $1 WHERE username = 'vard.psykiatri'`, [HSA.anna]);
    await sql(
      `UPDATE users SET external_id = $1, email = 'Social.Orebro@Orebro.example' WHERE username = 'social.orebro'`,
      [HSA.kommun],
    );
    for (const [username, hsa, active] of [
      ['oidc.bertil', HSA.bertil, true],
      ['oidc.inaktiv', HSA.inaktiv, false],
    ] as const) {
      await sql(
        `INSERT INTO users (username, display_name, external_id, password_hash, roles,
           organisation_id, unit_id, locale, active, version)
         SELECT $1, $1, $2, password_hash, roles, organisation_id, unit_id, locale, $3, 1
         FROM users WHERE username = 'vard.psykiatri'`,
        [username, hsa, active],
      );
    }
  }, 180_000);

  afterAll(async () => {
    if (process.env['OIDC_E2E_DEBUG']) process.stdout.write(api?.output() ?? '');
    await db?.end();
    await api?.stop();
    await provider?.stop();
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  /** Starts a sign-in at Samsyn; returns the provider's authorization URL. */
  async function start(browser: Browser, key = 'region-orebro'): Promise<string> {
    const res = await browser.request(`${apiUrl}/api/v1/auth/oidc/${key}/start`);
    expect(res.status).toBe(303);
    const to = location(res, apiUrl);
    expect(to.startsWith(provider.issuer)).toBe(true);
    return to;
  }

  /**
   * At the provider: follows its redirects to the login form, fills it in (or cancels), and
   * returns the URL it sends the browser back to — Samsyn's callback, not yet requested.
   */
  async function atProvider(
    browser: Browser,
    authorizationUrl: string,
    /** An account's login, or `cancel` to abort at the provider. */
    login: string,
  ): Promise<string> {
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      if (url.startsWith(apiUrl)) return url;
      const res = await browser.request(url);
      if (res.status >= 300 && res.status < 400) {
        url = location(res, url);
        continue;
      }
      const html = await res.text();
      const form = /<form method="post" action="([^"]+)"/.exec(html);
      if (res.status !== 200 || !form)
        throw new Error(`unexpected page at the provider (${res.status}): ${html}`);
      if (login === 'cancel') {
        url = new URL(/href="([^"]+\/abort)"/.exec(html)?.[1] ?? '', url).href;
        continue;
      }
      const posted = await browser.request(new URL(form[1], url).href, {
        form: new URLSearchParams({ login, password: PASSWORD }),
      });
      url = location(posted, url);
    }
    throw new Error('too many redirects at the provider');
  }

  async function callback(browser: Browser, url: string): Promise<Response> {
    return browser.request(url);
  }

  async function signIn(login: string, key = 'region-orebro') {
    const browser = new Browser();
    const back = await atProvider(browser, await start(browser, key), login);
    const transaction = browser.jar(apiUrl).get('samsyn_oidc');
    const res = await callback(browser, back);
    return { browser, back, transaction, res };
  }

  async function me(browser: Browser): Promise<Response> {
    return browser.request(`${apiUrl}/api/v1/me`, { headers: { accept: 'application/json' } });
  }

  /** Counts what a refusal must leave: sessions, and refused events of the organisation. */
  async function snapshot(organisationId = regionId) {
    return {
      sessions: await count('user_sessions', 'true'),
      refused: await count('audit_events', 'action = $1 AND organisation_id = $2', [
        AuditAction.AuthOidcRefused,
        organisationId,
      ]),
    };
  }

  async function expectRefused(
    res: Response,
    reason: OidcRefusal,
    before: { sessions: number; refused: number },
    organisationId = regionId,
  ): Promise<void> {
    expect({ status: res.status, location: res.headers.get('location') }).toEqual({
      status: 303,
      location: REFUSED(reason),
    });
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    const after = await snapshot(organisationId);
    expect(after).toEqual({ sessions: before.sessions, refused: before.refused + 1 });
    const [last] = await sql<{ outcome: string }>(
      `SELECT outcome FROM audit_events WHERE action = $1 ORDER BY id DESC LIMIT 1`,
      [AuditAction.AuthOidcRefused],
    );
    expect(last.outcome).toBe('denied');
  }

  it('offers the providers of the configured organisations, without secrets', async () => {
    const res = await fetch(`${apiUrl}/api/v1/auth/providers`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text) as OidcProviderDto[]).toEqual([
      {
        key: 'region-orebro',
        displayName: { sv: 'SITHS-kort (Region)', en: 'SITHS card (Region)' },
      },
      {
        key: 'orebro-kommun',
        displayName: { sv: 'Örebro kommuns inloggning', en: 'Örebro municipality sign-in' },
      },
    ]);
    expect(text).not.toContain(REGION_SECRET);
  });

  it('the start sends the browser to the provider with PKCE (S256), state and nonce, in a Lax transaction cookie for the callback only', async () => {
    const browser = new Browser();
    const res = await browser.request(`${apiUrl}/api/v1/auth/oidc/region-orebro/start`);
    expect(res.status).toBe(303);
    const url = new URL(location(res, apiUrl));
    expect(url.origin).toBe(provider.issuer);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: 'samsyn-region',
      redirect_uri: `${apiUrl}${callbackPath('region-orebro')}`,
      scope: 'openid hsa',
      code_challenge_method: 'S256',
    });
    expect(params['state']).toMatch(/^[\w-]{43}$/);
    expect(params['nonce']).toMatch(/^[\w-]{43}$/);
    expect(params['code_challenge']).toMatch(/^[\w-]{43}$/);
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^samsyn_oidc=[\w-]{43};/);
    expect(cookie).toContain(`Path=${callbackPath('region-orebro')}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    // Nothing that would let the table's reader finish the sign-in: only the token's hash.
    const [row] = await sql<{ token_hash: string }>(
      `SELECT token_hash FROM oidc_transactions ORDER BY created_at DESC LIMIT 1`,
    );
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs a user in through the provider: a Strict session cookie set by a page that navigates on same-site; method oidc, strong by acr; audited', async () => {
    const sessions = await count('user_sessions', 'true');
    const { browser, res } = await signIn('anna');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<meta http-equiv="refresh" content="0;url=/">');
    expect(html).not.toMatch(/<script/i);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(cookies.some((c) => c.startsWith(`${CSRF_COOKIE}=`))).toBe(true);
    // The transaction is used: its cookie is cleared.
    expect(cookies.some((c) => /^samsyn_oidc=;/.test(c))).toBe(true);
    expect(browser.jar(apiUrl).has('samsyn_oidc')).toBe(false);

    const who = await me(browser);
    expect(who.status).toBe(200);
    expect(((await who.json()) as MeDto).username).toBe('vard.psykiatri');
    expect(await count('user_sessions', 'true')).toBe(sessions + 1);
    const [row] = await sql<{ method: string; strong: boolean; oidc_provider: string }>(
      `SELECT s.method, s.strong, s.oidc_provider FROM user_sessions s JOIN users u ON u.id = s.user_id
       WHERE u.username = 'vard.psykiatri' ORDER BY s.created_at DESC LIMIT 1`,
    );
    expect(row).toEqual({ method: 'oidc', strong: true, oidc_provider: 'region-orebro' });
    const [audit] = await sql<{ user_id: string; organisation_id: string; outcome: string }>(
      `SELECT user_id, organisation_id, outcome FROM audit_events WHERE action = $1
       ORDER BY id DESC LIMIT 1`,
      [AuditAction.AuthOidcSignIn],
    );
    const [user] = await sql<{ id: string }>(
      `SELECT id FROM users WHERE username = 'vard.psykiatri'`,
    );
    expect(audit).toEqual({ user_id: user.id, organisation_id: regionId, outcome: 'allowed' });
  });

  it('counts a sign-in as strong only when its acr is one the organisation lists', async () => {
    const { browser, res } = await signIn('bertil');
    expect(res.status).toBe(200);
    expect(((await (await me(browser)).json()) as MeDto).username).toBe('oidc.bertil');
    const [row] = await sql<{ method: string; strong: boolean }>(
      `SELECT s.method, s.strong FROM user_sessions s JOIN users u ON u.id = s.user_id
       WHERE u.username = 'oidc.bertil' ORDER BY s.created_at DESC LIMIT 1`,
    );
    expect(row).toEqual({ method: 'oidc', strong: false });
  });

  it('matches the e-mail claim case-insensitively where the organisation identifies users by e-mail', async () => {
    const { browser, res } = await signIn('social', 'orebro-kommun');
    expect(res.status).toBe(200);
    expect(((await (await me(browser)).json()) as MeDto).username).toBe('social.orebro');
  });

  it('signing out of a provider session answers the end-session URL and ends the session; a password session still gets 204', async () => {
    const { browser } = await signIn('anna');
    const csrf = browser.jar(apiUrl).get(CSRF_COOKIE) ?? '';
    const sessionToken = browser.jar(apiUrl).get(SESSION_COOKIE);
    expect(sessionToken).toBeTruthy();
    const res = await browser.request(`${apiUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { [CSRF_HEADER]: csrf, accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    const { endSessionUrl } = (await res.json()) as LogoutResultDto;
    const url = new URL(endSessionUrl);
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'samsyn-region',
      post_logout_redirect_uri: `${apiUrl}/logga-in`,
    });
    expect((await me(browser)).status).toBe(401);
    // The provider accepts it: its sign-out page asks to confirm.
    const atProviderEnd = await browser.request(endSessionUrl);
    expect(atProviderEnd.status).toBe(200);

    const password = new Browser();
    const login = await fetch(`${apiUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'social.karlskoga', password: 'samsyn-demo' }),
    });
    expect(login.status).toBe(200);
    for (const c of login.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = pair.split('=');
      password.jar(apiUrl).set(name, value);
    }
    const out = await password.request(`${apiUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { [CSRF_HEADER]: password.jar(apiUrl).get(CSRF_COOKIE) ?? '' },
    });
    expect(out.status).toBe(204);
  });

  describe('refuses, audits and starts no session', () => {
    it('a return without the transaction cookie (bad or missing state)', async () => {
      const browser = new Browser();
      const back = await atProvider(browser, await start(browser), 'anna');
      browser.jar(apiUrl).delete('samsyn_oidc');
      const before = await snapshot();
      await expectRefused(await callback(browser, back), OidcRefusal.StateInvalid, before);
    });

    it('a state that is not the transaction’s', async () => {
      const browser = new Browser();
      const back = new URL(await atProvider(browser, await start(browser), 'anna'));
      back.searchParams.set('state', 'forged-state-value');
      const before = await snapshot();
      await expectRefused(await callback(browser, back.href), OidcRefusal.StateInvalid, before);
    });

    it('a return without state', async () => {
      const browser = new Browser();
      const back = new URL(await atProvider(browser, await start(browser), 'anna'));
      back.searchParams.delete('state');
      const before = await snapshot();
      await expectRefused(await callback(browser, back.href), OidcRefusal.StateInvalid, before);
    });

    it('a replayed return (the same state and cookie a second time)', async () => {
      const { back, transaction, res } = await signIn('anna');
      expect(res.status).toBe(200);
      const replay = new Browser();
      replay.jar(apiUrl).set('samsyn_oidc', transaction ?? '');
      const before = await snapshot();
      await expectRefused(await callback(replay, back), OidcRefusal.StateInvalid, before);
    });

    it('a replayed code in a new sign-in of the same browser', async () => {
      const first = await signIn('anna');
      const code = new URL(first.back).searchParams.get('code') ?? '';
      const browser = new Browser();
      const back = new URL(await atProvider(browser, await start(browser), 'anna'));
      back.searchParams.set('code', code);
      const before = await snapshot();
      await expectRefused(await callback(browser, back.href), OidcRefusal.ResponseInvalid, before);
    });

    it('an expired code', async () => {
      const browser = new Browser();
      const back = await atProvider(browser, await start(browser), 'sen');
      // The provider gives this account's codes one second; the exchange comes later.
      await new Promise((r) => setTimeout(r, 2_100));
      const before = await snapshot();
      await expectRefused(await callback(browser, back), OidcRefusal.ResponseInvalid, before);
    });

    it('an ID token with another nonce than the transaction’s', async () => {
      const browser = new Browser();
      const authorization = new URL(await start(browser));
      authorization.searchParams.set('nonce', 'a-nonce-of-another-sign-in');
      const back = await atProvider(browser, authorization.href, 'anna');
      const before = await snapshot();
      await expectRefused(await callback(browser, back), OidcRefusal.ResponseInvalid, before);
    });

    it('a response from another issuer', async () => {
      const browser = new Browser();
      const back = new URL(await atProvider(browser, await start(browser), 'anna'));
      back.searchParams.set('iss', 'http://localhost:1/evil');
      const before = await snapshot();
      await expectRefused(await callback(browser, back.href), OidcRefusal.ResponseInvalid, before);
    });

    it('an error response from the provider (the person cancelled)', async () => {
      const browser = new Browser();
      const back = await atProvider(browser, await start(browser), 'cancel');
      expect(new URL(back).searchParams.get('error')).toBe('access_denied');
      const before = await snapshot();
      await expectRefused(await callback(browser, back), OidcRefusal.ProviderError, before);
    });

    it('an identity no user of the organisation has (no self-registration)', async () => {
      const users = await count('users', 'true');
      const before = await snapshot();
      const { res } = await signIn('okand');
      await expectRefused(res, OidcRefusal.UnknownIdentity, before);
      expect(await count('users', 'true')).toBe(users);
      const [last] = await sql<{ user_id: string | null }>(
        `SELECT user_id FROM audit_events WHERE action = $1 ORDER BY id DESC LIMIT 1`,
        [AuditAction.AuthOidcRefused],
      );
      expect(last.user_id).toBeNull();
    });

    it('a deactivated user', async () => {
      const before = await snapshot();
      const { res } = await signIn('inaktiv');
      await expectRefused(res, OidcRefusal.UserInactive, before);
      const [last] = await sql<{ user_id: string }>(
        `SELECT user_id FROM audit_events WHERE action = $1 ORDER BY id DESC LIMIT 1`,
        [AuditAction.AuthOidcRefused],
      );
      const [user] = await sql<{ id: string }>(
        `SELECT id FROM users WHERE username = 'oidc.inaktiv'`,
      );
      expect(last.user_id).toBe(user.id);
    });

    it('the identity of another organisation’s user', async () => {
      // `kommun`'s HSA id is the external id of a user of Örebro kommun, not of the region.
      const before = await snapshot();
      const { res } = await signIn('kommun');
      await expectRefused(res, OidcRefusal.UnknownIdentity, before);
    });

    it('a deactivated organisation (then no longer offered)', async () => {
      const browser = new Browser();
      const back = await atProvider(browser, await start(browser, 'orebro-kommun'), 'social');
      await sql(`UPDATE organisations SET active = false WHERE id = $1`, [kommunId]);
      try {
        const before = await snapshot(kommunId);
        await expectRefused(
          await callback(browser, back),
          OidcRefusal.OrganisationInactive,
          before,
          kommunId,
        );
        const offered = (await (
          await fetch(`${apiUrl}/api/v1/auth/providers`)
        ).json()) as OidcProviderDto[];
        expect(offered.map((p) => p.key)).toEqual(['region-orebro']);
      } finally {
        await sql(`UPDATE organisations SET active = true WHERE id = $1`, [kommunId]);
      }
    });

    it('an unknown provider (not audited: it names no organisation)', async () => {
      const res = await fetch(`${apiUrl}/api/v1/auth/oidc/no-such-provider/start`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(REFUSED(OidcRefusal.UnknownProvider));
    });
  });

  it('the API logged no secret, code, token or identity claim', async () => {
    const first = await signIn('anna');
    const code = new URL(first.back).searchParams.get('code') ?? '';
    const log = api.output();
    expect(log).toContain('sign-in through region-orebro refused: unknown_identity');
    for (const secret of [
      REGION_SECRET,
      KOMMUN_SECRET,
      code,
      first.transaction ?? '',
      ...Object.values(HSA),
    ])
      expect({ secret, logged: log.includes(secret) }).toEqual({ secret, logged: false });
  });
});
