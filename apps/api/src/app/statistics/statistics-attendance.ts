import { OrganisationType } from '@samsyn/common';
import type { CountRow } from '@samsyn/domain';

/**
 * The agreement's parties, each kind a column of its own; every other agency (police, Frivård,
 * school …) is `units_other`. Three columns, not one per kind: four cells of 1 in a row of total
 * 4 is a pattern the small-counts rule cannot protect (each "< 5" would be exactly 1), and with
 * the few units of a county such rows are common.
 */
const OWN_COLUMN: readonly OrganisationType[] = [
  OrganisationType.Region,
  OrganisationType.Municipality,
];

/**
 * The columns of the cooperation meeting indicator: units per kind of organisation. A unit
 * belongs to one organisation, so the columns are parts of one whole: the row total is the
 * number of distinct units.
 */
export const COOPERATION_UNIT_COLUMNS: readonly string[] = [
  ...OWN_COLUMN.map((t) => `units_${t}`),
  'units_other',
];

/** What the statistics service's queries share: parameters $1–$7 and their SQL fragments. */
export interface CooperationQuery {
  /** $1–$7 of statistics.service.ts (periods, municipalities, owner, programmes, parties). */
  base: unknown[];
  /** No period or no programme: nothing to count. */
  empty: boolean;
  /** `b`: the period buckets (key, s, e, i) from $1–$3. */
  buckets: string;
  /** The scoped cases' counted records (case_statistic_events), from $4–$7. */
  events: string;
  /** The number of the period a day falls in, or null. */
  bucketOf: (day: string) => string;
  /** The first period's first day and the last one's last, as SQL. */
  lo: string;
  hi: string;
}

/**
 * §7 of the Region–kommuner agreement (D11, issue 17 §2): the distinct units that took part in
 * a cooperation meeting held in each period, per kind of organisation. A SIP meeting counts when
 * it was not cancelled and its case is in scope; a koordinatorsgrupp meeting when a case in scope
 * was on its agenda — so the agreement, municipality, programme and owner filters apply to both
 * as to every other indicator. Each attendance is an `attendance` record of every case it counts
 * for (case-statistics-sql.ts); counted in SQL: no row about a person or a user leaves it.
 */
export async function cooperationMeetingUnits(
  run: <T>(sql: string, params: unknown[]) => Promise<T[]>,
  q: CooperationQuery,
): Promise<CountRow[]> {
  if (q.empty) return [];
  const rows = await run<{ row: string; col: string; n: string }>(
    `WITH b AS (${q.buckets}), ev AS (${q.events}),
     -- Each unit once per period (distinct by hashing, not a sort).
     met AS (
       SELECT ${q.bucketOf('x.day')} AS i, x.unit_id, x.organisation_id
       FROM ev x WHERE x.kind = 'attendance' AND x.day BETWEEN ${q.lo} AND ${q.hi}
       GROUP BY 1, 2, 3)
     SELECT b.key AS row,
            CASE WHEN o.type::text = ANY ($8::text[]) THEN 'units_' || o.type::text
                 ELSE 'units_other' END AS col,
            count(*) AS n
     FROM met JOIN b ON b.i = met.i JOIN organisations o ON o.id = met.organisation_id
     GROUP BY 1, 2`,
    [...q.base, [...OWN_COLUMN]],
  );
  return rows.map((r) => ({ row: r.row, column: r.col, n: Number(r.n) }));
}
