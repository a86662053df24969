/* Side-effect free values of sign-in through an organisation's identity provider (issue 16): the
 * client imports them, so no decorators here. */
import { API_BASE } from './api-paths';

/** `GET /api/v1/auth/providers`: one provider the sign-in page offers ("Logga in med …"). */
export interface OidcProviderDto {
  key: string;
  displayName: { sv: string; en: string };
}

/**
 * `POST /api/v1/auth/logout` of a session that came through an identity provider (200): where the
 * browser goes next to end the session at the provider too. Password sessions answer 204.
 */
export interface LogoutResultDto {
  endSessionUrl: string;
}

/** Where the sign-in page's button sends the browser; the API answers with a redirect. */
export function oidcStartPath(key: string): string {
  return `${API_BASE}/auth/oidc/${encodeURIComponent(key)}/start`;
}

/**
 * Why a sign-in through an identity provider was refused. The API redirects to the client's
 * refusal page (`/logga-in/nekad?orsak=<code>`), which explains it in the user's language.
 */
export enum OidcRefusal {
  /** No such provider in the deployment's configuration. */
  UnknownProvider = 'unknown_provider',
  /** The provider could not be reached, or its organisation is not in Samsyn. */
  ProviderUnavailable = 'provider_unavailable',
  /** The provider answered with an error (e.g. the person cancelled). */
  ProviderError = 'provider_error',
  /** The return did not belong to a sign-in this browser started, or came back too late or twice. */
  StateInvalid = 'state_invalid',
  /** The provider's answer did not check out (issuer, nonce, code, ID token). */
  ResponseInvalid = 'response_invalid',
  /** The identity matches no user of the provider's organisation. */
  UnknownIdentity = 'unknown_identity',
  /** The user's account is deactivated. */
  UserInactive = 'user_inactive',
  /** The user's organisation is deactivated. */
  OrganisationInactive = 'organisation_inactive',
}

/** The refusal page, below the sign-in page, and its query parameter. */
export const OIDC_REFUSED_PATH = '/logga-in/nekad';
export const OIDC_REFUSED_REASON_PARAM = 'orsak';
