import { Role, UserAdminAction } from '@samsyn/common';

/** An administrator, as the rule needs them (their organisation scope is checked before). */
export interface UserAdministrator {
  id: string;
  roles: readonly Role[];
}

/** The user being administered. */
export interface AdministeredUser {
  id: string;
  roles: readonly Role[];
  active: boolean;
  /** Locked out now, or with failed sign-ins counted toward a lock. */
  lockedOrFailing: boolean;
  /** Has a confirmed authenticator app (TOTP). */
  secondFactorEnrolled?: boolean;
}

/** The roles that make their holder an administrator of users. */
export const ADMIN_ROLES: readonly Role[] = [Role.OrgAdmin, Role.SystemAdmin];

/**
 * Whether the administrator may change the user at all (issue 16): a system administrator's
 * account is a system administrator's to change, so an org_admin of the same organisation may see
 * it but neither edit, deactivate, unlock nor reset it (else they could take it over or remove
 * the role they may not grant).
 */
export function mayChangeUser(
  admin: UserAdministrator,
  user: Pick<AdministeredUser, 'roles'>,
): boolean {
  if (admin.roles.includes(Role.SystemAdmin)) return true;
  if (!admin.roles.includes(Role.OrgAdmin)) return false;
  return !user.roles.includes(Role.SystemAdmin);
}

/**
 * What the administrator may do with the user, for the client to offer (the API checks each
 * action again): edit always; deactivate an active user but never oneself; reactivate an
 * inactive one; unlock one who is locked or has failed sign-ins; reset an active user's password;
 * reset the second factor of one who has it.
 */
export function userAdminActions(
  admin: UserAdministrator,
  user: AdministeredUser,
): UserAdminAction[] {
  if (!mayChangeUser(admin, user)) return [];
  const actions: UserAdminAction[] = [UserAdminAction.Edit];
  if (user.active && user.id !== admin.id) actions.push(UserAdminAction.Deactivate);
  if (!user.active) actions.push(UserAdminAction.Reactivate);
  if (user.lockedOrFailing) actions.push(UserAdminAction.Unlock);
  if (user.active) actions.push(UserAdminAction.ResetPassword);
  if (user.secondFactorEnrolled) actions.push(UserAdminAction.ResetSecondFactor);
  return actions;
}

/**
 * The administrator roles an administrator would take from themselves by setting their own roles
 * to `next` (refused: they would lock themselves out of the administration).
 */
export function ownAdminRolesRemoved(
  admin: UserAdministrator,
  userId: string,
  next: readonly Role[],
): Role[] {
  if (admin.id !== userId) return [];
  return ADMIN_ROLES.filter((r) => admin.roles.includes(r) && !next.includes(r));
}
