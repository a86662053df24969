import { containsPattern } from '../common/like';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  AuditAction,
  ErrorCode,
  type HelpTextDto,
  type OrganisationDto,
  type OrganisationQueryDto,
  type Page,
  type UpdateHelpTextDto,
} from '@samsyn/common';
import { OrganisationEntity } from '@samsyn/server';
import { Brackets, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';
import { helpTextOf } from './help-text';

/** Reads the directory of organisations and units (no personal data). */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(OrganisationEntity)
    private readonly organisations: Repository<OrganisationEntity>,
    private readonly audit: AuditService,
  ) {}

  /** The where-to-get-help text (D13); no personal data, so every signed-in reader may see it. */
  async helpText(id: string): Promise<HelpTextDto> {
    return helpTextOf(await this.find(id));
  }

  /** An org_admin sets their own organisation's text (sv and en), audited. */
  async setHelpText(
    user: AuthenticatedUser,
    id: string,
    dto: UpdateHelpTextDto,
  ): Promise<HelpTextDto> {
    const org = await this.find(id);
    if (user.organisation.id !== org.id)
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        'Only an administrator of this organisation may change its help text.',
      );
    await this.organisations.manager.transaction(async (em) => {
      await em.update(
        OrganisationEntity,
        { id },
        { helpTextSv: dto.sv.trim(), helpTextEn: dto.en.trim() },
      );
      await this.audit.record(user, { action: AuditAction.OrganisationHelpText }, em);
    });
    return this.helpText(id);
  }

  private async find(id: string): Promise<OrganisationEntity> {
    const org = await this.organisations.findOneBy({ id });
    if (!org)
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        ErrorCode.NotFound,
        'There is no such organisation.',
      );
    return org;
  }

  async list(query: OrganisationQueryDto): Promise<Page<OrganisationDto>> {
    const qb = this.organisations.createQueryBuilder('o');
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    if (query.q) {
      const like = containsPattern(query.q);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('o.name ILIKE :like', { like })
            .orWhere(
              'EXISTS (SELECT 1 FROM units u WHERE u.organisation_id = o.id AND u.name ILIKE :like)',
              { like },
            ),
        ),
      );
    }
    const [rows, total] = await qb
      .orderBy('o.name', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const withUnits = rows.length
      ? await this.organisations.find({
          where: rows.map((r) => ({ id: r.id })),
          relations: { units: true },
          order: { name: 'ASC', units: { name: 'ASC' } },
        })
      : [];
    return {
      items: withUnits.map((o) => ({
        id: o.id,
        name: o.name,
        type: o.type,
        municipalityCode: o.municipalityCode,
        units: (o.units ?? []).map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
