import {
  AuditAction,
  ErrorCode,
  type MeDto,
  type OrganisationDto,
  type ProblemDetails,
  type RecoveryCodesDto,
  Role,
  type SecondFactorStatusDto,
  type TotpEnrolmentDto,
} from '@samsyn/common';
import { generateSync } from 'otplib';
import type { Pool } from 'pg';
import { createUsers, e2ePool, expectStatus } from './support/fixtures';
import { ApiClient, type HttpResult } from './support/http';
import { DEMO_PASSWORD } from './support/env';

/**
 * Issue 16 §5, the second factor: enrolment of an authenticator app (TOTP), sign-in with its code
 * or a recovery code, the lockout that counts wrong codes like wrong passwords, the session that
 * may only enrol where the organisation requires a second factor, turning it off, the admin
 * reset, and emergency access (D17) that needs a strong session. Codes are computed here with
 * otplib from the secret the enrolment answered, as an authenticator app would.
 */
const run = Date.now().toString(36);
const PERIOD = 30;
const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD);

/** An authenticator app: the next code it shows, never one this test has used already. */
class Authenticator {
  private lastStep = 0;
  constructor(readonly secret: string) {}

  /** The code of a step after the last one used, within the server's ±1 step (waits if need be). */
  async nextCode(): Promise<string> {
    let step = Math.max(this.lastStep + 1, currentStep() - 1);
    while (step > currentStep() + 1) {
      await new Promise((r) => setTimeout(r, 1000));
      step = Math.max(this.lastStep + 1, currentStep() - 1);
    }
    this.lastStep = step;
    return generateSync({ secret: this.secret, epoch: step * PERIOD });
  }

  /** The code the app shows now, without taking it (for requests refused before the code counts). */
  currentCode(): string {
    return generateSync({ secret: this.secret, epoch: currentStep() * PERIOD });
  }

  /** The code used last, again (to show it is refused). */
  lastCode(): string {
    return generateSync({ secret: this.secret, epoch: this.lastStep * PERIOD });
  }
}

/** A six-digit code that is none of the codes valid now. */
function wrongCode(secret: string): string {
  const valid = new Set(
    [-1, 0, 1, 2].map((d) => generateSync({ secret, epoch: (currentStep() + d) * PERIOD })),
  );
  for (let n = 0; ; n++) {
    const code = String(100000 + n * 7919).slice(-6);
    if (!valid.has(code)) return code;
  }
}

const problem = (res: HttpResult) => res.body as ProblemDetails;

/** What must be identical between two refusals: no way to tell them apart. */
const answer = (res: HttpResult) => {
  const p = problem(res);
  return { status: res.status, code: p.code, title: p.title, detail: p.detail, type: p.type };
};

