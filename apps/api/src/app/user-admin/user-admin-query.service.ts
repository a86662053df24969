import { Injectable } from '@nestjs/common';
import {
  type AdminUserDto,
  type AdminUserQueryDto,
  type AdminUserSummaryDto,
  type Page,
  Role,
  type UserOptionsDto,
} from '@samsyn/common';
import { grantableRoles } from '@samsyn/domain';
import { OrganisationEntity, UnitEntity, UserEntity, UserTotpEntity } from '@samsyn/server';
import { Brackets, DataSource, IsNull, Not } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { containsPattern } from '../common/like';
import { assertMayAdministerOrganisation } from '../organisations/admin-scope';
import { notFound as organisationNotFound } from '../organisations/organisations.service';
import { toAdminUserDto, toAdminUserSummary, userNotFound } from './user-admin-view';

/**
 * Reads of the users administration (issue 16): the list (an org_admin's own organisation only,
 * applied in SQL), one user with what the caller may do, and what a new user may be given.
 */
@Injectable()
export class UserAdminQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    caller: AuthenticatedUser,
    query: AdminUserQueryDto,
  ): Promise<Page<AdminUserSummaryDto>> {
    // A system administrator sees every organisation; an org_admin their own, asked for or not.
    const scope = caller.roles.includes(Role.SystemAdmin)
      ? query.organisationId
      : (query.organisationId ?? caller.organisation.id);
    if (scope) assertMayAdministerOrganisation(caller, scope);
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.organisation', 'o')
      .leftJoinAndSelect('u.unit', 'unit');
    if (scope) qb.andWhere('u.organisation_id = :scope', { scope });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.q?.trim()) {
      const like = containsPattern(query.q.trim());
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('u.display_name ILIKE :like', { like })
            .orWhere('u.username ILIKE :like', { like })
            .orWhere('u.email ILIKE :like', { like }),
        ),
      );
    }
    const [rows, total] = await qb
      .orderBy('u.display_name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const now = new Date();
    return {
      items: rows.map((u) => toAdminUserSummary(u, now)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** One user; 403 outside the caller's scope (checked before anything about the user is said). */
  async get(caller: AuthenticatedUser, id: string): Promise<AdminUserDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({
      where: { id },
      relations: { organisation: true, unit: true },
    });
    if (!user) {
      // An org_admin learns nothing of ids outside their organisation, not even that none exists:
      // '' is no organisation's id, so this is the 403 any other organisation's user gets.
      if (!caller.roles.includes(Role.SystemAdmin)) assertMayAdministerOrganisation(caller, '');
      throw userNotFound();
    }
    assertMayAdministerOrganisation(caller, user.organisationId);
    const enrolled = await this.dataSource
      .getRepository(UserTotpEntity)
      .existsBy({ userId: id, confirmedAt: Not(IsNull()) });
    return toAdminUserDto(caller, user, enrolled);
  }

  /** The active units and the roles the caller may grant, for a new user of the organisation. */
  async options(caller: AuthenticatedUser, organisationId: string): Promise<UserOptionsDto> {
    assertMayAdministerOrganisation(caller, organisationId);
    const org = await this.dataSource
      .getRepository(OrganisationEntity)
      .findOneBy({ id: organisationId });
    if (!org) throw organisationNotFound();
    const units = await this.dataSource.getRepository(UnitEntity).find({
      where: { organisationId, active: true },
      order: { name: 'ASC' },
    });
    return {
      organisation: { id: org.id, name: org.name, type: org.type },
      units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
      grantableRoles: grantableRoles(caller.roles, org.type),
    };
  }
}
