import type { PolicyActor, PolicyClock } from '@samsyn/domain';

/**
 * The access policy (libs/domain access-policy.ts, rules R2–R4 and R7) as SQL: the cases (id,
 * updated_at) the actor may open, so list and search endpoints filter in the database and their
 * counts and pages are right. R1 (role) is the route's permission check.
 *
 * It reads the precomputed scope `case_access` (one row per user or unit that may open a case,
 * with the row's validity and the case's `closed` and `updated_at`), which database triggers
 * keep in step with the facts in the same transaction as every change (migration
 * 1795475428611-CaseAccess). Time is applied here: a consent counts from its given-on day to its
 * valid-until day and until its withdrawal, a disclosure until its valid-until day, an emergency
 * grant until it expires. The property-based e2e test (access-property.e2e-spec.ts) checks that
 * lists agree with `decideCaseAccess`, and that the table equals a recomputation.
 *
 * The default caseload (open cases, newest first) is answered from the table's index alone;
 * other filters (on the `sc` alias) look the remaining cases up by primary key.
 * `bind` turns a value into a placeholder of the caller's query.
 */
export function caseScopeSql(
  actor: PolicyActor,
  clock: PolicyClock,
  bind: (value: unknown) => string,
  options: { openOnly: boolean; filters?: readonly string[] },
): string {
  const principals = [actor.userId, ...(actor.unitId ? [actor.unitId] : [])];
  const filters = options.filters ?? [];
  const caseFilter = filters.length
    ? ` AND EXISTS (SELECT 1 FROM cases sc WHERE sc.id = ca.case_id AND ${filters.join(' AND ')})`
    : '';
  return `
    SELECT ca.case_id AS id, max(ca.case_updated_at) AS updated_at FROM case_access ca
      WHERE ca.principal_id = ANY (${bind(principals)}::uuid[])${options.openOnly ? ' AND ca.case_closed = false' : ''}
        AND (ca.valid_from IS NULL OR ca.valid_from <= ${bind(clock.today)}::date)
        AND (ca.valid_until IS NULL OR ca.valid_until >= ${bind(clock.today)}::date)
        AND (ca.expires_at IS NULL OR ca.expires_at > ${bind(clock.now.toISOString())}::timestamptz)${caseFilter}
      GROUP BY ca.case_id`;
}

/** Positional parameters for a raw query: `bind(value)` returns `$n`. */
export function positionalParameters(): { values: unknown[]; bind: (value: unknown) => string } {
  const values: unknown[] = [];
  return { values, bind: (value) => `$${values.push(value)}` };
}
