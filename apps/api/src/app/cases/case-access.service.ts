import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  AccessDenialReason,
  AuditAction,
  ErrorCode,
  type InformationCategory,
} from '@samsyn/common';
import {
  allowedCaseActions,
  type CaseDecision,
  caseActionRefusal,
  type CaseRight,
  type CaseWorkAction,
  decideCaseAccess,
  isCaseWorkAction,
  isClosedStatus,
  type PolicyActor,
  type PolicyCase,
  type PolicyClock,
  type PolicyConsent,
  type PolicyDisclosure,
  type PolicyMembership,
  type ProgrammeDefinition,
  type ProgrammeRegistry,
  rightRefusal,
  swedishDate,
} from '@samsyn/domain';
import { CaseEntity } from '@samsyn/server';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditedDenial } from '../audit/audit-denials.interceptor';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';
import { positionalParameters } from './case-scope';
import { PROGRAMMES } from './programmes.provider';

export interface CaseAccess {
  kase: CaseEntity;
  programme: ProgrammeDefinition;
  decision: CaseDecision;
  facts: PolicyCase;
}

/** The rights other features still ask for; case actions go through `CASE_ACTION_RIGHT`. */
export type { CaseRight } from '@samsyn/domain';

export function actorOf(user: AuthenticatedUser): PolicyActor {
  return {
    userId: user.id,
    organisationId: user.organisation.id,
    unitId: user.unit?.id ?? null,
    roles: user.roles,
  };
}

export function clockNow(now = new Date()): PolicyClock {
  return { now, today: swedishDate(now) };
}

interface ConsentRow {
  id: string;
  case_id: string;
  person_id: string;
  recipient_organisation_ids: string[];
  categories: InformationCategory[];
  excluded_categories: InformationCategory[];
  given_on: string;
  valid_until: string;
  /** Epoch milliseconds. */
  withdrawn_at: number | null;
  superseded: boolean;
}

/** One round trip's facts for `decideMany` (see `factsFor`). */
export interface CaseFacts {
  memberships: { case_id: string; case_role: string; protected_identity_access: boolean }[];
  consents: ConsentRow[];
  disclosures: {
    id: string;
    case_id: string;
    person_id: string;
    recipient_organisation_id: string;
    categories: InformationCategory[];
    valid_until: string;
  }[];
  /** The latest unexpired emergency grant per case, epoch milliseconds. */
  emergencies: { case_id: string; expires_at: number }[];
}

/** The facts of one case, as the policy reads them. */
interface OwnFacts {
  memberships: PolicyMembership[];
  consents: PolicyConsent[];
  disclosures: PolicyDisclosure[];
  /** Epoch milliseconds. */
  emergencyUntil?: number;
}

/** The facts of a page, per case: one pass over each kind rather than one per case. */
function groupFacts(facts: CaseFacts): Map<string, OwnFacts> {
  const byCase = new Map<string, OwnFacts>();
  const of = (caseId: string) => {
    let own = byCase.get(caseId);
    if (!own) byCase.set(caseId, (own = { memberships: [], consents: [], disclosures: [] }));
    return own;
  };
  for (const m of facts.memberships)
    of(m.case_id).memberships.push({
      caseRole: m.case_role,
      protectedIdentityAccess: m.protected_identity_access,
    });
  for (const c of facts.consents)
    of(c.case_id).consents.push({
      id: c.id,
      personId: c.person_id,
      recipientOrganisationIds: c.recipient_organisation_ids,
      categories: c.categories,
      excludedCategories: c.excluded_categories,
      givenOn: c.given_on,
      validUntil: c.valid_until,
      withdrawnAt: c.withdrawn_at === null ? null : new Date(c.withdrawn_at),
      superseded: c.superseded,
    });
  for (const d of facts.disclosures)
    of(d.case_id).disclosures.push({
      id: d.id,
      personId: d.person_id,
      recipientOrganisationId: d.recipient_organisation_id,
      categories: d.categories,
      validUntil: d.valid_until,
    });
  for (const e of facts.emergencies) of(e.case_id).emergencyUntil = e.expires_at;
  return byCase;
}

/**
 * The SELECT list that loads the policy's facts for the cases `ids` (an SQL expression of their
 * ids: a bound uuid[], or a sub-select of a list's page) as four JSON arrays, times as epoch
 * milliseconds (what a JS Date holds): the actor's team memberships, the consents (with their
 * withdrawal and whether a newer record supersedes them), the disclosures and the actor's
 * unexpired emergency grants. One round trip; a list adds it to its page query.
 */
