import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditAction, type ChangePasswordDto, type FieldError } from '@samsyn/common';
import { isLocked } from '@samsyn/domain';
import { UserEntity, UserSessionEntity } from '@samsyn/server';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { passwordFieldErrors } from '../auth/password-policy';
import { PasswordService } from '../auth/password.service';
import { invalid } from '../cases/case-rules';
import { ValidationFailedException } from '../common/problem-details';
import { endOtherSessions } from './account-sessions.service';

/**
 * A user changes their own password. The current password is asked for even in a live session
 * (one left open on a shared computer must not be enough), and a wrong one counts toward the
 * lockout exactly like a failed sign-in. A session that came through the organisation's identity
 * provider may change the local password too, on the same terms: it still needs the current one.
 */
@Injectable()
export class PasswordChangeService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly auth: AuthService,
    private readonly passwords: PasswordService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * 400 with field errors when the current password is wrong (counted, and audited as denied),
   * the account is locked, or the new password breaks the policy or equals the current one.
   * Otherwise stores the new hash, clears the lockout count, ends every other session of the
   * user and audits the change, in one transaction.
   */
  async change(user: AuthenticatedUser, dto: ChangePasswordDto, now = new Date()): Promise<void> {
    const account = await this.users.findOne({
      where: { id: user.id },
      select: {
        id: true,
        username: true,
        passwordHash: true,
        failedLoginCount: true,
        lockedUntil: true,
      },
    });
    if (!account) throw new NotFoundException();
    if (
      isLocked({ failedCount: account.failedLoginCount, lockedUntil: account.lockedUntil }, now)
    ) {
      throw invalid(
        'currentPassword',
        'accountLocked',
        'The account is locked after repeated wrong passwords. Try again later.',
      );
    }
    const errors: FieldError[] = [];
    const right = await this.passwords.verify(account.passwordHash, dto.currentPassword);
    if (!right) {
      await this.auth.recordFailure(account.id, now);
      await this.audit.record(user, {
        action: AuditAction.AccountPasswordChanged,
        outcome: 'denied',
        target: { kind: 'user', id: user.id },
      });
      errors.push({
        field: 'currentPassword',
        code: 'wrongPassword',
        message: 'The current password is wrong.',
      });
    }
    errors.push(...passwordFieldErrors(dto.newPassword, account.username, 'newPassword'));
    if (right && dto.newPassword === dto.currentPassword) {
      errors.push({
        field: 'newPassword',
        code: 'sameAsCurrent',
        message: 'The new password must differ from the current one.',
      });
    }
    if (errors.length > 0) throw new ValidationFailedException(errors);

    const passwordHash = await this.passwords.hash(dto.newPassword);
    await this.dataSource.transaction(async (em) => {
      await em.update(
        UserEntity,
        { id: user.id },
        { passwordHash, failedLoginCount: 0, lockedUntil: null },
      );
      await endOtherSessions(em.getRepository(UserSessionEntity), user);
      await this.audit.record(
        user,
        { action: AuditAction.AccountPasswordChanged, target: { kind: 'user', id: user.id } },
        em,
      );
    });
  }
}
