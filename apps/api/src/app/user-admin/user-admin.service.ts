import { Injectable } from '@nestjs/common';
import {
  type AdminUserDto,
  AuditAction,
  type CreatedUserDto,
  type CreateUserDto,
  type UpdateUserDto,
} from '@samsyn/common';
import { ownAdminRolesRemoved } from '@samsyn/domain';
import { UserEntity, UserSessionEntity } from '@samsyn/server';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { PasswordService } from '../auth/password.service';
import { conflict, invalid, versionConflict } from '../cases/case-rules';
import { assertMayAdministerOrganisation } from '../organisations/admin-scope';
import { PasswordResetService } from './password-reset.service';
import { UserAdminQueryService } from './user-admin-query.service';
import {
  checkExternalIdFree,
  checkRoles,
  checkUnit,
  checkUsernameFree,
  lockUserForChange,
  organisationOf,
  uniqueViolationOf,
} from './user-admin-rules';

/**
 * Users as their administrators keep them (issue 16): created (with a one-time code for the first
 * password), edited, deactivated (every session ends in the same transaction; the row stays, so
 * cases keep the name), reactivated and unlocked. Every change audited inside its transaction.
 */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly resets: PasswordResetService,
    private readonly reads: UserAdminQueryService,
  ) {}

  async create(caller: AuthenticatedUser, dto: CreateUserDto): Promise<CreatedUserDto> {
    assertMayAdministerOrganisation(caller, dto.organisationId);
    const username = dto.username.toLowerCase();
    // No one knows this password: the account is usable once its user sets one with the code.
    // A real argon2 hash, so signing in to it costs as long as to any other account.
    const unusable = await this.passwords.hash(randomBytes(32).toString('base64url'));
    const { id, issued, user } = await this.guardUnique(() =>
      this.dataSource.transaction(async (em) => {
        const org = await organisationOf(em, dto.organisationId);
        if (!org.active)
          throw invalid(
            'organisationId',
            'inactiveOrganisation',
            'The organisation is deactivated; reactivate it before adding users.',
          );
        checkRoles(caller, dto.roles, org.type);
        await checkUnit(em, org.id, dto.unitId);
        await checkUsernameFree(em, username);
        if (dto.externalId) await checkExternalIdFree(em, org.id, dto.externalId);
        const user = await em.save(
          em.create(UserEntity, {
            username,
            displayName: dto.displayName,
            email: dto.email || null,
            externalId: dto.externalId ?? null,
            passwordHash: unusable,
            roles: [...dto.roles],
            organisationId: org.id,
            unitId: dto.unitId,
            locale: dto.locale,
          }),
        );
        const issued = await this.resets.issue(em, caller, user.id, 'new_user');
        await this.audit.record(
          caller,
          { action: AuditAction.AdminUser, target: { kind: 'user', id: user.id } },
          em,
        );
        return { id: user.id, issued, user };
      }),
    );
    const passwordReset = await this.resets.deliver(user, issued);
    return { user: await this.reads.get(caller, id), passwordReset };
  }

  async update(caller: AuthenticatedUser, id: string, dto: UpdateUserDto): Promise<AdminUserDto> {
    await this.guardUnique(() =>
      this.dataSource.transaction(async (em) => {
        const user = await lockUserForChange(em, caller, id);
        if (user.version !== dto.version) throw versionConflict(user.version);
        const org = await organisationOf(em, user.organisationId);
        const events: AuditAction[] = [];
        if (dto.roles !== undefined) {
          checkRoles(caller, dto.roles, org.type);
          const removed = ownAdminRolesRemoved(caller, user.id, dto.roles);
          if (removed.length)
            throw invalid(
              'roles',
              'ownAdminRole',
              `You cannot remove your own administrator role (${removed.join(', ')}); ask another administrator.`,
            );
        }
        if (dto.active === false && user.id === caller.id)
          throw invalid('active', 'ownAccount', 'You cannot deactivate your own account.');
        if (dto.unitId !== undefined && dto.unitId !== user.unitId)
          await checkUnit(em, org.id, dto.unitId);
        if (dto.externalId && dto.externalId !== user.externalId)
          await checkExternalIdFree(em, org.id, dto.externalId, user.id);

        const before = JSON.stringify(editable(user));
        if (dto.displayName !== undefined) user.displayName = dto.displayName;
        if (dto.email !== undefined) user.email = dto.email || null;
        if (dto.unitId !== undefined) user.unitId = dto.unitId;
        if (dto.roles !== undefined) user.roles = [...dto.roles];
        if (dto.locale !== undefined) user.locale = dto.locale;
        if (dto.externalId !== undefined) user.externalId = dto.externalId;
        if (JSON.stringify(editable(user)) !== before) events.push(AuditAction.AdminUser);
        if (dto.active !== undefined && dto.active !== user.active) {
          user.active = dto.active;
          if (!dto.active) {
            // Every session ends now, not at its next request: the rows are gone with the commit.
            await em.delete(UserSessionEntity, { userId: user.id });
            events.push(AuditAction.AdminUserDeactivated);
          } else events.push(AuditAction.AdminUserReactivated);
        }
        if (!events.length) return;
        await em.save(user);
        for (const action of events)
          await this.audit.record(caller, { action, target: { kind: 'user', id: user.id } }, em);
      }),
    );
    return this.reads.get(caller, id);
  }

  /** Clears the lockout count; the user can sign in again at once. */
  async unlock(caller: AuthenticatedUser, id: string): Promise<AdminUserDto> {
    await this.dataSource.transaction(async (em) => {
      const user = await lockUserForChange(em, caller, id);
      await em.update(UserEntity, { id: user.id }, { failedLoginCount: 0, lockedUntil: null });
      await this.audit.record(
        caller,
        { action: AuditAction.AdminUserUnlocked, target: { kind: 'user', id: user.id } },
        em,
      );
    });
    return this.reads.get(caller, id);
  }

  /** Runs `work`; a unique violation from a concurrent write becomes the 409 a check would give. */
  private async guardUnique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error: unknown) {
      const which = uniqueViolationOf(error);
      if (which === 'username') throw conflict('The username is taken; choose another.');
      if (which === 'externalId')
        throw conflict(
          'Another user of this organisation has this identity at its identity provider (external id).',
        );
      throw error;
    }
  }
}

/** What an edit may change, to tell whether it changed anything. */
function editable(u: UserEntity) {
  return [u.displayName, u.email, u.unitId, [...u.roles].sort(), u.locale, u.externalId];
}