export function caseFactsColumns(
  ids: string,
  actor: PolicyActor,
  clock: PolicyClock,
  bind: (value: unknown) => string,
): string {
  const user = bind(actor.userId);
  const unit = bind(actor.unitId);
  return `
     (SELECT coalesce(json_agg(m), '[]') FROM (
        SELECT case_id, case_role, protected_identity_access FROM case_team_members
        WHERE case_id = ANY (${ids}) AND (user_id = ${user} OR unit_id = ${unit})) m) AS memberships,
     (SELECT coalesce(json_agg(c), '[]') FROM (
        SELECT c.id, c.case_id, c.person_id, c.recipient_organisation_ids, c.categories,
               c.excluded_categories, to_char(c.given_on, 'YYYY-MM-DD') AS given_on,
               to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until,
               floor(extract(epoch FROM w.withdrawn_at) * 1000) AS withdrawn_at,
               EXISTS (SELECT 1 FROM consents s WHERE s.supersedes_id = c.id) AS superseded
        FROM consents c LEFT JOIN consent_withdrawals w ON w.consent_id = c.id
        WHERE c.case_id = ANY (${ids})) c) AS consents,
     (SELECT coalesce(json_agg(d), '[]') FROM (
        SELECT id, case_id, person_id, recipient_organisation_id, categories,
               to_char(valid_until, 'YYYY-MM-DD') AS valid_until
        FROM disclosures WHERE case_id = ANY (${ids})) d) AS disclosures,
     (SELECT coalesce(json_agg(e), '[]') FROM (
        SELECT case_id, floor(extract(epoch FROM max(expires_at)) * 1000) AS expires_at
        FROM emergency_accesses
        WHERE case_id = ANY (${ids}) AND user_id = ${user}
          AND expires_at > ${bind(clock.now.toISOString())}::timestamptz
        GROUP BY case_id) e) AS emergencies`;
}

/**
 * Loads the facts the access policy decides on (team memberships, consents, disclosures,
 * emergency grants) and applies it: the one door every case feature goes through.
 */
