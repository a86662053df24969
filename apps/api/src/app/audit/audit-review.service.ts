import { HttpStatus, Injectable } from '@nestjs/common';
import {
  type AccessBasis,
  type AccessReviewPageQueryDto,
  type AccessReviewQueryDto,
  AuditAction,
  type AuditEventDto,
  CaseAction,
  type AuditEventQueryDto,
  type AuditOutcome,
  type CaseRelation,
  type EmergencyAccessDto,
  type EmergencyAccessReviewQueryDto,
  ErrorCode,
  type InformationCategory,
  type Page,
  type PageQueryDto,
  type ReviewEmergencyAccessDto,
  type Role,
  type VolumeOutlierDto,
} from '@samsyn/common';
import {
  allowedEmergencyAccessActions,
  emergencyReviewRefusal,
  mayReadCaseLog,
  type ReviewActor,
} from '@samsyn/domain';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException, ValidationFailedException } from '../common/problem-details';
import { AuditService } from './audit.service';

/** The actions that read personal data, counted for the volume review. */
export const READ_ACTIONS: readonly AuditAction[] = [
  AuditAction.CaseRead,
  AuditAction.CaseList,
  AuditAction.JournalList,
  AuditAction.ConsentList,
  AuditAction.DisclosureList,
];

/** A user is an outlier above this many times the organisation's median… */
export const OUTLIER_FACTOR = 3;
/** …and with at least this many reads, so that a quiet organisation does not flag everyone. */
export const OUTLIER_MIN_READS = 20;

/** Calendar days (`from`/`to` without a time) are Swedish days, as staff mean them. */
const TIME_ZONE = 'Europe/Stockholm';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Collects positional parameters while a query is put together. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

// Case numbers in the order of the event's case ids; a case that no longer exists is left out.
export const CASE_NUMBERS = `ARRAY(SELECT c.number::text FROM unnest(e.case_ids) WITH ORDINALITY AS x(id, n)
        JOIN cases c ON c.id = x.id ORDER BY x.n) AS case_numbers`;

const EVENT_SELECT = `
  SELECT e.id::text AS id, e.occurred_at,
         e.user_id::text AS user_id, u.display_name AS user_name,
         e.organisation_id::text AS organisation_id, o.name AS organisation_name,
         e.unit_id::text AS unit_id, un.name AS unit_name,
         e.roles::text[] AS roles, e.action, e.outcome,
         e.case_ids::text[] AS case_ids, e.person_ids::text[] AS person_ids,
         e.categories::text[] AS categories, e.consent_ids::text[] AS consent_ids,
         e.disclosure_ids::text[] AS disclosure_ids,
         e.basis, e.relation, e.emergency, e.request_id,
         e.target_kind, e.target_id::text AS target_id,
         COALESCE(tu.display_name, tor.name, tun.name, tag.title) AS target_name,
         ${CASE_NUMBERS}
  FROM audit_events e
  LEFT JOIN users u ON u.id = e.user_id
  LEFT JOIN organisations o ON o.id = e.organisation_id
  LEFT JOIN units un ON un.id = e.unit_id
  LEFT JOIN users tu ON e.target_kind = 'user' AND tu.id = e.target_id
  LEFT JOIN organisations tor ON e.target_kind = 'organisation' AND tor.id = e.target_id
  LEFT JOIN units tun ON e.target_kind = 'unit' AND tun.id = e.target_id
  LEFT JOIN agreements tag ON e.target_kind = 'agreement' AND tag.id = e.target_id`;

interface EventRow {
  id: string;
  occurred_at: Date;
  user_id: string | null;
  user_name: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  unit_id: string | null;
  unit_name: string | null;
  roles: string[];
  action: string;
  outcome: string;
  case_ids: string[];
  person_ids: string[];
  categories: string[];
  consent_ids: string[];
  disclosure_ids: string[];
  basis: string | null;
  relation: string | null;
  emergency: boolean;
  request_id: string | null;
  target_kind: string | null;
  target_id: string | null;
  target_name: string | null;
  case_numbers: string[];
}

