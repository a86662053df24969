import type { PolicyActor, PolicyClock } from '@samsyn/domain';

/**
 * The access policy (libs/domain access-policy.ts, rules R2–R4 and R7) as one SQL condition on
 * a `cases` alias, so list and search endpoints filter in the database and their counts and
 * pages are right. It must agree with `decideCaseAccess`; the property-based e2e test
 * (access-property.e2e-spec.ts) checks that it does. R1 (role) is the route's permission check.
 *
 * Written as `id IN (union of candidate sets)` rather than OR-ed EXISTS so PostgreSQL can use
 * the per-user and per-unit indexes instead of probing every case.
 */
export function caseScopeCondition(alias: string): string {
  const consentInForce = `EXISTS (
      SELECT 1 FROM consents cs
      WHERE cs.case_id = sc.id AND cs.person_id = sc.subject_person_id
        AND :scopeOrgId = ANY (cs.recipient_organisation_ids)
        AND cs.given_on <= :scopeToday AND cs.valid_until >= :scopeToday
        AND NOT EXISTS (SELECT 1 FROM consent_withdrawals cw WHERE cw.consent_id = cs.id AND cw.withdrawn_at <= :scopeNow)
        AND NOT EXISTS (SELECT 1 FROM consents sup WHERE sup.supersedes_id = cs.id)
        AND EXISTS (SELECT 1 FROM unnest(cs.categories) AS cat(c) WHERE cat.c <> ALL (cs.excluded_categories)))`;
  const disclosureInForce = `EXISTS (
      SELECT 1 FROM disclosures d
      WHERE d.case_id = sc.id AND d.person_id = sc.subject_person_id
        AND d.recipient_organisation_id = :scopeOrgId AND d.valid_until >= :scopeToday)`;
  return `${alias}.id IN (
    SELECT sc.id FROM cases sc
      WHERE sc.owning_organisation_id = :scopeOrgId
        AND (sc.owning_unit_id = :scopeUnitId OR sc.handler_id = :scopeUserId)
    UNION
    SELECT sc.id FROM case_team_members tm JOIN cases sc ON sc.id = tm.case_id
      WHERE (tm.user_id = :scopeUserId OR tm.unit_id = :scopeUnitId)
        AND (sc.owning_organisation_id = :scopeOrgId OR ${consentInForce} OR ${disclosureInForce})
    UNION
    SELECT ea.case_id FROM emergency_accesses ea
      WHERE ea.user_id = :scopeUserId AND ea.expires_at > :scopeNow
  )`;
}

export function caseScopeParameters(actor: PolicyActor, clock: PolicyClock) {
  return {
    scopeUserId: actor.userId,
    scopeOrgId: actor.organisationId,
    scopeUnitId: actor.unitId,
    scopeToday: clock.today,
    scopeNow: clock.now,
  };
}
