/* Side-effect free values of the administration (issue 16): the client imports them, so no
 * decorators here (a DTO file's class-transformer decorators would break the client's chunk). */

/** A sign-in name: letters, digits and . _ @ - (stored lower-case). */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$/;

/** What a unit does, in snake_case: social_services, psychiatry, local_police_area … */
export const UNIT_KIND_PATTERN = /^[a-z][a-z_]{1,49}$/;

/** The shortest password Samsyn accepts for a local account. */
export const PASSWORD_MIN_LENGTH = 12;

/** `GET /api/v1/auth/setup`: whether this installation still waits for its first administrator. */
export interface SetupStatusDto {
  /** True only while the database holds no user at all. */
  needsFirstAdmin: boolean;
}

/** How a session was signed in (issue 16); a session records it, the account page shows it. */
export enum SessionMethod {
  Password = 'password',
  PasswordTotp = 'password_totp',
  RecoveryCode = 'recovery_code',
  Oidc = 'oidc',
}
