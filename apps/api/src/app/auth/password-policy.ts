import { dictionary } from '@zxcvbn-ts/language-common';
import type { FieldError } from '@samsyn/common';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblems } from '@samsyn/domain';
import { ValidationFailedException } from '../common/problem-details';

/**
 * Common Swedish passwords and words the English list lacks, and Samsyn's own name: an attacker
 * against a Swedish municipality tries these first.
 */
const SWEDISH_COMMON = [
  'lösenord',
  'losenord',
  'sommar',
  'vinter',
  'hösten',
  'våren',
  'sverige',
  'stockholm',
  'göteborg',
  'goteborg',
  'malmö',
  'malmo',
  'örebro',
  'orebro',
  'kommun',
  'kommunen',
  'region',
  'regionen',
  'polisen',
  'frivården',
  'socialtjänsten',
  'hejsan',
  'hemligt',
  'välkommen',
  'valkommen',
  'samsyn',
];

let list: ReadonlySet<string> | undefined;

/**
 * The common passwords a new password is checked against: zxcvbn's list of about 49 000 (from
 * leaked password sets), lower-case, and the Swedish additions above. Loaded once, on first use.
 */
export function commonPasswords(): ReadonlySet<string> {
  list ??= new Set(
    [...dictionary['passwords-common'], ...SWEDISH_COMMON].map((p) => p.toLocaleLowerCase('sv')),
  );
  return list;
}

/**
 * Throws a 400 with a message per problem under `field` when the new password breaks the policy
 * (libs/domain password-policy); nothing is written before this check passes.
 */
export function assertAcceptablePassword(
  password: string,
  username: string | null,
  field = 'password',
): void {
  const errors = passwordFieldErrors(password, username, field);
  if (errors.length > 0) throw new ValidationFailedException(errors);
}

/**
 * The policy's problems with a new password as field errors under `field` (empty when it is
 * accepted), for a form that reports them together with other fields' errors.
 */
export function passwordFieldErrors(
  password: string,
  username: string | null,
  field = 'password',
): FieldError[] {
  const problems = passwordProblems(password, { username, commonPasswords: commonPasswords() });
  return problems.map((code) => ({ field, code, message: PASSWORD_PROBLEM_MESSAGES[code] }));
}
