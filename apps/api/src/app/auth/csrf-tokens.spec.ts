// The default import is the module object itself (not a namespace copy): a spy on it is what
// the code under test calls.
import crypto, { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { CsrfTokens } from './csrf-tokens';

describe('CsrfTokens (an HMAC of the session id under a key derived from SECRETS_KEY)', () => {
  const key = randomBytes(32);
  const tokens = new CsrfTokens(key);
  const session = '6f1c1a52-0c7e-4d54-9a43-3c1b8f0e2a11';
  const other = '0b4e8f6a-5d2c-4f3e-8a1b-9c7d6e5f4a32';

  it('is the HMAC-SHA-256 of the session id under the key HKDF derives for CSRF (an independent computation)', () => {
    const derived = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'samsyn csrf token', 32));
    const expected = createHmac('sha256', derived).update(`csrf:${session}`).digest('base64url');
    expect(tokens.tokenFor(session)).toBe(expected);
    expect(expected).toMatch(/^[\w-]{43}$/);
  });

  it('is the same for the same session and key, and differs for another session or key', () => {
    const token = tokens.tokenFor(session);
    expect(new CsrfTokens(Buffer.from(key)).tokenFor(session)).toBe(token);
    expect(tokens.tokenFor(other)).not.toBe(token);
    expect(new CsrfTokens(randomBytes(32)).tokenFor(session)).not.toBe(token);
    // Not a plain hash of the id: nobody without the key can compute it.
    const sha = (s: string) => createHash('sha256').update(s).digest();
    expect(token).not.toBe(sha(`csrf:${session}`).toString('base64url'));
    expect(token).not.toBe(sha(session).toString('base64url'));
  });

  it('the key is not SECRETS_KEY itself, nor the key of another use', () => {
    const plain = createHmac('sha256', key).update(`csrf:${session}`).digest('base64url');
    expect(tokens.tokenFor(session)).not.toBe(plain);
  });

  it('matches the session’s own token only', () => {
    const token = tokens.tokenFor(session);
    expect(tokens.matches(session, token)).toBe(true);
    expect(tokens.matches(other, token)).toBe(false);
    expect(tokens.matches(session, tokens.tokenFor(other))).toBe(false);
    expect(tokens.matches(session, new CsrfTokens(randomBytes(32)).tokenFor(session))).toBe(false);
  });

  it('refuses a missing, empty, shortened, lengthened or altered token', () => {
    const token = tokens.tokenFor(session);
    const flipped = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    for (const presented of [
      undefined,
      null,
      '',
      token.slice(0, -1),
      `${token}A`,
      flipped,
      token.toLowerCase() === token ? token.toUpperCase() : token.toLowerCase(),
      'a'.repeat(43),
    ])
      expect(tokens.matches(session, presented)).toBe(false);
    expect(tokens.matches('', tokens.tokenFor(''))).toBe(false);
  });

  it('compares in constant time (crypto.timingSafeEqual)', () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      tokens.matches(session, tokens.tokenFor(session));
      tokens.matches(session, 'x'.repeat(43));
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('needs a 32-byte key', () => {
    expect(() => new CsrfTokens(randomBytes(16))).toThrow('SECRETS_KEY must be 32 bytes');
  });
});
