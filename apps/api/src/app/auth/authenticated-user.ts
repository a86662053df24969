import type { MeDto } from '@samsyn/common';

/** The caller, as the session strategy puts it on the request: what /me shows, plus the session. */
export interface AuthenticatedUser extends MeDto {
  sessionId: string;
}
