import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AccessBasis,
  ActionStatus,
  AuditAction,
  type ChangePriorityDto,
  type EnrolTryggaHemCaseDto,
  ErrorCode,
  InformationCategory,
  type TryggaHemCaseDto,
  type UpdateActionDto,
} from '@samsyn/common';
import { TRYGGA_HEM } from '@samsyn/domain';
import {
  CoordinatorGroupEntity,
  CoordinatorGroupMemberEntity,
  TryggaHemActionEntity,
  TryggaHemCaseEntity,
  TryggaHemPriorityChangeEntity,
} from '@samsyn/server';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CaseAccessService, clockNow } from '../cases/case-access.service';
import { conflict, invalid, versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { CoordinatorGroupsService } from './coordinator-groups.service';
import { TryggaHemCaseReadsService } from './trygga-hem-case-reads.service';
import { TryggaHemCaseWriteService } from './trygga-hem-case-write.service';
import { TryggaHemRemindersService } from './trygga-hem-reminders.service';

/** The koordinatorsgrupp's hold on a case (D4): putting it in the caseload, its priority, its actions. */
@Injectable()
export class TryggaHemCoordinationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly groups: CoordinatorGroupsService,
    private readonly reminders: TryggaHemRemindersService,
    private readonly reads: TryggaHemCaseReadsService,
    private readonly writes: TryggaHemCaseWriteService,
  ) {}

  /** Puts a TRYGGA_HEM case in a group's caseload with its first priority (owner only). */
  async enrol(user: AuthenticatedUser, dto: EnrolTryggaHemCaseDto): Promise<TryggaHemCaseDto> {
    const today = clockNow().today;
    const referredOn = dto.referredOn?.slice(0, 10) ?? today;
    if (referredOn > today)
      throw invalid('referredOn', 'inFuture', 'referredOn cannot be in the future');
    await this.dataSource.transaction(async (em) => {
      const { kase } = await this.access.require(user, dto.caseId, 'change', { em, lock: true });
      if (kase.programme !== TRYGGA_HEM.code)
        throw invalid(
          'caseId',
          'notTryggaHem',
          'Only Trygga hem cases can be in a koordinatorsgrupp',
        );
      const group = await em.findOneBy(CoordinatorGroupEntity, { id: dto.groupId });
      if (!group) throw invalid('groupId', 'unknownGroup', 'No koordinatorsgrupp has this id');
      if (group.municipalityCode !== kase.municipalityCode)
        throw invalid(
          'groupId',
          'otherMunicipality',
          'The group belongs to another municipality than the case',
        );
      if (await em.existsBy(TryggaHemCaseEntity, { caseId: kase.id }))
        throw conflict('The case is already in a caseload.');
      await em.insert(TryggaHemCaseEntity, {
        caseId: kase.id,
        groupId: group.id,
        priority: dto.priority,
        priorityBasis: dto.priorityBasis.trim(),
        referredOn,
        lastReviewedOn: null,
        repeat: false,
      });
      await em.insert(TryggaHemPriorityChangeEntity, {
        caseId: kase.id,
        priority: dto.priority,
        basis: dto.priorityBasis.trim(),
        changedById: user.id,
        changedByName: user.displayName,
      });
      const members = await em.findBy(CoordinatorGroupMemberEntity, { groupId: group.id });
      await this.groups.addToTeams(em, [kase.id], members, user.id);
      await this.audit.record(
        user,
        {
          action: AuditAction.TryggaHemWrite,
          caseIds: [kase.id],
          categories: [InformationCategory.Coordination],
          basis: AccessBasis.Owner,
        },
        em,
      );
    });
    return this.reads.get(user, dto.caseId, { audit: false });
  }

  /** D4: a new level with its basis; the history keeps every earlier one. 409 on a stale version. */
  changePriority(user: AuthenticatedUser, caseId: string, dto: ChangePriorityDto) {
    return this.writes.write(
      user,
      caseId,
      InformationCategory.Coordination,
      async ({ em, profile }) => {
        if (profile.version !== dto.version) throw versionConflict(profile.version);
        profile.priority = dto.priority;
        profile.priorityBasis = dto.basis.trim();
        await em.save(profile);
        await em.insert(TryggaHemPriorityChangeEntity, {
          caseId,
          priority: dto.priority,
          basis: dto.basis.trim(),
          changedById: user.id,
          changedByName: user.displayName,
        });
      },
    );
  }

  /** Marks an action done (or open again); its reminder goes with it. */
  async updateAction(user: AuthenticatedUser, actionId: string, dto: UpdateActionDto) {
    const action = await this.dataSource.manager.findOneBy(TryggaHemActionEntity, { id: actionId });
    if (!action)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No action has this id.');
    return this.writes.write(
      user,
      action.caseId,
      InformationCategory.Coordination,
      async ({ em }) => {
        const locked = await em.findOneOrFail(TryggaHemActionEntity, {
          where: { id: actionId },
          lock: { mode: 'pessimistic_write' },
        });
        if (locked.version !== dto.version) throw versionConflict(locked.version);
        if (locked.status === dto.status) return;
        locked.status = dto.status;
        locked.doneAt = dto.status === ActionStatus.Done ? new Date() : null;
        locked.doneById = dto.status === ActionStatus.Done ? user.id : null;
        await em.save(locked);
        if (dto.status === ActionStatus.Done) await this.reminders.actionDone(em, locked);
        else await this.reminders.actionCreated(em, locked);
      },
    );
  }
}