// The values were written from the enums in libs/common, so the casts only restore their types.
function toEventDto(r: EventRow): AuditEventDto {
  return {
    id: r.id,
    occurredAt: r.occurred_at.toISOString(),
    user: r.user_id ? { id: r.user_id, displayName: r.user_name ?? '' } : null,
    organisation: r.organisation_id
      ? { id: r.organisation_id, name: r.organisation_name ?? '' }
      : null,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
    roles: r.roles as Role[],
    action: r.action as AuditAction,
    outcome: r.outcome as AuditOutcome,
    caseIds: r.case_ids,
    caseNumbers: r.case_numbers,
    personIds: r.person_ids,
    categories: r.categories as InformationCategory[],
    consentIds: r.consent_ids,
    disclosureIds: r.disclosure_ids,
    basis: r.basis as AccessBasis | null,
    relation: r.relation as CaseRelation | null,
    emergency: r.emergency,
    requestId: r.request_id,
    target:
      r.target_kind && r.target_id
        ? {
            kind: r.target_kind as NonNullable<AuditEventDto['target']>['kind'],
            id: r.target_id,
            name: r.target_name ?? '',
          }
        : null,
  };
}

// Reviewable by the auditors of the user's organisation and of the case's owning organisation.
const EMERGENCY_SCOPE = '(ea.organisation_id = $1 OR c.owning_organisation_id = $1)';

const EMERGENCY_SELECT = `
  SELECT ea.id::text AS id, ea.case_id::text AS case_id, c.number AS case_number,
         c.owning_organisation_id::text AS owning_organisation_id,
         ea.user_id::text AS user_id, u.display_name AS user_name, o.name AS organisation_name,
         ea.reason, ea.granted_at, ea.expires_at, ea.reviewed_at,
         ea.reviewed_by_id::text AS reviewed_by_id, r.display_name AS reviewer_name, ea.review_note
  FROM emergency_accesses ea
  JOIN cases c ON c.id = ea.case_id
  JOIN users u ON u.id = ea.user_id
  JOIN organisations o ON o.id = ea.organisation_id
  LEFT JOIN users r ON r.id = ea.reviewed_by_id`;

interface EmergencyRow {
  id: string;
  case_id: string;
  case_number: string;
  owning_organisation_id: string;
  user_id: string;
  user_name: string;
  organisation_name: string;
  reason: string;
  granted_at: Date;
  expires_at: Date;
  reviewed_at: Date | null;
  reviewed_by_id: string | null;
  reviewer_name: string | null;
  review_note: string | null;
}

function reviewActor(user: AuthenticatedUser): ReviewActor {
  return { userId: user.id, organisationId: user.organisation.id, roles: user.roles };
}

/** A grant as the reviewer sees it, with what they may do with it (issue 15). */
function toEmergencyDto(r: EmergencyRow, reviewer: ReviewActor): EmergencyAccessDto {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    user: { id: r.user_id, displayName: r.user_name, organisationName: r.organisation_name },
    reason: r.reason,
    grantedAt: r.granted_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    reviewedBy: r.reviewed_by_id
      ? { id: r.reviewed_by_id, displayName: r.reviewer_name ?? '' }
      : null,
    reviewNote: r.review_note,
    allowedActions: allowedEmergencyAccessActions(reviewer, {
      userId: r.user_id,
      caseOwningOrganisationId: r.owning_organisation_id,
      reviewed: r.reviewed_at !== null,
    }),
  };
}

/** Why a review is refused (`emergencyReviewRefusal`); a reviewed grant answers 409 instead. */
const REVIEW_REFUSAL = {
  role_not_permitted: 'Your role does not review the log.',
  // A review is a second pair of eyes: nobody signs off their own break-the-glass.
  own_grant: 'You cannot review your own emergency access.',
  no_case_log:
    "Only the auditors of the case's owning organisation review access to it: they can read its log.",
} as const;

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

