import type { ConfigService } from '@nestjs/config';
import { ErrorCode } from '@samsyn/common';
import type { EnvironmentVariables, UserEntity, UserTotpEntity } from '@samsyn/server';
import type { Repository } from 'typeorm';
import { ApiException } from '../common/problem-details';
import { AuthService } from './auth.service';
import type { LockoutNoticeService } from './lockout-notice.service';
import type { PasswordService } from './password.service';

const NOW = new Date('2026-12-07T10:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

interface Row {
  id: string;
  passwordHash: string;
  active: boolean;
  failedLoginCount: number;
  lockedUntil: Date | null;
  organisation: { id: string; active: boolean };
}

/** AuthService over an in-memory user table; the password is right when it equals the hash. */
function setUp(rows: Row[]) {
  const table = new Map(rows.map((r) => [r.id, r]));
  const update = (id: string, change: Partial<Row>) => Object.assign(table.get(id)!, change);
  const em = {
    findOne: (_: unknown, { where }: { where: { id: string } }) =>
      Promise.resolve(table.get(where.id) ?? null),
    update: (_: unknown, { id }: { id: string }, change: Partial<Row>) =>
      Promise.resolve(update(id, change)),
  };
  const users = {
    findOne: ({ where }: { where: { username: string } }) =>
      Promise.resolve(table.get(where.username) ?? null),
    update: ({ id }: { id: string }, change: Partial<Row>) => Promise.resolve(update(id, change)),
    manager: { transaction: <T>(work: (e: typeof em) => Promise<T>) => work(em) },
  };
  const totps = { existsBy: () => Promise.resolve(false) };
  const passwords = {
    verify: jest.fn((hash: string, password: string) => Promise.resolve(hash === password)),
    verifyNothing: jest.fn(() => Promise.resolve(false as const)),
  };
  const config = {
    get: (key: string) => ({ LOGIN_MAX_FAILURES: 3, LOGIN_LOCK_MINUTES: 15 })[key],
  };
  const notice = { lockBegan: jest.fn() };
  const auth = new AuthService(
    users as unknown as Repository<UserEntity>,
    totps as unknown as Repository<UserTotpEntity>,
    passwords as unknown as PasswordService,
    config as unknown as ConfigService<EnvironmentVariables, true>,
    notice as unknown as LockoutNoticeService,
  );
  return { auth, passwords, notice, row: (id: string) => table.get(id)! };
}

const user = (id: string, extra: Partial<Row> = {}): Row => ({
  id,
  passwordHash: 'right',
  active: true,
  failedLoginCount: 0,
  lockedUntil: null,
  organisation: { id: 'o', active: true },
  ...extra,
});

async function refusal(attempt: Promise<unknown>): Promise<unknown> {
  try {
    await attempt;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiException);
    const ex = e as ApiException;
    return { status: ex.getStatus(), code: ex.code, detail: ex.message };
  }
  throw new Error('expected a refusal');
}

describe('AuthService.validateCredentials (issue 18: no username oracle)', () => {
  it('refuses unknown, deactivated, wrong and locked alike, each after one password hash check', async () => {
    const { auth, passwords } = setUp([
      user('open'),
      user('inactive', { active: false }),
      user('locked', { failedLoginCount: 3, lockedUntil: minutes(10) }),
    ]);
    const attempts: [string, string][] = [
      ['nobody', 'right'],
      ['inactive', 'right'],
      ['open', 'wrong'],
      ['locked', 'right'],
      ['locked', 'wrong'],
    ];
    const answers = [];
    for (const [name, password] of attempts) {
      passwords.verify.mockClear();
      passwords.verifyNothing.mockClear();
      answers.push(await refusal(auth.validateCredentials(name, password, NOW)));
      // One argon2 verification each: against the account's hash or the dummy one.
      expect(passwords.verify.mock.calls.length + passwords.verifyNothing.mock.calls.length).toBe(
        1,
      );
    }
    for (const answer of answers)
      expect(answer).toEqual({
        status: 401,
        code: ErrorCode.InvalidCredentials,
        detail: 'Wrong username or password.',
      });
  });

  it('never checks a locked account’s password, nor counts the attempt or stretches the lock', async () => {
    const { auth, passwords, notice, row } = setUp([
      user('locked', { failedLoginCount: 3, lockedUntil: minutes(10) }),
    ]);
    await refusal(auth.validateCredentials('locked', 'right', NOW));
    expect(passwords.verify).not.toHaveBeenCalled();
    expect(passwords.verifyNothing).toHaveBeenCalledWith('right');
    expect(row('locked')).toMatchObject({ failedLoginCount: 3, lockedUntil: minutes(10) });
    expect(notice.lockBegan).not.toHaveBeenCalled();
  });

  it('tells the owner once, on the failure that begins the lock', async () => {
    const { auth, notice, row } = setUp([user('open')]);
    for (let i = 0; i < 5; i++) await refusal(auth.validateCredentials('open', `wrong-${i}`, NOW));
    expect(row('open').lockedUntil).toEqual(minutes(15));
    expect(notice.lockBegan).toHaveBeenCalledTimes(1);
    expect(notice.lockBegan).toHaveBeenCalledWith('open', minutes(15));
  });

  it('signs in with the right password when not locked, and resets the count', async () => {
    const { auth, row } = setUp([user('open', { failedLoginCount: 2 })]);
    await expect(auth.validateCredentials('open', 'right', NOW)).resolves.toEqual({
      id: 'open',
      secondFactor: false,
    });
    expect(row('open')).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });
});
