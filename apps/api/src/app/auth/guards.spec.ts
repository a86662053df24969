import { type ExecutionContext, HttpStatus } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  ErrorCode,
  Permission,
  Role,
  SessionMethod,
} from '@samsyn/common';
import { randomBytes } from 'node:crypto';
import { ApiException } from '../common/problem-details';
import type { AuthenticatedUser } from './authenticated-user';
import {
  ALLOWED_DURING_ENROLMENT,
  ANY_OF_PERMISSIONS,
  IS_PUBLIC,
  REQUIRED_PERMISSIONS,
} from './decorators';
import { CsrfTokens } from './csrf-tokens';
import { CsrfGuard, PermissionsGuard, SecondFactorEnrolmentGuard } from './guards';

class Handlers {
  plain(): void {}
  sensitive(): void {}
  enrolment(): void {}
  administer(): void {}
}

function context(
  handler: keyof Handlers,
  req: {
    method?: string;
    user?: Partial<AuthenticatedUser>;
    cookies?: Record<string, string>;
    headers?: Record<string, string>;
  },
): ExecutionContext {
  const request = {
    method: req.method ?? 'GET',
    user: req.user,
    cookies: req.cookies ?? {},
    header: (name: string) => req.headers?.[name.toLowerCase()],
  };
  return {
    getHandler: () => Handlers.prototype[handler],
    getClass: () => Handlers,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

const expectProblem = (fn: () => unknown, status: HttpStatus, code: ErrorCode) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiException);
    expect((e as ApiException).getStatus()).toBe(status);
    expect((e as ApiException).code).toBe(code);
    return;
  }
  throw new Error('expected the guard to refuse');
};

describe('PermissionsGuard', () => {
  const reflector = new Reflector();
  const guard = new PermissionsGuard(reflector);
  Reflect.defineMetadata(
    REQUIRED_PERMISSIONS,
    [Permission.CaseCreate],
    Handlers.prototype.sensitive,
  );

  it('lets a route without required permissions through', () => {
    expect(guard.canActivate(context('plain', { user: { roles: [Role.Steering] } }))).toBe(true);
  });

  it('allows a role that grants the permission', () => {
    expect(guard.canActivate(context('sensitive', { user: { roles: [Role.SocialWorker] } }))).toBe(
      true,
    );
  });

  it('refuses a role that does not, with 403 FORBIDDEN', () => {
    expectProblem(
      () => guard.canActivate(context('sensitive', { user: { roles: [Role.Steering] } })),
      HttpStatus.FORBIDDEN,
      ErrorCode.Forbidden,
    );
  });

  it('lets any one of @RequireAnyPermission()’s permissions through, and refuses without one', () => {
    Reflect.defineMetadata(
      ANY_OF_PERMISSIONS,
      [Permission.OrganisationAdmin, Permission.OrganisationManage],
      Handlers.prototype.administer,
    );
    for (const role of [Role.OrgAdmin, Role.SystemAdmin])
      expect(guard.canActivate(context('administer', { user: { roles: [role] } }))).toBe(true);
    expectProblem(
      () => guard.canActivate(context('administer', { user: { roles: [Role.SocialWorker] } })),
      HttpStatus.FORBIDDEN,
      ErrorCode.Forbidden,
    );
  });

  it('refuses when there is no user at all', () => {
    expectProblem(
      () => guard.canActivate(context('sensitive', {})),
      HttpStatus.FORBIDDEN,
      ErrorCode.Forbidden,
    );
  });

  it('merges class- and handler-level requirements', () => {
    class Admin {
      act(): void {}
    }
    Reflect.defineMetadata(REQUIRED_PERMISSIONS, [Permission.SystemOperate], Admin);
    Reflect.defineMetadata(
      REQUIRED_PERMISSIONS,
      [Permission.OrganisationRead],
      Admin.prototype.act,
    );
    const ctx = (roles: Role[]) =>
      ({
        getHandler: () => Admin.prototype.act,
        getClass: () => Admin,
        switchToHttp: () => ({ getRequest: () => ({ user: { roles } }) }),
      }) as unknown as ExecutionContext;
    expect(guard.canActivate(ctx([Role.SystemAdmin]))).toBe(true);
    expectProblem(
      () => guard.canActivate(ctx([Role.OrgAdmin])),
      HttpStatus.FORBIDDEN,
      ErrorCode.Forbidden,
    );
  });
});

