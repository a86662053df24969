import { Role } from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/**
 * Whose gallring an administrator sees (D22): a system_admin every organisation's (null), an
 * org_admin their own organisation's.
 */
export function gallringScope(user: AuthenticatedUser): string | null {
  return user.roles.includes(Role.SystemAdmin) ? null : user.organisation.id;
}

export const isSystemAdmin = (user: AuthenticatedUser): boolean =>
  user.roles.includes(Role.SystemAdmin);
