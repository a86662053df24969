import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AccessBasis,
  ActionStatus,
  AuditAction,
  type CaseloadExitDto,
  type ChangePriorityDto,
  type EnrolTryggaHemCaseDto,
  ErrorCode,
  InformationCategory,
  type LeaveCaseloadDto,
  TryggaHemAction,
  type TryggaHemCaseDto,
  type TryggaHemEnrolmentDto,
  type UpdateActionDto,
} from '@samsyn/common';
import {
  caseloadActions,
  type EnrolmentRefusal,
  enrolmentRefusal,
  TRYGGA_HEM,
} from '@samsyn/domain';
import {
  CoordinatorGroupEntity,
  CoordinatorGroupMemberEntity,
  TryggaHemActionEntity,
  TryggaHemCaseEntity,
  TryggaHemCaseloadExitEntity,
  TryggaHemPriorityChangeEntity,
} from '@samsyn/server';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CaseAccessService, clockNow } from '../cases/case-access.service';
import { conflict, invalid, versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { CoordinatorGroupsService, GROUP_TEAM_ROLE } from './coordinator-groups.service';
import { notEnrolled } from './trygga-hem-case-helpers';
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

  /**
   * Whether the case is in a caseload, how it left one, and whether the caller may enrol it
   * (`th.enrol`, `enrolmentRefusal` — the rule `enrol` enforces) into which groups. No personal data.
   */
  async enrolment(user: AuthenticatedUser, caseId: string): Promise<TryggaHemEnrolmentDto> {
    const { kase, decision } = await this.access.require(user, caseId, 'read');
    const em = this.dataSource.manager;
    const [profile, groups] = await Promise.all([
      em.findOneBy(TryggaHemCaseEntity, { caseId }),
      em.find(CoordinatorGroupEntity, {
        where: { municipalityCode: kase.municipalityCode ?? '' },
        order: { name: 'ASC' },
      }),
    ]);
    const refusal = enrolmentRefusal({
      decision,
      closed: kase.closed,
      tryggaHem: kase.programme === TRYGGA_HEM.code,
      enrolment: !profile ? 'none' : profile.leftAt ? 'left' : 'enrolled',
      groupAvailable: groups.length > 0,
    });
    return {
      caseId,
      enrolled: profile !== null && profile.leftAt === null,
      exit: profile?.leftAt ? await this.exitDto(profile) : null,
      groups:
        refusal === null
          ? groups.map((g) => ({ id: g.id, name: g.name, municipalityCode: g.municipalityCode }))
          : [],
      allowedActions: refusal === null ? [TryggaHemAction.Enrol] : [],
    };
  }

  /**
   * Puts a TRYGGA_HEM case in a group's caseload with its first priority (owner only). A case
   * that left a caseload comes back as a new enrolment: its row starts again (group, priority,
   * referral, no review or repeat yet) while its exits, priorities and records stay. 409 only
   * while it is in a caseload.
   */
  async enrol(user: AuthenticatedUser, dto: EnrolTryggaHemCaseDto): Promise<TryggaHemCaseDto> {
    const today = clockNow().today;
    const referredOn = dto.referredOn?.slice(0, 10) ?? today;
    if (referredOn > today)
      throw invalid('referredOn', 'inFuture', 'referredOn cannot be in the future');
    await this.dataSource.transaction(async (em) => {
      const { kase, decision } = await this.access.require(user, dto.caseId, 'change', {
        em,
        lock: true,
      });
      const existing = await em.findOneBy(TryggaHemCaseEntity, { caseId: kase.id });
      const rule = (groupAvailable: boolean) =>
        enrolmentRefusal({
          decision,
          closed: kase.closed,
          tryggaHem: kase.programme === TRYGGA_HEM.code,
          enrolment: !existing ? 'none' : existing.leftAt ? 'left' : 'enrolled',
          groupAvailable,
        });
      const refused = rule(true);
      if (refused) throw enrolmentError(refused);
      const group = await em.findOneBy(CoordinatorGroupEntity, { id: dto.groupId });
      if (!group) throw invalid('groupId', 'unknownGroup', 'No koordinatorsgrupp has this id');
      if (group.municipalityCode !== kase.municipalityCode)
        throw invalid(
          'groupId',
          'otherMunicipality',
          'The group belongs to another municipality than the case',
        );
      const enrolment = {
        groupId: group.id,
        priority: dto.priority,
        priorityBasis: dto.priorityBasis.trim(),
        referredOn,
        lastReviewedOn: null,
        repeat: false,
      };
      if (existing) {
        // The exit is in trygga_hem_caseload_exits (written by `leave`); the row starts anew.
        Object.assign(existing, enrolment, {
          leftAt: null,
          leftOutcome: null,
          leftReason: null,
          leftById: null,
          leftByName: null,
        });
        await em.save(existing);
      } else await em.insert(TryggaHemCaseEntity, { caseId: kase.id, ...enrolment });
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

  /**
   * The group takes the case off its caseload (issue 15): removed or closed there, with a
   * mandatory reason, by a member allowed `th.leave` (`caseloadActions`). In one transaction:
   * the row keeps who, when, how and why (never deleted), the case's Trygga hem reminders are
   * cancelled, and the members' `coordinator_group` team rows go — a role given on the case
   * itself stays. The board and meetings stop proposing it. 409 on a stale version.
   */
  async leave(
    user: AuthenticatedUser,
    caseId: string,
    dto: LeaveCaseloadDto,
  ): Promise<CaseloadExitDto> {
    const reason = dto.reason.trim();
    if (!reason) throw invalid('reason', 'required', 'reason must say why the case leaves');
    const profile = await this.dataSource.transaction(async (em) => {
      const { decision } = await this.access.require(user, caseId, 'read', { em, lock: true });
      const row = await em.findOne(TryggaHemCaseEntity, {
        where: { caseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.leftAt) throw notEnrolled();
      const member = await this.groups.isMember(user, row.groupId, em);
      if (!caseloadActions({ decision, groupMember: member }).includes(TryggaHemAction.Leave))
        throw new ApiException(
          HttpStatus.FORBIDDEN,
          ErrorCode.Forbidden,
          "Only members of the case's koordinatorsgrupp who may write its coordination data may take it off the caseload.",
        );
      if (row.version !== dto.version) throw versionConflict(row.version);
      row.leftAt = new Date();
      row.leftOutcome = dto.outcome;
      row.leftReason = reason;
      row.leftById = user.id;
      row.leftByName = user.displayName;
      const saved = await em.save(row);
      // Kept when the case is enrolled again (the row then starts the new enrolment).
      await em.insert(TryggaHemCaseloadExitEntity, {
        caseId,
        groupId: row.groupId,
        referredOn: row.referredOn,
        outcome: dto.outcome,
        reason,
        leftAt: row.leftAt,
        leftById: user.id,
        leftByName: user.displayName,
      });
      await this.reminders.caseLeftCaseload(em, caseId);
      await em.query(
        `DELETE FROM case_team_members WHERE case_id = $1 AND case_role = $2 AND user_id IS NOT NULL`,
        [caseId, GROUP_TEAM_ROLE],
      );
      await this.audit.record(
        user,
        {
          action: AuditAction.TryggaHemWrite,
          caseIds: [caseId],
          categories: [InformationCategory.Coordination],
          basis: decision.basis,
          relation: decision.relation,
        },
        em,
      );
      return saved;
    });
    return this.exitDto(profile);
  }

  private async exitDto(profile: TryggaHemCaseEntity): Promise<CaseloadExitDto> {
    const group = await this.dataSource.manager.findOneByOrFail(CoordinatorGroupEntity, {
      id: profile.groupId,
    });
    return {
      group: { id: group.id, name: group.name },
      outcome: profile.leftOutcome!,
      reason: profile.leftReason!,
      at: profile.leftAt!.toISOString(),
      by: { id: profile.leftById!, displayName: profile.leftByName! },
    };
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

function enrolmentError(refusal: EnrolmentRefusal): Error {
  switch (refusal) {
    case 'notTryggaHem':
      return invalid(
        'caseId',
        'notTryggaHem',
        'Only Trygga hem cases can be in a koordinatorsgrupp',
      );
    case 'alreadyEnrolled':
      return conflict("The case is already in a koordinatorsgrupp's caseload.");
    case 'noGroup':
      return invalid('groupId', 'unknownGroup', 'No koordinatorsgrupp has this id');
    case 'notOwner':
    case 'caseClosed':
      return new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        'Only the owning organisation may put an open case in a caseload.',
      );
  }
}