describe('CsrfGuard', () => {
  const tokens = new CsrfTokens(randomBytes(32));
  const guard = new CsrfGuard(new Reflector(), tokens);
  const user = { id: 'u1', roles: [Role.SocialWorker], sessionId: 'session-1' };
  const own = tokens.tokenFor('session-1');
  const post = (cookies: Record<string, string>, headers: Record<string, string>) =>
    context('plain', { method: 'POST', user, cookies, headers });

  it('lets safe methods through', () => {
    expect(guard.canActivate(context('plain', { method: 'GET', user }))).toBe(true);
  });

  it('accepts the session’s own token in the header, whatever the cookie holds', () => {
    expect(guard.canActivate(post({ [CSRF_COOKIE]: own }, { [CSRF_HEADER]: own }))).toBe(true);
    expect(guard.canActivate(post({}, { [CSRF_HEADER]: own }))).toBe(true);
  });

  it('refuses a planted pair, another session’s token, and a header missing, empty or altered', () => {
    const made = 'abc';
    const other = tokens.tokenFor('session-2');
    for (const [cookies, headers] of [
      [{ [CSRF_COOKIE]: made }, { [CSRF_HEADER]: made }],
      [{ [CSRF_COOKIE]: other }, { [CSRF_HEADER]: other }],
      [{ [CSRF_COOKIE]: own }, {}],
      [{ [CSRF_COOKIE]: '' }, { [CSRF_HEADER]: '' }],
      [{ [CSRF_COOKIE]: own }, { [CSRF_HEADER]: own.slice(0, -1) }],
      [
        { [CSRF_COOKIE]: own },
        { [CSRF_HEADER]: `${own.slice(0, -1)}${own.endsWith('A') ? 'B' : 'A'}` },
      ],
    ] as Record<string, string>[][]) {
      expectProblem(
        () => guard.canActivate(post(cookies, headers)),
        HttpStatus.FORBIDDEN,
        ErrorCode.CsrfTokenInvalid,
      );
    }
  });

  it('refuses a token made under another server key', () => {
    const foreign = new CsrfTokens(randomBytes(32)).tokenFor('session-1');
    expectProblem(
      () => guard.canActivate(post({ [CSRF_COOKIE]: foreign }, { [CSRF_HEADER]: foreign })),
      HttpStatus.FORBIDDEN,
      ErrorCode.CsrfTokenInvalid,
    );
  });

  it('does not apply to public routes (sign-in has no session yet)', () => {
    class Open {
      login(): void {}
    }
    Reflect.defineMetadata(IS_PUBLIC, true, Open.prototype.login);
    const ctx = {
      getHandler: () => Open.prototype.login,
      getClass: () => Open,
      switchToHttp: () => ({
        getRequest: () => ({ method: 'POST', cookies: {}, header: () => undefined }),
      }),
    } as unknown as ExecutionContext;
    expect(guard.canActivate(ctx)).toBe(true);
  });
});

describe('SecondFactorEnrolmentGuard (issue 16)', () => {
  const guard = new SecondFactorEnrolmentGuard(new Reflector());
  Reflect.defineMetadata(ALLOWED_DURING_ENROLMENT, true, Handlers.prototype.enrolment);
  const user = (sessionMethod: SessionMethod, secondFactorRequired: boolean) => ({
    roles: [Role.SocialWorker],
    sessionMethod,
    secondFactorRequired,
  });

  it('limits a password-only session to the enrolment routes where a second factor is required', () => {
    const limited = user(SessionMethod.Password, true);
    expect(guard.canActivate(context('enrolment', { user: limited }))).toBe(true);
    expectProblem(
      () => guard.canActivate(context('plain', { user: limited })),
      HttpStatus.FORBIDDEN,
      ErrorCode.SecondFactorEnrolmentRequired,
    );
  });

  it('lets through a session that passed a second factor or a provider, one where it is optional, and public routes', () => {
    for (const method of [
      SessionMethod.PasswordTotp,
      SessionMethod.RecoveryCode,
      SessionMethod.Oidc,
    ])
      expect(guard.canActivate(context('plain', { user: user(method, true) }))).toBe(true);
    expect(guard.canActivate(context('plain', { user: user(SessionMethod.Password, false) }))).toBe(
      true,
    );
    expect(guard.canActivate(context('plain', {}))).toBe(true);
  });
});
