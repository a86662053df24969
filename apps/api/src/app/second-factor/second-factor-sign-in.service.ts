import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditAction, ErrorCode, type SecondFactorLoginDto, SessionMethod } from '@samsyn/common';
import { afterFailure, isLocked, lockBegun } from '@samsyn/domain';
import { UserEntity, UserRecoveryCodeEntity, UserTotpEntity } from '@samsyn/server';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthService, invalidCredentials } from '../auth/auth.service';
import { type NewSession, SessionsService } from '../auth/sessions.service';
import { SignInChallengesService } from '../auth/sign-in-challenges.service';
import { ApiException } from '../common/problem-details';
import { recoveryCodeInput } from './recovery-codes';
import { SecretBox } from './secret-box';
import { verifyTotp } from './totp';

type Outcome =
  | { ok: true; method: SessionMethod.PasswordTotp | SessionMethod.RecoveryCode }
  | { ok: false; reason: 'wrong' | 'locked' | 'gone'; lockBegun?: Date | null };

/**
 * The second step of a password sign-in (issue 16): the pending sign-in's token and a code from
 * the authenticator app, or a recovery code (spent on use). A wrong code answers exactly as a
 * wrong password and counts in the same lockout; a locked account answers the same too (issue
 * 18), its owner told by e-mail when the lock begins. A right one starts a strong session.
 */
@Injectable()
export class SecondFactorSignInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly challenges: SignInChallengesService,
  ) {}

  async complete(
    token: string | undefined,
    dto: SecondFactorLoginDto,
    userAgent: string | null = null,
    now = new Date(),
  ): Promise<NewSession> {
    const userId = await this.challenges.userFor(token, now);
    if (!token || !userId)
      throw new ApiException(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.SignInExpired,
        'The sign-in took too long or was completed already. Sign in again.',
      );
    const outcome = await this.dataSource.transaction(async (em): Promise<Outcome> => {
      // The row lock orders concurrent attempts, so each reads the count the previous one left.
      await em.findOne(UserEntity, {
        where: { id: userId },
        select: { id: true },
        lock: { mode: 'pessimistic_write' },
      });
      const user = await em.findOne(UserEntity, {
        where: { id: userId },
        select: {
          id: true,
          roles: true,
          active: true,
          organisationId: true,
          unitId: true,
          failedLoginCount: true,
          lockedUntil: true,
          organisation: { id: true, active: true },
        },
        relations: { organisation: true },
      });
      if (!user?.active || !user.organisation?.active) return { ok: false, reason: 'gone' };
      const state = { failedCount: user.failedLoginCount, lockedUntil: user.lockedUntil };
      if (isLocked(state, now)) return { ok: false, reason: 'locked' };
      // Counted here, under the lock, so that parallel guesses cannot outrun the lockout.
      const wrong = async (): Promise<Outcome> => {
        const next = afterFailure(state, now, this.auth.lockoutPolicy());
        await em.update(
          UserEntity,
          { id: userId },
          { failedLoginCount: next.failedCount, lockedUntil: next.lockedUntil },
        );
        return { ok: false, reason: 'wrong', lockBegun: lockBegun(state, next, now) };
      };
      let method: SessionMethod.PasswordTotp | SessionMethod.RecoveryCode;
      if (dto.code !== undefined) {
        const totp = await em.findOne(UserTotpEntity, {
          where: { userId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!totp?.confirmedAt) return { ok: false, reason: 'gone' };
        const step = verifyTotp(this.box.open(totp.secretEncrypted), dto.code, {
          now,
          lastUsedStep: totp.lastUsedStep,
        });
        if (step === null) return wrong();
        await em.update(UserTotpEntity, { userId }, { lastUsedStep: step });
        method = SessionMethod.PasswordTotp;
      } else {
        const hash = this.box.mac(recoveryCodeInput(userId, dto.recoveryCode ?? ''));
        const spent = await em.update(
          UserRecoveryCodeEntity,
          { userId, codeHash: hash, usedAt: IsNull() },
          { usedAt: now },
        );
        if ((spent.affected ?? 0) !== 1) return wrong();
        method = SessionMethod.RecoveryCode;
      }
      if (!(await this.challenges.consume(em, token))) return { ok: false, reason: 'gone' };
      if (method === SessionMethod.RecoveryCode)
        await this.audit.record(
          {
            id: user.id,
            roles: user.roles,
            organisation: { id: user.organisationId },
            unit: user.unitId ? { id: user.unitId } : null,
          },
          {
            action: AuditAction.SecondFactorRecoveryCodeUsed,
            target: { kind: 'user', id: user.id },
          },
          em,
        );
      return { ok: true, method };
    });
    if (!outcome.ok) {
      if (outcome.lockBegun) this.auth.lockBegan(userId, outcome.lockBegun);
      throw invalidCredentials();
    }
    await this.auth.recordSuccess(userId, now);
    return this.sessions.create(userId, { method: outcome.method, strong: true, userAgent }, now);
  }
}
