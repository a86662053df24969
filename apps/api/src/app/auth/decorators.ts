import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission } from '@samsyn/common';
import type { Request } from 'express';
import type { AuthenticatedUser } from './authenticated-user';

export const IS_PUBLIC = 'samsyn:isPublic';
export const REQUIRED_PERMISSIONS = 'samsyn:requiredPermissions';
export const ALLOWED_DURING_ENROLMENT = 'samsyn:allowedDuringEnrolment';
export const ANY_OF_PERMISSIONS = 'samsyn:anyOfPermissions';

/** Opts a route out of the global authentication guard. Use sparingly. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The route stays open to a session that must enrol a second factor before anything else
 * (issue 16): /me, sign-out and the enrolment itself.
 */
export const AllowDuringEnrolment = () => SetMetadata(ALLOWED_DURING_ENROLMENT, true);

/** The caller's roles must grant every listed permission (403 otherwise). */
export const RequirePermission = (...permissions: Permission[]) =>
  SetMetadata(REQUIRED_PERMISSIONS, permissions);

/**
 * The caller's roles must grant at least one of the listed permissions (403 otherwise), e.g. the
 * users administration: an org_admin's `organisation:admin` or a system_admin's
 * `organisation:manage`. Combines with @RequirePermission().
 */
export const RequireAnyPermission = (...permissions: Permission[]) =>
  SetMetadata(ANY_OF_PERMISSIONS, permissions);

/** The signed-in user of this request. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedUser => {
    const user = ctx.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>().user;
    if (!user) throw new Error('CurrentUser used on a route without authentication');
    return user;
  },
);
