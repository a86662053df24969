import { HttpStatus, Injectable } from '@nestjs/common';
import {
  type AddGroupMemberDto,
  AuditAction,
  type BoardQueryDto,
  type BoardRowDto,
  type CoordinatorGroupDto,
  type CreateCoordinatorGroupDto,
  ErrorCode,
  hasPermissions,
  InformationCategory,
  MeetingStatus,
  type Page,
  Permission,
  ProtectedIdentityLevel,
  type UpdateCoordinatorGroupDto,
} from '@samsyn/common';
import { agendaReasons, compareAgenda, priorityRank } from '@samsyn/domain';
import {
  CaseEntity,
  CoordinatorGroupEntity,
  CoordinatorGroupMeetingEntity,
  CoordinatorGroupMemberEntity,
  OrganisationEntity,
  TryggaHemCaseEntity,
  UserEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager, In, MoreThanOrEqual } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { actorOf, CaseAccessService, clockNow } from '../cases/case-access.service';
import { conflict, invalid, versionConflict } from '../cases/case-rules';
import { caseScopeSql, positionalParameters } from '../cases/case-scope';
import { ApiException } from '../common/problem-details';
import { loadSignals, orgRef } from './caseload';

/** The team role group members get on the group's cases (a relation; consent still decides, D20). */
export const GROUP_TEAM_ROLE = 'coordinator_group';

