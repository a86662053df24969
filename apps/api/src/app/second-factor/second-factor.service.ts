import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  type RecoveryCodesDto,
  type SecondFactorStatusDto,
  SessionMethod,
  type TotpEnrolmentDto,
} from '@samsyn/common';
import {
  SignInChallengeEntity,
  UserEntity,
  UserRecoveryCodeEntity,
  UserTotpEntity,
} from '@samsyn/server';
import { mayChangeUser } from '@samsyn/domain';
import { toDataURL } from 'qrcode';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { mustEnrolSecondFactor } from '../auth/guards';
import { SessionsService } from '../auth/sessions.service';
import { conflict, invalid } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { assertMayAdministerOrganisation } from '../organisations/admin-scope';
import { mayNotChangeUser } from '../user-admin/user-admin-view';
import { newRecoveryCodes, recoveryCodeInput } from './recovery-codes';
import { SecretBox } from './secret-box';
import { newTotpSecret, totpUri, verifyTotp } from './totp';

/**
 * A user's own second factor (issue 16): enrol an authenticator app (start, confirm with a code),
 * replace the recovery codes, turn it off where the organisation allows; and an administrator's
 * reset. Secrets are sealed under SECRETS_KEY, recovery codes kept as keyed hashes; nothing here
 * logs a secret or a code. Every change is audited, last in its transaction.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  async status(user: AuthenticatedUser): Promise<SecondFactorStatusDto> {
    const totp = await this.dataSource.manager.findOneBy(UserTotpEntity, { userId: user.id });
    const confirmed = totp?.confirmedAt ?? null;
    const recoveryCodesLeft = confirmed
      ? await this.dataSource.manager.countBy(UserRecoveryCodeEntity, {
          userId: user.id,
          usedAt: IsNull(),
        })
      : 0;
    return {
      enrolled: confirmed !== null,
      required: user.secondFactorRequired,
      enrolmentRequired: mustEnrolSecondFactor(user),
      recoveryCodesLeft,
      confirmedAt: confirmed?.toISOString() ?? null,
    };
  }

  /**
   * A new secret for the authenticator app, unconfirmed until a code from it arrives. Refused
   * while one is confirmed: replacing it takes turning it off first (with a code), so a session
   * that knows only the password cannot swap the user's authenticator for its own.
   */
  async start(user: AuthenticatedUser): Promise<TotpEnrolmentDto> {
    const secret = newTotpSecret();
    await this.dataSource.transaction(async (em) => {
      const existing = await this.lockTotp(em, user.id);
      if (existing?.confirmedAt) throw alreadyEnrolled();
      await em.upsert(
        UserTotpEntity,
        {
          userId: user.id,
          secretEncrypted: this.box.seal(secret),
          confirmedAt: null,
          lastUsedStep: null,
        },
        ['userId'],
      );
    });
    const otpauthUri = totpUri(secret, user.username);
    return {
      secret,
      otpauthUri,
      qrCodeDataUrl: await toDataURL(otpauthUri, { margin: 2, width: 240 }),
    };
  }

  /**
   * Confirms the started enrolment with a code from the app; answers the ten recovery codes,
   * once. The session it happens in has now passed a second factor.
   */
  async confirm(user: AuthenticatedUser, code: string): Promise<RecoveryCodesDto> {
    const recoveryCodes = await this.dataSource.transaction(async (em) => {
      const totp = await this.lockTotp(em, user.id);
      if (!totp)
        throw conflict('Start the enrolment first: no authenticator is waiting to be confirmed.');
      if (totp.confirmedAt) throw alreadyEnrolled();
      const step = verifyTotp(this.box.open(totp.secretEncrypted), code);
      if (step === null) throw wrongCode();
      await em.update(
        UserTotpEntity,
        { userId: user.id },
        { confirmedAt: new Date(), lastUsedStep: step },
      );
      const codes = await this.replaceRecoveryCodes(em, user.id);
      await this.audit.record(
        user,
        { action: AuditAction.SecondFactorEnrol, target: { kind: 'user', id: user.id } },
        em,
      );
      return codes;
    });
    if (user.sessionMethod === SessionMethod.Password)
      await this.sessions.upgrade(user.sessionId, {
        method: SessionMethod.PasswordTotp,
        strong: true,
      });
    return { recoveryCodes };
  }

  /** New recovery codes for a code from the app; the old ones stop working. */
  async regenerateRecoveryCodes(user: AuthenticatedUser, code: string): Promise<RecoveryCodesDto> {
    const recoveryCodes = await this.withCode(user, code, async (em) => {
      const codes = await this.replaceRecoveryCodes(em, user.id);
      await this.audit.record(
        user,
        { action: AuditAction.SecondFactorRecoveryCodes, target: { kind: 'user', id: user.id } },
        em,
      );
      return codes;
    });
    return { recoveryCodes };
  }

  /** Removes the authenticator and the recovery codes; not where the organisation requires them. */
  async disable(user: AuthenticatedUser, code: string): Promise<void> {
    if (user.secondFactorRequired)
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.SecondFactorRequired,
        'Your organisation requires a second factor; it cannot be turned off.',
      );
    await this.withCode(user, code, async (em) => {
      await removeSecondFactor(em, user.id);
      await this.audit.record(
        user,
        { action: AuditAction.SecondFactorDisable, target: { kind: 'user', id: user.id } },
        em,
      );
    });
  }

  /**
   * An administrator removes a user's authenticator and recovery codes (a lost phone): the user
   * enrols again at the next sign-in where the organisation requires it.
   */
  async adminReset(caller: AuthenticatedUser, userId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const target = await em.findOne(UserEntity, {
        where: { id: userId },
        select: { id: true, organisationId: true, roles: true },
      });
      if (!target)
        throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'There is no such user.');
      assertMayAdministerOrganisation(caller, target.organisationId);
      // A system administrator's account is a system administrator's to change (user-admin rule).
      if (!mayChangeUser(caller, target)) throw mayNotChangeUser();
      await removeSecondFactor(em, userId);
      await this.audit.record(
        caller,
        { action: AuditAction.AdminSecondFactorReset, target: { kind: 'user', id: userId } },
        em,
      );
    });
  }

  /**
   * Runs `work` when `code` is right for the user's confirmed authenticator (and newer than the
   * last code used). A wrong code is a 400 on the field and counts in the sign-in lockout, like
   * a wrong code at sign-in: a stolen session cannot guess its way to turning the factor off.
   */
  private async withCode<T>(
    user: AuthenticatedUser,
    code: string,
    work: (em: EntityManager) => Promise<T>,
  ): Promise<T> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const totp = await this.lockTotp(em, user.id);
      if (!totp?.confirmedAt) throw conflict('You have no authenticator app set up.');
      const step = verifyTotp(this.box.open(totp.secretEncrypted), code, {
        lastUsedStep: totp.lastUsedStep,
      });
      if (step === null) return { ok: false as const };
      await em.update(UserTotpEntity, { userId: user.id }, { lastUsedStep: step });
      return { ok: true as const, value: await work(em) };
    });
    if (!outcome.ok) {
      await this.auth.recordFailure(user.id);
      throw wrongCode();
    }
    return outcome.value;
  }

  private lockTotp(em: EntityManager, userId: string): Promise<UserTotpEntity | null> {
    return em.findOne(UserTotpEntity, { where: { userId }, lock: { mode: 'pessimistic_write' } });
  }

  private async replaceRecoveryCodes(em: EntityManager, userId: string): Promise<string[]> {
    await em.delete(UserRecoveryCodeEntity, { userId });
    const codes = newRecoveryCodes();
    await em.insert(
      UserRecoveryCodeEntity,
      codes.map((c) => ({ userId, codeHash: this.box.mac(recoveryCodeInput(userId, c)) })),
    );
    return codes;
  }
}

async function removeSecondFactor(em: EntityManager, userId: string): Promise<void> {
  await em.delete(UserRecoveryCodeEntity, { userId });
  await em.delete(UserTotpEntity, { userId });
  await em.delete(SignInChallengeEntity, { userId });
}

function alreadyEnrolled(): ApiException {
  return conflict('An authenticator app is set up already; turn it off first to set up another.');
}

function wrongCode(): ApiException {
  return invalid('code', 'wrongCode', 'The code is not the one the authenticator app shows now.');
}
