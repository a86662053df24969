import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  AccessBasis,
  AuditAction,
  type CaseDto,
  type CaseLookupDto,
  type CaseQueryDto,
  type CaseSummaryDto,
  ErrorCode,
  InformationCategory,
  type Page,
  ProtectedIdentityLevel,
} from '@samsyn/common';
import {
  allowedCaseActions,
  allowedLookupMissActions,
  allowedTransitions,
  type CaseDecision,
  decidePersonAccess,
} from '@samsyn/domain';
import {
  CaseEntity,
  CaseLinkEntity,
  CaseParticipantEntity,
  CaseTeamMemberEntity,
  EmergencyAccessEntity,
  type EnvironmentVariables,
  OrganisationEntity,
  UnitEntity,
  UserEntity,
} from '@samsyn/server';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { containsPattern } from '../common/like';
import { ApiException } from '../common/problem-details';
import {
  actorOf,
  type CaseAccess,
  CaseAccessService,
  type CaseFacts,
  caseFactsColumns,
  clockNow,
} from './case-access.service';
import { caseScopeSql, positionalParameters } from './case-scope';
import { toPersonDto } from './case.mapper';

/** Reading shared cases: the caseload, looking a case number up, and the case view. */
@Injectable()
export class CaseReadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

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

  /**
   * A case number → the case, when the caller may see it. A number without a case and a case the
   * caller may not see answer alike — the same 404, the same queries, the same audit event
   * (no case named: the caller's own organisation's reviewers must not learn the case from it) —
   * because case numbers are sequential and would otherwise list every case in a county (issue 18
   * §7). Emergency access by number is the one, audited and reviewed, step that tells.
   */
  async lookup(user: AuthenticatedUser, number: string): Promise<CaseLookupDto> {
    const found = await this.access.findByNumber(user, number);
    if (!found?.decision.allowed) {
      await this.audit.record(user, { action: AuditAction.CaseLookup, outcome: 'denied' });
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        ErrorCode.NotFound,
        'No case you may see has this number.',
        { details: { allowedActions: allowedLookupMissActions(user) } },
      );
    }
    const { kase } = found;
    await this.audit.record(user, { action: AuditAction.CaseLookup, caseIds: [kase.id] });
    return { id: kase.id, number: kase.number, programme: kase.programme, hasAccess: true };
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
      allowedActions: allowedCaseActions(decision, user, kase),
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
        // Reviewing is the log reviewer's, on the review page.
        allowedActions: [],
      })),
    };
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
