import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  AccessBasis,
  type AddParticipantDto,
  type AddTeamMemberDto,
  AuditAction,
  type CaseDto,
  type CaseLookupDto,
  type CaseQueryDto,
  type CaseSummaryDto,
  type ChangeCaseStatusDto,
  type CreateCaseDto,
  ErrorCode,
  InformationCategory,
  type LinkCaseDto,
  type Page,
  ProtectedIdentityLevel,
  type UpdateCaseDto,
  type UpdatePersonDto,
  hasPermissions,
  Permission,
} from '@samsyn/common';
import {
  addDays,
  allowedTransitions,
  canTransition,
  type CaseDecision,
  decidePersonAccess,
  formatCaseNumber,
  isClosedStatus,
  type ProgrammeDefinition,
  type ProgrammeRegistry,
} from '@samsyn/domain';
import {
  CaseEntity,
  CaseLinkEntity,
  CaseParticipantEntity,
  CaseTeamMemberEntity,
  ConsentEntity,
  EmergencyAccessEntity,
  type EnvironmentVariables,
  OrganisationEntity,
  PersonEntity,
  UnitEntity,
  UserEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { containsPattern } from '../common/like';
import { ApiException } from '../common/problem-details';
import { CaseRemindersService } from '../reminders/case-reminders.service';
import {
  actorOf,
  type CaseAccess,
  CaseAccessService,
  type CaseFacts,
  caseFactsColumns,
  clockNow,
} from './case-access.service';
import { checkConsent, conflict, invalid, versionConflict } from './case-rules';
import { caseScopeSql, positionalParameters } from './case-scope';
import { toPersonDto } from './case.mapper';
import { PersonsService } from './persons.service';
import { PROGRAMMES } from './programmes.provider';

/** Shared cases: opening, the caseload, the case view, status, participants, team and links. */
@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly persons: PersonsService,
    private readonly audit: AuditService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    @Inject(PROGRAMMES) private readonly programmes: ProgrammeRegistry,
    private readonly caseReminders: CaseRemindersService,
  ) {}

  private programmeOrFail(code: string): ProgrammeDefinition {
    const programme = this.programmes.get(code);
    if (!programme)
      throw invalid(
        'programme',
        'unknownProgramme',
        `Unknown programme; choose one of ${this.programmes
          .all()
          .map((p) => p.code)
          .join(', ')}`,
      );
    return programme;
  }

  async create(user: AuthenticatedUser, dto: CreateCaseDto): Promise<CaseDto> {
    const programme = this.programmeOrFail(dto.programme);
    if (!programme.owningOrganisationTypes.includes(user.organisation.type))
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        `Your organisation cannot open ${programme.code} cases.`,
      );
    if (!user.unit)
      throw invalid(
        'unit',
        'required',
        'You must belong to a unit to open a case; ask your administrator',
      );
    const teamRole = dto.teamRole ?? programme.defaultTeamRole;
    if (!programme.teamRoles.some((r) => r.code === teamRole))
      throw invalid(
        'teamRole',
        'notInProgramme',
        `teamRole is not a team role of ${programme.code}`,
      );
    dto.participants.forEach((p, i) => {
      if (!programme.participantRoles.includes(p.role))
        throw invalid(
          `participants.${i}.role`,
          'notInProgramme',
          `${programme.code} cases have no ${p.role} participants`,
        );
    });
    const subjects = dto.participants.filter((p) => p.role === programme.subjectRole);
    if (subjects.length !== 1)
      throw invalid(
        'participants',
        'oneSubject',
        `A ${programme.code} case needs exactly one ${programme.subjectRole}`,
      );
    const numbers = dto.participants.map((p) => p.person.personalNumber).filter(Boolean);
    if (new Set(numbers).size !== numbers.length)
      throw invalid('participants', 'duplicate', 'The same person is listed twice');
    const clock = clockNow();

    const caseId = await this.dataSource.transaction(async (em) => {
      const municipalityCode = await this.municipalityFor(em, user, dto.municipalityCode);
      const people: PersonEntity[] = [];
      for (const [i, p] of dto.participants.entries())
        people.push(await this.persons.findOrCreate(em, p.person, `participants.${i}.person.`));
      if (new Set(people.map((p) => p.id)).size !== people.length)
        throw invalid('participants', 'duplicate', 'The same person is listed twice');
      const subjectIndex = dto.participants.findIndex((p) => p.role === programme.subjectRole);
      const year = Number(clock.today.slice(0, 4));
      const kase = await em.save(
        em.create(CaseEntity, {
          number: formatCaseNumber(programme, year, await this.nextSequence(em, programme, year)),
          programme: programme.code,
          status: programme.initialStatus,
          closed: false,
          municipalityCode,
          owningOrganisationId: user.organisation.id,
          owningUnitId: user.unit!.id,
          handlerId: user.id,
          subjectPersonId: people[subjectIndex].id,
          description: dto.description?.trim() || null,
          openedAt: clock.now,
          closedAt: null,
          followUpAt: addDays(clock.today, programme.defaultDeadlines.followUpDays),
        }),
      );
      await em.insert(
        CaseParticipantEntity,
        dto.participants.map((p, i) => ({ caseId: kase.id, personId: people[i].id, role: p.role })),
      );
      await em.insert(CaseTeamMemberEntity, {
        caseId: kase.id,
        userId: user.id,
        unitId: null,
        organisationId: user.organisation.id,
        caseRole: teamRole,
        protectedIdentityAccess: true,
        addedById: user.id,
      });
      const consentIds: string[] = [];
      const consents: ConsentEntity[] = [];
      for (const [i, c] of (dto.consents ?? []).entries()) {
        const person = people[c.participantIndex];
        if (!person)
          throw invalid(
            `consents.${i}.participantIndex`,
            'unknownParticipant',
            'participantIndex points at no participant',
          );
        checkConsent(programme, c, person, clock.today, `consents.${i}.`);
        await this.requireOrganisations(
          em,
          c.recipientOrganisationIds,
          `consents.${i}.recipientOrganisationIds`,
        );
        const saved = await em.save(
          em.create(ConsentEntity, {
            caseId: kase.id,
            personId: person.id,
            recipientOrganisationIds: c.recipientOrganisationIds,
            categories: c.categories,
            excludedCategories: c.excludedCategories ?? [],
            exclusionNote: c.exclusionNote?.trim() || null,
            form: c.form,
            givenOn: c.givenOn.slice(0, 10),
            validUntil: c.validUntil.slice(0, 10),
            guardianName: c.guardian?.name ?? null,
            guardianGivenOn: c.guardian?.givenOn.slice(0, 10) ?? null,
            recordedById: user.id,
            supersedesId: null,
          }),
        );
        consentIds.push(saved.id);
        consents.push(saved);
      }
      await this.caseReminders.caseOpened(em, kase, consents);
      await this.audit.record(
        user,
        {
          action: AuditAction.CaseCreate,
          caseIds: [kase.id],
          personIds: people.map((p) => p.id),
          categories: programme.categories,
          consentIds,
          basis: AccessBasis.Owner,
        },
        em,
      );
      return kase.id;
    });
    return this.get(user, caseId, { audit: false });
  }

  private async municipalityFor(
    em: EntityManager,
    user: AuthenticatedUser,
    given?: string,
  ): Promise<string> {
    let code = given;
    if (!code) {
      const org = await em.findOneBy(OrganisationEntity, { id: user.organisation.id });
      code = org?.municipalityCode ?? undefined;
    }
    if (!code)
      throw invalid('municipalityCode', 'required', 'Choose the municipality the case belongs to');
    const exists = await em.existsBy(OrganisationEntity, { municipalityCode: code });
    if (!exists)
      throw invalid('municipalityCode', 'unknownMunicipality', 'No municipality has this code');
    return code;
  }

  private async requireOrganisations(
    em: EntityManager,
    ids: readonly string[],
    field: string,
  ): Promise<void> {
    const found = await em.countBy(OrganisationEntity, { id: In([...ids]) });
    if (found !== ids.length)
      throw invalid(field, 'unknownOrganisation', 'An organisation does not exist');
  }

  /** The next number in the programme's yearly series, taken inside the case's transaction. */
  private async nextSequence(
    em: EntityManager,
    programme: ProgrammeDefinition,
    year: number,
  ): Promise<number> {
    const rows = await em.query<{ last_value: number }[]>(
      `INSERT INTO case_number_counters (prefix, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last_value = case_number_counters.last_value + 1
       RETURNING last_value`,
      [programme.numberPrefix, year],
    );
    return rows[0].last_value;
  }

  /** The caller's caseload: the access policy applied inside the query (R2–R4 in SQL). */
  async list(user: AuthenticatedUser, query: CaseQueryDto): Promise<Page<CaseSummaryDto>> {
    const clock = clockNow();
    const unguarded = this.config.get('BENCHMARK_UNGUARDED_LIST', { infer: true });
    // One query pages and counts (window count) over the scope, evaluated once, and (guarded)
    // loads the policy's facts for the page's cases; the page's rows are then loaded by key.
    const { values, bind } = positionalParameters();
    const where: string[] = [];
    if (query.programme) where.push(`sc.programme = ${bind(query.programme)}`);
    if (query.status) where.push(`sc.status = ${bind(query.status)}`);
    if (query.municipalityCode)
      where.push(`sc.municipality_code = ${bind(query.municipalityCode)}`);
    const openOnly = (!query.includeClosed && !query.status) || !!query.overdue;
    if (query.overdue)
      where.push(`sc.closed = false AND sc.follow_up_at < ${bind(clock.today)}::date`);
    if (query.number) where.push(`sc.number ILIKE ${bind(containsPattern(query.number))}`);
    const from = unguarded
      ? unguardedList([...where, ...(openOnly ? ['sc.closed = false'] : [])])
      : caseScopeSql(actorOf(user), clock, bind, { openOnly, filters: where });
    const filterValues = values.length;
    const [result] = await this.dataSource.query<
      (CaseFacts & { ids: string[]; total: string | null })[]
    >(
      `WITH page AS MATERIALIZED (
         SELECT s.id, s.updated_at, count(*) OVER () AS total FROM (${from}) AS s
         ORDER BY s.updated_at DESC, s.id ASC
         LIMIT ${bind(query.pageSize)} OFFSET ${bind((query.page - 1) * query.pageSize)})
       SELECT (SELECT coalesce(array_agg(id::text ORDER BY updated_at DESC, id ASC), '{}')
               FROM page) AS ids,
              (SELECT max(total) FROM page) AS total${
                unguarded
                  ? ''
                  : `, ${caseFactsColumns('ARRAY(SELECT id FROM page)', actorOf(user), clock, bind)}`
              }`,
      values,
    );
    const ids = result.ids;
    let total = Number(result.total ?? 0);
    if (!ids.length && query.page > 1) {
      const [row] = await this.dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM (${from}) AS s`,
        values.slice(0, filterValues),
      );
      total = Number(row.n);
    }
    const loaded = ids.length
      ? await this.dataSource.getRepository(CaseEntity).find({
          where: { id: In(ids) },
          relations: { subjectPerson: true, owningOrganisation: true, handler: true },
        })
      : [];
    const rows = ids.map((id) => loaded.find((c) => c.id === id)!).filter(Boolean);
    if (unguarded)
      return {
        items: rows.map((c) => summary(c, null, clock.today)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };

    const decisions = await this.access.decideMany(user, rows, clock, undefined, result);
    const items = rows.map((c) => summary(c, decisions.get(c.id)?.decision ?? null, clock.today));
    await this.audit.record(user, {
      action: AuditAction.CaseList,
      caseIds: rows.map((c) => c.id),
      personIds: rows.filter((c, i) => items[i].subjectName !== null).map((c) => c.subjectPersonId),
      categories: items.some((i) => i.subjectName !== null) ? [InformationCategory.Identity] : [],
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async lookup(user: AuthenticatedUser, number: string): Promise<CaseLookupDto> {
    const kase = await this.dataSource.getRepository(CaseEntity).findOneBy({ number });
    if (!kase)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No case has this number.');
    const decided = (await this.access.decideMany(user, [kase])).get(kase.id);
    await this.audit.record(user, { action: AuditAction.CaseLookup, caseIds: [kase.id] });
    return {
      id: kase.id,
      number: kase.number,
      programme: kase.programme,
      hasAccess: decided?.decision.allowed ?? false,
    };
  }

  /** The case as the caller may see it; audited as a read of the persons shown. */
  async get(
    user: AuthenticatedUser,
    caseId: string,
    options: { audit?: boolean } = {},
  ): Promise<CaseDto> {
    const access = await this.access.require(user, caseId, 'read');
    const dto = await this.view(user, access);
    if (options.audit !== false) {
      await this.audit.record(user, {
        action: AuditAction.CaseRead,
        caseIds: [caseId],
        personIds: dto.participants
          .filter((p) => !p.person.suppressed.includes('identity'))
          .map((p) => p.person.id),
        categories: access.decision.categories,
        consentIds: access.decision.consentIds,
        disclosureIds: access.decision.disclosureIds,
        basis: access.decision.basis,
        relation: access.decision.relation,
        emergency: access.decision.emergency,
      });
    }
    return dto;
  }

  private async view(user: AuthenticatedUser, access: CaseAccess): Promise<CaseDto> {
    const { kase, decision, programme } = access;
    const em = this.dataSource.manager;
    const clock = clockNow();
    const [org, unit, handler, participants, team, links, emergencies] = await Promise.all([
      em.findOneByOrFail(OrganisationEntity, { id: kase.owningOrganisationId }),
      em.findOneByOrFail(UnitEntity, { id: kase.owningUnitId }),
      kase.handlerId ? em.findOneBy(UserEntity, { id: kase.handlerId }) : null,
      em.find(CaseParticipantEntity, {
        where: { caseId: kase.id },
        relations: { person: true },
        order: { createdAt: 'ASC' },
      }),
      em.find(CaseTeamMemberEntity, {
        where: { caseId: kase.id },
        relations: { user: true, unit: true, organisation: true },
        order: { createdAt: 'ASC' },
      }),
      em.find(CaseLinkEntity, { where: { caseId: kase.id }, relations: { linkedCase: true } }),
      decision.basis === AccessBasis.Owner
        ? em.find(EmergencyAccessEntity, {
            where: { caseId: kase.id },
            relations: { user: { organisation: true } },
            order: { grantedAt: 'DESC' },
            take: 50,
          })
        : [],
    ]);
    const visibleLinks = await this.access.visibleAmong(
      user,
      links.map((l) => l.linkedCaseId),
    );
    const coordination = decision.categories.includes(InformationCategory.Coordination);
    return {
      id: kase.id,
      version: kase.version,
      number: kase.number,
      programme: kase.programme,
      status: kase.status,
      closed: kase.closed,
      municipalityCode: kase.municipalityCode,
      owningOrganisation: { id: org.id, name: org.name },
      owningUnit: { id: unit.id, name: unit.name },
      handler: handler ? { id: handler.id, displayName: handler.displayName } : null,
      description: coordination ? kase.description : null,
      openedAt: kase.openedAt.toISOString(),
      closedAt: kase.closedAt?.toISOString() ?? null,
      followUpAt: kase.followUpAt,
      overdue: !kase.closed && kase.followUpAt !== null && kase.followUpAt < clock.today,
      allowedTransitions: decision.canManage ? allowedTransitions(programme, kase.status) : [],
      access: {
        basis: decision.basis!,
        relation: decision.relation,
        categories: decision.categories,
        canWrite: decision.canWrite,
        canManage: decision.canManage,
        emergencyUntil: decision.emergency
          ? (access.facts.emergencyUntil?.toISOString() ?? null)
          : null,
      },
      participants: participants.map((p) => ({
        id: p.id,
        role: p.role,
        person: toPersonDto(
          p.person!,
          decidePersonAccess(decision, programme, kase.subjectPersonId, {
            id: p.personId,
            role: p.role,
            protectedLevel: p.person!.protectedLevel,
          }),
        ),
      })),
      team: team.map((m) => ({
        id: m.id,
        user: m.user ? { id: m.user.id, displayName: m.user.displayName } : null,
        unit: m.unit ? { id: m.unit.id, name: m.unit.name } : null,
        organisation: {
          id: m.organisation!.id,
          name: m.organisation!.name,
          type: m.organisation!.type,
        },
        caseRole: m.caseRole,
        protectedIdentityAccess: m.protectedIdentityAccess,
        addedAt: m.createdAt.toISOString(),
      })),
      linkedCases: links
        .filter((l) => visibleLinks.has(l.linkedCaseId))
        .map((l) => ({
          id: l.linkedCase!.id,
          number: l.linkedCase!.number,
          programme: l.linkedCase!.programme,
          status: l.linkedCase!.status,
        })),
      hiddenLinkedCases: links.filter((l) => !visibleLinks.has(l.linkedCaseId)).length,
      emergencyAccesses: emergencies.map((e) => ({
        id: e.id,
        caseId: e.caseId,
        caseNumber: kase.number,
        user: {
          id: e.userId,
          displayName: e.user?.displayName ?? '',
          organisationName: e.user?.organisation?.name ?? '',
        },
        reason: e.reason,
        grantedAt: e.grantedAt.toISOString(),
        expiresAt: e.expiresAt.toISOString(),
        reviewedAt: e.reviewedAt?.toISOString() ?? null,
        reviewedBy: null,
        reviewNote: e.reviewNote,
      })),
    };
  }

  /** Optimistic locking: the edit names the version it started from; a stale one answers 409. */
  async update(user: AuthenticatedUser, caseId: string, dto: UpdateCaseDto): Promise<CaseDto> {
    await this.dataSource.transaction(async (em) => {
      const { kase } = await this.access.require(user, caseId, 'change', { em, lock: true });
      if (kase.version !== dto.version) throw versionConflict(kase.version);
      if (dto.handlerId !== undefined) {
        const handler = await em.findOneBy(UserEntity, { id: dto.handlerId, active: true });
        if (
          !handler ||
          handler.organisationId !== kase.owningOrganisationId ||
          !hasPermissions(handler.roles, [Permission.CaseRead])
        )
          throw invalid(
            'handlerId',
            'notInOwningOrganisation',
            'The handler must be an active case worker of the owning organisation',
          );
        kase.handlerId = handler.id;
      }
      if (dto.description !== undefined) kase.description = dto.description.trim() || null;
      if (dto.followUpAt !== undefined) kase.followUpAt = dto.followUpAt.slice(0, 10);
      await em.save(kase);
      await this.caseReminders.caseChanged(em, kase);
      await this.audit.record(
        user,
        { action: AuditAction.CaseUpdate, caseIds: [caseId], basis: AccessBasis.Owner },
        em,
      );
    });
    return this.get(user, caseId, { audit: false });
  }

  async changeStatus(
    user: AuthenticatedUser,
    caseId: string,
    dto: ChangeCaseStatusDto,
  ): Promise<CaseDto> {
    await this.dataSource.transaction(async (em) => {
      const { kase, programme } = await this.access.require(user, caseId, 'manage', {
        em,
        lock: true,
      });
      if (kase.version !== dto.version) throw versionConflict(kase.version);
      if (!canTransition(programme, kase.status, dto.status))
        throw new ApiException(
          HttpStatus.CONFLICT,
          ErrorCode.InvalidTransition,
          `A ${programme.code} case cannot go from ${kase.status} to ${dto.status}; allowed: ${allowedTransitions(programme, kase.status).join(', ') || 'none'}.`,
        );
      kase.status = dto.status;
      kase.closed = isClosedStatus(programme, dto.status);
      kase.closedAt = kase.closed ? new Date() : null;
      await em.save(kase);
      await this.caseReminders.caseChanged(em, kase);
      await this.audit.record(
        user,
        { action: AuditAction.CaseStatus, caseIds: [caseId], basis: AccessBasis.Owner },
        em,
      );
    });
    return this.get(user, caseId, { audit: false });
  }

  async addParticipant(
    user: AuthenticatedUser,
    caseId: string,
    dto: AddParticipantDto,
  ): Promise<CaseDto> {
    await this.dataSource.transaction(async (em) => {
      const { programme } = await this.access.require(user, caseId, 'change', { em, lock: true });
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
    return this.get(user, caseId, { audit: false });
  }

  async updatePerson(
    user: AuthenticatedUser,
    caseId: string,
    personId: string,
    dto: UpdatePersonDto,
  ): Promise<CaseDto> {
    await this.dataSource.transaction(async (em) => {
      await this.access.require(user, caseId, 'change', { em, lock: true });
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
    return this.get(user, caseId, { audit: false });
  }

  async addTeamMember(
    user: AuthenticatedUser,
    caseId: string,
    dto: AddTeamMemberDto,
  ): Promise<CaseDto> {
    if ((dto.userId === undefined) === (dto.unitId === undefined))
      throw invalid('userId', 'userXorUnit', 'Give either userId or unitId');
    await this.dataSource.transaction(async (em) => {
      const { programme } = await this.access.require(user, caseId, 'change', { em, lock: true });
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
    return this.get(user, caseId, { audit: false });
  }

  async removeTeamMember(
    user: AuthenticatedUser,
    caseId: string,
    memberId: string,
  ): Promise<CaseDto> {
    await this.dataSource.transaction(async (em) => {
      await this.access.require(user, caseId, 'change', { em, lock: true });
      const result = await em.delete(CaseTeamMemberEntity, { id: memberId, caseId });
      if (!result.affected)
        throw new ApiException(
          HttpStatus.NOT_FOUND,
          ErrorCode.NotFound,
          'No such member on this case team.',
        );
      await this.audit.record(user, { action: AuditAction.TeamRemove, caseIds: [caseId] }, em);
    });
    return this.get(user, caseId, { audit: false });
  }

  /** Links two cases both ways; the caller must be able to open both (D3: nothing leaks through a link). */
  async link(user: AuthenticatedUser, caseId: string, dto: LinkCaseDto): Promise<CaseDto> {
    await this.dataSource.transaction(async (em) => {
      await this.access.require(user, caseId, 'change', { em, lock: true });
      const other = await em.findOneBy(CaseEntity, { number: dto.number });
      if (!other) throw invalid('number', 'unknownCase', 'No case has this number');
      if (other.id === caseId)
        throw invalid('number', 'sameCase', 'A case cannot be linked to itself');
      await this.access.require(user, other.id, 'read', { em });
      if (await em.existsBy(CaseLinkEntity, { caseId, linkedCaseId: other.id }))
        throw conflict('The cases are already linked.');
      await em.insert(CaseLinkEntity, [
        { caseId, linkedCaseId: other.id, createdById: user.id },
        { caseId: other.id, linkedCaseId: caseId, createdById: user.id },
      ]);
      await this.audit.record(
        user,
        { action: AuditAction.CaseLink, caseIds: [caseId, other.id] },
        em,
      );
    });
    return this.get(user, caseId, { audit: false });
  }
}

function summary(c: CaseEntity, decision: CaseDecision | null, today: string): CaseSummaryDto {
  const subject = c.subjectPerson!;
  // D18: lists never show a protected person's name; otherwise the caller needs the identity category.
  const showName =
    subject.protectedLevel === ProtectedIdentityLevel.None &&
    (decision === null || decision.categories.includes(InformationCategory.Identity));
  return {
    id: c.id,
    number: c.number,
    programme: c.programme,
    status: c.status,
    municipalityCode: c.municipalityCode,
    owningOrganisation: { id: c.owningOrganisation!.id, name: c.owningOrganisation!.name },
    handler: c.handler ? { id: c.handler.id, displayName: c.handler.displayName } : null,
    subjectName: showName ? `${subject.firstName} ${subject.lastName}` : null,
    subjectProtected: subject.protectedLevel !== ProtectedIdentityLevel.None,
    followUpAt: c.followUpAt,
    overdue: !c.closed && c.followUpAt !== null && c.followUpAt < today,
    closed: c.closed,
    basis: decision?.basis ?? AccessBasis.Owner,
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The benchmark's comparison (BENCHMARK_UNGUARDED_LIST): the same filters, no scope. */
function unguardedList(where: readonly string[]): string {
  return `SELECT sc.id, sc.updated_at FROM cases sc${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
}