@Injectable()
export class CaseAccessService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PROGRAMMES) private readonly programmes: ProgrammeRegistry,
  ) {}

  programme(code: string): ProgrammeDefinition {
    const programme = this.programmes.get(code);
    if (!programme) throw new Error(`case uses unknown programme ${code}`);
    return programme;
  }

  /**
   * Decisions for many cases in one query (lists decorate their page with it). A list that has
   * already loaded the facts (the caseload's page query selects `caseFactsColumns`), or started
   * `factsFor` alongside its own load, passes them as `preloaded`: no round trip of their own.
   */
  async decideMany(
    user: AuthenticatedUser,
    cases: readonly CaseEntity[],
    clock = clockNow(),
    em: EntityManager = this.dataSource.manager,
    preloaded?: CaseFacts | Promise<CaseFacts>,
  ): Promise<Map<string, { decision: CaseDecision; facts: PolicyCase }>> {
    const result = new Map<string, { decision: CaseDecision; facts: PolicyCase }>();
    if (!cases.length) return result;
    const actor = actorOf(user);
    const facts = await (preloaded ??
      this.factsFor(
        user,
        cases.map((c) => c.id),
        clock,
        em,
      ));
    const byCase = groupFacts(facts);
    for (const kase of cases) {
      const own = byCase.get(kase.id);
      const emergencyUntil = own?.emergencyUntil;
      const policyCase: PolicyCase = {
        programme: this.programme(kase.programme),
        owningOrganisationId: kase.owningOrganisationId,
        owningUnitId: kase.owningUnitId,
        handlerId: kase.handlerId,
        closed: kase.closed,
        subjectPersonId: kase.subjectPersonId,
        memberships: own?.memberships ?? [],
        consents: own?.consents ?? [],
        disclosures: own?.disclosures ?? [],
        emergencyUntil: emergencyUntil === undefined ? null : new Date(emergencyUntil),
      };
      result.set(kase.id, {
        decision: decideCaseAccess(actor, policyCase, clock),
        facts: policyCase,
      });
    }
    return result;
  }

  /**
   * The facts the policy decides on for `ids`, in ONE round trip (`caseFactsColumns`): four
   * queries (four socket writes, four result parses) were a large part of a list's cost.
   */
  async factsFor(
    user: AuthenticatedUser,
    ids: readonly string[],
    clock: PolicyClock,
    em: EntityManager = this.dataSource.manager,
  ): Promise<CaseFacts> {
    const { values, bind } = positionalParameters();
    const [row] = await em.query<CaseFacts[]>(
      `SELECT ${caseFactsColumns(bind(ids), actorOf(user), clock, bind)}`,
      values,
    );
    return row;
  }

  /**
   * The caller's access to one case, or a 404 (unknown case) / 403 (denied, audited). `need` is
   * the case action the request takes (decided by `caseActionRefusal`, the same function that
   * lists the case's `allowedActions`) or, for features without their own action yet, a right.
   * With `lock`, the case row is locked for the rest of the transaction `em`.
   */
  async require(
    user: AuthenticatedUser,
    caseId: string,
    need: CaseRight | CaseWorkAction,
    options: { em?: EntityManager; lock?: boolean } = {},
  ): Promise<CaseAccess> {
    const em = options.em ?? this.dataSource.manager;
    const clock = clockNow();
    // Outside a transaction the facts load alongside the case; inside one, after its row lock.
    const preloaded = options.em ? undefined : this.factsFor(user, [caseId], clock);
    preloaded?.catch(() => undefined);
    const kase = await em.findOne(CaseEntity, {
      where: { id: caseId },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!kase)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No case has this id.');
    const decided = (await this.decideMany(user, [kase], clock, em, preloaded)).get(kase.id);
    if (!decided) throw new Error('decision missing');
    const { decision, facts } = decided;
    const reason = isCaseWorkAction(need)
      ? caseActionRefusal(need, decision, user, kase)
      : rightRefusal(decision, kase, need);
    if (reason) {
      // Audited by AuditDenialsInterceptor once the caller's transaction has rolled back.
      throw new AuditedDenial(
        new ApiException(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, DENIAL_TEXT[reason], {
          // What the caller may do instead (emergency access, when the policy keeps them out).
          details: { reason, allowedActions: allowedCaseActions(decision, user, kase) },
        }),
        {
          action: AuditAction.AccessDenied,
          outcome: 'denied',
          caseIds: [kase.id],
          relation: decision.relation,
        },
      );
    }
    return { kase, programme: facts.programme, decision, facts };
  }

  /**
   * The case with this number and the caller's decision on it, or null when no case has it.
   * Callers that must not tell "no such case" from "not yours" (issue 18 §7) treat a refusal as
   * null. The facts are loaded by the number, not by the found id, so a number without a case
   * costs the same round trips as a case the caller may not see: alongside the case outside a
   * transaction, after it inside one (`em`).
   */
  async findByNumber(
    user: AuthenticatedUser,
    number: string,
    em?: EntityManager,
  ): Promise<CaseAccess | null> {
    const clock = clockNow();
    const { values, bind } = positionalParameters();
    const ids = `ARRAY(SELECT id FROM cases WHERE number = ${bind(number)})`;
    const loadFacts = () =>
      (em ?? this.dataSource.manager)
        .query<CaseFacts[]>(`SELECT ${caseFactsColumns(ids, actorOf(user), clock, bind)}`, values)
        .then(([row]) => row);
    const preloaded = em ? undefined : loadFacts();
    preloaded?.catch(() => undefined);
    const kase = await (em ?? this.dataSource.manager).findOneBy(CaseEntity, { number });
    const facts = await (preloaded ?? loadFacts());
    if (!kase) return null;
    const decided = (await this.decideMany(user, [kase], clock, em, facts)).get(kase.id);
    if (!decided) throw new Error('decision missing');
    return { kase, programme: decided.facts.programme, ...decided };
  }

  /** Case ids among `ids` that the caller may open (for linked cases). */
  async visibleAmong(user: AuthenticatedUser, ids: readonly string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const decided = await this.decideMany(
      user,
      await this.dataSource.manager.findBy(CaseEntity, { id: In([...ids]) }),
    );
    return new Set([...decided].filter(([, d]) => d.decision.allowed).map(([id]) => id));
  }

  isClosed(programme: ProgrammeDefinition, status: string): boolean {
    return isClosedStatus(programme, status);
  }
}

const DENIAL_TEXT: Record<AccessDenialReason, string> = {
  [AccessDenialReason.RoleNotPermitted]: 'Your role does not take part in case work.',
  [AccessDenialReason.NoRelation]:
    'You have no relation to this case. Ask its handler to add you to the team, or request emergency access with a reason.',
  [AccessDenialReason.NoConsent]:
    'No consent or recorded legal basis currently lets your organisation see this case.',
  [AccessDenialReason.NotOwner]: 'Only the owning organisation may change this.',
  [AccessDenialReason.CaseClosed]: 'The case is closed; reopen it first.',
};
