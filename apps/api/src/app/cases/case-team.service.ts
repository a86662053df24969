import { HttpStatus, Injectable } from '@nestjs/common';
import {
  type AddParticipantDto,
  type AddTeamMemberDto,
  AuditAction,
  CaseAction,
  type CaseDto,
  ErrorCode,
  ProtectedIdentityLevel,
  type UpdatePersonDto,
} from '@samsyn/common';
import {
  CaseParticipantEntity,
  CaseTeamMemberEntity,
  PersonEntity,
  UnitEntity,
  UserEntity,
} from '@samsyn/server';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';
import { CaseAccessService } from './case-access.service';
import { CaseReadsService } from './case-reads.service';
import { conflict, invalid, versionConflict } from './case-rules';
import { PersonsService } from './persons.service';

/** Who is on a shared case: its participants (and their personal data) and its team. */
@Injectable()
export class CaseTeamService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly reads: CaseReadsService,
    private readonly persons: PersonsService,
    private readonly audit: AuditService,
  ) {}

  async addParticipant(
    user: AuthenticatedUser,
    caseId: string,
    dto: AddParticipantDto,
  ): Promise<CaseDto> {
    await this.dataSource.transaction(async (em) => {
      const { programme } = await this.access.require(user, caseId, CaseAction.ParticipantAdd, {
        em,
        lock: true,
      });
      if (!programme.participantRoles.includes(dto.role) || dto.role === programme.subjectRole)
        throw invalid(
          'role',
          'notInProgramme',
          `This role cannot be added to a ${programme.code} case`,
        );
      const person = await this.persons.findOrCreate(em, dto.person, 'person.');
      if (await em.existsBy(CaseParticipantEntity, { caseId, personId: person.id }))
        throw conflict('This person already takes part in the case.');
      await em.insert(CaseParticipantEntity, { caseId, personId: person.id, role: dto.role });
      await this.audit.record(
        user,
        { action: AuditAction.ParticipantAdd, caseIds: [caseId], personIds: [person.id] },
        em,
      );
    });
    return this.reads.get(user, caseId, { audit: false });
  }

  async updatePerson(
    user: AuthenticatedUser,
    caseId: string,
    personId: string,
    dto: UpdatePersonDto,
  ): Promise<CaseDto> {
    await this.dataSource.transaction(async (em) => {
      await this.access.require(user, caseId, CaseAction.ParticipantUpdate, { em, lock: true });
      if (!(await em.existsBy(CaseParticipantEntity, { caseId, personId })))
        throw new ApiException(
          HttpStatus.NOT_FOUND,
          ErrorCode.NotFound,
          'This person does not take part in the case.',
        );
      const person = await em.findOneOrFail(PersonEntity, {
        where: { id: personId },
        lock: { mode: 'pessimistic_write' },
      });
      if (person.version !== dto.version) throw versionConflict(person.version);
      const { version: _version, ...changes } = dto;
      for (const [key, value] of Object.entries(changes) as [keyof typeof changes, unknown][])
        if (value !== undefined)
          Object.assign(person, {
            [key]: typeof value === 'string' ? value.trim() || null : value,
          });
      if (!person.firstName || !person.lastName)
        throw invalid('firstName', 'required', 'A person needs a name');
      person.protectedLevel ??= ProtectedIdentityLevel.None;
      await em.save(person);
      await this.audit.record(
        user,
        { action: AuditAction.PersonUpdate, caseIds: [caseId], personIds: [personId] },
        em,
      );
    });
    return this.reads.get(user, caseId, { audit: false });
  }

  async addTeamMember(
    user: AuthenticatedUser,
    caseId: string,
    dto: AddTeamMemberDto,
  ): Promise<CaseDto> {
    if ((dto.userId === undefined) === (dto.unitId === undefined))
      throw invalid('userId', 'userXorUnit', 'Give either userId or unitId');
    await this.dataSource.transaction(async (em) => {
      const { programme } = await this.access.require(user, caseId, CaseAction.TeamAdd, {
        em,
        lock: true,
      });
      if (!programme.teamRoles.some((r) => r.code === dto.caseRole))
        throw invalid(
          'caseRole',
          'notInProgramme',
          `caseRole is not a team role of ${programme.code}`,
        );
      let organisationId: string;
      if (dto.userId) {
        const member = await em.findOneBy(UserEntity, { id: dto.userId, active: true });
        if (!member) throw invalid('userId', 'unknownUser', 'No active user has this id');
        organisationId = member.organisationId;
      } else {
        const unit = await em.findOneBy(UnitEntity, { id: dto.unitId! });
        if (!unit) throw invalid('unitId', 'unknownUnit', 'No unit has this id');
        organisationId = unit.organisationId;
      }
      const duplicate = await em.existsBy(
        CaseTeamMemberEntity,
        dto.userId ? { caseId, userId: dto.userId } : { caseId, unitId: dto.unitId! },
      );
      if (duplicate) throw conflict('Already on the case team.');
      await em.insert(CaseTeamMemberEntity, {
        caseId,
        userId: dto.userId ?? null,
        unitId: dto.unitId ?? null,
        organisationId,
        caseRole: dto.caseRole,
        protectedIdentityAccess: dto.protectedIdentityAccess ?? false,
        addedById: user.id,
      });
      await this.audit.record(user, { action: AuditAction.TeamAdd, caseIds: [caseId] }, em);
    });
    return this.reads.get(user, caseId, { audit: false });
  }

  async removeTeamMember(
    user: AuthenticatedUser,
    caseId: string,
    memberId: string,
  ): Promise<CaseDto> {
    await this.dataSource.transaction(async (em) => {
      await this.access.require(user, caseId, CaseAction.TeamRemove, { em, lock: true });
      const result = await em.delete(CaseTeamMemberEntity, { id: memberId, caseId });
      if (!result.affected)
        throw new ApiException(
          HttpStatus.NOT_FOUND,
          ErrorCode.NotFound,
          'No such member on this case team.',
        );
      await this.audit.record(user, { action: AuditAction.TeamRemove, caseIds: [caseId] }, em);
    });
    return this.reads.get(user, caseId, { audit: false });
  }
}
