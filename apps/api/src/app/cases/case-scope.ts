import type { PolicyActor, PolicyClock } from '@samsyn/domain';

/**
 * The access policy (libs/domain access-policy.ts, rules R2–R4 and R7) as SQL: the cases (id,
 * updated_at) the actor may open, so list and search endpoints filter in the database and their counts
 * and pages are right. It must agree with `decideCaseAccess`; the property-based e2e test
 * (access-property.e2e-spec.ts) checks that it does. R1 (role) is the route's permission check.
 *
 * A union of candidate sets, each served by an index (owning unit, handler, team member by user
 * or unit, emergency grants by user), rather than OR-ed EXISTS that would probe every case.
 * `bind` turns a value into a placeholder of the caller's query.
 */
export function caseScopeSql(
  actor: PolicyActor,
  clock: PolicyClock,
  bind: (value: unknown) => string,
  /** The list's own filters on the `sc` alias, pushed into every branch. */
  filters: readonly string[] = [],
): string {
  const and = filters.map((f) => ` AND ${f}`).join('');
  const user = bind(actor.userId);
  const org = bind(actor.organisationId);
  const unit = bind(actor.unitId);
  const today = bind(clock.today);
  const now = bind(clock.now);
  const consentInForce = `EXISTS (
      SELECT 1 FROM consents cs
      WHERE cs.case_id = sc.id AND cs.person_id = sc.subject_person_id
        AND ${org}::uuid = ANY (cs.recipient_organisation_ids)
        AND cs.given_on <= ${today}::date AND cs.valid_until >= ${today}::date
        AND NOT EXISTS (SELECT 1 FROM consent_withdrawals cw WHERE cw.consent_id = cs.id AND cw.withdrawn_at <= ${now})
        AND NOT EXISTS (SELECT 1 FROM consents sup WHERE sup.supersedes_id = cs.id)
        AND EXISTS (SELECT 1 FROM unnest(cs.categories) AS cat(c) WHERE cat.c <> ALL (cs.excluded_categories)))`;
  const disclosureInForce = `EXISTS (
      SELECT 1 FROM disclosures d
      WHERE d.case_id = sc.id AND d.person_id = sc.subject_person_id
        AND d.recipient_organisation_id = ${org} AND d.valid_until >= ${today}::date)`;
  return `
    SELECT sc.id, sc.updated_at FROM cases sc
      WHERE sc.owning_organisation_id = ${org}
        AND (sc.owning_unit_id = ${unit} OR sc.handler_id = ${user})${and}
    UNION
    SELECT sc.id, sc.updated_at FROM case_team_members tm JOIN cases sc ON sc.id = tm.case_id
      WHERE (tm.user_id = ${user} OR tm.unit_id = ${unit})${and}
        AND (sc.owning_organisation_id = ${org} OR ${consentInForce} OR ${disclosureInForce})
    UNION
    SELECT sc.id, sc.updated_at FROM emergency_accesses ea JOIN cases sc ON sc.id = ea.case_id
      WHERE ea.user_id = ${user} AND ea.expires_at > ${now}${and}`;
}

/** Positional parameters for a raw query: `bind(value)` returns `$n`. */
export function positionalParameters(): { values: unknown[]; bind: (value: unknown) => string } {
  const values: unknown[] = [];
  return { values, bind: (value) => `$${values.push(value)}` };
}
