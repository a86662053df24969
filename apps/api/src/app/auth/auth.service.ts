import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode } from '@samsyn/common';
import {
  afterFailure,
  afterSuccess,
  isLocked,
  lockBegun,
  type LockoutPolicy,
} from '@samsyn/domain';
import { type EnvironmentVariables, UserEntity, UserTotpEntity } from '@samsyn/server';
import { IsNull, Not, Repository } from 'typeorm';
import { ApiException } from '../common/problem-details';
import { LockoutNoticeService } from './lockout-notice.service';
import { PasswordService } from './password.service';

/** Checks credentials and keeps the lockout count (D23: local accounts for demo and small sites). */
@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(UserTotpEntity) private readonly totps: Repository<UserTotpEntity>,
    private readonly passwords: PasswordService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly lockoutNotice: LockoutNoticeService,
  ) {}

  /** Once a user exists the answer cannot go back to true: no query after the first false. */
  private hasUsers = false;

  /**
   * Whether the installation still waits for its first administrator (`admin:create`): true only
   * while no user exists at all, so the answer tells nothing about any account.
   */
  async needsFirstAdmin(): Promise<boolean> {
    if (this.hasUsers) return false;
    this.hasUsers = await this.users.exists();
    return !this.hasUsers;
  }

  /**
   * The user's id when the credentials are right, and whether a second factor must follow;
   * otherwise one 401 for an unknown or deactivated user, a wrong password and a locked account
   * alike (issue 18: no username oracle), each after one password hash check, so that neither
   * the answer nor its time tells them apart. The owner of a locked account hears of the lock by
   * e-mail (LockoutNoticeService) or from their administrator.
   */
  async validateCredentials(
    username: string,
    password: string,
    now = new Date(),
  ): Promise<PasswordCheck> {
    const user = await this.users.findOne({
      where: { username: username.trim().toLowerCase() },
      select: {
        id: true,
        passwordHash: true,
        active: true,
        failedLoginCount: true,
        lockedUntil: true,
        organisation: { id: true, active: true },
      },
      relations: { organisation: true },
    });
    if (!user || !user.active || !user.organisation?.active) {
      await this.passwords.verifyNothing(password);
      throw this.invalid();
    }
    const state = { failedCount: user.failedLoginCount, lockedUntil: user.lockedUntil };
    if (isLocked(state, now)) {
      // Not counted (that would stretch the lock), not checked: the right password is refused too.
      await this.passwords.verifyNothing(password);
      throw this.invalid();
    }
    if (!(await this.passwords.verify(user.passwordHash, password))) {
      await this.recordFailure(user.id, now);
      throw this.invalid();
    }
    // With an authenticator the count stays until the code is right too: otherwise a right
    // password before every guess would reset the lockout that limits guessing codes.
    if (await this.totps.existsBy({ userId: user.id, confirmedAt: Not(IsNull()) }))
      return { id: user.id, secondFactor: true };
    await this.users.update({ id: user.id }, { ...this.reset(), lastLoginAt: now });
    return { id: user.id, secondFactor: false };
  }

  /**
   * One more failed attempt, counted in one lockout (under a row lock, so concurrent attempts
   * each count): a wrong password at sign-in or when a signed-in user confirms theirs ("Mitt
   * konto"), or a wrong second-factor code. Returns whether the account is now locked; the
   * failure that begins a lock sends its notice.
   */
  async recordFailure(userId: string, now = new Date()): Promise<boolean> {
    const outcome = await this.users.manager.transaction(async (em) => {
      const user = await em.findOne(UserEntity, {
        where: { id: userId },
        select: { id: true, failedLoginCount: true, lockedUntil: true },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) return { locked: false, began: null };
      const state = { failedCount: user.failedLoginCount, lockedUntil: user.lockedUntil };
      const next = afterFailure(state, now, this.lockoutPolicy());
      await em.update(
        UserEntity,
        { id: userId },
        { failedLoginCount: next.failedCount, lockedUntil: next.lockedUntil },
      );
      return { locked: isLocked(next, now), began: lockBegun(state, next, now) };
    });
    if (outcome.began) this.lockBegan(userId, outcome.began);
    return outcome.locked;
  }

  /** After the commit of the failure that began a lock: the notice to the account's owner. */
  lockBegan(userId: string, lockedUntil: Date): void {
    this.lockoutNotice.lockBegan(userId, lockedUntil);
  }

  /** A completed sign-in: the failure count starts again. */
  async recordSuccess(userId: string, now = new Date()): Promise<void> {
    await this.users.update({ id: userId }, { ...this.reset(), lastLoginAt: now });
  }

  /** The lockout of repeated failed sign-ins, passwords and second-factor codes alike. */
  lockoutPolicy(): LockoutPolicy {
    return {
      maxFailures: this.config.get('LOGIN_MAX_FAILURES', { infer: true }),
      lockMinutes: this.config.get('LOGIN_LOCK_MINUTES', { infer: true }),
    };
  }

  private reset() {
    const s = afterSuccess();
    return { failedLoginCount: s.failedCount, lockedUntil: s.lockedUntil };
  }

  private invalid(): ApiException {
    return invalidCredentials();
  }
}

/** What a right password leads to: a session, or a second factor first. */
export interface PasswordCheck {
  id: string;
  secondFactor: boolean;
}

/**
 * The one answer to an unknown username, a wrong password or second-factor code, and a locked
 * account (issue 18): the same status, code and detail, so that none tells the others apart.
 */
export function invalidCredentials(): ApiException {
  return new ApiException(
    HttpStatus.UNAUTHORIZED,
    ErrorCode.InvalidCredentials,
    'Wrong username or password.',
  );
}
