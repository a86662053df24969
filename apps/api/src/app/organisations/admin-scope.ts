import { HttpStatus } from '@nestjs/common';
import { ErrorCode, Role } from '@samsyn/common';
import { ApiException } from '../common/problem-details';

/** Who administers: the caller's roles and organisation, as the session gives them. */
export interface AdminCaller {
  roles: readonly Role[];
  organisation: { id: string };
}

/**
 * Whether the caller may administer people and settings of `organisationId` (issue 16): a
 * system_admin everywhere, an org_admin in their own organisation only, nobody else.
 */
export function mayAdministerOrganisation(caller: AdminCaller, organisationId: string): boolean {
  if (caller.roles.includes(Role.SystemAdmin)) return true;
  return caller.roles.includes(Role.OrgAdmin) && caller.organisation.id === organisationId;
}

/** 403 unless the caller may administer `organisationId` (see mayAdministerOrganisation). */
export function assertMayAdministerOrganisation(caller: AdminCaller, organisationId: string): void {
  if (mayAdministerOrganisation(caller, organisationId)) return;
  throw new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.Forbidden,
    'You administer your own organisation only; ask a system administrator for this one.',
  );
}
