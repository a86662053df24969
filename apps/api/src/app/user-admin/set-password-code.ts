import { createHash, randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 28 characters of 5 bits each: 140 random bits. */
const LENGTH = 28;
const GROUP = 4;

/**
 * A new one-time set-password code, as the administrator reads it out or the e-mail link carries
 * it: `XXXX-XXXX-…`, 140 random bits. Only its hash (codeHash) is stored.
 */
export function newSetPasswordCode(): string {
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  const chars = [...randomBytes(LENGTH)].map((b) => ALPHABET[b & 31]);
  const groups: string[] = [];
  for (let i = 0; i < LENGTH; i += GROUP) groups.push(chars.slice(i, i + GROUP).join(''));
  return groups.join('-');
}

/**
 * The code as typed, in its canonical form: upper case without spaces or hyphens, with the
 * letters Crockford's alphabet reads as digits (O → 0, I and L → 1). Null when it cannot be a
 * code at all.
 */
export function normaliseSetPasswordCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== LENGTH) return null;
  for (const c of code) if (!ALPHABET.includes(c)) return null;
  return code;
}

/** What is stored of a code: the SHA-256 of its canonical form (a 140-bit secret needs no salt). */
export function setPasswordCodeHash(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}
