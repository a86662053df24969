import type { PolicyActor, PolicyClock } from '@samsyn/domain';

/**
 * The access policy (libs/domain access-policy.ts, rules R2–R4 and R7) as SQL: the cases (id,
 * updated_at) the actor may open, so list and search endpoints filter in the database and their
 * counts and pages are right. R1 (role) is the route's permission check.
 *
 * It reads the precomputed scope `case_access` (one row per user or unit that may open a case,
 * with the row's validity), which database triggers keep in step with the facts in the same
 * transaction as every change (migration 1795472796637-CaseAccess). Time is applied here: a
 * consent counts from its given-on day to its valid-until day and until its withdrawal, a
 * disclosure until its valid-until day, an emergency grant until it expires. The property-based
 * e2e test (access-property.e2e-spec.ts) checks that lists agree with `decideCaseAccess`.
 *
 * The ids come from an index-only scan of `case_access` (its index covers the validity columns)
 * as an array, so the cases are then read by primary key: with `IN (subquery)` PostgreSQL
 * chose to hash-join a scan of every open case instead.
 * `bind` turns a value into a placeholder of the caller's query.
 */
export function caseScopeSql(
  actor: PolicyActor,
  clock: PolicyClock,
  bind: (value: unknown) => string,
  /** The list's own filters on the `sc` alias. */
  filters: readonly string[] = [],
): string {
  const principals = [actor.userId, ...(actor.unitId ? [actor.unitId] : [])];
  const today = bind(clock.today);
  const now = bind(clock.now);
  const and = filters.map((f) => ` AND ${f}`).join('');
  return `
    SELECT sc.id, sc.updated_at FROM cases sc
      WHERE sc.id = ANY (ARRAY(
        SELECT ca.case_id FROM case_access ca
        WHERE ca.principal_id = ANY (${bind(principals)}::uuid[])
          AND (ca.valid_from IS NULL OR ca.valid_from <= ${today}::date)
          AND (ca.valid_until IS NULL OR ca.valid_until >= ${today}::date)
          AND (ca.expires_at IS NULL OR ca.expires_at > ${now})))${and}`;
}

/** Positional parameters for a raw query: `bind(value)` returns `$n`. */
export function positionalParameters(): { values: unknown[]; bind: (value: unknown) => string } {
  const values: unknown[] = [];
  return { values, bind: (value) => `$${values.push(value)}` };
}
