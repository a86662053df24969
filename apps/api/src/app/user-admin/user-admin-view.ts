import { HttpStatus } from '@nestjs/common';
import { type AdminUserDto, type AdminUserSummaryDto, ErrorCode } from '@samsyn/common';
import { grantableRoles, userAdminActions } from '@samsyn/domain';
import type { OrganisationEntity, UnitEntity, UserEntity } from '@samsyn/server';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';

/** A user row with its organisation (and unit, when it has one) loaded. */
export type UserWithOrganisation = UserEntity & {
  organisation?: OrganisationEntity;
  unit?: UnitEntity | null;
};

const isLocked = (u: UserEntity, now: Date) =>
  u.lockedUntil !== null && u.lockedUntil.getTime() > now.getTime();

/** One row of the users list. */
export function toAdminUserSummary(u: UserWithOrganisation, now = new Date()): AdminUserSummaryDto {
  const org = u.organisation!;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    organisation: { id: org.id, name: org.name, type: org.type },
    unit: u.unit ? { id: u.unit.id, name: u.unit.name } : null,
    roles: u.roles,
    active: u.active,
    locked: isLocked(u, now),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  };
}

/** One user as the administrator's page shows it, with what this caller may do and grant. */
export function toAdminUserDto(
  caller: AuthenticatedUser,
  u: UserWithOrganisation,
  secondFactorEnrolled: boolean,
  now = new Date(),
): AdminUserDto {
  const summary = toAdminUserSummary(u, now);
  return {
    ...summary,
    locale: u.locale,
    externalId: u.externalId,
    lockedUntil: summary.locked ? u.lockedUntil!.toISOString() : null,
    version: u.version,
    allowedActions: userAdminActions(caller, {
      id: u.id,
      roles: u.roles,
      active: u.active,
      lockedOrFailing: summary.locked || u.failedLoginCount > 0,
      secondFactorEnrolled,
    }),
    grantableRoles: grantableRoles(caller.roles, u.organisation!.type),
  };
}

export function userNotFound(): ApiException {
  return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'There is no such user.');
}

export function mayNotChangeUser(): ApiException {
  return new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.Forbidden,
    'A system administrator’s account is changed by a system administrator only.',
  );
}
