import {
  type AccountSessionDto,
  AuditAction,
  ErrorCode,
  type MeDto,
  type ProblemDetails,
  Role,
  SessionMethod,
  type SignOutOthersResultDto,
} from '@samsyn/common';
import { PASSWORD_PROBLEM_MESSAGES, PasswordProblem } from '@samsyn/domain';
import type { Pool } from 'pg';
import { count, sql } from './support/db';
import { DEMO_PASSWORD } from './support/env';
import { createUsers, directory, e2ePool, expectStatus } from './support/fixtures';
import { ApiClient } from './support/http';

/**
 * Issue 16 §4: the user's own account — change the password, save the language, see one's live
 * sessions and end them. Each test signs in as users of its own (inserted with the demo
 * password), never a demo user: other specs sign in as those.
 */
const run = Date.now().toString(36);
const NEW_PASSWORD = 'blåbärssylt på tisdagar';

describe('own account (Mitt konto)', () => {
  let db: Pool;
  let ids: Map<string, string>;
  const username = (name: string) => `account.${name}.${run}`;
  const names = ['password', 'policy', 'lockout', 'locale', 'sessions', 'others'];

  beforeAll(async () => {
    db = e2ePool(2);
    const dir = await directory(db);
    const unit = dir.unit('Örebro kommun', 'Socialtjänsten, individ- och familjeomsorg');
    ids = await createUsers(
      db,
      names.map((name) => ({
        username: username(name),
        displayName: `Konto ${name}`,
        roles: [Role.SocialWorker],
        organisationId: unit.organisationId,
        unitId: unit.id,
      })),
    );
  });

  afterAll(async () => {
    await db.end();
  });

  const idOf = (name: string) => ids.get(username(name))!;
  const passwordHash = async (name: string) =>
    (
      await sql<{ h: string }>('SELECT password_hash AS h FROM users WHERE id = $1', [idOf(name)])
    )[0].h;
  const failedCount = async (name: string) =>
    (
      await sql<{ n: number }>('SELECT failed_login_count AS n FROM users WHERE id = $1', [
        idOf(name),
      ])
    )[0].n;
  const auditCount = (name: string, action: AuditAction, outcome = 'allowed') =>
    count('audit_events', 'target_id = $1 AND action = $2 AND outcome = $3', [
      idOf(name),
      action,
      outcome,
    ]);
  const fieldsOf = (body: unknown) =>
    ((body as ProblemDetails).errors ?? []).map((e) => `${e.field}:${e.code}`);

  it('changes the password: the new one signs in, the old one no longer; other sessions end, this one stays', async () => {
    const me = await ApiClient.signedIn(username('password'));
    const other = await ApiClient.signedIn(username('password'));
    expect((await other.get('/api/v1/me')).status).toBe(200);

    const res = await me.post('/api/v1/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expectStatus(res, 204, 'change password');

    // This session stays; the other one's next request is a 401.
    expect((await me.get('/api/v1/me')).status).toBe(200);
    const ended = await other.get<ProblemDetails>('/api/v1/me');
    expect(ended.status).toBe(401);
    expect(ended.body.code).toBe(ErrorCode.AuthenticationRequired);
    expect(await count('user_sessions', 'user_id = $1', [idOf('password')])).toBe(1);

    // The old password no longer signs in; the new one does.
    const old = await new ApiClient().login(username('password'), DEMO_PASSWORD);
    expect(old.status).toBe(401);
    expect((old.body as ProblemDetails).code).toBe(ErrorCode.InvalidCredentials);
    expect((await new ApiClient().login(username('password'), NEW_PASSWORD)).status).toBe(200);

    // Stored as argon2id, audited with the user as its target.
    expect(await passwordHash('password')).toMatch(/^\$argon2id\$/);
    expect(await auditCount('password', AuditAction.AccountPasswordChanged)).toBe(1);
  });

  it('refuses a new password the policy refuses, with its messages, and writes nothing', async () => {
    const me = await ApiClient.signedIn(username('policy'));
    const other = await ApiClient.signedIn(username('policy'));
    const before = await passwordHash('policy');
    const sessionsBefore = await count('user_sessions', 'user_id = $1', [idOf('policy')]);
    const cases: [string, string[]][] = [
      ['kort', ['newPassword:tooShort']],
      ['password1234!', ['newPassword:common']],
      ['sommar2024!!', ['newPassword:common']],
      [`${username('policy')}-extra`, ['newPassword:containsUsername']],
    ];
    for (const [newPassword, expected] of cases) {
      const res = await me.post<ProblemDetails>('/api/v1/me/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword,
      });
      expect({ newPassword, status: res.status, fields: fieldsOf(res.body) }).toEqual({
        newPassword,
        status: 400,
        fields: expected,
      });
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
    }
    const short = await me.post<ProblemDetails>('/api/v1/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'kort',
    });
    expect(short.body.errors?.[0]?.message).toBe(
      PASSWORD_PROBLEM_MESSAGES[PasswordProblem.TooShort],
    );

    // The same password again, a missing field, an unknown field: 400 as well.
    const same = await me.post('/api/v1/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: DEMO_PASSWORD,
    });
    expect(same.status).toBe(400);
    expect(fieldsOf(same.body)).toContain('newPassword:tooShort');
    const missing = await me.post('/api/v1/me/password', { newPassword: NEW_PASSWORD });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toContain('currentPassword:isNotEmpty');
    const extra = await me.post('/api/v1/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: NEW_PASSWORD,
      username: 'someone.else',
    });
    expect(extra.status).toBe(400);

    // Nothing written: same hash, no count, sessions untouched, no audit event.
    expect(await passwordHash('policy')).toBe(before);
    expect(await failedCount('policy')).toBe(0);
    expect(await count('user_sessions', 'user_id = $1', [idOf('policy')])).toBe(sessionsBefore);
    expect((await other.get('/api/v1/me')).status).toBe(200);
    expect(await auditCount('policy', AuditAction.AccountPasswordChanged)).toBe(0);
  });

  it('refuses a new password equal to the current one when both are long enough', async () => {
    // The policy user's password is still the demo one (too short for the policy): set one first.
    const me = await ApiClient.signedIn(username('policy'));
    const first = await me.post('/api/v1/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expectStatus(first, 204, 'change password');
    const same = await me.post('/api/v1/me/password', {
      currentPassword: NEW_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(same.status).toBe(400);
    expect(fieldsOf(same.body)).toEqual(['newPassword:sameAsCurrent']);
  });

  it('counts a wrong current password toward the lockout, like a failed sign-in', async () => {
    const me = await ApiClient.signedIn(username('lockout'));
    const before = await passwordHash('lockout');
    const wrong = await me.post<ProblemDetails>('/api/v1/me/password', {
      currentPassword: 'not-the-password',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(fieldsOf(wrong.body)).toEqual(['currentPassword:wrongPassword']);
    expect(wrong.body.errors?.[0]?.message).toBe('The current password is wrong.');
    expect(await failedCount('lockout')).toBe(1);
    expect(await auditCount('lockout', AuditAction.AccountPasswordChanged, 'denied')).toBe(1);

    // A wrong current password and a bad new one: both fields answer.
    const both = await me.post('/api/v1/me/password', {
      currentPassword: 'still-not-it',
      newPassword: 'kort',
    });
    expect(fieldsOf(both.body)).toEqual(['currentPassword:wrongPassword', 'newPassword:tooShort']);
    expect(await failedCount('lockout')).toBe(2);

    // The e2e API locks after 3 failures: the third locks sign-in and further changes alike.
    await me.post('/api/v1/me/password', { currentPassword: 'nope', newPassword: NEW_PASSWORD });
    expect(await failedCount('lockout')).toBe(3);
    const signIn = await new ApiClient().login(username('lockout'), DEMO_PASSWORD);
    // Locked, the right password is refused, with the answer of a wrong one (issue 18).
    expect(signIn.status).toBe(401);
    expect((signIn.body as ProblemDetails).code).toBe(ErrorCode.InvalidCredentials);
    const [row] = await sql<{ locked: boolean }>(
      'SELECT locked_until > now() AS locked FROM users WHERE id = $1',
      [idOf('lockout')],
    );
    expect(row.locked).toBe(true);
    const locked = await me.post('/api/v1/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(locked.status).toBe(400);
    expect(fieldsOf(locked.body)).toEqual(['currentPassword:accountLocked']);
    expect(await passwordHash('lockout')).toBe(before);
    // The session in use is not ended by the lock (its owner may be the one who mistyped).
    expect((await me.get('/api/v1/me')).status).toBe(200);
  });

  it('saves the language, and /me and the next sign-in show it', async () => {
    const me = await ApiClient.signedIn(username('locale'));
    expect((await me.get<MeDto>('/api/v1/me')).body.locale).toBe('sv');
    const res = await me.request<MeDto>('PATCH', '/api/v1/me', { locale: 'en' });
    expectStatus(res, 200, 'PATCH /me');
    expect(res.body.locale).toBe('en');
    expect((await me.get<MeDto>('/api/v1/me')).body.locale).toBe('en');
    const again = await new ApiClient().login(username('locale'), DEMO_PASSWORD);
    expect((again.body as MeDto).locale).toBe('en');

    for (const body of [{ locale: 'de' }, {}, { locale: 'sv', displayName: 'Ny' }]) {
      const bad = await me.request<ProblemDetails>('PATCH', '/api/v1/me', body);
      expect({ body, status: bad.status }).toEqual({ body, status: 400 });
    }
    expect((await me.get<MeDto>('/api/v1/me')).body).toMatchObject({
      locale: 'en',
      displayName: 'Konto locale',
    });
  });

  it('lists the live sessions without tokens, marks the current one, ends one but not the current', async () => {
    const desk = new ApiClient();
    const deskLogin = await desk.request(
      'POST',
      '/api/v1/auth/login',
      {
        username: username('sessions'),
        password: DEMO_PASSWORD,
      },
      { headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Firefox/140.0' } },
    );
    expect(deskLogin.status).toBe(200);
    const phone = new ApiClient();
    const longAgent = `Mozilla/5.0 (iPhone) ${'x'.repeat(400)}`;
    await phone.request(
      'POST',
      '/api/v1/auth/login',
      { username: username('sessions'), password: DEMO_PASSWORD },
      { headers: { 'user-agent': longAgent } },
    );

    const res = await desk.get<AccountSessionDto[]>('/api/v1/me/sessions');
    expectStatus(res, 200, 'GET /me/sessions');
    expect(res.body).toHaveLength(2);
    const [current, other] = res.body;
    expect(current).toMatchObject({
      current: true,
      method: SessionMethod.Password,
      userAgent: 'Mozilla/5.0 (Windows NT 10.0) Firefox/140.0',
    });
    expect(other.current).toBe(false);
    expect(other.userAgent).toBe(longAgent.slice(0, 200));
    for (const s of res.body) {
      expect(Object.keys(s).sort()).toEqual(
        ['createdAt', 'current', 'expiresAt', 'id', 'lastSeenAt', 'method', 'userAgent'].sort(),
      );
      expect(new Date(s.expiresAt).getTime()).toBeGreaterThan(Date.now());
    }
    // No token and no token hash anywhere in the answer.
    const hashes = await sql<{ h: string }>(
      'SELECT token_hash AS h FROM user_sessions WHERE user_id = $1',
      [idOf('sessions')],
    );
    const text = JSON.stringify(res.body);
    for (const { h } of hashes) expect(text).not.toContain(h);
    for (const token of [...desk.cookies.values(), ...phone.cookies.values()])
      expect(text).not.toContain(token);

    // The phone sees itself as current.
    const fromPhone = await phone.get<AccountSessionDto[]>('/api/v1/me/sessions');
    expect(fromPhone.body.find((s) => s.current)?.id).toBe(other.id);

    // The current session cannot be ended here (sign out does that); another's id is a 404.
    const own = await desk.request<ProblemDetails>('DELETE', `/api/v1/me/sessions/${current.id}`);
    expect(own.status).toBe(400);
    expect(fieldsOf(own.body)).toEqual(['id:currentSession']);
    const stranger = await ApiClient.signedIn(username('others'));
    const foreign = await stranger.request('DELETE', `/api/v1/me/sessions/${other.id}`);
    expect(foreign.status).toBe(404);
    expect((await phone.get('/api/v1/me')).status).toBe(200);
    const malformed = await desk.request('DELETE', '/api/v1/me/sessions/not-a-uuid');
    expect(malformed.status).toBe(400);

    // Ending the phone's session: its next request is a 401; the desk goes on.
    const end = await desk.request('DELETE', `/api/v1/me/sessions/${other.id}`);
    expectStatus(end, 204, 'DELETE session');
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await desk.get('/api/v1/me')).status).toBe(200);
    const after = await desk.get<AccountSessionDto[]>('/api/v1/me/sessions');
    expect(after.body.map((s) => s.id)).toEqual([current.id]);
    expect(await auditCount('sessions', AuditAction.AccountSessionEnded)).toBe(1);
    const gone = await desk.request('DELETE', `/api/v1/me/sessions/${other.id}`);
    expect(gone.status).toBe(404);
  });

  it('signs out everywhere else: the other sessions’ next request is 401, this one stays', async () => {
    const me = await ApiClient.signedIn(username('others'));
    const a = await ApiClient.signedIn(username('others'));
    const b = await ApiClient.signedIn(username('others'));
    const before = await count('user_sessions', 'user_id = $1', [idOf('others')]);
    expect(before).toBeGreaterThanOrEqual(3);

    // Without the CSRF header: refused, nothing ended.
    const noCsrf = await me.request(
      'POST',
      '/api/v1/me/sessions/sign-out-others',
      {},
      { csrf: false },
    );
    expect(noCsrf.status).toBe(403);
    expect(await count('user_sessions', 'user_id = $1', [idOf('others')])).toBe(before);

    const res = await me.post<SignOutOthersResultDto>('/api/v1/me/sessions/sign-out-others');
    expectStatus(res, 200, 'sign out others');
    expect(res.body.ended).toBe(before - 1);
    expect((await a.get('/api/v1/me')).status).toBe(401);
    expect((await b.get('/api/v1/me')).status).toBe(401);
    expect((await me.get('/api/v1/me')).status).toBe(200);
    const listed = await me.get<AccountSessionDto[]>('/api/v1/me/sessions');
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0].current).toBe(true);
    expect(await auditCount('others', AuditAction.AccountOtherSessionsEnded)).toBe(1);

    // Another user's sessions are untouched.
    const sessionsOfOthers = await sql<{ n: string }>(
      'SELECT count(*)::text AS n FROM user_sessions WHERE user_id = $1',
      [idOf('sessions')],
    );
    expect(Number(sessionsOfOthers[0].n)).toBeGreaterThanOrEqual(1);
  });
});
