import { containsPattern } from '../common/like';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Page, Permission, UserQueryDto, type UserSummaryDto } from '@samsyn/common';
import { UserEntity } from '@samsyn/server';
import { DataSource } from 'typeorm';
import { RequirePermission } from '../auth/decorators';

@ApiTags('organisations')
@Controller('users')
export class UsersController {
  constructor(private readonly dataSource: DataSource) {}

  /** Active staff, for choosing a handler or a team member; search by name. */
  @Get()
  @RequirePermission(Permission.OrganisationRead)
  async list(@Query() query: UserQueryDto): Promise<Page<UserSummaryDto>> {
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.organisation', 'o')
      .leftJoinAndSelect('u.unit', 'unit')
      .where('u.active = true');
    if (query.organisationId)
      qb.andWhere('u.organisation_id = :org', { org: query.organisationId });
    if (query.q) {
      const like = containsPattern(query.q);
      qb.andWhere('(u.display_name ILIKE :like OR u.username ILIKE :like)', { like });
    }
    const [rows, total] = await qb
      .orderBy('u.display_name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return {
      items: rows.map((u) => ({
        id: u.id,
        displayName: u.displayName,
        organisation: {
          id: u.organisation!.id,
          name: u.organisation!.name,
          type: u.organisation!.type,
        },
        unit: u.unit ? { id: u.unit.id, name: u.unit.name } : null,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
