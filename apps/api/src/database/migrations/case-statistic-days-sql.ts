/**
 * The SQL of migration 1796800000000-CaseStatisticDays: the statistics page's counts per day and
 * per month, so that an indicator reads a few hundred thousand small rows instead of computing
 * on each of a county's million cases (issue 17, speed: under 1 s at 1 000 000 cases).
 *
 * Every case fact (`case_statistics`) and counted record (`case_statistic_events`) contributes
 * rows (kind, category, edge, day, value) — each counted 1 — with the case's scope (programme,
 * municipality, owner) copied:
 *
 * - An **interval** [a, b] during which the case counts (a case open from opened_on to closed_on;
 *   open with a SIP from the later of its opening and its first SIP; a Trygga hem priority from
 *   referral to leaving or closing; each form of violence of a SIP case while the case is open)
 *   is an edge 's' on day a and an edge 'e' on day b (none while it lasts). The number active in
 *   a period [s, e] is the edges 's' on or before e less the edges 'e' before s. An interval
 *   that ends before it starts (b < a, bad data) is one edge 'x' on day b with value a − b
 *   instead of its 'e': it is subtracted where b < s and a ≤ e.
 * - A **point** 'p' is counted in the period of its day: the SIP request (D10: days to the first
 *   kallelse, to the first meeting held and to the first agreed plan, as `value`), discharge
 *   readiness (days to the first kallelse), and each Trygga hem notification, control measure,
 *   offer (category: its uptake) and incident (category: repeat or not). A D10 value that does not
 *   exist yet (no kallelse) is NO_VALUE.
 *
 * Indicator queries sum these rows per period (statistics-queries.ts). As all boundaries of the
 * page's periods are the first days of months except the first period's start and the last
 * one's end, whole months are read from `case_statistic_months` (the same rows, per month) and
 * only the first and last month and the days the deadlines make depend on today are read per day
 * from `case_statistic_days`.
 *
 * **Writes never wait for each other here.** `samsyn_case_statistics_refresh` appends the change
 * of a case's contributions (new less old, per row) to `case_statistic_day_changes`, with no row
 * lock on shared counts. `samsyn_case_statistics_compact()` folds the changes into the day and
 * month counts; the statistics service calls it before it reads (one compaction at a time; a
 * reader that finds one running reads the changes beside the counts instead), so the changes
 * table stays small. A reader sums counts and changes in one snapshot: what has been committed
 * counts, once.
 */

import { REFRESH_PARTS } from './case-statistics-sql';

/** The D10 value of a point whose event has not happened (no kallelse, no meeting held). */
export const NO_VALUE = -99999;

/** The columns of a contribution row, in the tables' order. */
export const DAY_COLUMNS =
  'programme, municipality_code, owning_organisation_id, kind, category, edge, day, value';

const keyColumns = (day: string) => `
     "programme" character varying(30) NOT NULL,
     "municipality_code" character varying(4) NOT NULL,
     "owning_organisation_id" uuid NOT NULL,
     "kind" character varying(20) NOT NULL,
     "category" character varying(40) NOT NULL,
     "edge" character(1) NOT NULL,
     "${day}" date NOT NULL,
     "value" integer NOT NULL,
     "n" bigint NOT NULL`;

export const CREATE_TABLES = [
  `CREATE TABLE "case_statistic_days" (${keyColumns('day')},
     CONSTRAINT "PK_case_statistic_days" PRIMARY KEY
       ("day", "programme", "municipality_code", "owning_organisation_id", "kind", "category", "edge", "value")
   )`,
  // Bad-data intervals ('x') are read whatever their day.
  `CREATE INDEX "IDX_case_statistic_days_inverted" ON "case_statistic_days" ("day") WHERE "edge" = 'x'`,
  `CREATE TABLE "case_statistic_months" (${keyColumns('month')},
     CONSTRAINT "PK_case_statistic_months" PRIMARY KEY
       ("month", "programme", "municipality_code", "owning_organisation_id", "kind", "category", "edge", "value")
   )`,
  // The records still read one by one (units at meetings, forms of incidents): index-only scans
  // of their kind's rows in the period.
  `CREATE INDEX "IDX_case_statistic_events_attendance" ON "case_statistic_events" ("day")
     INCLUDE ("programme", "municipality_code", "owning_organisation_id", "unit_id", "organisation_id")
     WHERE "kind" = 'attendance'`,
  `CREATE INDEX "IDX_case_statistic_events_incident" ON "case_statistic_events" ("day")
     INCLUDE ("programme", "municipality_code", "owning_organisation_id", "case_id", "violence_forms",
              "case_sip_forms", "case_opened_on", "case_closed_on")
     WHERE "kind" = 'incident'`,
  `CREATE TABLE "case_statistic_day_changes" (
     "id" bigserial NOT NULL, ${keyColumns('day')},
     CONSTRAINT "PK_case_statistic_day_changes" PRIMARY KEY ("id")
   )`,
];

