import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens bound to the session (issue 18): the token is an HMAC-SHA-256 of the session's id
 * under a key of its own, derived (HKDF) from SECRETS_KEY. Only the server can compute it, so a
 * cookie and header planted with the same made-up value, or a token from another session, fail.
 * Nothing is stored: the token is computed again on every check.
 */
export class CsrfTokens {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes');
    this.key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'samsyn csrf token', 32));
  }

  /** The session's token (43 characters, base64url), for the readable cookie the client echoes. */
  tokenFor(sessionId: string): string {
    return createHmac('sha256', this.key).update(`csrf:${sessionId}`, 'utf8').digest('base64url');
  }

  /**
   * Whether `presented` (the request's header) is the session's token. Compared in constant time;
   * only a wrong length, which every real token shares, answers early.
   */
  matches(sessionId: string, presented: string | null | undefined): boolean {
    if (!sessionId || !presented) return false;
    const expected = Buffer.from(this.tokenFor(sessionId), 'utf8');
    const given = Buffer.from(presented, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
