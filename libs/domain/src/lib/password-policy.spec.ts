import { PASSWORD_MIN_LENGTH } from '@samsyn/common';
import { PASSWORD_MAX_LENGTH, PasswordProblem, passwordProblems } from './password-policy';

const commonPasswords = new Set(['password', 'qwerty123456', 'lösenord', 'sommar']);
const check = (password: string, username: string | null = 'anna.berg') =>
  passwordProblems(password, { username, commonPasswords });

describe('passwordProblems', () => {
  it('accepts a long, uncommon password', () => {
    expect(check('kaffe tåg regnbåge 7')).toEqual([]);
  });

  it(`refuses fewer than ${PASSWORD_MIN_LENGTH} characters, counting characters not bytes`, () => {
    expect(check('k4ffe-t4g-r'.slice(0, PASSWORD_MIN_LENGTH - 1))).toEqual([
      PasswordProblem.TooShort,
    ]);
    // 12 characters, 24 bytes in UTF-8: long enough.
    expect(check('åäöåäöåäöåäx')).toEqual([]);
    expect(check('åäöåäöåäöåä')).toEqual([PasswordProblem.TooShort]);
  });

  it('refuses more than the maximum length', () => {
    expect(check('x'.repeat(PASSWORD_MAX_LENGTH) + 'y')).toEqual([PasswordProblem.TooLong]);
  });

  it('refuses a common password, whatever its letter case', () => {
    expect(check('QWERTY123456')).toEqual([PasswordProblem.Common]);
  });

  it('refuses a common word with digits or symbols added around it', () => {
    expect(check('Password1234!')).toEqual([PasswordProblem.Common]);
    expect(check('2026Lösenord!!')).toEqual([PasswordProblem.Common]);
    expect(check('!!sommar2026!!')).toEqual([PasswordProblem.Common]);
  });

  it('does not refuse a password that merely contains a common word among others', () => {
    expect(check('sommar vid havet i Luleå')).toEqual([]);
  });

  it('refuses a password containing the username, when there is one', () => {
    expect(check('anna.berg-is-great')).toEqual([PasswordProblem.ContainsUsername]);
    expect(check('anna.berg-is-great', null)).toEqual([]);
  });

  it('refuses one character repeated', () => {
    expect(check('zzzzzzzzzzzzzz')).toEqual([PasswordProblem.OneCharacter]);
  });
});
