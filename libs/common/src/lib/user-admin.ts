/* Side-effect free values of the users administration (issue 16): the client imports them, so
 * no decorators here (a DTO file's class-validator decorators would break the client's chunk). */
import type { Locale } from './auth.dto';
import type { OrganisationType } from './organisation';
import type { Role } from './roles';
import type { UnitDto } from './organisation.dto';

/** What an administrator may do with one user; the API sends it so the client offers only these. */
export enum UserAdminAction {
  Edit = 'edit',
  Deactivate = 'deactivate',
  Reactivate = 'reactivate',
  Unlock = 'unlock',
  ResetPassword = 'resetPassword',
  /** Remove the user's authenticator and recovery codes (a lost phone). */
  ResetSecondFactor = 'resetSecondFactor',
}

/** The client's page where a one-time code sets a password: `<PUBLIC_URL>/losenord/<code>`. */
export const SET_PASSWORD_PATH = 'losenord';

/** Hours a password-reset code lasts; a new user's first code lasts a week. */
export const PASSWORD_RESET_HOURS = 24;
export const NEW_USER_PASSWORD_DAYS = 7;

/** The longest a one-time code may be as typed (grouped with hyphens or spaces). */
export const SET_PASSWORD_CODE_MAX_LENGTH = 64;

/** Why a one-time code was issued: an administrator's reset, or a new account's first password. */
export type SetPasswordPurpose = 'reset' | 'new_user';

/** One row of `GET /api/v1/admin/users`. */
export interface AdminUserSummaryDto {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  organisation: { id: string; name: string; type: OrganisationType };
  unit: { id: string; name: string } | null;
  roles: Role[];
  active: boolean;
  /** Locked out after repeated failed sign-ins (lockedUntil in the future). */
  locked: boolean;
  lastLoginAt: string | null;
}

/** `GET /api/v1/admin/users/:id`: one user, what the caller may do, and which roles they may grant. */
export interface AdminUserDto extends AdminUserSummaryDto {
  locale: Locale;
  externalId: string | null;
  lockedUntil: string | null;
  version: number;
  allowedActions: UserAdminAction[];
  /** The roles the caller may give this user (fitting the organisation's kind). */
  grantableRoles: Role[];
}

/** `GET /api/v1/admin/organisations/:id/user-options`: what a new user of that organisation may get. */
export interface UserOptionsDto {
  organisation: { id: string; name: string; type: OrganisationType };
  /** The organisation's active units. */
  units: Pick<UnitDto, 'id' | 'name' | 'kind'>[];
  grantableRoles: Role[];
}

/**
 * How a one-time set-password code reached its user: by e-mail (a link, when SMTP is set and the
 * user has an address), or as `code` for the administrator to hand over — shown once, never
 * stored in clear.
 */
export type PasswordResetResultDto =
  { delivery: 'email'; expiresAt: string } | { delivery: 'code'; code: string; expiresAt: string };

/** `POST /api/v1/admin/users`: the new user and how their first-password code was delivered. */
export interface CreatedUserDto {
  user: AdminUserDto;
  passwordReset: PasswordResetResultDto;
}

/** `GET /api/v1/auth/password/:code`: whether the code can still set a password (nothing else). */
export interface SetPasswordCodeStatusDto {
  valid: boolean;
  purpose: SetPasswordPurpose | null;
}

/** `POST /api/v1/auth/password`: the account whose password was set, to sign in with. */
export interface PasswordSetDto {
  username: string;
}