describe('second factor (TOTP)', () => {
  let db: Pool;
  let sysadmin: ApiClient;
  let required: OrganisationDto;
  let optional: OrganisationDto;
  const ids = new Map<string, string>();
  const name = (who: string) => `tf.${who}.${run}`;

  beforeAll(async () => {
    db = e2ePool();
    sysadmin = await ApiClient.signedIn('sysadmin');
    // Organisations of this file's own: one requires a second factor, one leaves it optional.
    const make = async (label: string, requireSecondFactor: boolean) => {
      const org = await sysadmin.post<OrganisationDto>('/api/v1/organisations', {
        kind: 'municipality',
        name: `Tvåsteg ${label} ${run}`,
        requireSecondFactor,
      });
      expectStatus(org, 201, 'create organisation');
      const withUnit = await sysadmin.post<OrganisationDto>(
        `/api/v1/organisations/${org.body.id}/units`,
        { name: 'Socialtjänsten', kind: 'social_services' },
      );
      expectStatus(withUnit, 201, 'add unit');
      return withUnit.body;
    };
    required = await make('krävs', true);
    optional = await make('valfritt', false);
    expect([required.requireSecondFactor, optional.requireSecondFactor]).toEqual([true, false]);
    const inRequired = (who: string, roles: Role[]) => ({
      username: name(who),
      displayName: `Tvåsteg ${who}`,
      roles,
      organisationId: required.id,
      unitId: required.units[0].id,
    });
    const created = await createUsers(db, [
      inRequired('enrol', [Role.SocialWorker]),
      inRequired('lock', [Role.SocialWorker]),
      inRequired('recovery', [Role.SocialWorker]),
      inRequired('emergency', [Role.SocialWorker]),
      inRequired('admin', [Role.OrgAdmin]),
      {
        username: name('optional'),
        displayName: 'Tvåsteg valfritt',
        roles: [Role.SocialWorker],
        organisationId: optional.id,
        unitId: optional.units[0].id,
      },
    ]);
    for (const [username, id] of created) ids.set(username, id);
  });

  afterAll(async () => {
    await db.end();
  });

  /** Each enrolled user's authenticator and recovery codes, as the tests below made them. */
  const enrolled = new Map<string, { app: Authenticator; codes: string[] }>();

  /** Signs in with the password; in the requiring organisation that session may only enrol. */
  async function passwordSession(who: string): Promise<ApiClient> {
    return ApiClient.signedIn(name(who));
  }

  /** Starts and confirms an enrolment in `client`'s session; answers the app and the codes. */
  async function enrol(client: ApiClient): Promise<{ app: Authenticator; codes: string[] }> {
    const started = await client.post<TotpEnrolmentDto>('/api/v1/me/second-factor/totp');
    expectStatus(started, 200, 'start enrolment');
    const app = new Authenticator(started.body.secret);
    const confirmed = await client.post<RecoveryCodesDto>('/api/v1/me/second-factor/totp/confirm', {
      code: await app.nextCode(),
    });
    expectStatus(confirmed, 200, 'confirm enrolment');
    return { app, codes: confirmed.body.recoveryCodes };
  }

  /** The first step of a sign-in for an enrolled account: no session, a pending sign-in. */
  async function firstStep(who: string): Promise<ApiClient> {
    const client = new ApiClient();
    const res = await client.login(name(who), DEMO_PASSWORD);
    expect([res.status, res.body]).toEqual([200, { secondFactorRequired: true }]);
    return client;
  }

  const secondStep = (client: ApiClient, body: object) =>
    client.post<MeDto>('/api/v1/auth/login/second-factor', body);

  async function sessionOf(userId: string) {
    const { rows } = await db.query<{ method: string; strong: boolean }>(
      'SELECT method, strong FROM user_sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
      [userId],
    );
    return rows[0];
  }

  async function auditedTargets(action: AuditAction, userId: string) {
    const { rows } = await db.query<{ user_id: string; target_kind: string }>(
      `SELECT user_id::text AS user_id, target_kind FROM audit_events
        WHERE action = $1 AND target_id = $2`,
      [action, userId],
    );
    return rows;
  }

  it('enrols: a secret as text, URI and QR code; a wrong code is refused; the right one answers ten recovery codes, once', async () => {
    const client = await passwordSession('enrol');
    const before = await client.get<SecondFactorStatusDto>('/api/v1/me/second-factor');
    expect(before.body).toMatchObject({ enrolled: false, required: true, enrolmentRequired: true });

    const started = await client.post<TotpEnrolmentDto>('/api/v1/me/second-factor/totp');
    expectStatus(started, 200, 'start');
    const { secret, otpauthUri, qrCodeDataUrl } = started.body;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toBe(
      `otpauth://totp/Samsyn:${encodeURIComponent(name('enrol'))}?secret=${secret}&issuer=Samsyn`,
    );
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);

    const wrong = await client.post('/api/v1/me/second-factor/totp/confirm', {
      code: wrongCode(secret),
    });
    expect(wrong.status).toBe(400);
    expect(problem(wrong).errors).toEqual([
      expect.objectContaining({ field: 'code', code: 'wrongCode' }),
    ]);
    const malformed = await client.post('/api/v1/me/second-factor/totp/confirm', { code: '12a' });
    expect(malformed.status).toBe(400);
    expect(problem(malformed).errors?.map((e) => e.field)).toEqual(['code']);

    const app = new Authenticator(secret);
    enrolled.set('enrol', { app, codes: [] });
    const confirmed = await client.post<RecoveryCodesDto>('/api/v1/me/second-factor/totp/confirm', {
      code: await app.nextCode(),
    });
    expectStatus(confirmed, 200, 'confirm');
    const codes = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    // Once: a second confirmation or a new start is refused, and never shows the codes again.
    const again = await client.post('/api/v1/me/second-factor/totp/confirm', {
      code: await app.nextCode(),
    });
    expect([again.status, problem(again).code]).toEqual([409, ErrorCode.Conflict]);
    expect(JSON.stringify(again.body)).not.toContain(codes[0]);
    const restart = await client.post('/api/v1/me/second-factor/totp');
    expect(restart.status).toBe(409);

    const after = await client.get<SecondFactorStatusDto>('/api/v1/me/second-factor');
    expect(after.body).toMatchObject({
      enrolled: true,
      required: true,
      enrolmentRequired: false,
      recoveryCodesLeft: 10,
    });
    expect(await sessionOf(ids.get(name('enrol'))!)).toEqual({
      method: 'password_totp',
      strong: true,
    });

    // At rest: the secret encrypted, the codes hashed; neither in the audit log.
    const userId = ids.get(name('enrol'))!;
    const { rows: stored } = await db.query<{ row: string }>(
      `SELECT row_to_json(t)::text AS row FROM user_totp t WHERE user_id = $1
       UNION ALL SELECT row_to_json(c)::text FROM user_recovery_codes c WHERE user_id = $1
       UNION ALL SELECT row_to_json(a)::text FROM audit_events a WHERE user_id = $1`,
      [userId],
    );
    expect(stored.length).toBeGreaterThan(10);
    for (const { row } of stored) {
      expect(row).not.toContain(secret);
      for (const code of codes) expect(row).not.toContain(code.replace('-', ''));
    }
    expect(await auditedTargets(AuditAction.SecondFactorEnrol, userId)).toEqual([
      { user_id: userId, target_kind: 'user' },
    ]);
  });

  async function enrolAs(who: string, client?: ApiClient): Promise<Authenticator> {
    const result = await enrol(client ?? (await passwordSession(who)));
    enrolled.set(who, result);
    return result.app;
  }

  /** Password and the next code of the user's authenticator: a strong session. */
  async function strongSession(who: string): Promise<ApiClient> {
    const app = enrolled.get(who)?.app;
    if (!app) throw new Error(`${who} has not enrolled`);
    const client = await firstStep(who);
    expectStatus(await secondStep(client, { code: await app.nextCode() }), 200, 'second step');
    return client;
  }

  it('signs in with a password and a code: no session before the code, a strong one after; a code is not taken twice', async () => {
    const app = await enrolAs('recovery');
    const client = await firstStep('recovery');
    expect((await client.get('/api/v1/me')).status).toBe(401);

    const done = await secondStep(client, { code: await app.nextCode() });
    expectStatus(done, 200, 'second step');
    expect(done.body).toMatchObject({
      username: name('recovery'),
      secondFactor: { enrolled: true, required: true, enrolmentRequired: false },
    });
    expect((await client.get('/api/v1/cases')).status).toBe(200);
    expect(await sessionOf(ids.get(name('recovery'))!)).toEqual({
      method: 'password_totp',
      strong: true,
    });

    // The pending sign-in was single use, and the code cannot sign anyone in again.
    const replayed = await secondStep(client, { code: app.lastCode() });
    expect([replayed.status, problem(replayed).code]).toEqual([401, ErrorCode.SignInExpired]);
    const another = await firstStep('recovery');
    const reused = await secondStep(another, { code: app.lastCode() });
    expect([reused.status, problem(reused).code]).toEqual([401, ErrorCode.InvalidCredentials]);

    // Without a pending sign-in, or with a bad body: nothing to complete.
    const stranger = await secondStep(new ApiClient(), { code: '123456' });
    expect([stranger.status, problem(stranger).code]).toEqual([401, ErrorCode.SignInExpired]);
    const both = await secondStep(another, { code: '123456', recoveryCode: 'abcde-23456' });
    expect(both.status).toBe(400);
    expect(problem(both).errors?.map((e) => e.field)).toEqual(['recoveryCode']);
    const none = await secondStep(another, {});
    expect([none.status, [...new Set(problem(none).errors?.map((e) => e.field))]]).toEqual([
      400,
      ['code'],
    ]);
    // The one wrong code above counted; a right sign-in starts the count again.
    expectStatus(await secondStep(another, { code: await app.nextCode() }), 200, 'second step');
  });

  it('a recovery code signs in once, however it is typed, and is audited; new codes replace the old', async () => {
    const userId = ids.get(name('recovery'))!;
    const [first, second, third] = enrolled.get('recovery')!.codes;
    const typed = first.toUpperCase().replace('-', ' ');
    const signedIn = await secondStep(await firstStep('recovery'), { recoveryCode: typed });
    expectStatus(signedIn, 200, 'recovery code');
    expect(await sessionOf(userId)).toEqual({ method: 'recovery_code', strong: true });
    expect(await auditedTargets(AuditAction.SecondFactorRecoveryCodeUsed, userId)).toHaveLength(1);

    const wrongPassword = answer(await new ApiClient().login(name('nobody'), 'wrong password'));
    const again = await secondStep(await firstStep('recovery'), { recoveryCode: first });
    expect(answer(again)).toEqual(wrongPassword);
    expect(signedIn.body.secondFactor.enrolled).toBe(true);
    expectStatus(
      await secondStep(await firstStep('recovery'), { recoveryCode: second }),
      200,
      'another recovery code',
    );

    // Regenerating takes a code from the app; the old codes stop working.
    const session = await strongSession('recovery');
    const left = await session.get<SecondFactorStatusDto>('/api/v1/me/second-factor');
    expect(left.body.recoveryCodesLeft).toBe(8);
    const regenerated = await session.post<RecoveryCodesDto>(
      '/api/v1/me/second-factor/recovery-codes',
      { code: await enrolled.get('recovery')!.app.nextCode() },
    );
    expectStatus(regenerated, 200, 'regenerate');
    expect(regenerated.body.recoveryCodes).toHaveLength(10);
    expect(regenerated.body.recoveryCodes).not.toContain(third);
    expect(await auditedTargets(AuditAction.SecondFactorRecoveryCodes, userId)).toHaveLength(1);
    const old = await secondStep(await firstStep('recovery'), { recoveryCode: third });
    expect(answer(old)).toEqual(wrongPassword);
    // Two wrong recovery codes counted (of three): a new one resets the count.
    expectStatus(
      await secondStep(await firstStep('recovery'), {
        recoveryCode: regenerated.body.recoveryCodes[0],
      }),
      200,
      'a new recovery code',
    );
  });

  it('a wrong code answers exactly as a wrong password and counts in the lockout; locked, a right code is refused with the same answer', async () => {
    const app = await enrolAs('lock');
    const userId = ids.get(name('lock'))!;
    const wrongPassword = answer(await new ApiClient().login(name('nobody'), 'wrong password'));
    expect(wrongPassword).toMatchObject({ status: 401, code: ErrorCode.InvalidCredentials });

    const client = await firstStep('lock');
    // LOGIN_MAX_FAILURES is 3 in the e2e run.
    for (const n of [1, 2, 3]) {
      const res = await secondStep(client, { code: wrongCode(app.secret) });
      expect(answer(res)).toEqual(wrongPassword);
      const { rows } = await db.query<{ n: number; locked: boolean }>(
        'SELECT failed_login_count AS n, locked_until IS NOT NULL AS locked FROM users WHERE id = $1',
        [userId],
      );
      expect(rows[0]).toEqual({ n, locked: n === 3 });
    }
    const right = await secondStep(client, { code: app.currentCode() });
    const lockedPassword = await new ApiClient().login(name('lock'), DEMO_PASSWORD);
    expect(answer(right)).toEqual(answer(lockedPassword));
    // Issue 18: locked answers as wrong, at either step; the lock itself is in the row above.
    expect(answer(right)).toEqual(wrongPassword);
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });

  it('a password-only session where a second factor is required may only enrol; other sessions of the user stay limited', async () => {
    const limited = await passwordSession('emergency');
    const elsewhere = await passwordSession('emergency');
    const me = await limited.get<MeDto>('/api/v1/me');
    expect(me.body.secondFactor).toEqual({
      enrolled: false,
      required: true,
      enrolmentRequired: true,
    });
    for (const path of ['/api/v1/cases', '/api/v1/organisations', '/api/v1/notifications']) {
      const res = await limited.get(path);
      expect([path, res.status, problem(res).code]).toEqual([
        path,
        403,
        ErrorCode.SecondFactorEnrolmentRequired,
      ]);
    }
    await enrolAs('emergency', limited);
    expect((await limited.get('/api/v1/cases')).status).toBe(200);
    expect((await limited.get<MeDto>('/api/v1/me')).body.secondFactor.enrolmentRequired).toBe(
      false,
    );
    // A session that passed the password alone is not promoted by an enrolment elsewhere.
    expect(problem(await elsewhere.get('/api/v1/cases')).code).toBe(
      ErrorCode.SecondFactorEnrolmentRequired,
    );
    expect((await elsewhere.post('/api/v1/auth/logout')).status).toBe(204);
  });

  it('turning off: refused where required; elsewhere it takes a right code, after which the password alone signs in', async () => {
    const strong = await strongSession('emergency');
    const refused = await strong.post('/api/v1/me/second-factor/totp/disable', {
      code: enrolled.get('emergency')!.app.currentCode(),
    });
    expect([refused.status, problem(refused).code]).toEqual([403, ErrorCode.SecondFactorRequired]);

    const session = await passwordSession('optional');
    expect((await session.get('/api/v1/cases')).status).toBe(200);
    const app = await enrolAs('optional', session);
    const userId = ids.get(name('optional'))!;
    const wrong = await session.post('/api/v1/me/second-factor/totp/disable', {
      code: wrongCode(app.secret),
    });
    expect([wrong.status, problem(wrong).errors?.[0]?.code]).toEqual([400, 'wrongCode']);
    const off = await session.post('/api/v1/me/second-factor/totp/disable', {
      code: await app.nextCode(),
    });
    expectStatus(off, 204, 'disable');
    expect(await auditedTargets(AuditAction.SecondFactorDisable, userId)).toHaveLength(1);
    const { rows } = await db.query(
      `SELECT 1 FROM user_totp WHERE user_id = $1 UNION ALL
       SELECT 1 FROM user_recovery_codes WHERE user_id = $1`,
      [userId],
    );
    expect(rows).toEqual([]);
    const plain = await new ApiClient().login(name('optional'), DEMO_PASSWORD);
    expect(plain.status).toBe(200);
    expect((plain.body as MeDto).secondFactor).toEqual({
      enrolled: false,
      required: false,
      enrolmentRequired: false,
    });
  });

  it('an administrator resets a user’s second factor: org_admin in their own organisation, system_admin anywhere; audited', async () => {
    const target = ids.get(name('lock'))!;
    const path = `/api/v1/admin/users/${target}/second-factor/reset`;
    const otherOrgAdmin = await ApiClient.signedIn('admin.orebro');
    const denied = await otherOrgAdmin.post(path);
    expect([denied.status, problem(denied).code]).toEqual([403, ErrorCode.Forbidden]);
    const worker = await ApiClient.signedIn('social.orebro');
    expect((await worker.post(path)).status).toBe(403);
    const { rows: kept } = await db.query('SELECT 1 FROM user_totp WHERE user_id = $1', [target]);
    expect(kept).toHaveLength(1);

    // Their organisation requires a second factor of the org_admin too.
    const ownAdmin = await passwordSession('admin');
    expect(problem(await ownAdmin.post(path)).code).toBe(ErrorCode.SecondFactorEnrolmentRequired);
    await enrolAs('admin', ownAdmin);
    expectStatus(await ownAdmin.post(path), 204, 'reset by own org_admin');
    const { rows: gone } = await db.query(
      `SELECT 1 FROM user_totp WHERE user_id = $1 UNION ALL
       SELECT 1 FROM user_recovery_codes WHERE user_id = $1`,
      [target],
    );
    expect(gone).toEqual([]);
    expect(await auditedTargets(AuditAction.AdminSecondFactorReset, target)).toEqual([
      { user_id: ids.get(name('admin'))!, target_kind: 'user' },
    ]);
    // Reset, the user signs in with the password (the lock has run out: a fixture for the
    // passage of time) and must enrol again.
    await db.query('UPDATE users SET locked_until = now() WHERE id = $1', [target]);
    const fresh = await passwordSession('lock');
    expect((await fresh.get<MeDto>('/api/v1/me')).body.secondFactor).toEqual({
      enrolled: false,
      required: true,
      enrolmentRequired: true,
    });

    const bySysadmin = await sysadmin.post(
      `/api/v1/admin/users/${ids.get(name('enrol'))!}/second-factor/reset`,
    );
    expectStatus(bySysadmin, 204, 'reset by system_admin');
    const unknown = await sysadmin.post(
      '/api/v1/admin/users/00000000-0000-4000-8000-000000000000/second-factor/reset',
    );
    expect(unknown.status).toBe(404);
    const bad = await sysadmin.post('/api/v1/admin/users/not-a-uuid/second-factor/reset');
    expect(bad.status).toBe(400);
  });

  it('emergency access needs a strong session where the organisation requires a second factor; the refusal is audited', async () => {
    const { rows: cases } = await db.query<{ id: string }>('SELECT id FROM cases LIMIT 1');
    const caseId = cases[0].id;
    const userId = ids.get(name('emergency'))!;
    const reason = 'Akut läge: personen är på akuten och behöver en samordnad insats nu.';
    const path = `/api/v1/cases/${caseId}/emergency-access`;

    // A session that is neither limited nor strong: a sign-in through an identity provider whose
    // acr the organisation does not list as strong (another part of issue 16 builds it), stood
    // in for here by its session row.
    const weak = await strongSession('emergency');
    await db.query(
      `UPDATE user_sessions SET method = 'oidc', strong = false
        WHERE id = (SELECT id FROM user_sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1)`,
      [userId],
    );
    const refused = await weak.post(path, { reason });
    expect([refused.status, problem(refused).code]).toEqual([403, ErrorCode.StrongSessionRequired]);
    const { rows: denials } = await db.query(
      `SELECT 1 FROM audit_events WHERE user_id = $1 AND action = $2 AND outcome = 'denied'
          AND $3 = ANY(case_ids)`,
      [userId, AuditAction.AccessDenied, caseId],
    );
    expect(denials).toHaveLength(1);
    const { rows: none } = await db.query('SELECT 1 FROM emergency_accesses WHERE user_id = $1', [
      userId,
    ]);
    expect(none).toEqual([]);

    const strong = await strongSession('emergency');
    const granted = await strong.post(path, { reason });
    expectStatus(granted, 201, 'emergency access after a sign-in with a code');
  });
});
