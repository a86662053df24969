import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode } from '@samsyn/common';
import { afterFailure, afterSuccess, isLocked } from '@samsyn/domain';
import { type EnvironmentVariables, UserEntity } from '@samsyn/server';
import { Repository } from 'typeorm';
import { ApiException } from '../common/problem-details';
import { PasswordService } from './password.service';

/** Checks credentials and keeps the lockout count (D23: local accounts for demo and small sites). */
@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly passwords: PasswordService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
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

  /** The user's id when the credentials are right; otherwise a 401 that does not say which part was wrong. */
  async validateCredentials(username: string, password: string, now = new Date()): Promise<string> {
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
      throw new ApiException(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.AccountLocked,
        'The account is locked after repeated failed sign-ins. Try again later or ask your administrator.',
      );
    }
    if (!(await this.passwords.verify(user.passwordHash, password))) {
      await this.countFailure(user, now);
      throw this.invalid();
    }
    await this.users.update({ id: user.id }, { ...this.reset(), lastLoginAt: now });
    return user.id;
  }

  /**
   * One more failed attempt for the account, as the lockout counts it: a wrong password at
   * sign-in, or when a signed-in user confirms theirs (changing it on "Mitt konto").
   */
  async countFailure(
    user: Pick<UserEntity, 'id' | 'failedLoginCount' | 'lockedUntil'>,
    now = new Date(),
  ): Promise<void> {
    const policy = {
      maxFailures: this.config.get('LOGIN_MAX_FAILURES', { infer: true }),
      lockMinutes: this.config.get('LOGIN_LOCK_MINUTES', { infer: true }),
    };
    const state = { failedCount: user.failedLoginCount, lockedUntil: user.lockedUntil };
    const next = afterFailure(state, now, policy);
    await this.users.update(
      { id: user.id },
      { failedLoginCount: next.failedCount, lockedUntil: next.lockedUntil },
    );
  }

  private reset() {
    const s = afterSuccess();
    return { failedLoginCount: s.failedCount, lockedUntil: s.lockedUntil };
  }

  private invalid(): ApiException {
    return new ApiException(
      HttpStatus.UNAUTHORIZED,
      ErrorCode.InvalidCredentials,
      'Wrong username or password.',
    );
  }
}
