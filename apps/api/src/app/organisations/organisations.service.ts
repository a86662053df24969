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
import { OrganisationEntity, type UnitEntity } from '@samsyn/server';
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
      await this.audit.record(
        user,
        { action: AuditAction.OrganisationHelpText, target: { kind: 'organisation', id } },
        em,
      );
    });
    return this.helpText(id);
  }

  /** One organisation with all its units (active or not), as the administration page shows it. */
  async get(id: string): Promise<OrganisationDto> {
    const org = await this.organisations.findOne({
      where: { id },
      relations: { units: true },
      order: { units: { name: 'ASC' } },
    });
    if (!org) throw notFound();
    return toOrganisationDto(org, true);
  }

  private async find(id: string): Promise<OrganisationEntity> {
    const org = await this.organisations.findOneBy({ id });
    if (!org) throw notFound();
    return org;
  }

  async list(query: OrganisationQueryDto): Promise<Page<OrganisationDto>> {
    const qb = this.organisations.createQueryBuilder('o');
    if (!query.includeInactive) qb.andWhere('o.active = true');
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
      items: withUnits.map((o) => toOrganisationDto(o, query.includeInactive ?? false)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}

export function notFound(): ApiException {
  return new ApiException(
    HttpStatus.NOT_FOUND,
    ErrorCode.NotFound,
    'There is no such organisation.',
  );
}

/** The directory's view of an organisation; deactivated units only when asked for. */
export function toOrganisationDto(
  o: OrganisationEntity & { units?: UnitEntity[] },
  includeInactive: boolean,
): OrganisationDto {
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    municipalityCode: o.municipalityCode,
    organisationNumber: o.organisationNumber,
    hsaId: o.hsaId,
    requireSecondFactor: o.requireSecondFactor,
    active: o.active,
    version: o.version,
    units: (o.units ?? [])
      .filter((u) => includeInactive || u.active)
      .map((u) => ({ id: u.id, name: u.name, kind: u.kind, active: u.active, version: u.version })),
  };
}
