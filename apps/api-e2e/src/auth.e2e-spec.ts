import {
  CSRF_COOKIE,
  CSRF_HEADER,
  ErrorCode,
  type MeDto,
  Permission,
  SESSION_COOKIE,
} from '@samsyn/common';
import { NodeEnv, secretsKey } from '@samsyn/server';
import { type RunningApi, startApi, tempDir } from '@samsyn/testing';
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { count, sql } from './support/db';
import { DEMO_PASSWORD, e2eContext } from './support/env';
import { ApiClient, type HttpResult } from './support/http';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

const run = Date.now().toString(36);

/** A user of the test's own (the demo password, an e-mail address), so locking it disturbs no one. */
async function newUser(
  name: string,
  locale: 'sv' | 'en' = 'sv',
): Promise<{ id: string; username: string; email: string }> {
  const username = `${name}.${run}`;
  const email = `${username}@e2e.samsyn.se`;
  const [{ id }] = await sql<{ id: string }>(
    `INSERT INTO users (username, display_name, email, password_hash, roles, organisation_id, unit_id, locale, version)
     SELECT $1, 'Test Testsson', $2, password_hash, '{auditor}', organisation_id, unit_id, $3, 1
     FROM users WHERE username = 'granskare.orebro' RETURNING id::text AS id`,
    [username, email, locale],
  );
  return { id, username, email };
}

/** What a caller sees of a refused sign-in: everything but the request's own id. */
function seen(res: HttpResult) {
  const { requestId: _id, ...body } = res.body as Record<string, unknown>;
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    cookies: res.headers.getSetCookie().length,
    body,
  };
}

/** The lock as PostgreSQL keeps it. */
async function lockOf(id: string): Promise<{ failed: number; until: Date | null }> {
  const [row] = await sql<{ failed: number; until: Date | null }>(
    'SELECT failed_login_count AS failed, locked_until AS until FROM users WHERE id = $1',
    [id],
  );
  return row;
}

