import { generateSecret, generateURI, verifySync } from 'otplib';

/** RFC 6238 as authenticator apps use it: SHA-1, six digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;

/** A new shared secret, base32 (160 bits). */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, account: string, issuer = 'Samsyn'): string {
  return generateURI({ issuer, label: account, secret });
}

/**
 * The time step of `code` when it is right for `secret` at `now`, one step either way (a phone
 * clock off by up to 30 s, a code typed as it changes); otherwise null. With `lastUsedStep`, a
 * code of that step or an earlier one is refused: a code used once cannot be used again.
 */
export function verifyTotp(
  secret: string,
  code: string,
  options: { now?: Date; lastUsedStep?: number | null } = {},
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const result = verifySync({
    secret,
    token: code,
    epoch,
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(options.lastUsedStep != null ? { afterTimeStep: options.lastUsedStep } : {}),
  });
  // The TOTP result carries its time step (the union type also covers HOTP's).
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
