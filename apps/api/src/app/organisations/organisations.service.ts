import { containsPattern } from '../common/like';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { OrganisationDto, OrganisationQueryDto, Page } from '@samsyn/common';
import { OrganisationEntity } from '@samsyn/server';
import { Brackets, Repository } from 'typeorm';

/** Reads the directory of organisations and units (no personal data). */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(OrganisationEntity)
    private readonly organisations: Repository<OrganisationEntity>,
  ) {}

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
