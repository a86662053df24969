import { PASSWORD_MIN_LENGTH } from '@samsyn/common';

/** Longer passphrases are welcome; this bounds the work of hashing one. */
export const PASSWORD_MAX_LENGTH = 256;

/** Why a password is refused: each has a message in the API and a text in the client. */
export enum PasswordProblem {
  TooShort = 'tooShort',
  TooLong = 'tooLong',
  Common = 'common',
  ContainsUsername = 'containsUsername',
  OneCharacter = 'oneCharacter',
}

/** What the rule needs besides the password: the account's name and the list of common passwords. */
export interface PasswordContext {
  /** The account's username; a password may not contain it. */
  username?: string | null;
  /** Known common passwords, lower-case (the API loads the list; the rule stays pure). */
  commonPasswords: ReadonlySet<string>;
}

/** Digits and punctuation people put around a common word to pass a length rule. */
const AFFIX = /^[\d\W_]*(.*?)[\d\W_]*$/u;

/**
 * The problems of a new password for a local account (issue 16): at least PASSWORD_MIN_LENGTH
 * characters, not a common password — also not one with digits or symbols added around it
 * ("Password1234!") — not containing the username, and not one character repeated. An empty list
 * means the password is accepted. Length counts characters (code points), not bytes.
 */
export function passwordProblems(password: string, context: PasswordContext): PasswordProblem[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return [PasswordProblem.TooShort];
  if (length > PASSWORD_MAX_LENGTH) return [PasswordProblem.TooLong];
  const problems: PasswordProblem[] = [];
  const lower = password.toLocaleLowerCase('sv');
  const core = AFFIX.exec(lower)?.[1] ?? lower;
  const common = context.commonPasswords;
  if (
    common.has(lower) ||
    common.has(lower.replace(/\s+/gu, '')) ||
    (core.length >= 4 && common.has(core))
  )
    problems.push(PasswordProblem.Common);
  const username = context.username?.trim().toLocaleLowerCase('sv');
  if (username && username.length >= 3 && lower.includes(username))
    problems.push(PasswordProblem.ContainsUsername);
  if (new Set(lower).size === 1) problems.push(PasswordProblem.OneCharacter);
  return problems;
}

/** English messages for the API's field errors, one per problem. */
export const PASSWORD_PROBLEM_MESSAGES: Readonly<Record<PasswordProblem, string>> = {
  [PasswordProblem.TooShort]: `The password must be at least ${PASSWORD_MIN_LENGTH} characters long. A few words in a row make a good one.`,
  [PasswordProblem.TooLong]: `The password may be at most ${PASSWORD_MAX_LENGTH} characters long.`,
  [PasswordProblem.Common]:
    'This password is on a list of common passwords that attackers try first. Choose another.',
  [PasswordProblem.ContainsUsername]: 'The password may not contain your username.',
  [PasswordProblem.OneCharacter]: 'The password may not be one character repeated.',
};
