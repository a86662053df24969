/* Side-effect free values of the second factor (issue 16): the client imports them, so no
 * decorators here (the request DTOs are in second-factor.dto.ts). */

/** How many single-use recovery codes an enrolment (or a regeneration) hands out. */
export const RECOVERY_CODE_COUNT = 10;

/** A TOTP code as the user types it: six digits (spaces are removed by the client). */
export const TOTP_CODE_PATTERN = /^\d{6}$/;

/**
 * A recovery code as printed: ten letters and digits in two groups (`abcde-23456`). Typed in any
 * case, with or without the hyphen and spaces.
 */
export const RECOVERY_CODE_PATTERN = /^[A-Za-z0-9]{5}[- ]?[A-Za-z0-9]{5}$/;

/**
 * `POST /api/v1/auth/login` when the password was right and the account has a second factor:
 * no session yet; a short-lived httpOnly cookie names the pending sign-in, which
 * `POST /api/v1/auth/login/second-factor` completes.
 */
export interface SecondFactorChallengeDto {
  secondFactorRequired: true;
}

/** The signed-in user's second factor as `/me` shows it. */
export interface MeSecondFactorDto {
  /** The user has a confirmed authenticator app (TOTP). */
  enrolled: boolean;
  /** Their organisation requires a second factor of password sign-ins. */
  required: boolean;
  /**
   * This session was signed in with a password alone where a second factor is required: it may
   * only enrol (or read /me and sign out) until enrolment is confirmed. An enrolled user in
   * such a session signs out and in again with a code.
   */
  enrolmentRequired: boolean;
}

/** `GET /api/v1/me/second-factor`: the account page's view. */
export interface SecondFactorStatusDto extends MeSecondFactorDto {
  /** Unused recovery codes left (0 when not enrolled). */
  recoveryCodesLeft: number;
  /** When the authenticator was confirmed (ISO), or null. */
  confirmedAt: string | null;
}

/**
 * `POST /api/v1/me/second-factor/totp`: a new, unconfirmed secret for the authenticator app,
 * as text (manual entry), as an `otpauth://` URI and as a QR code (PNG data URL).
 */
export interface TotpEnrolmentDto {
  secret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
}

/** Recovery codes in clear: answered once, on confirmation or regeneration, never again. */
export interface RecoveryCodesDto {
  recoveryCodes: string[];
}
