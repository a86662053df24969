import { HttpStatus, Injectable } from '@nestjs/common';
import {
  type ActionDto,
  ActionStatus,
  type AgendaItemDto,
  type ApproveMinutesDto,
  AuditAction,
  type CreateActionDto,
  type CreateMeetingDto,
  ErrorCode,
  hasPermissions,
  InformationCategory,
  type MeetingDto,
  MeetingStatus,
  type MeetingSummaryDto,
  Permission,
  ProtectedIdentityLevel,
  type RecordDecisionDto,
  TryggaHemAction,
  type UpdateAgendaDto,
} from '@samsyn/common';
import {
  actionStatusActions,
  agendaItemActions,
  agendaReasons,
  type CaseDecision,
  meetingActions,
  proposeAgenda,
  visibleAgendaReasons,
} from '@samsyn/domain';
import {
  AgendaItemEntity,
  CaseEntity,
  CoordinatorGroupMeetingEntity,
  TryggaHemActionEntity,
  TryggaHemCaseEntity,
  UserEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CaseAccessService, clockNow } from '../cases/case-access.service';
import { invalid, versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { actionDtos, loadSignals } from './caseload';
import { CoordinatorGroupsService } from './coordinator-groups.service';
import { groupMeetingAttendance } from './meeting-attendance';
import { TryggaHemRemindersService } from './trygga-hem-reminders.service';

/** The cases among `caseIds` that are in a caseload now (not left). */
async function enrolledCases(em: EntityManager, caseIds: readonly string[]): Promise<Set<string>> {
  if (!caseIds.length) return new Set();
  const rows = await em.find(TryggaHemCaseEntity, {
    select: { caseId: true },
    where: { caseId: In([...caseIds]), leftAt: IsNull() },
  });
  return new Set(rows.map((r) => r.caseId));
}

const approvedMinutes = () =>
  new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.RuleViolation,
    'The minutes of this meeting are approved and can no longer be changed.',
  );

