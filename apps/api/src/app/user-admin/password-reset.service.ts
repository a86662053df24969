import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  AuditAction,
  NEW_USER_PASSWORD_DAYS,
  PASSWORD_RESET_HOURS,
  type PasswordResetResultDto,
  type PasswordSetDto,
  type SetPasswordCodeStatusDto,
  type SetPasswordDto,
  type SetPasswordPurpose,
} from '@samsyn/common';
import {
  type EnvironmentVariables,
  MAIL_TRANSPORT,
  type MailTransport,
  PasswordResetTokenEntity,
  UserEntity,
  UserSessionEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { assertAcceptablePassword } from '../auth/password-policy';
import { PasswordService } from '../auth/password.service';
import { invalid } from '../cases/case-rules';
import {
  newSetPasswordCode,
  normaliseSetPasswordCode,
  setPasswordCodeHash,
} from './set-password-code';
import { setPasswordEmail, setPasswordLink } from './set-password-mail';
import { lockUserForChange } from './user-admin-rules';

/** A code just issued, still in clear: it goes to the user by e-mail or to the admin once. */
export interface IssuedCode {
  code: string;
  expiresAt: Date;
  purpose: SetPasswordPurpose;
}

const BAD_CODE =
  'This code is not valid: it may be mistyped, used already, replaced by a newer one or expired. Ask your administrator for a new one.';

/**
 * One-time set-password codes (issue 16): issued for a new user or by an administrator's reset,
 * delivered by e-mail when SMTP is set and the user has an address (else shown once to the
 * administrator), and used once on the public set-password page. The code is never stored in
 * clear and never logged.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);
  private readonly publicUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    config: ConfigService<EnvironmentVariables, true>,
    @Optional() @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null = null,
  ) {
    this.publicUrl = config.get('PUBLIC_URL', { infer: true });
  }

  /** Issues a code inside the caller's transaction; any earlier code of the user stops working. */
  async issue(
    em: EntityManager,
    issuer: AuthenticatedUser,
    userId: string,
    purpose: SetPasswordPurpose,
    now = new Date(),
  ): Promise<IssuedCode> {
    const code = newSetPasswordCode();
    const ms =
      purpose === 'new_user'
        ? NEW_USER_PASSWORD_DAYS * 86_400_000
        : PASSWORD_RESET_HOURS * 3_600_000;
    const expiresAt = new Date(now.getTime() + ms);
    await em.delete(PasswordResetTokenEntity, { userId });
    await em.insert(PasswordResetTokenEntity, {
      userId,
      tokenHash: setPasswordCodeHash(normaliseSetPasswordCode(code)!),
      purpose,
      issuedBy: issuer.id,
      expiresAt,
    });
    return { code, expiresAt, purpose };
  }

  /**
   * Sends the code as a link when it can (after the commit: a mail cannot be rolled back), else
   * answers it for the administrator to hand over. A failed send falls back to the code, so the
   * administrator is never left with a code nobody received.
   */
  async deliver(
    user: Pick<UserEntity, 'email' | 'locale'>,
    issued: IssuedCode,
  ): Promise<PasswordResetResultDto> {
    const expiresAt = issued.expiresAt.toISOString();
    if (this.transport && user.email) {
      const link = setPasswordLink(this.publicUrl, issued.code);
      try {
        await this.transport.send({
          to: user.email,
          ...setPasswordEmail(user.locale, issued.purpose, link, issued.expiresAt),
        });
        return { delivery: 'email', expiresAt };
      } catch (error: unknown) {
        // Neither the address nor the code in the log: only that the mail did not go.
        this.logger.warn(
          `set-password e-mail not accepted by the SMTP server (${error instanceof Error ? error.name : 'error'}); the code goes to the administrator instead`,
        );
      }
    }
    return { delivery: 'code', code: issued.code, expiresAt };
  }

  /** An administrator's reset: a new code for an active user, valid for PASSWORD_RESET_HOURS. */
  async reset(caller: AuthenticatedUser, userId: string): Promise<PasswordResetResultDto> {
    const { user, issued } = await this.dataSource.transaction(async (em) => {
      const user = await lockUserForChange(em, caller, userId);
      if (!user.active)
        throw invalid(
          'id',
          'inactiveUser',
          'A deactivated user cannot get a new password; reactivate them first.',
        );
      const issued = await this.issue(em, caller, user.id, 'reset');
      await this.audit.record(
        caller,
        { action: AuditAction.AdminPasswordReset, target: { kind: 'user', id: user.id } },
        em,
      );
      return { user, issued };
    });
    return this.deliver(user, issued);
  }

  /** Whether a code can still set a password; says nothing about whose it is. */
  async status(typed: string, now = new Date()): Promise<SetPasswordCodeStatusDto> {
    const row = await this.find(this.dataSource.manager, typed, now);
    return row
      ? { valid: true, purpose: row.purpose as SetPasswordPurpose }
      : { valid: false, purpose: null };
  }

  /**
   * Sets the password with a code (public): checks the policy, uses the code up, clears the
   * lockout and ends every session of the user. A bad, used or expired code writes nothing.
   */
  async setPassword(dto: SetPasswordDto, now = new Date()): Promise<PasswordSetDto> {
    const row = await this.find(this.dataSource.manager, dto.token, now);
    if (!row?.user) throw invalid('token', 'invalidCode', BAD_CODE);
    assertAcceptablePassword(dto.newPassword, row.user.username, 'newPassword');
    // argon2 takes its time: outside the transaction, which then only writes.
    const hash = await this.passwords.hash(dto.newPassword);
    const user = row.user;
    await this.dataSource.transaction(async (em) => {
      // Deleting the row is what uses the code: of two requests racing with it, one deletes it.
      const used = await em
        .createQueryBuilder()
        .delete()
        .from(PasswordResetTokenEntity)
        .where('id = :id AND expires_at > :now', { id: row.id, now })
        .execute();
      if (!used.affected) throw invalid('token', 'invalidCode', BAD_CODE);
      await em.update(
        UserEntity,
        { id: user.id },
        { passwordHash: hash, failedLoginCount: 0, lockedUntil: null },
      );
      await em.delete(UserSessionEntity, { userId: user.id });
      await this.audit.record(
        {
          id: user.id,
          roles: user.roles,
          organisation: { id: user.organisationId },
          unit: user.unitId ? { id: user.unitId } : null,
        },
        { action: AuditAction.AuthPasswordSet, target: { kind: 'user', id: user.id } },
        em,
      );
    });
    return { username: user.username };
  }

  /** The live code row with its (active) user, or null. */
  private async find(
    em: EntityManager,
    typed: string,
    now: Date,
  ): Promise<(PasswordResetTokenEntity & { user?: UserEntity }) | null> {
    const canonical = normaliseSetPasswordCode(typed);
    if (!canonical) return null;
    const row = await em
      .getRepository(PasswordResetTokenEntity)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.user', 'u', 'u.active = true')
      .innerJoin('u.organisation', 'o', 'o.active = true')
      .where('t.token_hash = :hash', { hash: setPasswordCodeHash(canonical) })
      .andWhere('t.expires_at > :now', { now })
      .getOne();
    return row;
  }
}