/**
 * Loggkontroll (D17, D19; the loggutdrag is AuditExtractService) for the auditors of one organisation: what they see is
 * limited to their own organisation, and each look at the log is itself recorded in it.
 */
@Injectable()
export class AuditReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Emergency accesses by the organisation's users or to its cases, newest first. */
  async emergencyAccesses(
    user: AuthenticatedUser,
    query: EmergencyAccessReviewQueryDto,
  ): Promise<Page<EmergencyAccessDto>> {
    const where = `${EMERGENCY_SCOPE} AND (ea.reviewed_at IS NOT NULL) = $2`;
    const params = [user.organisation.id, query.reviewed];
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM emergency_accesses ea
       JOIN cases c ON c.id = ea.case_id WHERE ${where}`,
      params,
    );
    const rows = await this.dataSource.query<EmergencyRow[]>(
      `${EMERGENCY_SELECT} WHERE ${where} ORDER BY ea.granted_at DESC, ea.id DESC
       LIMIT $3 OFFSET $4`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    // The stated reasons may describe the person: the auditor's read is logged like any other.
    await this.audit.record(user, {
      action: AuditAction.AuditReview,
      caseIds: unique(rows.map((r) => r.case_id)),
    });
    const reviewer = reviewActor(user);
    return {
      items: rows.map((r) => toEmergencyDto(r, reviewer)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Marks one emergency access reviewed, once (409 the second time). */
  async reviewEmergencyAccess(
    user: AuthenticatedUser,
    id: string,
    dto: ReviewEmergencyAccessDto,
  ): Promise<EmergencyAccessDto> {
    await this.dataSource.transaction(async (em) => {
      // The row lock makes two auditors reviewing at once see each other: the second gets 409.
      const [row] = await em.query<
        { case_id: string; user_id: string; owning_organisation_id: string; reviewed: boolean }[]
      >(
        `SELECT ea.case_id::text AS case_id, ea.user_id::text AS user_id,
                c.owning_organisation_id::text AS owning_organisation_id,
                ea.reviewed_at IS NOT NULL AS reviewed
         FROM emergency_accesses ea JOIN cases c ON c.id = ea.case_id
         WHERE ea.id = $2 AND ${EMERGENCY_SCOPE} FOR UPDATE OF ea`,
        [user.organisation.id, id],
      );
      if (!row)
        throw new ApiException(
          HttpStatus.NOT_FOUND,
          ErrorCode.NotFound,
          'No emergency access for your organisation to review has this id.',
        );
      // The same function lists `emergencyAccess.review` on the review page.
      const refusal = emergencyReviewRefusal(reviewActor(user), {
        userId: row.user_id,
        caseOwningOrganisationId: row.owning_organisation_id,
        reviewed: row.reviewed,
      });
      if (refusal === 'reviewed')
        throw new ApiException(
          HttpStatus.CONFLICT,
          ErrorCode.Conflict,
          'This emergency access has already been reviewed.',
        );
      if (refusal)
        throw new ApiException(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, REVIEW_REFUSAL[refusal], {
          details: { reason: refusal },
        });
      await em.query(
        `UPDATE emergency_accesses SET reviewed_at = now(), reviewed_by_id = $2, review_note = $3
         WHERE id = $1`,
        [id, user.id, dto.note?.trim() || null],
      );
      await this.audit.record(
        user,
        { action: AuditAction.EmergencyReview, caseIds: [row.case_id] },
        em,
      );
    });
    const [row] = await this.dataSource.query<EmergencyRow[]>(
      `${EMERGENCY_SELECT} WHERE ea.id = $1`,
      [id],
    );
    return toEmergencyDto(row, reviewActor(user));
  }

  /**
   * Accesses by the organisation's users outside their own caseload: emergency accesses and
   * accesses through the owning unit or without any relation. Newest first.
   */
  async outsideCaseload(
    user: AuthenticatedUser,
    query: AccessReviewPageQueryDto,
  ): Promise<Page<AuditEventDto>> {
    const p = new SqlParams();
    const where = `e.organisation_id = ${p.add(user.organisation.id)}
      AND e.occurred_at >= now() - ${p.add(query.days)}::int * interval '1 day'
      AND (e.emergency OR e.relation IN ('none', 'owning_unit'))`;
    const page = await this.eventsPage(where, p, query);
    const caseIds = unique(page.items.flatMap((e) => e.caseIds));
    // The cases may belong to other organisations, whose logs are not this reviewer's (D19).
    const owners = new Map(
      caseIds.length
        ? (
            await this.dataSource.query<{ id: string; owner: string }[]>(
              'SELECT id::text AS id, owning_organisation_id::text AS owner FROM cases WHERE id = ANY ($1)',
              [caseIds],
            )
          ).map((r) => [r.id, r.owner] as const)
        : [],
    );
    const actor = reviewActor(user);
    for (const e of page.items)
      e.caseAllowedActions = e.caseIds.map((id) => {
        const owner = owners.get(id);
        return owner !== undefined && mayReadCaseLog(actor, owner) ? [CaseAction.CaseLogRead] : [];
      });
    await this.audit.record(user, {
      action: AuditAction.AuditReview,
      caseIds,
      personIds: unique(page.items.flatMap((e) => e.personIds)),
    });
    return page;
  }

  /**
   * Administrative changes and sign-in events that concern the organisation (issue 16): those
   * its own users caused, and those anyone (a system administrator) caused to it, its units or
   * its users. Newest first; the look is itself recorded.
   */
  async adminEvents(
    user: AuthenticatedUser,
    query: AccessReviewPageQueryDto,
  ): Promise<Page<AuditEventDto>> {
    const p = new SqlParams();
    const org = p.add(user.organisation.id);
    const where = `e.occurred_at >= now() - ${p.add(query.days)}::int * interval '1 day'
      AND (e.target_kind IS NOT NULL OR e.action LIKE 'admin.%' OR e.action LIKE 'auth.%')
      AND (e.organisation_id = ${org}
        OR (e.target_kind = 'organisation' AND e.target_id = ${org})
        OR (e.target_kind = 'unit'
          AND EXISTS (SELECT 1 FROM units t WHERE t.id = e.target_id AND t.organisation_id = ${org}))
        OR (e.target_kind = 'user'
          AND EXISTS (SELECT 1 FROM users t WHERE t.id = e.target_id AND t.organisation_id = ${org})))`;
    const page = await this.eventsPage(where, p, query);
    await this.audit.record(user, { action: AuditAction.AuditReview });
    return page;
  }

  /**
   * Users of the organisation whose reads in the period exceed OUTLIER_FACTOR × the median of
   * the organisation's users who read at all (those who never read, such as administrators,
   * would pull the median to zero), and at least OUTLIER_MIN_READS. Refused attempts count too:
   * a burst of them is just as much worth a look.
   */
  async volumeOutliers(
    user: AuthenticatedUser,
    query: AccessReviewQueryDto,
  ): Promise<VolumeOutlierDto[]> {
    const rows = await this.dataSource.query<
      { user_id: string; user_name: string | null; reads: number; median: number }[]
    >(
      `WITH reads AS (
         SELECT e.user_id, count(*)::int AS reads FROM audit_events e
         WHERE e.organisation_id = $1 AND e.user_id IS NOT NULL
           AND e.occurred_at >= now() - $2::int * interval '1 day'
           AND e.action = ANY ($3::text[])
         GROUP BY e.user_id
       ), median AS (
         SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY reads) AS median FROM reads
       )
       SELECT r.user_id::text AS user_id, u.display_name AS user_name, r.reads,
              m.median::float8 AS median
       FROM reads r CROSS JOIN median m LEFT JOIN users u ON u.id = r.user_id
       WHERE r.reads >= $4 AND r.reads > $5 * m.median
       ORDER BY r.reads DESC, u.display_name, r.user_id`,
      [user.organisation.id, query.days, READ_ACTIONS, OUTLIER_MIN_READS, OUTLIER_FACTOR],
    );
    await this.audit.record(user, { action: AuditAction.AuditReview });
    return rows.map((r) => ({
      user: { id: r.user_id, displayName: r.user_name ?? '' },
      reads: r.reads,
      organisationMedian: r.median,
    }));
  }

  /**
   * The log tab of one case for the auditors of its owning organisation: every event that
   * names the case, whoever caused it, newest first.
   */
  async caseEvents(
    user: AuthenticatedUser,
    caseId: string,
    query: AuditEventQueryDto,
  ): Promise<Page<AuditEventDto>> {
    const [kase] = await this.dataSource.query<{ owning_organisation_id: string }[]>(
      'SELECT owning_organisation_id::text AS owning_organisation_id FROM cases WHERE id = $1',
      [caseId],
    );
    if (!kase)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No case has this id.');
    if (!mayReadCaseLog(reviewActor(user), kase.owning_organisation_id)) {
      await this.audit.record(user, {
        action: AuditAction.AccessDenied,
        outcome: 'denied',
        caseIds: [caseId],
      });
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        "Only the auditors of the case's owning organisation may read its log.",
      );
    }
    const p = new SqlParams();
    const where = [
      `e.case_ids @> ARRAY[${p.add(caseId)}]::uuid[]`,
      ...periodConditions(p, query.from, query.to),
    ].join(' AND ');
    const page = await this.eventsPage(where, p, query);
    await this.audit.record(user, {
      action: AuditAction.AuditCaseLog,
      caseIds: [caseId],
      personIds: unique(page.items.flatMap((e) => e.personIds)),
    });
    return page;
  }

  private async eventsPage(
    where: string,
    p: SqlParams,
    page: PageQueryDto,
  ): Promise<Page<AuditEventDto>> {
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM audit_events e WHERE ${where}`,
      p.values,
    );
    const limit = p.add(page.pageSize);
    const offset = p.add((page.page - 1) * page.pageSize);
    const rows = await this.dataSource.query<EventRow[]>(
      `${EVENT_SELECT} WHERE ${where} ORDER BY e.occurred_at DESC, e.id DESC
       LIMIT ${limit} OFFSET ${offset}`,
      p.values,
    );
    return { items: rows.map(toEventDto), total, page: page.page, pageSize: page.pageSize };
  }
}

