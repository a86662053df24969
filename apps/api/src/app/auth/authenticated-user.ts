import type { Locale, OrganisationType, Permission, Role } from '@samsyn/common';

/** The caller, as the session strategy puts it on the request. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  locale: Locale;
  roles: Role[];
  permissions: Permission[];
  organisation: { id: string; name: string; type: OrganisationType };
  unit: { id: string; name: string } | null;
  sessionId: string;
}