/**
 * Meeting mode (D2, issue 6 §6): an agenda proposed from the board and edited by the group,
 * decisions and actions case by case, minutes the group approves — after which nothing in the
 * meeting changes. Members only; what each member sees of a case follows their own access.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly groups: CoordinatorGroupsService,
    private readonly reminders: TryggaHemRemindersService,
  ) {}

  /** The group's open cases as agenda candidates, in the proposed order. */
  private async proposal(em: EntityManager, groupId: string, caseIds?: readonly string[]) {
    const cases = await em
      .createQueryBuilder(CaseEntity, 'c')
      .innerJoin(TryggaHemCaseEntity, 't', 't.case_id = c.id')
      .where('t.group_id = :groupId AND t.left_at IS NULL AND c.closed = false', { groupId })
      .andWhere(caseIds ? 'c.id IN (:...caseIds)' : 'true', {
        caseIds: caseIds?.length ? caseIds : [null],
      })
      .getMany();
    const signals = await loadSignals(em, cases, clockNow().today);
    return proposeAgenda([...signals.values()]);
  }

  async create(
    user: AuthenticatedUser,
    groupId: string,
    dto: CreateMeetingDto,
  ): Promise<MeetingDto> {
    const id = await this.call(user, groupId, dto);
    return this.get(user, id, { audit: false });
  }

  /**
   * Calls (schedules) a meeting with the agenda proposed from the board: members and group
   * managers (`group.callMeeting`). A manager who is not a member (a samordnare, D1) gets the
   * schedule entry only — the agenda is case rows, for members.
   */
  async callMeeting(
    user: AuthenticatedUser,
    groupId: string,
    dto: CreateMeetingDto,
  ): Promise<MeetingSummaryDto> {
    const id = await this.call(user, groupId, dto);
    const list = await this.list(user, groupId);
    return list.find((m) => m.id === id)!;
  }

  private call(user: AuthenticatedUser, groupId: string, dto: CreateMeetingDto): Promise<string> {
    return this.dataSource.transaction(async (em) => {
      const group = await this.groups.requireReadable(user, groupId, em);
      const member = await this.groups.isMember(user, group.id, em);
      if (!this.groups.actionsOn(user, member).includes(TryggaHemAction.GroupCallMeeting))
        throw new ApiException(
          HttpStatus.FORBIDDEN,
          ErrorCode.Forbidden,
          'Only members and managers of this koordinatorsgrupp may call a meeting.',
        );
      const meeting = await em.save(
        em.create(CoordinatorGroupMeetingEntity, {
          groupId,
          heldOn: dto.heldOn.slice(0, 10),
          status: MeetingStatus.Open,
          approvedAt: null,
          approvedById: null,
          approvedByName: null,
        }),
      );
      const proposed = await this.proposal(em, groupId);
      if (proposed.length)
        await em.insert(
          AgendaItemEntity,
          proposed.map((s, i) => ({
            meetingId: meeting.id,
            caseId: s.caseId,
            position: i + 1,
            reasons: agendaReasons(s),
          })),
        );
      return meeting.id;
    });
  }

  /** The schedule: members and group managers; only members see how many cases each agenda holds. */
  async list(user: AuthenticatedUser, groupId: string): Promise<MeetingSummaryDto[]> {
    await this.groups.requireReadable(user, groupId);
    const member = await this.groups.isMember(user, groupId, this.dataSource.manager);
    const meetings = await this.dataSource.manager.find(CoordinatorGroupMeetingEntity, {
      where: { groupId },
      order: { heldOn: 'DESC' },
    });
    const counts = meetings.length
      ? await this.dataSource.query<{ meeting_id: string; n: string }[]>(
          `SELECT meeting_id, count(*) AS n FROM coordinator_group_agenda_items
           WHERE meeting_id = ANY ($1) GROUP BY meeting_id`,
          [meetings.map((m) => m.id)],
        )
      : [];
    return meetings.map((m) => ({
      id: m.id,
      version: m.version,
      heldOn: m.heldOn,
      status: m.status,
      itemCount: member ? Number(counts.find((c) => c.meeting_id === m.id)?.n ?? 0) : null,
    }));
  }

  private async requireMeeting(
    user: AuthenticatedUser,
    meetingId: string,
    em: EntityManager,
    lock = false,
  ): Promise<CoordinatorGroupMeetingEntity> {
    const meeting = await em.findOne(CoordinatorGroupMeetingEntity, {
      where: { id: meetingId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!meeting)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No meeting has this id.');
    await this.groups.requireMember(user, meeting.groupId, em);
    return meeting;
  }

  /** An open meeting, locked, at the version the caller edited. */
  private async openMeeting(
    user: AuthenticatedUser,
    meetingId: string,
    em: EntityManager,
    version?: number,
  ): Promise<CoordinatorGroupMeetingEntity> {
    const meeting = await this.requireMeeting(user, meetingId, em, true);
    // Chairing and approving are the members' (requireMeeting), while the minutes are open.
    const approved = meeting.status === MeetingStatus.Approved;
    if (!meetingActions({ member: true, approved }).length) throw approvedMinutes();
    if (version !== undefined && meeting.version !== version)
      throw versionConflict(meeting.version);
    return meeting;
  }

  private async bump(em: EntityManager, meeting: CoordinatorGroupMeetingEntity): Promise<void> {
    await em.query(
      `UPDATE coordinator_group_meetings SET version = version + 1, updated_at = now() WHERE id = $1`,
      [meeting.id],
    );
  }

  /** The meeting as the caller may see it: per case, only what their access covers. */
  async get(
    user: AuthenticatedUser,
    meetingId: string,
    options: { audit?: boolean } = {},
  ): Promise<MeetingDto> {
    const em = this.dataSource.manager;
    const meeting = await this.requireMeeting(user, meetingId, em);
    const items = await em.find(AgendaItemEntity, {
      where: { meetingId },
      order: { position: 'ASC' },
    });
    const groupCaseIds = (
      await em.find(TryggaHemCaseEntity, {
        select: { caseId: true },
        where: { groupId: meeting.groupId },
      })
    ).map((c) => c.caseId);
    const [actions, carried] = await Promise.all([
      em.find(TryggaHemActionEntity, { where: { meetingId }, order: { dueOn: 'ASC' } }),
      groupCaseIds.length
        ? em.find(TryggaHemActionEntity, {
            where: {
              caseId: In(groupCaseIds),
              status: ActionStatus.Open,
              meetingId: Not(meetingId),
            },
            order: { dueOn: 'ASC' },
          })
        : [],
    ]);
    const caseIds = [...new Set([...items.map((i) => i.caseId), ...carried.map((a) => a.caseId)])];
    const cases = caseIds.length
      ? await em.find(CaseEntity, {
          where: { id: In(caseIds) },
          relations: { subjectPerson: true },
        })
      : [];
    const [decisions, enrolled] = await Promise.all([
      this.access.decideMany(user, cases),
      enrolledCases(em, caseIds),
    ]);
    const numbers = new Map(cases.map((c) => [c.id, c.number]));
    const today = clockNow().today;
    const coordinationOf = (caseId: string): CaseDecision | null => {
      const d = decisions.get(caseId)?.decision;
      return d?.allowed && d.categories.includes(InformationCategory.Coordination) ? d : null;
    };
    const visibleActions = await actionDtos(
      em,
      [...actions, ...carried].filter((a) => coordinationOf(a.caseId)),
      numbers,
      today,
      // As `updateAction` decides (the Trygga hem write frame).
      (a) =>
        actionStatusActions({
          decision: coordinationOf(a.caseId)!,
          roles: user.roles,
          enrolled: enrolled.has(a.caseId),
        }),
    );
    const deciders = await em.findBy(UserEntity, {
      id: In(items.map((i) => i.decidedById).filter((x): x is string => x !== null)),
    });
    const shownPersons = new Set<string>();
    // requireMeeting let only members through; the actions follow the same rules as the writes.
    const approved = meeting.status === MeetingStatus.Approved;
    const dtoItems: AgendaItemDto[] = items.map((item) => {
      const kase = cases.find((c) => c.id === item.caseId)!;
      const d = coordinationOf(item.caseId);
      const showName =
        d !== null &&
        d.categories.includes(InformationCategory.Identity) &&
        kase.subjectPerson?.protectedLevel === ProtectedIdentityLevel.None;
      if (showName) shownPersons.add(kase.subjectPersonId);
      return {
        id: item.id,
        version: item.version,
        position: item.position,
        caseId: item.caseId,
        caseNumber: kase.number,
        subjectName: showName
          ? `${kase.subjectPerson!.firstName} ${kase.subjectPerson!.lastName}`
          : null,
        // Stored from every signal when proposed; each member sees only the reasons they may.
        reasons: d ? visibleAgendaReasons(item.reasons, d.categories) : [],
        decision: d ? item.decision : null,
        decidedBy:
          d && item.decidedById
            ? {
                id: item.decidedById,
                displayName:
                  item.decidedByName ??
                  deciders.find((u) => u.id === item.decidedById)?.displayName ??
                  '',
              }
            : null,
        decidedAt: d ? (item.decidedAt?.toISOString() ?? null) : null,
        actions: d
          ? visibleActions.filter((a) => a.meetingId === meetingId && a.caseId === item.caseId)
          : null,
        withheld: d === null,
        allowedActions: agendaItemActions({ member: true, approved, decision: d }),
      };
    });
    const attendance = await groupMeetingAttendance(em, meeting);
    if (options.audit !== false)
      await this.audit.record(user, {
        action: AuditAction.TryggaHemRead,
        caseIds: caseIds.filter((id) => coordinationOf(id)),
        personIds: [...shownPersons],
        categories: [InformationCategory.Coordination],
      });
    return {
      id: meeting.id,
      version: meeting.version,
      groupId: meeting.groupId,
      heldOn: meeting.heldOn,
      status: meeting.status,
      approvedAt: meeting.approvedAt?.toISOString() ?? null,
      approvedBy:
        meeting.approvedById && meeting.approvedByName
          ? { id: meeting.approvedById, displayName: meeting.approvedByName }
          : null,
      items: dtoItems,
      carriedOverActions: visibleActions.filter((a) => a.meetingId !== meetingId),
      attendance: attendance.attendance,
      allowedActions: [...meetingActions({ member: true, approved }), ...attendance.actions],
    };
  }

  /**
   * The edited agenda: cases of the group's caseload in the order given. Items kept keep their
   * decisions; an item with a decision or actions cannot be dropped.
   */
  async updateAgenda(
    user: AuthenticatedUser,
    meetingId: string,
    dto: UpdateAgendaDto,
  ): Promise<MeetingDto> {
    await this.dataSource.transaction(async (em) => {
      const meeting = await this.openMeeting(user, meetingId, em, dto.version);
      const items = await em.findBy(AgendaItemEntity, { meetingId });
      // The caseload now; an item already on the agenda may stay after its case left it.
      const groupCases = new Set([
        ...(
          await em.find(TryggaHemCaseEntity, {
            select: { caseId: true },
            where: { groupId: meeting.groupId, leftAt: IsNull() },
          })
        ).map((c) => c.caseId),
        ...items.map((it) => it.caseId),
      ]);
      dto.caseIds.forEach((id, i) => {
        if (!groupCases.has(id))
          throw invalid(
            `caseIds.${i}`,
            'notInCaseload',
            "The case is not in this group's caseload",
          );
      });
      for (const item of items.filter((it) => !dto.caseIds.includes(it.caseId))) {
        if (
          item.decision !== null ||
          (await em.existsBy(TryggaHemActionEntity, { agendaItemId: item.id }))
        )
          throw invalid(
            'caseIds',
            'decidedItemRemoved',
            'An item with a decision or actions cannot be removed',
          );
        await em.delete(AgendaItemEntity, { id: item.id });
      }
      const added = dto.caseIds.filter((id) => !items.some((it) => it.caseId === id));
      const signals = added.length ? await this.proposal(em, meeting.groupId, added) : [];
      for (const [i, caseId] of dto.caseIds.entries()) {
        const existing = items.find((it) => it.caseId === caseId);
        if (existing) await em.update(AgendaItemEntity, { id: existing.id }, { position: i + 1 });
        else {
          const s = signals.find((x) => x.caseId === caseId);
          await em.insert(AgendaItemEntity, {
            meetingId,
            caseId,
            position: i + 1,
            reasons: s ? agendaReasons(s) : [],
          });
        }
      }
      await this.bump(em, meeting);
      await this.audit.record(
        user,
        {
          action: AuditAction.TryggaHemWrite,
          caseIds: dto.caseIds,
          categories: [InformationCategory.Coordination],
        },
        em,
      );
    });
    return this.get(user, meetingId, { audit: false });
  }

  /** The item of an open meeting, with the caller's write access to its case's coordination data. */
  private async writableItem(
    user: AuthenticatedUser,
    meetingId: string,
    itemId: string,
    em: EntityManager,
  ) {
    const meeting = await this.openMeeting(user, meetingId, em);
    const item = await em.findOne(AgendaItemEntity, {
      where: { id: itemId, meetingId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!item)
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        ErrorCode.NotFound,
        'No such item on this agenda.',
      );
    const access = await this.access.require(user, item.caseId, 'write', { em });
    const allowed = agendaItemActions({ member: true, approved: false, decision: access.decision });
    if (!allowed.includes(TryggaHemAction.MeetingDecide))
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        'You may not record coordination decisions on this case.',
      );
    return { meeting, item, access };
  }

  /** The group's decision on one case; the case counts as reviewed on the meeting day. */
  async recordDecision(
    user: AuthenticatedUser,
    meetingId: string,
    itemId: string,
    dto: RecordDecisionDto,
  ): Promise<MeetingDto> {
    await this.dataSource.transaction(async (em) => {
      const { meeting, item, access } = await this.writableItem(user, meetingId, itemId, em);
      if (item.version !== dto.version) throw versionConflict(item.version);
      item.decision = dto.decision.trim();
      item.decidedById = user.id;
      item.decidedByName = user.displayName;
      item.decidedAt = new Date();
      await em.save(item);
      const profile = await em.findOne(TryggaHemCaseEntity, {
        where: { caseId: item.caseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (
        profile &&
        (profile.lastReviewedOn === null || profile.lastReviewedOn <= meeting.heldOn)
      ) {
        // Reviewed: the repeat flag has been seen; the next repeat window starts here (§4).
        profile.lastReviewedOn = meeting.heldOn;
        profile.repeat = false;
        await em.save(profile);
      }
      await this.bump(em, meeting);
      await this.audit.record(
        user,
        {
          action: AuditAction.TryggaHemWrite,
          caseIds: [item.caseId],
          categories: [InformationCategory.Coordination],
          basis: access.decision.basis,
          relation: access.decision.relation,
        },
        em,
      );
    });
    return this.get(user, meetingId, { audit: false });
  }

  /** Who does what by when (D2): owner organisation and person, due date, and its reminder. */
  async addAction(
    user: AuthenticatedUser,
    meetingId: string,
    itemId: string,
    dto: CreateActionDto,
  ): Promise<ActionDto> {
    const today = clockNow().today;
    const dueOn = dto.dueOn.slice(0, 10);
    if (dueOn < today) throw invalid('dueOn', 'inPast', 'dueOn cannot be in the past');
    const action = await this.dataSource.transaction(async (em) => {
      const { meeting, item, access } = await this.writableItem(user, meetingId, itemId, em);
      const owner = await em.findOneBy(UserEntity, { id: dto.ownerUserId, active: true });
      if (!owner) throw invalid('ownerUserId', 'unknownUser', 'No active user has this id');
      if (owner.organisationId !== dto.ownerOrganisationId)
        throw invalid(
          'ownerUserId',
          'notInOrganisation',
          'The owner must belong to the owner organisation',
        );
      if (!hasPermissions(owner.roles, [Permission.CaseRead]))
        throw invalid('ownerUserId', 'notCaseWorker', 'The owner must be a case worker');
      const saved = await em.save(
        em.create(TryggaHemActionEntity, {
          caseId: item.caseId,
          meetingId: meeting.id,
          agendaItemId: item.id,
          description: dto.description.trim(),
          ownerOrganisationId: dto.ownerOrganisationId,
          ownerUserId: owner.id,
          dueOn,
          status: ActionStatus.Open,
          doneAt: null,
          doneById: null,
        }),
      );
      await this.reminders.actionCreated(em, saved);
      await this.bump(em, meeting);
      await this.audit.record(
        user,
        {
          action: AuditAction.TryggaHemWrite,
          caseIds: [item.caseId],
          categories: [InformationCategory.Coordination],
          basis: access.decision.basis,
          relation: access.decision.relation,
        },
        em,
      );
      return saved;
    });
    const em = this.dataSource.manager;
    const kase = await em.findOneByOrFail(CaseEntity, { id: action.caseId });
    const { decision } = await this.access.require(user, kase.id, 'read');
    const enrolled = await enrolledCases(em, [kase.id]);
    const [dto2] = await actionDtos(em, [action], new Map([[kase.id, kase.number]]), today, () =>
      actionStatusActions({ decision, roles: user.roles, enrolled: enrolled.has(kase.id) }),
    );
    return dto2;
  }

  /** The group approves the minutes: every item needs a decision; then the meeting is frozen. */
  async approve(
    user: AuthenticatedUser,
    meetingId: string,
    dto: ApproveMinutesDto,
  ): Promise<MeetingDto> {
    await this.dataSource.transaction(async (em) => {
      const meeting = await this.openMeeting(user, meetingId, em, dto.version);
      const undecided = await em.countBy(AgendaItemEntity, { meetingId, decision: IsNull() });
      if (undecided > 0)
        throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          ErrorCode.RuleViolation,
          `${undecided} agenda item(s) have no decision; record one or remove them from the agenda first.`,
        );
      meeting.status = MeetingStatus.Approved;
      meeting.approvedAt = new Date();
      meeting.approvedById = user.id;
      meeting.approvedByName = user.displayName;
      await em.save(meeting);
      await this.audit.record(
        user,
        { action: AuditAction.TryggaHemWrite, categories: [InformationCategory.Coordination] },
        em,
      );
    });
    return this.get(user, meetingId, { audit: false });
  }
}