/**
 * `from`/`to` as SQL conditions. A bare date means the whole Swedish calendar day (inclusive at
 * both ends); a timestamp is taken as given. `from` after `to` is a 400 rather than an empty page.
 */
export function periodConditions(
  p: SqlParams,
  from?: string,
  to?: string,
  column = 'e.occurred_at',
): string[] {
  if (from && to && startOf(from) > endOf(to))
    throw new ValidationFailedException([
      { field: 'to', code: 'notBeforeFrom', message: 'to must not be before from' },
    ]);
  const conditions: string[] = [];
  if (from)
    conditions.push(
      DATE_ONLY.test(from)
        ? `${column} >= (${p.add(from)}::date::timestamp AT TIME ZONE '${TIME_ZONE}')`
        : `${column} >= ${p.add(from)}::timestamptz`,
    );
  if (to)
    conditions.push(
      DATE_ONLY.test(to)
        ? `${column} < ((${p.add(to)}::date + 1)::timestamp AT TIME ZONE '${TIME_ZONE}')`
        : `${column} <= ${p.add(to)}::timestamptz`,
    );
  return conditions;
}

// Only to catch a reversed period; a day's exact bounds in Stockholm do not matter for that.
function startOf(value: string): number {
  return Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
}
function endOf(value: string): number {
  return Date.parse(DATE_ONLY.test(value) ? `${value}T23:59:59.999Z` : value);
}
