import { RECOVERY_CODE_COUNT } from '@samsyn/common';
import { randomInt } from 'node:crypto';

/** Lower-case letters and digits without the look-alikes 0/o, 1/l/i. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** One code: ten characters (about 50 bits) in two groups, `abcde-23456`. */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A fresh set of distinct codes. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newRecoveryCode());
  return [...codes];
}

/** The form that is hashed: as typed, in any case, with or without the hyphen and spaces. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, '');
}

/** What is stored for a user's code: bound to the user, so a hash says nothing about others'. */
export function recoveryCodeInput(userId: string, typed: string): string {
  return `${userId}:${normaliseRecoveryCode(typed)}`;
}