describe('sign-in (passport local + server-side session)', () => {
  it('signs in a demo social worker and returns who they are', async () => {
    const client = new ApiClient();
    const res = await client.login('social.orebro', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    const me = res.body as MeDto;
    expect(me).toMatchObject({ username: 'social.orebro', roles: ['social_worker'] });
    expect(me.organisation).toMatchObject({ name: 'Örebro kommun', type: 'municipality' });
    expect(me.permissions).toContain(Permission.CaseCreate);
    expect(me).not.toHaveProperty('sessionId');

    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`))).not.toMatch(/HttpOnly/i);

    const again = await client.get<MeDto>('/api/v1/me');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(me.id);
  });

  it('accepts the username in any case', async () => {
    expect((await new ApiClient().login('Social.Orebro', DEMO_PASSWORD)).status).toBe(200);
  });

  it('stores only a hash of the session token', async () => {
    const client = await ApiClient.signedIn('vard.psykiatri');
    const token = client.cookies.get(SESSION_COOKIE) ?? '';
    expect(await count('user_sessions', 'token_hash = $1', [token])).toBe(0);
  });

  it.each([
    ['a wrong password', 'social.orebro', 'wrong-password'],
    ['an unknown user', 'nobody.here', DEMO_PASSWORD],
  ])('refuses %s with the same answer and sets no cookie', async (_case, username, password) => {
    const res = await new ApiClient().login(username, password);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      status: 401,
      code: ErrorCode.InvalidCredentials,
      detail: 'Wrong username or password.',
    });
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.headers.getSetCookie()).toHaveLength(0);
  });

  it('locks the account after repeated failures, even for the right password, which is refused as a wrong one', async () => {
    // LOGIN_MAX_FAILURES=3 in the e2e configuration. A user of its own, so that locking it
    // cannot disturb any other test file in the same run.
    const username = 'lockout.e2e';
    await sql(
      `INSERT INTO users (username, display_name, password_hash, roles, organisation_id, unit_id, version)
       SELECT $1, 'Låst Testsson', password_hash, '{auditor}', organisation_id, unit_id, 1
       FROM users WHERE username = 'granskare.orebro'`,
      [username],
    );
    const client = new ApiClient();
    for (let i = 0; i < 3; i++) {
      expect((await client.login(username, `wrong-${i}`)).body).toMatchObject({
        code: ErrorCode.InvalidCredentials,
      });
    }
    const locked = await client.login(username, DEMO_PASSWORD);
    expect(locked.status).toBe(401);
    // Issue 18: the caller is not told (that would reveal the username); the row shows the lock.
    expect(locked.body).toMatchObject({ code: ErrorCode.InvalidCredentials });
    expect(locked.headers.getSetCookie()).toHaveLength(0);
    const [row] = await sql<{ locked_until: Date }>(
      `SELECT locked_until FROM users WHERE username = $1`,
      [username],
    );
    expect(row.locked_until.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
  });

  it('answers an unknown username, a wrong password and a locked account identically (issue 18: no username oracle)', async () => {
    const open = await newUser('oracle.open');
    const locked = await newUser('oracle.locked');
    const until = new Date(Date.now() + 15 * 60_000);
    await sql('UPDATE users SET failed_login_count = 3, locked_until = $2 WHERE id = $1', [
      locked.id,
      until,
    ]);
    const answers = {
      unknown: seen(await new ApiClient().login(`oracle.nobody.${run}`, DEMO_PASSWORD)),
      wrongPassword: seen(await new ApiClient().login(open.username, 'not-the-password')),
      lockedRightPassword: seen(await new ApiClient().login(locked.username, DEMO_PASSWORD)),
      lockedWrongPassword: seen(await new ApiClient().login(locked.username, 'not-it-either')),
    };
    expect(answers.unknown).toMatchObject({
      status: 401,
      contentType: expect.stringMatching(/^application\/problem\+json/) as unknown,
      cookies: 0,
      body: {
        title: 'Unauthorized',
        status: 401,
        code: ErrorCode.InvalidCredentials,
        detail: 'Wrong username or password.',
      },
    });
    // Status, headers that matter and the whole body (but its request id) alike in every case.
    for (const answer of Object.values(answers)) expect(answer).toEqual(answers.unknown);
    // The lock holds (the right password was refused above), and attempts while locked neither
    // count nor stretch it.
    expect(await lockOf(locked.id)).toEqual({ failed: 3, until });
    expect((await lockOf(open.id)).failed).toBe(1);
    // Once the lock has run out, the right password signs in again.
    await sql(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [
      locked.id,
    ]);
    expect((await new ApiClient().login(locked.username, DEMO_PASSWORD)).status).toBe(200);
  });

  it('a successful sign-in resets the failure count', async () => {
    const client = new ApiClient();
    await client.login('samordnare.orebro', 'wrong');
    await client.login('samordnare.orebro', 'wrong');
    expect((await client.login('samordnare.orebro', DEMO_PASSWORD)).status).toBe(200);
    const [row] = await sql<{ failed_login_count: number }>(
      `SELECT failed_login_count FROM users WHERE username = 'samordnare.orebro'`,
    );
    expect(row.failed_login_count).toBe(0);
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const client = await ApiClient.signedIn('polis.orebro');
    const stolen = new ApiClient();
    stolen.cookies.set(SESSION_COOKIE, client.cookies.get(SESSION_COOKIE) ?? '');
    expect((await stolen.get('/api/v1/me')).status).toBe(200);

    const out = await client.post('/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await stolen.get('/api/v1/me')).status).toBe(401);
  });

  it.each([
    ['idle longer than SESSION_IDLE_MINUTES', `last_seen_at = now() - interval '31 minutes'`],
    ['past its absolute end', `expires_at = now() - interval '1 second'`],
  ])('a session %s no longer works and is removed', async (_case, change) => {
    const client = await ApiClient.signedIn('vard.psykiatri');
    const [{ id }] = await sql<{ id: string }>(
      `SELECT s.id FROM user_sessions s JOIN users u ON u.id = s.user_id
        WHERE u.username = 'vard.psykiatri' ORDER BY s.created_at DESC LIMIT 1`,
    );
    await sql(`UPDATE user_sessions SET ${change} WHERE id = $1`, [id]);
    const res = await client.get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: ErrorCode.AuthenticationRequired });
    expect(await count('user_sessions', 'id = $1', [id])).toBe(0);
  });

  it('refuses a state-changing request without the CSRF header', async () => {
    const client = await ApiClient.signedIn('frivard.orebro');
    const res = await client.request('POST', '/api/v1/auth/logout', undefined, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: ErrorCode.CsrfTokenInvalid });
    expect((await client.get('/api/v1/me')).status).toBe(200);
  });

  it('binds the CSRF token to the session: a planted pair or another session’s token is refused with 403; the real token passes (issue 18)', async () => {
    const client = await ApiClient.signedIn('frivard.orebro');
    const own = client.cookies.get(CSRF_COOKIE) ?? '';
    const sameUser = (await ApiClient.signedIn('frivard.orebro')).cookies.get(CSRF_COOKIE) ?? '';
    const otherUser = (await ApiClient.signedIn('polis.orebro')).cookies.get(CSRF_COOKIE) ?? '';
    expect(new Set([own, sameUser, otherUser]).size).toBe(3);

    // The cookie is an HMAC of the session's id under a key derived from SECRETS_KEY (here the
    // fixed test key), computed independently of the API.
    const tokenHash = createHash('sha256')
      .update(client.cookies.get(SESSION_COOKIE) ?? '')
      .digest('hex');
    const [{ id: sessionId }] = await sql<{ id: string }>(
      'SELECT id::text AS id FROM user_sessions WHERE token_hash = $1',
      [tokenHash],
    );
    const key = hkdfSync(
      'sha256',
      secretsKey({ NODE_ENV: NodeEnv.Test, DEMO_MODE: false }),
      Buffer.alloc(0),
      'samsyn csrf token',
      32,
    );
    expect(own).toBe(
      createHmac('sha256', Buffer.from(key)).update(`csrf:${sessionId}`).digest('base64url'),
    );

    // Cookie and header agree in each forged attempt; the server compares neither with the other.
    const forged = async (value: string) => {
      client.cookies.set(CSRF_COOKIE, value);
      return client.post('/api/v1/auth/logout');
    };
    for (const value of ['made-up-token', 'A'.repeat(own.length), sameUser, otherUser]) {
      const res = await forged(value);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: ErrorCode.CsrfTokenInvalid });
    }
    expect((await client.get('/api/v1/me')).status).toBe(200);

    // The header is what counts: the real token passes even beside a wrong cookie.
    client.cookies.set(CSRF_COOKIE, 'made-up-token');
    const out = await client.request('POST', '/api/v1/auth/logout', undefined, {
      csrf: false,
      headers: { [CSRF_HEADER]: own },
    });
    expect(out.status).toBe(204);
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });

  it('GET /me sets the CSRF cookie again when it no longer holds the session’s token, and only then', async () => {
    const client = await ApiClient.signedIn('frivard.orebro');
    const own = client.cookies.get(CSRF_COOKIE) ?? '';
    const unchanged = await client.get('/api/v1/me');
    expect(unchanged.headers.getSetCookie()).toHaveLength(0);

    client.cookies.set(CSRF_COOKIE, 'left-from-before-an-upgrade');
    const mended = await client.get('/api/v1/me');
    const cookie = mended.headers.getSetCookie().find((c) => c.startsWith(`${CSRF_COOKIE}=`));
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Expires=/i);
    expect(client.cookies.get(CSRF_COOKIE)).toBe(own);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
  });

  it('checks permissions by role: a social worker may not list what only admins may do', async () => {
    // Organisations are readable by every role; the permission guard itself is unit-tested.
    const client = await ApiClient.signedIn('styrgrupp.lan');
    const res = await client.get<{ total: number }>('/api/v1/organisations?type=municipality');
    expect(res.status).toBe(200);
    // Other files add organisations to the shared database: the active municipalities there.
    expect(res.body.total).toBe(await count('organisations', "type = 'municipality' AND active"));
    expect(res.body.total).toBeGreaterThanOrEqual(12);
  });
});

/**
 * The lock mails to an address, waiting for `n` of them: the user shares a unit with demo
 * users, so the unit's SIP notices from other specs reach the address too.
 */
async function lockMails(smtp: TestSmtpServer, address: string, n: number) {
  const locks = () => smtp.to(address).filter((m) => /lock|låst/i.test(m.subject));
  for (let i = 0; i < 100 && locks().length < n; i++) await new Promise((r) => setTimeout(r, 100));
  return locks();
}

describe('the lock told by e-mail (issue 18, with SMTP configured)', () => {
  let smtp: TestSmtpServer;
  let api: RunningApi;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startApi({
      DATABASE_URL: e2eContext().databaseUrl,
      DATA_DIR: tempDir('samsyn-auth-smtp-'),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Samsyn <samsyn@e2e.samsyn.se>',
      LOGIN_RATE_LIMIT: '1000',
      LOGIN_MAX_FAILURES: '3',
    });
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
  });

  it('e-mails the owner once when the lock begins, in their language; the caller sees nothing of it', async () => {
    const user = await newUser('lockmail', 'en');
    const unknown = seen(await new ApiClient(api.url).login(`lockmail.nobody.${run}`, 'wrong'));
    for (let i = 0; i < 3; i++) {
      const res = await new ApiClient(api.url).login(user.username, `wrong-${i}`);
      expect(seen(res)).toEqual(unknown);
    }
    const [mail] = await lockMails(smtp, user.email, 1);
    expect(mail.subject).toBe('Samsyn: your account is temporarily locked');
    expect(mail.text).toContain('locked after several failed sign-in attempts');
    expect(mail.text).toContain('tell your administrator');
    expect(mail.text).not.toContain('Test Testsson');
    expect(mail.text).not.toContain(user.username);
    const { until } = await lockOf(user.id);
    expect(until!.getTime()).toBeGreaterThan(Date.now());

    // While locked: refused as before, and no further mail.
    expect(seen(await new ApiClient(api.url).login(user.username, DEMO_PASSWORD))).toEqual(unknown);
    await new ApiClient(api.url).login(user.username, 'wrong-again');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await lockMails(smtp, user.email, 2)).toHaveLength(1);

    // A new lock after the first ran out is news again; a user without an address gets none.
    await sql(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [
      user.id,
    ]);
    for (let i = 0; i < 3; i++) await new ApiClient(api.url).login(user.username, `wrong-${i}`);
    const [, second] = await lockMails(smtp, user.email, 2);
    expect(second.subject).toBe('Samsyn: your account is temporarily locked');
    const isLock = (m: { subject: string }) => /lock|låst/i.test(m.subject);
    const before = smtp.messages.filter(isLock).length;
    const silent = await newUser('lockmail.silent');
    await sql('UPDATE users SET email = NULL WHERE id = $1', [silent.id]);
    for (let i = 0; i < 3; i++) await new ApiClient(api.url).login(silent.username, `wrong-${i}`);
    expect((await lockOf(silent.id)).until).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smtp.messages.filter(isLock)).toHaveLength(before);
    // Neither address nor username in the API's log.
    expect(api.output()).not.toContain(user.email);
  });

  it('a Swedish user gets the notice in Swedish', async () => {
    const user = await newUser('lockmail.sv');
    for (let i = 0; i < 3; i++) await new ApiClient(api.url).login(user.username, `fel-${i}`);
    const [mail] = await lockMails(smtp, user.email, 1);
    expect(mail.subject).toBe('Samsyn: ditt konto är tillfälligt låst');
    expect(mail.text).toContain('kontakta din administratör');
  });
});