/**
 * One interval's edges: 's' on a, and 'e' on b (or 'x' on b with a − b when b < a), when `when`
 * holds (GREATEST and LEAST skip nulls: a bound made of them needs its parts checked here).
 */
const interval = (kind: string, category: string, a: string, b: string, when = 'true') => `
  SELECT '${kind}', ${category}, 's', ${a}, 0 WHERE ${a} IS NOT NULL AND ${when}
  UNION ALL SELECT '${kind}', ${category}, CASE WHEN ${b} < ${a} THEN 'x' ELSE 'e' END, ${b},
                   CASE WHEN ${b} < ${a} THEN ${a} - ${b} ELSE 0 END
            WHERE ${a} IS NOT NULL AND ${b} IS NOT NULL AND ${when}`;

/**
 * The contributions of the case facts in relation `rel` (case_statistics' columns) with count
 * `n`: (scope, kind, category, edge, day, value, n). Programme codes are not written here: the
 * queries say which programmes count (violence: the Trygga hem programmes, and SIP cases whose
 * category — violence_related — is 'true'; SIP details, and so violence_related, exist on SIP
 * cases only).
 */
export function caseContributions(rel: string, n: string): string {
  const sipOn = `LEAST(CASE WHEN c.violence_related THEN c.first_called_on END, c.linked_sip_on)`;
  const violence = `coalesce(c.violence_related::text, '')`;
  const point = (kind: string, day: string, value: string, when = 'true') =>
    `SELECT '${kind}', '', 'p', ${day}, ${value} WHERE ${day} IS NOT NULL AND ${when}`;
  return `
  SELECT c.programme, c.municipality_code, c.owning_organisation_id,
         k.kind, k.category, k.edge, k.day, k.value, ${n} AS n
  FROM ${rel} c CROSS JOIN LATERAL (
    ${interval('case', violence, 'c.opened_on', 'c.closed_on')}
    UNION ALL ${interval('with_sip', violence, `GREATEST(c.opened_on, ${sipOn})`, 'c.closed_on', `${sipOn} IS NOT NULL`)}
    UNION ALL ${interval('priority', 'c.priority', 'c.referred_on', 'LEAST(c.left_on, c.closed_on)', 'c.priority IS NOT NULL')}
    UNION ALL SELECT f.kind, f.category, f.edge, f.day, f.value FROM (
      SELECT DISTINCT unnest(c.violence_forms) AS form) ff CROSS JOIN LATERAL (
      ${interval('form', 'ff.form', 'c.opened_on', 'c.closed_on')}) f(kind, category, edge, day, value)
    UNION ALL ${point('summons', 'c.discharge_ready_on', `coalesce(c.first_called_on - c.discharge_ready_on, ${NO_VALUE})`)}
    UNION ALL ${point('first_meeting', 'c.requested_on', `coalesce(c.first_held_on - c.requested_on, ${NO_VALUE})`)}
    UNION ALL ${point('to_summons', 'c.requested_on', 'c.first_called_on - c.requested_on', 'c.first_called_on IS NOT NULL')}
    UNION ALL ${point('to_agreed_plan', 'c.requested_on', 'c.first_agreed_on - c.requested_on', 'c.first_agreed_on IS NOT NULL')}
  ) k(kind, category, edge, day, value)`;
}

/** The kinds of case_statistic_events counted per day here (the others are read per record). */
export const COUNTED_EVENT_KINDS = `('notification', 'control_measure', 'offer', 'incident')`;

/** The contributions of the counted records in relation `rel` (case_statistic_events' columns). */
export function eventContributions(rel: string, n: string): string {
  return `
  SELECT e.programme, e.municipality_code, e.owning_organisation_id, e.kind,
         coalesce(e.uptake, e.repeat::text, '') AS category, 'p' AS edge, e.day, 0 AS value, ${n} AS n
  FROM ${rel} e WHERE e.kind IN ${COUNTED_EVENT_KINDS}`;
}

