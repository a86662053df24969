import {
  type AdminUserDto,
  type AdminUserSummaryDto,
  AuditAction,
  type CreatedUserDto,
  ErrorCode,
  type Page,
  type PasswordResetResultDto,
  type PasswordSetDto,
  type ProblemDetails,
  Role,
  type SetPasswordCodeStatusDto,
  UserAdminAction,
  type UserOptionsDto,
} from '@samsyn/common';
import { type RunningApi, startApi, tempDir } from '@samsyn/testing';
import { count, sql } from './support/db';
import { e2eContext } from './support/env';
import { expectStatus } from './support/fixtures';
import { ApiClient } from './support/http';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

/**
 * Issue 16 §3: users kept by their administrators. An org_admin in their own organisation, a
 * system_admin everywhere; created without a password (a one-time code sets it), edited with
 * the version read, deactivated (every session ends at once), reactivated, unlocked, reset.
 * Every change audited with the user as its target; bad input is a 400 that writes nothing.
 */
let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
const PASSWORD = 'Blåbärsskogen-vid-Ånnaboda-17';
const OTHER_PASSWORD = 'Kanotpaddling-på-Svartån-2026';

type Problem = ProblemDetails & { errors: { field: string; code: string; message: string }[] };

describe('users administration', () => {
  let admin: ApiClient; // org_admin of Örebro kommun
  let sysadmin: ApiClient;
  let orebro: { id: string; unitId: string };
  let karlskoga: { id: string; unitId: string };

  const orgOf = async (name: string) => {
    const [row] = await sql<{ id: string; unit_id: string }>(
      `SELECT o.id::text AS id, u.id::text AS unit_id FROM organisations o
         JOIN units u ON u.organisation_id = o.id AND u.active
        WHERE o.name = $1 ORDER BY u.name LIMIT 1`,
      [name],
    );
    return { id: row.id, unitId: row.unit_id };
  };

  /** A new social worker of Örebro kommun, created by its org_admin; the code shown once. */
  async function createWorker(
    extra: Record<string, unknown> = {},
  ): Promise<CreatedUserDto & { code: string }> {
    const res = await admin.post<CreatedUserDto>('/api/v1/admin/users', {
      organisationId: orebro.id,
      username: `ua.${unique()}`,
      displayName: 'Test Handläggare',
      unitId: orebro.unitId,
      roles: [Role.SocialWorker],
      locale: 'sv',
      ...extra,
    });
    expectStatus(res, 201, 'create user');
    const reset = res.body.passwordReset;
    if (reset.delivery !== 'code') throw new Error('expected a code without SMTP');
    return { ...res.body, code: reset.code };
  }

  async function setPassword(code: string, password = PASSWORD) {
    return new ApiClient().post<PasswordSetDto & Problem>('/api/v1/auth/password', {
      token: code,
      newPassword: password,
    });
  }

  async function activeUser(): Promise<{ user: AdminUserDto; client: ApiClient }> {
    const created = await createWorker();
    expectStatus(await setPassword(created.code), 200, 'set password');
    return {
      user: created.user,
      client: await ApiClient.signedIn(created.user.username, PASSWORD),
    };
  }

  beforeAll(async () => {
    admin = await ApiClient.signedIn('admin.orebro');
    sysadmin = await ApiClient.signedIn('sysadmin');
    orebro = await orgOf('Örebro kommun');
    karlskoga = await orgOf('Karlskoga kommun');
  });

  it('offers the organisation’s active units and the roles the caller may grant', async () => {
    const asAdmin = await admin.get<UserOptionsDto>(
      `/api/v1/admin/organisations/${orebro.id}/user-options`,
    );
    expectStatus(asAdmin, 200, 'options');
    expect(asAdmin.body.units.map((u) => u.id)).toContain(orebro.unitId);
    expect(asAdmin.body.grantableRoles).toContain(Role.SocialWorker);
    expect(asAdmin.body.grantableRoles).not.toContain(Role.SystemAdmin);
    expect(asAdmin.body.grantableRoles).not.toContain(Role.PoliceOfficer);
    const asSysadmin = await sysadmin.get<UserOptionsDto>(
      `/api/v1/admin/organisations/${orebro.id}/user-options`,
    );
    expect(asSysadmin.body.grantableRoles).toContain(Role.SystemAdmin);
    const elsewhere = await admin.get(`/api/v1/admin/organisations/${karlskoga.id}/user-options`);
    expect(elsewhere.status).toBe(403);
  });

  it('refuses bad input with 400 naming each field, and writes nothing', async () => {
    const users = await count('users');
    const events = await count('audit_events', `action LIKE 'admin.user%'`);
    const bad = await admin.post<Problem>('/api/v1/admin/users', {
      organisationId: 'not-a-uuid',
      username: '-x',
      displayName: '   ',
      email: 'nope',
      unitId: 'nope',
      roles: [],
      locale: 'de',
      externalId: '',
    });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.errors.map((e) => e.field))].sort()).toEqual(
      [
        'displayName',
        'email',
        'externalId',
        'locale',
        'organisationId',
        'roles',
        'unitId',
        'username',
      ].sort(),
    );
    const unknownRole = await admin.post<Problem>('/api/v1/admin/users', {
      organisationId: orebro.id,
      username: `ua.${unique()}`,
      displayName: 'X',
      unitId: orebro.unitId,
      roles: ['king'],
    });
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.errors.map((e) => e.field)).toEqual(['roles']);

    // Rules the DTO cannot know: a role of another agency, a unit of another organisation.
    const police = await admin.post<Problem>('/api/v1/admin/users', {
      organisationId: orebro.id,
      username: `ua.${unique()}`,
      displayName: 'Fel Roll',
      unitId: orebro.unitId,
      roles: [Role.SocialWorker, Role.PoliceOfficer],
    });
    expect(police.status).toBe(400);
    expect(police.body.errors).toEqual([
      expect.objectContaining({ field: 'roles', code: 'rolesNotFitting' }),
    ]);
    expect(police.body.errors[0].message).toContain('police_officer');
    const foreignUnit = await admin.post<Problem>('/api/v1/admin/users', {
      organisationId: orebro.id,
      username: `ua.${unique()}`,
      displayName: 'Fel Enhet',
      unitId: karlskoga.unitId,
      roles: [Role.SocialWorker],
    });
    expect([foreignUnit.status, foreignUnit.body.errors?.[0]?.field]).toEqual([400, 'unitId']);
    expect(await count('users')).toBe(users);
    expect(await count('audit_events', `action LIKE 'admin.user%'`)).toBe(events);
  });

  it('an org_admin never grants system_admin, and never creates users in another organisation', async () => {
    const users = await count('users');
    const sys = await admin.post<Problem>('/api/v1/admin/users', {
      organisationId: orebro.id,
      username: `ua.${unique()}`,
      displayName: 'Blivande Systemadmin',
      unitId: orebro.unitId,
      roles: [Role.SystemAdmin],
    });
    expect(sys.status).toBe(400);
    expect(sys.body.errors).toEqual([
      expect.objectContaining({ field: 'roles', code: 'rolesNotGrantable' }),
    ]);
    expect(sys.body.errors[0].message).toContain('system_admin');
    const elsewhere = await admin.post<Problem>('/api/v1/admin/users', {
      organisationId: karlskoga.id,
      username: `ua.${unique()}`,
      displayName: 'Annan Kommun',
      unitId: karlskoga.unitId,
      roles: [Role.SocialWorker],
    });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([403, ErrorCode.Forbidden]);
    expect(await count('users')).toBe(users);
  });

  it('creates a user with a one-time code that sets the password once; then they sign in', async () => {
    const username = `UA.Ny.${unique()}`;
    const created = await createWorker({
      username,
      email: `${username}@e2e.samsyn.se`,
      externalId: `ext-${unique()}`,
    });
    expect(created.user).toMatchObject({
      username: username.toLowerCase(),
      displayName: 'Test Handläggare',
      roles: [Role.SocialWorker],
      active: true,
      locked: false,
      lastLoginAt: null,
      organisation: { id: orebro.id },
      unit: { id: orebro.unitId },
    });
    expect(created.code).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
    // Stored hashed only; the user cannot sign in before choosing a password.
    const [stored] = await sql<{ token_hash: string; purpose: string }>(
      'SELECT token_hash, purpose FROM password_reset_tokens WHERE user_id = $1',
      [created.user.id],
    );
    expect(stored.purpose).toBe('new_user');
    expect(stored.token_hash).not.toContain(created.code.replace(/-/g, ''));
    expect((await new ApiClient().login(username, PASSWORD)).status).toBe(401);

    const status = await new ApiClient().get<SetPasswordCodeStatusDto>(
      `/api/v1/auth/password/${created.code.toLowerCase()}`,
    );
    expect(status.body).toEqual({ valid: true, purpose: 'new_user' });
    expect(JSON.stringify(status.body)).not.toContain(username.toLowerCase());

    const weak = await setPassword(created.code, 'password1234');
    expect(weak.status).toBe(400);
    expect(weak.body.errors.every((e) => e.field === 'newPassword')).toBe(true);
    const withName = await setPassword(created.code, `${username.toLowerCase()}-Vinterbad`);
    expect(withName.status).toBe(400);

    const set = await setPassword(created.code);
    expectStatus(set, 200, 'set password');
    expect(set.body).toEqual({ username: username.toLowerCase() });
    const client = await ApiClient.signedIn(username, PASSWORD);
    expect((await client.get('/api/v1/me')).status).toBe(200);

    // Single use: the same code again is refused, and nothing changes.
    const again = await setPassword(created.code, OTHER_PASSWORD);
    expect(again.status).toBe(400);
    expect(again.body.errors[0]).toMatchObject({ field: 'token', code: 'invalidCode' });
    expect((await new ApiClient().login(username, OTHER_PASSWORD)).status).toBe(401);
    expect(
      (await new ApiClient().get<SetPasswordCodeStatusDto>(`/api/v1/auth/password/${created.code}`))
        .body,
    ).toEqual({ valid: false, purpose: null });

    const events = await sql<{ action: string; target_kind: string; user_id: string }>(
      `SELECT action, target_kind, user_id::text AS user_id FROM audit_events
        WHERE target_id = $1 ORDER BY id`,
      [created.user.id],
    );
    const [adminRow] = await sql<{ id: string }>(
      `SELECT id::text AS id FROM users WHERE username = 'admin.orebro'`,
    );
    expect(events.map((e) => [e.action, e.target_kind, e.user_id])).toEqual([
      [AuditAction.AdminUser, 'user', adminRow.id],
      [AuditAction.AuthPasswordSet, 'user', created.user.id],
    ]);
  });

  it('refuses a taken username (any case) or external id with 409, writing nothing', async () => {
    const externalId = `ext-${unique()}`;
    const first = await createWorker({ externalId });
    const users = await count('users');
    const sameName = await admin.post<Problem>('/api/v1/admin/users', {
      organisationId: orebro.id,
      username: first.user.username.toUpperCase(),
      displayName: 'Dubblett',
      unitId: orebro.unitId,
      roles: [Role.SocialWorker],
    });
    expect([sameName.status, sameName.body.code]).toEqual([409, ErrorCode.Conflict]);
    const sameExternal = await admin.post<Problem>('/api/v1/admin/users', {
      organisationId: orebro.id,
      username: `ua.${unique()}`,
      displayName: 'Dubblett',
      unitId: orebro.unitId,
      roles: [Role.SocialWorker],
      externalId,
    });
    expect([sameExternal.status, sameExternal.body.code]).toEqual([409, ErrorCode.Conflict]);
    expect(sameExternal.body.detail).toMatch(/external id/);
    expect(await count('users')).toBe(users);

    // The same external id in another organisation is someone else: allowed.
    const there = await sysadmin.post('/api/v1/admin/users', {
      organisationId: karlskoga.id,
      username: `ua.${unique()}`,
      displayName: 'Annan Person',
      unitId: karlskoga.unitId,
      roles: [Role.SocialWorker],
      externalId,
    });
    expectStatus(there, 201, 'same external id elsewhere');

    // An edit to a taken external id: 409 too.
    const second = await createWorker();
    const edit = await admin.request<Problem>('PATCH', `/api/v1/admin/users/${second.user.id}`, {
      version: second.user.version,
      externalId,
    });
    expect(edit.status).toBe(409);
  });

  it('edits with the version read: 409 when stale; lists and searches', async () => {
    const { user } = await createWorker({ displayName: `Sökbar ${unique()}` });
    const edited = await admin.request<AdminUserDto>('PATCH', `/api/v1/admin/users/${user.id}`, {
      version: user.version,
      displayName: `${user.displayName} Andersson`,
      roles: [Role.SocialWorker, Role.Coordinator],
      locale: 'en',
      email: 'ny.adress@e2e.samsyn.se',
    });
    expectStatus(edited, 200, 'edit');
    expect(edited.body).toMatchObject({
      displayName: `${user.displayName} Andersson`,
      roles: [Role.SocialWorker, Role.Coordinator],
      locale: 'en',
      email: 'ny.adress@e2e.samsyn.se',
      version: user.version + 1,
    });
    const stale = await admin.request<Problem>('PATCH', `/api/v1/admin/users/${user.id}`, {
      version: user.version,
      displayName: 'Krock',
    });
    expect([stale.status, stale.body.code, stale.body.currentVersion]).toEqual([
      409,
      ErrorCode.VersionConflict,
      user.version + 1,
    ]);
    const list = await admin.get<Page<AdminUserSummaryDto>>(
      `/api/v1/admin/users?q=${encodeURIComponent(user.displayName)}`,
    );
    expect(list.body.items.map((u) => u.id)).toEqual([user.id]);
    const byRole = await admin.get<Page<AdminUserSummaryDto>>(
      `/api/v1/admin/users?role=coordinator&active=true&pageSize=100`,
    );
    expect(byRole.body.items.map((u) => u.id)).toContain(user.id);
    expect(byRole.body.items.every((u) => u.roles.includes(Role.Coordinator))).toBe(true);
    // An org_admin's list is their own organisation, asked for or not; another's is 403.
    const all = await admin.get<Page<AdminUserSummaryDto>>('/api/v1/admin/users?pageSize=100');
    expect(all.body.total).toBe(await count('users', 'organisation_id = $1', [orebro.id]));
    expect(all.body.items.every((u) => u.organisation.id === orebro.id)).toBe(true);
    expect((await admin.get(`/api/v1/admin/users?organisationId=${karlskoga.id}`)).status).toBe(
      403,
    );
    const everyone = await sysadmin.get<Page<AdminUserSummaryDto>>('/api/v1/admin/users');
    expect(everyone.body.total).toBe(await count('users'));
    const bad = await admin.get<Problem>('/api/v1/admin/users?active=maybe&role=king&page=0');
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['active', 'page', 'role']);
  });

  it('deactivation ends a live session within one request; reactivation lets them back', async () => {
    const { user, client } = await activeUser();
    expect((await client.get('/api/v1/me')).status).toBe(200);
    const current = await admin.get<AdminUserDto>(`/api/v1/admin/users/${user.id}`);
    expect(current.body.allowedActions).toEqual([
      UserAdminAction.Edit,
      UserAdminAction.Deactivate,
      UserAdminAction.ResetPassword,
    ]);
    const off = await admin.request<AdminUserDto>('PATCH', `/api/v1/admin/users/${user.id}`, {
      version: current.body.version,
      active: false,
    });
    expectStatus(off, 200, 'deactivate');
    expect(off.body).toMatchObject({ active: false });
    expect(off.body.allowedActions).toEqual([UserAdminAction.Edit, UserAdminAction.Reactivate]);
    expect(await count('user_sessions', 'user_id = $1', [user.id])).toBe(0);
    const next = await client.get<ProblemDetails>('/api/v1/me');
    expect([next.status, next.body.code]).toEqual([401, ErrorCode.AuthenticationRequired]);
    expect((await new ApiClient().login(user.username, PASSWORD)).status).toBe(401);
    // The row stays: cases keep the name.
    expect(await count('users', 'id = $1', [user.id])).toBe(1);
    // A deactivated user gets no reset code.
    const reset = await admin.post(`/api/v1/admin/users/${user.id}/password-reset`);
    expect(reset.status).toBe(400);

    const on = await admin.request<AdminUserDto>('PATCH', `/api/v1/admin/users/${user.id}`, {
      version: off.body.version,
      active: true,
    });
    expectStatus(on, 200, 'reactivate');
    await ApiClient.signedIn(user.username, PASSWORD);
    const actions = await sql<{ action: string }>(
      `SELECT action FROM audit_events WHERE target_id = $1 AND action LIKE 'admin.user_%' ORDER BY id`,
      [user.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      AuditAction.AdminUserDeactivated,
      AuditAction.AdminUserReactivated,
    ]);
  });

  it('an administrator can neither deactivate themselves nor drop their own admin role', async () => {
    const me = await admin.get<{ id: string }>('/api/v1/me');
    const self = await admin.get<AdminUserDto>(`/api/v1/admin/users/${me.body.id}`);
    expect(self.body.allowedActions).not.toContain(UserAdminAction.Deactivate);
    const off = await admin.request<Problem>('PATCH', `/api/v1/admin/users/${me.body.id}`, {
      version: self.body.version,
      active: false,
    });
    expect([off.status, off.body.errors[0].code]).toEqual([400, 'ownAccount']);
    const demote = await admin.request<Problem>('PATCH', `/api/v1/admin/users/${me.body.id}`, {
      version: self.body.version,
      roles: [Role.Coordinator],
    });
    expect([demote.status, demote.body.errors[0].code]).toEqual([400, 'ownAdminRole']);
    const after = await admin.get<AdminUserDto>(`/api/v1/admin/users/${me.body.id}`);
    expect([after.body.version, after.body.roles, after.body.active]).toEqual([
      self.body.version,
      [Role.OrgAdmin],
      true,
    ]);
  });

  it('a system administrator’s account in the org_admin’s organisation is theirs to see, not to change', async () => {
    const res = await sysadmin.post<CreatedUserDto>('/api/v1/admin/users', {
      organisationId: orebro.id,
      username: `ua.sys.${unique()}`,
      displayName: 'Kommunens Systemadmin',
      unitId: orebro.unitId,
      roles: [Role.SystemAdmin],
    });
    expectStatus(res, 201, 'sysadmin creates a system_admin');
    const seen = await admin.get<AdminUserDto>(`/api/v1/admin/users/${res.body.user.id}`);
    expect(seen.body.allowedActions).toEqual([]);
    const edit = await admin.request('PATCH', `/api/v1/admin/users/${res.body.user.id}`, {
      version: seen.body.version,
      roles: [Role.Coordinator],
    });
    expect(edit.status).toBe(403);
    expect(
      (await admin.post(`/api/v1/admin/users/${res.body.user.id}/password-reset`)).status,
    ).toBe(403);
  });

  it('unlocks a user locked out by failed sign-ins', async () => {
    const { user } = await activeUser();
    for (let i = 0; i < 3; i++) await new ApiClient().login(user.username, 'fel-lösenord-igen');
    const locked = await new ApiClient().login(user.username, PASSWORD);
    // The right password is refused as a wrong one (issue 18); the administrator sees the lock.
    expect(locked.status).toBe(401);
    expect((locked.body as ProblemDetails).code).toBe(ErrorCode.InvalidCredentials);
    const seen = await admin.get<AdminUserDto>(`/api/v1/admin/users/${user.id}`);
    expect(seen.body.locked).toBe(true);
    expect(seen.body.allowedActions).toContain(UserAdminAction.Unlock);
    const listed = await admin.get<Page<AdminUserSummaryDto>>(
      `/api/v1/admin/users?q=${encodeURIComponent(user.username)}`,
    );
    expect(listed.body.items[0].locked).toBe(true);
    const unlocked = await admin.post<AdminUserDto>(`/api/v1/admin/users/${user.id}/unlock`);
    expectStatus(unlocked, 200, 'unlock');
    expect(unlocked.body).toMatchObject({ locked: false, lockedUntil: null });
    await ApiClient.signedIn(user.username, PASSWORD);
    expect(
      await count('audit_events', 'target_id = $1 AND action = $2', [
        user.id,
        AuditAction.AdminUserUnlocked,
      ]),
    ).toBe(1);
  });

  it('a reset code replaces the old one, keeps sessions until used, then ends them all', async () => {
    const { user, client } = await activeUser();
    const first = await admin.post<PasswordResetResultDto>(
      `/api/v1/admin/users/${user.id}/password-reset`,
    );
    expectStatus(first, 200, 'reset');
    const second = await admin.post<PasswordResetResultDto>(
      `/api/v1/admin/users/${user.id}/password-reset`,
    );
    if (first.body.delivery !== 'code' || second.body.delivery !== 'code')
      throw new Error('expected codes without SMTP');
    const hours = (Date.parse(second.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expect((await setPassword(first.body.code, OTHER_PASSWORD)).status).toBe(400);
    expectStatus(await setPassword(second.body.code, OTHER_PASSWORD), 200, 'set new password');
    expect((await client.get('/api/v1/me')).status).toBe(401);
    expect((await new ApiClient().login(user.username, PASSWORD)).status).toBe(401);
    await ApiClient.signedIn(user.username, OTHER_PASSWORD);
    expect(
      await count('audit_events', 'target_id = $1 AND action = $2', [
        user.id,
        AuditAction.AdminPasswordReset,
      ]),
    ).toBe(2);
  });

  it('an expired code sets nothing', async () => {
    const created = await createWorker();
    await sql(
      `UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [created.user.id],
    );
    const res = await setPassword(created.code);
    expect([res.status, res.body.errors[0].code]).toEqual([400, 'invalidCode']);
    expect(
      await count('audit_events', 'target_id = $1 AND action = $2', [
        created.user.id,
        AuditAction.AuthPasswordSet,
      ]),
    ).toBe(0);
    const bad = await new ApiClient().post<Problem>('/api/v1/auth/password', { token: '' });
    expect([...new Set(bad.body.errors.map((e) => e.field))].sort()).toEqual([
      'newPassword',
      'token',
    ]);
  });

  describe('with SMTP configured', () => {
    let smtp: TestSmtpServer;
    let api: RunningApi;
    const PUBLIC_URL = 'https://samsyn.test';

    beforeAll(async () => {
      smtp = await startSmtpServer();
      api = await startApi({
        DATABASE_URL: e2eContext().databaseUrl,
        DATA_DIR: tempDir('samsyn-users-smtp-'),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Samsyn <samsyn@e2e.samsyn.se>',
        PUBLIC_URL,
        LOGIN_RATE_LIMIT: '1000',
      });
    }, 90_000);

    afterAll(async () => {
      await api?.stop();
      await smtp?.stop();
    });

    it('e-mails the new user a link instead of showing a code; the link sets the password', async () => {
      const client = await ApiClient.signedIn('admin.orebro', undefined, api.url);
      const username = `ua.mail.${unique()}`;
      const email = `${username}@e2e.samsyn.se`;
      const res = await client.post<CreatedUserDto>('/api/v1/admin/users', {
        organisationId: orebro.id,
        username,
        displayName: 'Post Mottagare',
        email,
        unitId: orebro.unitId,
        roles: [Role.SocialWorker],
        locale: 'sv',
      });
      expectStatus(res, 201, 'create with e-mail');
      expect(res.body.passwordReset.delivery).toBe('email');
      expect(JSON.stringify(res.body)).not.toMatch(/"code"/);
      const [mail] = await smtp.received(email, 1);
      expect(mail.subject).toBe('Samsyn: välj ditt lösenord');
      const link = /https:\/\/samsyn\.test\/losenord\/([0-9A-Z-]+)/.exec(mail.text);
      expect(link).not.toBeNull();
      expect(mail.text).not.toContain('Post Mottagare');
      const set = await new ApiClient(api.url).post('/api/v1/auth/password', {
        token: link![1],
        newPassword: PASSWORD,
      });
      expectStatus(set, 200, 'set password from the e-mailed link');
      await ApiClient.signedIn(username, PASSWORD, api.url);

      // A reset by e-mail too; a user without an address gets a code shown to the admin.
      const reset = await client.post<PasswordResetResultDto>(
        `/api/v1/admin/users/${res.body.user.id}/password-reset`,
      );
      expect(reset.body.delivery).toBe('email');
      const [, second] = await smtp.received(email, 2);
      expect(second.subject).toBe('Samsyn: välj ett nytt lösenord');
      const noMail = await client.post<CreatedUserDto>('/api/v1/admin/users', {
        organisationId: orebro.id,
        username: `ua.nomail.${unique()}`,
        displayName: 'Utan Adress',
        unitId: orebro.unitId,
        roles: [Role.SocialWorker],
      });
      expect(noMail.body.passwordReset.delivery).toBe('code');
      // Neither code nor link in the API's log.
      const codeOf = (r: PasswordResetResultDto) => (r.delivery === 'code' ? r.code : '');
      expect(api.output()).not.toContain(link![1]);
      expect(api.output()).not.toContain(codeOf(noMail.body.passwordReset));
    });
  });
});
