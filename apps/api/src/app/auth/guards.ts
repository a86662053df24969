import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import {
  CSRF_HEADER,
  ErrorCode,
  hasPermissions,
  LoginDto,
  type Permission,
  SessionMethod,
} from '@samsyn/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { ApiException, ValidationFailedException } from '../common/problem-details';
import { toFieldErrors } from '../common/validation';
import type { AuthenticatedUser } from './authenticated-user';
import { CsrfTokens } from './csrf-tokens';
import {
  ALLOWED_DURING_ENROLMENT,
  ANY_OF_PERMISSIONS,
  IS_PUBLIC,
  REQUIRED_PERMISSIONS,
} from './decorators';

function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
  return (
    reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) ??
    false
  );
}

/** Global: every route needs a valid session unless it is marked @Public(). */
@Injectable()
export class AuthenticatedGuard extends AuthGuard('session') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (isPublic(this.reflector, context)) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err instanceof Error) throw err;
    if (err) throw new Error('authentication failed');
    if (!user) {
      throw new ApiException(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.AuthenticationRequired,
        'Sign in to continue.',
      );
    }
    return user;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global: state-changing requests of a signed-in user must carry the session's CSRF token in a
 * header. SameSite=Strict already stops cross-site cookies; this is the second line. The token
 * is an HMAC of the session id under a server key (csrf-tokens.ts), checked in constant time
 * against the header alone: a cookie and header planted with the same value, or the token of
 * another session, are refused. The readable cookie only carries the token to the client.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly csrf: CsrfTokens,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    if (SAFE_METHODS.has(req.method) || isPublic(this.reflector, context) || !req.user) return true;
    if (!this.csrf.matches(req.user.sessionId, req.header(CSRF_HEADER))) {
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.CsrfTokenInvalid,
        `Missing or wrong ${CSRF_HEADER} header. Reload the page and try again.`,
      );
    }
    return true;
  }
}

/**
 * Whether the session must enrol a second factor before anything else (issue 16): a password
 * sign-in where the organisation requires a second factor. Sessions through an identity
 * provider are the provider's matter; one that passed a code has method `password_totp`.
 */
export function mustEnrolSecondFactor(
  user: Pick<AuthenticatedUser, 'sessionMethod' | 'secondFactorRequired'>,
): boolean {
  return user.secondFactorRequired && user.sessionMethod === SessionMethod.Password;
}

/**
 * Global, after authentication: a session that must enrol a second factor reaches only the
 * routes marked @AllowDuringEnrolment() (/me, sign-out, the enrolment); everything else is 403.
 */
@Injectable()
export class SecondFactorEnrolmentGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>().user;
    if (!user || !mustEnrolSecondFactor(user)) return true;
    const allowed = this.reflector.getAllAndOverride<boolean>(ALLOWED_DURING_ENROLMENT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (allowed) return true;
    throw new ApiException(
      HttpStatus.FORBIDDEN,
      ErrorCode.SecondFactorEnrolmentRequired,
      'Your organisation requires a second factor: set up an authenticator app (or sign in again with its code) before going on.',
    );
  }
}

/** Global: checks @RequirePermission() and @RequireAnyPermission() against the caller's roles (ROLE_PERMISSIONS in libs/common). */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndMerge<Permission[]>(REQUIRED_PERMISSIONS, [
      context.getClass(),
      context.getHandler(),
    ]);
    const anyOf = this.reflector.getAllAndOverride<Permission[] | undefined>(ANY_OF_PERMISSIONS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if ((!required || required.length === 0) && (!anyOf || anyOf.length === 0)) return true;
    const user = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>().user;
    if (
      user &&
      hasPermissions(user.roles, required ?? []) &&
      (!anyOf?.length || anyOf.some((p) => hasPermissions(user.roles, [p])))
    )
      return true;
    throw new ApiException(
      HttpStatus.FORBIDDEN,
      ErrorCode.Forbidden,
      'Your role does not allow this action.',
    );
  }
}

/** Validates the login body first (400 with field messages), then checks the password. */
@Injectable()
export class PasswordLoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const dto = plainToInstance(LoginDto, req.body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw new ValidationFailedException(toFieldErrors(errors));
    return (await super.canActivate(context)) as boolean;
  }
}