/** The changes of the cases' contributions: new rows (+1) less old ones (−1), per row, non-zero. */
const appendChanges = (parts: string) => `
  INSERT INTO case_statistic_day_changes (${DAY_COLUMNS}, n)
  SELECT ${DAY_COLUMNS}, sum(n) FROM (${parts}) d
  GROUP BY ${DAY_COLUMNS} HAVING sum(n) <> 0`;

/** Fills the day and month counts from all facts (the full refresh; no other writer runs). */
const FILL_ALL = `
    DELETE FROM case_statistic_day_changes;
    DELETE FROM case_statistic_days;
    DELETE FROM case_statistic_months;
    INSERT INTO case_statistic_days (${DAY_COLUMNS}, n)
    SELECT ${DAY_COLUMNS}, sum(n) FROM (
      ${caseContributions('case_statistics', '1')}
      UNION ALL ${eventContributions('case_statistic_events', '1')}) d
    GROUP BY ${DAY_COLUMNS};
    INSERT INTO case_statistic_months (programme, municipality_code, owning_organisation_id, kind, category, edge, month, value, n)
    SELECT programme, municipality_code, owning_organisation_id, kind, category, edge,
           date_trunc('month', day)::date, value, sum(n)
    FROM case_statistic_days GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;`;

/**
 * Replaces the given cases' facts with what the source views say (all cases if ids is null), as
 * migration 1796700000000 did, and appends the change of their day contributions.
 */
export const REFRESH_FUNCTION = `
CREATE OR REPLACE FUNCTION samsyn_case_statistics_refresh(ids uuid[], take_locks boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  cid uuid;
  old_facts case_statistics[];
  old_events case_statistic_events[];
BEGIN
  IF ids IS NULL THEN${REFRESH_PARTS.all}
    ${FILL_ALL}
    RETURN;
  END IF;${REFRESH_PARTS.lock}
  old_facts := ARRAY(SELECT c FROM case_statistics c WHERE c.case_id = ANY (ids));
  old_events := ARRAY(SELECT e FROM case_statistic_events e
                      WHERE e.case_id = ANY (ids) AND e.kind IN ${COUNTED_EVENT_KINDS});${REFRESH_PARTS.cases}
  ${appendChanges(`
    ${caseContributions('unnest(old_facts)', '-1')}
    UNION ALL ${caseContributions('(SELECT * FROM case_statistics WHERE case_id = ANY (ids))', '1')}
    UNION ALL ${eventContributions('unnest(old_events)', '-1')}
    UNION ALL ${eventContributions('(SELECT * FROM case_statistic_events WHERE case_id = ANY (ids))', '1')}`)};
END $$`;

/**
 * Folds the appended changes into the day and month counts, when no other compaction runs (it
 * returns false then, and the caller reads the changes beside the counts). Only this function
 * writes the counts, one call at a time, so its upserts wait for no writer. Counts that fall to
 * zero stay (harmless to a sum; the keys are bounded by scopes × days).
 */
export const COMPACT_FUNCTION = `
CREATE FUNCTION samsyn_case_statistics_compact() RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('case-statistics:compact')) THEN
    RETURN false;
  END IF;
  WITH moved AS (DELETE FROM case_statistic_day_changes RETURNING ${DAY_COLUMNS}, n),
  sums AS (SELECT ${DAY_COLUMNS}, sum(n) AS n FROM moved GROUP BY ${DAY_COLUMNS} HAVING sum(n) <> 0),
  days AS (
    INSERT INTO case_statistic_days AS t (${DAY_COLUMNS}, n)
    SELECT ${DAY_COLUMNS}, n FROM sums ORDER BY day
    ON CONFLICT (day, programme, municipality_code, owning_organisation_id, kind, category, edge, value)
    DO UPDATE SET n = t.n + EXCLUDED.n)
  INSERT INTO case_statistic_months AS t (programme, municipality_code, owning_organisation_id, kind, category, edge, month, value, n)
  SELECT programme, municipality_code, owning_organisation_id, kind, category, edge,
         date_trunc('month', day)::date, value, sum(n)
  FROM sums GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (month, programme, municipality_code, owning_organisation_id, kind, category, edge, value)
  DO UPDATE SET n = t.n + EXCLUDED.n;
  RETURN true;
END $$`;
