import { HttpStatus, Injectable } from '@nestjs/common';
import {
  type AddGroupMemberDto,
  AuditAction,
  type BoardQueryDto,
  type BoardRowDto,
  type CoordinatorGroupDto,
  type CreateCoordinatorGroupDto,
  type GroupCandidateQueryDto,
  ErrorCode,
  hasPermissions,
  InformationCategory,
  MeetingStatus,
  OrganisationType,
  type Page,
  Permission,
  ProtectedIdentityLevel,
  ROLES,
  type UpdateCoordinatorGroupDto,
  type UserSummaryDto,
} from '@samsyn/common';
import { agendaReasons, groupActions, TRYGGA_HEM, visibleAgendaReasons } from '@samsyn/domain';
import {
  CaseEntity,
  CoordinatorGroupEntity,
  CoordinatorGroupMeetingEntity,
  CoordinatorGroupMemberEntity,
  OrganisationEntity,
  TryggaHemCaseEntity,
  UserEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager, In, IsNull, MoreThanOrEqual } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { actorOf, CaseAccessService, clockNow } from '../cases/case-access.service';
import { conflict, invalid, versionConflict } from '../cases/case-rules';
import { containsPattern } from '../common/like';
import { ApiException } from '../common/problem-details';
import { boardSql, type BoardSqlRow } from './board-query';
import { latestRiskByCase, orgRef } from './caseload';

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

  /** What the caller may do with the group (`groupActions`, also what the services enforce). */
  actionsOn(user: AuthenticatedUser, member: boolean) {
    return groupActions({
      manager: hasPermissions(user.roles, [Permission.CoordinatorGroupManage]),
      member,
    });
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
        where: { groupId, leftAt: IsNull() },
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
        .where('t.group_id = :g AND t.left_at IS NULL', { g: g.id })
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
      allowedActions: this.actionsOn(
        user,
        members.some((m) => m.userId === user.id),
      ),
    };
  }

  /**
   * The caseload board (issue 6 §5): the group's open cases that the caller may open (the access
   * policy applied in SQL), filtered, sorted, counted and paged in one query (`boardSql`); each
   * returned row shows a field only when the caller's decision on that case includes its category.
   */
  async board(
    user: AuthenticatedUser,
    groupId: string,
    query: BoardQueryDto,
  ): Promise<Page<BoardRowDto>> {
    await this.requireMember(user, groupId);
    const clock = clockNow();
    const { categories } = this.access.programme(TRYGGA_HEM.code);
    const run = async (q: BoardQueryDto) => {
      const { sql, values } = boardSql(actorOf(user), clock, groupId, categories, q);
      return this.dataSource.query<BoardSqlRow[]>(sql, values);
    };
    const found = await run(query);
    // Past the last page no row carries the count: count with a one-row first page.
    const total = found.length
      ? Number(found[0].total)
      : query.page > 1
        ? Number((await run({ ...query, page: 1, pageSize: 1 }))[0]?.total ?? 0)
        : 0;
    // The page's cases, the policy's facts on them and their risk levels, in parallel.
    const ids = found.map((r) => r.case_id);
    const [cases, facts, risk] = await Promise.all([
      ids.length
        ? this.dataSource.manager.find(CaseEntity, {
            where: { id: In(ids) },
            relations: { subjectPerson: true },
          })
        : [],
      ids.length ? this.access.factsFor(user, ids, clock) : undefined,
      latestRiskByCase(this.dataSource.manager, ids, clock.today),
    ]);
    const decisions = await this.access.decideMany(user, cases, clock, undefined, facts);
    const items: BoardRowDto[] = [];
    for (const r of found) {
      const c = cases.find((k) => k.id === r.case_id);
      const d = decisions.get(r.case_id)?.decision;
      // The SQL scope and the decision agree (access-property e2e test); never show more.
      if (!c || !d?.allowed) continue;
      const sees = (cat: InformationCategory) => d.categories.includes(cat);
      const coordination = sees(InformationCategory.Coordination);
      const showName =
        c.subjectPerson?.protectedLevel === ProtectedIdentityLevel.None &&
        sees(InformationCategory.Identity);
      // The reasons name only signals the caller sees (the same rule as a meeting's agenda).
      const reasons = visibleAgendaReasons(
        agendaReasons({
          caseId: r.case_id,
          caseNumber: r.case_number,
          priority: r.priority,
          newIncidents: r.new_incidents,
          repeat: r.repeat,
          highRisk: r.high_risk,
          reviewDue: r.review_due,
          overdueActions: r.overdue_actions,
          daysSinceReview: r.days_since_review,
        }),
        d.categories,
      );
      items.push({
        caseId: c.id,
        caseNumber: c.number,
        subjectName: showName ? `${c.subjectPerson!.firstName} ${c.subjectPerson!.lastName}` : null,
        priority: coordination ? r.priority : null,
        repeat: coordination ? r.repeat : false,
        risk: sees(InformationCategory.Risk) ? (risk.get(c.id) ?? []) : null,
        highRisk: sees(InformationCategory.Risk) ? r.high_risk : null,
        reviewDue: sees(InformationCategory.Risk) ? r.review_due : null,
        overdueActions: coordination ? r.overdue_actions : null,
        openActions: coordination ? r.open_actions : null,
        daysSinceReview: r.days_since_review,
        openOffers: sees(InformationCategory.Social) ? r.open_offers : null,
        newIncidents: sees(InformationCategory.Criminal) ? r.new_incidents : null,
        reasons: coordination ? reasons : [],
      });
    }
    await this.audit.record(user, {
      action: AuditAction.TryggaHemRead,
      caseIds: items.map((r) => r.caseId),
      personIds: cases
        .filter((c) => items.some((r) => r.caseId === c.id && r.subjectName !== null))
        .map((c) => c.subjectPersonId),
      categories: [InformationCategory.Coordination],
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Who may join the group: active users whose role takes part in case work (`addMember`'s
   * rule), of the four agencies — the group's own municipality, the police, Frivård and the
   * region — and not members already. Names and organisations only (staff directory data).
   */
  async candidates(groupId: string, query: GroupCandidateQueryDto): Promise<Page<UserSummaryDto>> {
    const group = await this.dataSource.manager.findOneBy(CoordinatorGroupEntity, { id: groupId });
    if (!group)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No group has this id.');
    const qb = this.dataSource.manager
      .createQueryBuilder(UserEntity, 'u')
      .innerJoinAndSelect('u.organisation', 'o')
      .leftJoinAndSelect('u.unit', 'unit')
      .where('u.active = true')
      .andWhere('u.roles && CAST(:roles AS user_role[])', { roles: CASE_WORK_ROLES })
      .andWhere(
        `(o.type IN (:...agencies) OR (o.type = :municipality AND o.municipality_code = :code))`,
        {
          agencies: [OrganisationType.Police, OrganisationType.Probation, OrganisationType.Region],
          municipality: OrganisationType.Municipality,
          code: group.municipalityCode,
        },
      )
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM coordinator_group_members m WHERE m.group_id = :g AND m.user_id = u.id)',
        { g: groupId },
      );
    if (query.q)
      qb.andWhere('(u.display_name ILIKE :like OR u.username ILIKE :like)', {
        like: containsPattern(query.q),
      });
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
        organisation: orgRef(u.organisation),
        unit: u.unit ? { id: u.unit.id, name: u.unit.name } : null,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}

/** Roles that take part in case work: the ones a group member may have. */
const CASE_WORK_ROLES = ROLES.filter((r) => hasPermissions([r], [Permission.CaseRead]));

function notMember(): ApiException {
  return new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.Forbidden,
    'Only members of this koordinatorsgrupp may do this.',
  );
}
