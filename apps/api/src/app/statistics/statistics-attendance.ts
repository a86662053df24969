import { OrganisationType, SipMeetingState } from '@samsyn/common';
import type { CountRow } from '@samsyn/domain';
import type { DataSource } from 'typeorm';

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
  /** `b`: the period buckets (key, s, e) from $1–$3. */
  buckets: string;
  /** `c`: the cases in the caller's scope and filters, from $4–$7. */
  cases: string;
}

/**
 * §7 of the Region–kommuner agreement (D11, issue 17 §2): the distinct units that took part in
 * a cooperation meeting held in each period, per kind of organisation. A SIP meeting counts when
 * it was not cancelled and its case is in scope; a koordinatorsgrupp meeting when a case in scope
 * was on its agenda — so the agreement, municipality, programme and owner filters apply to both
 * as to every other indicator. Counted in SQL: no row about a person or a user leaves it.
 */
export async function cooperationMeetingUnits(
  dataSource: DataSource,
  q: CooperationQuery,
): Promise<CountRow[]> {
  if (q.empty) return [];
  const rows = await dataSource.query<{ row: string; col: string; n: string }[]>(
    `WITH b AS (${q.buckets}), c AS (${q.cases}),
     met AS (
       SELECT b.key, a.unit_id, a.organisation_id
       FROM b JOIN sip_meetings m ON m.starts_at::date BETWEEN b.s AND b.e AND m.state = $8
       JOIN c ON c.id = m.case_id
       JOIN meeting_attendances a ON a.sip_meeting_id = m.id
       UNION ALL
       SELECT b.key, a.unit_id, a.organisation_id
       FROM b JOIN coordinator_group_meetings g ON g.held_on BETWEEN b.s AND b.e
       JOIN meeting_attendances a ON a.coordinator_group_meeting_id = g.id
       WHERE EXISTS (SELECT 1 FROM coordinator_group_agenda_items i JOIN c ON c.id = i.case_id
                     WHERE i.meeting_id = g.id))
     SELECT met.key AS row,
            CASE WHEN o.type::text = ANY ($9::text[]) THEN 'units_' || o.type::text
                 ELSE 'units_other' END AS col,
            count(DISTINCT met.unit_id) AS n
     FROM met JOIN organisations o ON o.id = met.organisation_id
     GROUP BY 1, 2`,
    [...q.base, SipMeetingState.Called, [...OWN_COLUMN]],
  );
  return rows.map((r) => ({ row: r.row, column: r.col, n: Number(r.n) }));
}
