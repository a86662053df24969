import { type MeDto, permissionsForRoles, type SessionMethod } from '@samsyn/common';
import type { OrganisationEntity, UserEntity, UserSessionEntity } from '@samsyn/server';

/** The caller, as the session strategy puts it on the request: what /me shows, plus the session. */
export interface AuthenticatedUser extends Omit<MeDto, 'secondFactor'> {
  sessionId: string;
  /** When the session ends at the latest (SESSION_MAX_HOURS after sign-in): its cookies' expiry. */
  sessionExpiresAt: Date;
  /** How this session was signed in. */
  sessionMethod: SessionMethod;
  /** Whether it passed a second factor or a provider's strong `acr` (D17's emergency access). */
  sessionStrong: boolean;
  /** The organisation requires a second factor of password sign-ins (issue 16). */
  secondFactorRequired: boolean;
}

/** The caller's shape from a user row (with its unit loaded) and its organisation. */
export function toAuthenticatedUser(
  user: UserEntity,
  organisation: OrganisationEntity,
  session: Pick<UserSessionEntity, 'id' | 'method' | 'strong' | 'expiresAt'>,
): AuthenticatedUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    locale: user.locale,
    roles: user.roles,
    permissions: permissionsForRoles(user.roles),
    organisation: { id: organisation.id, name: organisation.name, type: organisation.type },
    unit: user.unit ? { id: user.unit.id, name: user.unit.name } : null,
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
    sessionMethod: session.method as SessionMethod,
    sessionStrong: session.strong,
    secondFactorRequired: organisation.requireSecondFactor,
  };
}
