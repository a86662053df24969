import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  type CreateOrganisationDto,
  type CreateUnitDto,
  ErrorCode,
  normaliseOrganisationNumber,
  OrganisationType,
  type OrganisationDto,
  type UpdateOrganisationDto,
  type UpdateUnitDto,
} from '@samsyn/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables, OrganisationEntity, UnitEntity } from '@samsyn/server';
import { DataSource, type EntityManager, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { conflict, invalid, versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { notFound, OrganisationsService } from './organisations.service';

/**
 * Organisations and their units as a system administrator keeps them (issue 16): created,
 * edited, deactivated and reactivated — never deleted, since cases, consents and audit rows point
 * at them. Every change is audited and checked against the version the caller read.
 */
@Injectable()
export class OrganisationAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly directory: OrganisationsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async create(user: AuthenticatedUser, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    checkMunicipalityCode(dto.kind, dto.municipalityCode);
    const id = await this.dataSource.transaction(async (em) => {
      await uniqueName(em, dto.name);
      const org = await em.save(
        em.create(OrganisationEntity, {
          name: dto.name.trim(),
          type: dto.kind,
          municipalityCode: dto.municipalityCode ?? null,
          organisationNumber: orgNumber(dto.organisationNumber),
          hsaId: dto.hsaId ?? null,
          // On by default; a demo installation keeps its sign-ins as simple as the seed's.
          requireSecondFactor:
            dto.requireSecondFactor ?? !this.config.get('DEMO_MODE', { infer: true }),
        }),
      );
      await this.audit.record(
        user,
        { action: AuditAction.AdminOrganisation, target: { kind: 'organisation', id: org.id } },
        em,
      );
      return org.id;
    });
    return this.directory.get(id);
  }

  async update(
    user: AuthenticatedUser,
    id: string,
    dto: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    await this.dataSource.transaction(async (em) => {
      const org = await em.findOne(OrganisationEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!org) throw notFound();
      if (org.version !== dto.version) throw versionConflict(org.version);
      if (dto.municipalityCode !== undefined) checkMunicipalityCode(org.type, dto.municipalityCode);
      if (dto.name !== undefined && dto.name.trim() !== org.name) {
        await uniqueName(em, dto.name, id);
        org.name = dto.name.trim();
      }
      if (dto.active === false && id === user.organisation.id) {
        throw invalid(
          'active',
          'ownOrganisation',
          'You cannot deactivate your own organisation: you would sign yourself out for good.',
        );
      }
      if (dto.organisationNumber !== undefined)
        org.organisationNumber = orgNumber(dto.organisationNumber);
      if (dto.municipalityCode !== undefined) org.municipalityCode = dto.municipalityCode;
      if (dto.hsaId !== undefined) org.hsaId = dto.hsaId;
      if (dto.requireSecondFactor !== undefined) org.requireSecondFactor = dto.requireSecondFactor;
      if (dto.active !== undefined) org.active = dto.active;
      await em.save(org);
      await this.audit.record(
        user,
        { action: AuditAction.AdminOrganisation, target: { kind: 'organisation', id } },
        em,
      );
    });
    return this.directory.get(id);
  }

  async addUnit(
    user: AuthenticatedUser,
    organisationId: string,
    dto: CreateUnitDto,
  ): Promise<OrganisationDto> {
    await this.dataSource.transaction(async (em) => {
      if (!(await em.existsBy(OrganisationEntity, { id: organisationId }))) throw notFound();
      await uniqueUnitName(em, organisationId, dto.name);
      const unit = await em.save(
        em.create(UnitEntity, { organisationId, name: dto.name.trim(), kind: dto.kind }),
      );
      await this.audit.record(
        user,
        { action: AuditAction.AdminUnit, target: { kind: 'unit', id: unit.id } },
        em,
      );
    });
    return this.directory.get(organisationId);
  }

  async updateUnit(
    user: AuthenticatedUser,
    organisationId: string,
    unitId: string,
    dto: UpdateUnitDto,
  ): Promise<OrganisationDto> {
    await this.dataSource.transaction(async (em) => {
      const unit = await em.findOne(UnitEntity, {
        where: { id: unitId, organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!unit)
        throw new ApiException(
          HttpStatus.NOT_FOUND,
          ErrorCode.NotFound,
          'This organisation has no such unit.',
        );
      if (unit.version !== dto.version) throw versionConflict(unit.version);
      if (dto.name !== undefined && dto.name.trim() !== unit.name) {
        await uniqueUnitName(em, organisationId, dto.name, unitId);
        unit.name = dto.name.trim();
      }
      if (dto.kind !== undefined) unit.kind = dto.kind;
      if (dto.active !== undefined) unit.active = dto.active;
      await em.save(unit);
      await this.audit.record(
        user,
        { action: AuditAction.AdminUnit, target: { kind: 'unit', id: unitId } },
        em,
      );
    });
    return this.directory.get(organisationId);
  }
}

function orgNumber(value: string | null | undefined): string | null {
  return value ? normaliseOrganisationNumber(value) : null;
}

function checkMunicipalityCode(kind: OrganisationType, code: string | null | undefined): void {
  if (code && kind !== OrganisationType.Municipality) {
    throw invalid(
      'municipalityCode',
      'municipalitiesOnly',
      'Only a municipality has a kommunkod; leave the field empty for this kind.',
    );
  }
}

async function uniqueName(em: EntityManager, name: string, except?: string): Promise<void> {
  const taken = await em
    .createQueryBuilder(OrganisationEntity, 'o')
    .where('lower(o.name) = lower(:name)', { name: name.trim() })
    .andWhere(except ? 'o.id <> :except' : 'true', { except })
    .getExists();
  if (taken) throw conflict(`An organisation named "${name.trim()}" exists already.`);
}

async function uniqueUnitName(
  em: EntityManager,
  organisationId: string,
  name: string,
  except?: string,
): Promise<void> {
  const taken = await em.existsBy(UnitEntity, {
    organisationId,
    name: name.trim(),
    ...(except ? { id: Not(except) } : {}),
  });
  if (taken) throw conflict(`This organisation has a unit named "${name.trim()}" already.`);
}