/** Koordinatorsgrupper (D2): members, schedule, and the caseload board. */
@Injectable()
export class CoordinatorGroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
  ) {}

  /** The group, or 404; members and group managers may read it. */
  async requireReadable(
    user: AuthenticatedUser,
    groupId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<CoordinatorGroupEntity> {
    const group = await em.findOneBy(CoordinatorGroupEntity, { id: groupId });
    if (!group)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No group has this id.');
    if (
      !hasPermissions(user.roles, [Permission.CoordinatorGroupManage]) &&
      !(await this.isMember(user, groupId, em))
    )
      throw notMember();
    return group;
  }

  /** The group, or 404 / 403 unless the caller is a member (board, meetings). */
  async requireMember(
    user: AuthenticatedUser,
    groupId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<CoordinatorGroupEntity> {
    const group = await em.findOneBy(CoordinatorGroupEntity, { id: groupId });
    if (!group)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No group has this id.');
    if (!(await this.isMember(user, groupId, em))) throw notMember();
    return group;
  }

  isMember(user: AuthenticatedUser, groupId: string, em: EntityManager): Promise<boolean> {
    return em.existsBy(CoordinatorGroupMemberEntity, { groupId, userId: user.id });
  }

  async list(user: AuthenticatedUser): Promise<CoordinatorGroupDto[]> {
    const manager = hasPermissions(user.roles, [Permission.CoordinatorGroupManage]);
    const groups = manager
      ? await this.dataSource.manager.find(CoordinatorGroupEntity, { order: { name: 'ASC' } })
      : await this.dataSource.manager
          .createQueryBuilder(CoordinatorGroupEntity, 'g')
          .innerJoin(CoordinatorGroupMemberEntity, 'm', 'm.group_id = g.id AND m.user_id = :u', {
            u: user.id,
          })
          .orderBy('g.name', 'ASC')
          .getMany();
    const out: CoordinatorGroupDto[] = [];
    for (const g of groups) out.push(await this.toDto(user, g));
    return out;
  }

  async get(user: AuthenticatedUser, groupId: string): Promise<CoordinatorGroupDto> {
    return this.toDto(user, await this.requireReadable(user, groupId));
  }

  async create(
    user: AuthenticatedUser,
    dto: CreateCoordinatorGroupDto,
  ): Promise<CoordinatorGroupDto> {
    const group = await this.dataSource.transaction(async (em) => {
      if (!(await em.existsBy(OrganisationEntity, { municipalityCode: dto.municipalityCode })))
        throw invalid('municipalityCode', 'unknownMunicipality', 'No municipality has this code');
      if (await em.existsBy(CoordinatorGroupEntity, { municipalityCode: dto.municipalityCode }))
        throw conflict('This municipality already has a koordinatorsgrupp.');
      return em.save(
        em.create(CoordinatorGroupEntity, {
          name: dto.name.trim(),
          municipalityCode: dto.municipalityCode,
          meetingSchedule: dto.meetingSchedule?.trim() || null,
        }),
      );
    });
    return this.toDto(user, group);
  }

  async update(
    user: AuthenticatedUser,
    groupId: string,
    dto: UpdateCoordinatorGroupDto,
  ): Promise<CoordinatorGroupDto> {
    const group = await this.dataSource.transaction(async (em) => {
      const g = await em.findOne(CoordinatorGroupEntity, {
        where: { id: groupId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!g)
        throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No group has this id.');
      if (g.version !== dto.version) throw versionConflict(g.version);
      if (dto.name !== undefined) g.name = dto.name.trim();
      if (dto.meetingSchedule !== undefined) g.meetingSchedule = dto.meetingSchedule.trim() || null;
      return em.save(g);
    });
    return this.toDto(user, group);
  }

  /**
   * Adds a member, acting for their own organisation. Each of the group's open cases gets them
   * on its team with the `coordinator_group` role: a relation, not access — another
   * organisation still needs consent or a recorded legal basis (D14, D16).
   */
  async addMember(
    user: AuthenticatedUser,
    groupId: string,
    dto: AddGroupMemberDto,
  ): Promise<CoordinatorGroupDto> {
    await this.dataSource.transaction(async (em) => {
      await this.lockGroup(em, groupId);
      const member = await em.findOneBy(UserEntity, { id: dto.userId, active: true });
      if (!member || !hasPermissions(member.roles, [Permission.CaseRead]))
        throw invalid('userId', 'notCaseWorker', 'The member must be an active case worker');
      if (await em.existsBy(CoordinatorGroupMemberEntity, { groupId, userId: member.id }))
        throw conflict('Already a member of the group.');
      await em.insert(CoordinatorGroupMemberEntity, {
        groupId,
        userId: member.id,
        organisationId: member.organisationId,
      });
      const cases = await em.find(TryggaHemCaseEntity, {
        select: { caseId: true },
        where: { groupId },
      });
      await this.addToTeams(
        em,
        cases.map((c) => c.caseId),
        [{ userId: member.id, organisationId: member.organisationId }],
        user.id,
      );
    });
    return this.get(user, groupId);
  }

  async removeMember(
    user: AuthenticatedUser,
    groupId: string,
    memberId: string,
  ): Promise<CoordinatorGroupDto> {
    await this.dataSource.transaction(async (em) => {
      await this.lockGroup(em, groupId);
      const member = await em.findOneBy(CoordinatorGroupMemberEntity, { id: memberId, groupId });
      if (!member)
        throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No such member.');
      await em.delete(CoordinatorGroupMemberEntity, { id: memberId });
      // The relation came from the group; a role given on the case itself stays.
      await em.query(
        `DELETE FROM case_team_members WHERE user_id = $1 AND case_role = $2
           AND case_id IN (SELECT case_id FROM trygga_hem_cases WHERE group_id = $3)`,
        [member.userId, GROUP_TEAM_ROLE, groupId],
      );
    });
    return this.get(user, groupId);
  }

  /** Puts users on the case teams that do not have them yet (idempotent). */
  async addToTeams(
    em: EntityManager,
    caseIds: readonly string[],
    members: readonly { userId: string; organisationId: string }[],
    addedById: string,
  ): Promise<void> {
    for (const caseId of caseIds)
      for (const m of members)
        await em.query(
          `INSERT INTO case_team_members (id, case_id, user_id, unit_id, organisation_id, case_role,
                                          protected_identity_access, added_by_id)
           VALUES (gen_random_uuid(), $1, $2, NULL, $3, $4, false, $5)
           ON CONFLICT (case_id, user_id) WHERE user_id IS NOT NULL DO NOTHING`,
          [caseId, m.userId, m.organisationId, GROUP_TEAM_ROLE, addedById],
        );
  }

  private async lockGroup(em: EntityManager, groupId: string): Promise<CoordinatorGroupEntity> {
    const g = await em.findOne(CoordinatorGroupEntity, {
      where: { id: groupId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!g)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No group has this id.');
    return g;
  }

  private async toDto(
    user: AuthenticatedUser,
    g: CoordinatorGroupEntity,
  ): Promise<CoordinatorGroupDto> {
    const em = this.dataSource.manager;
    const [members, caseCount, next] = await Promise.all([
      em.find(CoordinatorGroupMemberEntity, {
        where: { groupId: g.id },
        relations: { user: true, organisation: true },
        order: { createdAt: 'ASC' },
      }),
      em
        .createQueryBuilder(TryggaHemCaseEntity, 't')
        .innerJoin(CaseEntity, 'c', 'c.id = t.case_id AND c.closed = false')
        .where('t.group_id = :g', { g: g.id })
        .getCount(),
      em.findOne(CoordinatorGroupMeetingEntity, {
        where: {
          groupId: g.id,
          status: MeetingStatus.Open,
          heldOn: MoreThanOrEqual(clockNow().today),
        },
        order: { heldOn: 'ASC' },
      }),
    ]);
    return {
      id: g.id,
      version: g.version,
      name: g.name,
      municipalityCode: g.municipalityCode,
      meetingSchedule: g.meetingSchedule,
      members: members.map((m) => ({
        id: m.id,
        user: { id: m.userId, displayName: m.user?.displayName ?? '' },
        organisation: orgRef(m.organisation),
        addedAt: m.createdAt.toISOString(),
      })),
      caseCount,
      isMember: members.some((m) => m.userId === user.id),
      nextMeeting: next ? { id: next.id, heldOn: next.heldOn } : null,
    };
  }

  /**
   * The caseload board (issue 6 §5): the group's open cases that the caller may open (the access
   * policy applied in SQL), each field shown only when the caller's decision includes its
   * category. Filtered, sorted and paged after the signals are computed; a group's caseload is
   * tens of cases, not thousands.
   */
  async board(
    user: AuthenticatedUser,
    groupId: string,
    query: BoardQueryDto,
  ): Promise<Page<BoardRowDto>> {
    await this.requireMember(user, groupId);
    const clock = clockNow();
    const { values, bind } = positionalParameters();
    const scope = caseScopeSql(actorOf(user), clock, bind, {
      openOnly: true,
      filters: [
        `sc.id IN (SELECT case_id FROM trygga_hem_cases WHERE group_id = ${bind(groupId)})`,
      ],
    });
    const ids = (
      await this.dataSource.query<{ id: string }[]>(`SELECT s.id FROM (${scope}) AS s`, values)
    ).map((r) => r.id);
    const cases = ids.length
      ? await this.dataSource.manager.find(CaseEntity, {
          where: { id: In(ids) },
          relations: { subjectPerson: true },
        })
      : [];
    const [decisions, signals] = await Promise.all([
      this.access.decideMany(user, cases, clock),
      loadSignals(this.dataSource.manager, cases, clock.today),
    ]);
    let rows = cases
      .map((c) => {
        const s = signals.get(c.id);
        const d = decisions.get(c.id)?.decision;
        if (!s || !d?.allowed) return null;
        const sees = (cat: InformationCategory) => d.categories.includes(cat);
        const coordination = sees(InformationCategory.Coordination);
        const showName =
          c.subjectPerson?.protectedLevel === ProtectedIdentityLevel.None &&
          sees(InformationCategory.Identity);
        const row: BoardRowDto & { _s: typeof s } = {
          caseId: c.id,
          caseNumber: c.number,
          subjectName: showName
            ? `${c.subjectPerson!.firstName} ${c.subjectPerson!.lastName}`
            : null,
          priority: coordination ? s.priority : null,
          repeat: coordination ? s.repeat : false,
          risk: sees(InformationCategory.Risk) ? s.risk : null,
          highRisk: sees(InformationCategory.Risk) ? s.highRisk : null,
          reviewDue: sees(InformationCategory.Risk) ? s.reviewDue : null,
          overdueActions: coordination ? s.overdueActions : null,
          openActions: coordination ? s.openActions : null,
          daysSinceReview: s.daysSinceReview,
          openOffers: sees(InformationCategory.Social) ? s.openOffers : null,
          newIncidents: sees(InformationCategory.Criminal) ? s.newIncidents : null,
          reasons: coordination ? agendaReasons(s) : [],
          _s: s,
        };
        return row;
      })
      .filter((r): r is NonNullable<typeof r> => r !== null);
    if (query.priority) rows = rows.filter((r) => r.priority === query.priority);
    if (query.repeat !== undefined) rows = rows.filter((r) => r.repeat === query.repeat);
    if (query.overdueActions !== undefined)
      rows = rows.filter((r) => (r.overdueActions ?? 0) > 0 === query.overdueActions);
    if (query.highRisk !== undefined)
      rows = rows.filter((r) => (r.highRisk ?? false) === query.highRisk);
    if (query.newIncidents !== undefined)
      rows = rows.filter((r) => (r.newIncidents ?? 0) > 0 === query.newIncidents);
    const sort = query.sort ?? 'agenda';
    rows.sort((a, b) =>
      sort === 'priority'
        ? (b.priority ? priorityRank(b.priority) : -1) -
            (a.priority ? priorityRank(a.priority) : -1) || a.caseNumber.localeCompare(b.caseNumber)
        : sort === 'daysSinceReview'
          ? b.daysSinceReview - a.daysSinceReview || a.caseNumber.localeCompare(b.caseNumber)
          : sort === 'caseNumber'
            ? a.caseNumber.localeCompare(b.caseNumber)
            : compareAgenda(a._s, b._s),
    );
    const total = rows.length;
    const page = rows
      .slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
      .map(({ _s, ...row }) => row);
    await this.audit.record(user, {
      action: AuditAction.TryggaHemRead,
      caseIds: page.map((r) => r.caseId),
      personIds: cases
        .filter((c) => page.some((r) => r.caseId === c.id && r.subjectName !== null))
        .map((c) => c.subjectPersonId),
      categories: [InformationCategory.Coordination],
    });
    return { items: page, total, page: query.page, pageSize: query.pageSize };
  }
}

function notMember(): ApiException {
  return new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.Forbidden,
    'Only members of this koordinatorsgrupp may do this.',
  );
}
