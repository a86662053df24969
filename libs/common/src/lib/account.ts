/* The user's own account (issue 16, "Mitt konto"): side-effect free values and response shapes
 * the client imports, so no decorators here (see account.dto.ts for the request classes). */
import type { SessionMethod } from './admin';

/** How much of the browser's User-Agent a session keeps, to tell the user which device it is. */
export const USER_AGENT_MAX_LENGTH = 200;

/**
 * One of the caller's live sessions as `GET /api/v1/me/sessions` lists it. Never its token or
 * the token's hash: the id is enough to end it.
 */
export interface AccountSessionDto {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  method: SessionMethod;
  /** The browser's User-Agent at sign-in (truncated), or null when it sent none. */
  userAgent: string | null;
  /** The session this request came with ("this device"). */
  current: boolean;
}

/** `POST /api/v1/me/sessions/sign-out-others`: how many other sessions were ended. */
export interface SignOutOthersResultDto {
  ended: number;
}
