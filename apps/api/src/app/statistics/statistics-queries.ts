/*
 * The SQL of the statistics page's indicators (statistics.service.ts runs it). Parameters $1–$7
 * are the periods and the caller's scope and filters (CaseFilter); each query adds its own from
 * $8. Programme codes are parameters, never SQL.
 */

/** The cases a query counts: the caller's scope and the filters, as SQL parameters. */
export interface CaseFilter {
  /** $1–$3: the period keys and their first and last days. */
  keys: string[];
  starts: string[];
  ends: string[];
  /** $4: municipalities (scope ∩ filter). */
  municipalityCodes: string[];
  /** $5: owner (org_admin), or null. */
  owner: string | null;
  /** $6: programme codes counted. */
  programmes: string[];
  /** $7: owners of the agreement's parties, or null for any. */
  parties: string[] | null;
}

/*
 * The cases and their facts (case_statistics, kept by triggers in the writer's transaction:
 * migration 1796700000000-CaseStatistics) and the dated Trygga hem records the indicators count
 * (case_statistic_events, with the case's scope copied): each indicator is a scan of one narrow
 * table, with no join to the records it summarises.
 */
const inScope = (selectFrom: string) => `
  SELECT ${selectFrom}
  WHERE x.municipality_code = ANY ($4::varchar[])
    AND ($5::uuid IS NULL OR x.owning_organisation_id = $5)
    AND x.programme = ANY ($6::varchar[])
    AND ($7::uuid[] IS NULL OR x.owning_organisation_id = ANY ($7::uuid[]))`;

/** The scoped cases' facts. */
export const SCOPED_CASES = inScope(`x.* FROM case_statistics x`);

/** The scoped cases' counted Trygga hem records: `kind`, `day` and the record's values. */
export const SCOPED_EVENTS = inScope(`x.* FROM case_statistic_events x`);

/** The periods in order, numbered from 1 (i): bucket i is ($1[i], $2[i], $3[i]). */
export const BUCKETS = `SELECT * FROM unnest($1::text[], $2::date[], $3::date[]) WITH ORDINALITY AS b(key, s, e, i)`;

/** work_mem of an indicator query (SET LOCAL, its transaction only). */
export const STATISTICS_WORK_MEM = '64MB';

/** Each case-level query's rows: which indicator, the period's key (or a form), column, count. */
export interface IndicatorRow {
  ind: string;
  row: string;
  col: string;
  n: string;
}

/**
 * The periods as days. They are contiguous and ascending (the first may start and the last end
 * mid-period), so every day from the first period's first day (`lo`) to the last one's last
 * (`hi`) lies in exactly one, and `dayBuckets[d − lo]` is the number of the period of day d —
 * an array lookup per row instead of a binary search (width_bucket) over the periods' bounds,
 * which made up most of each query's time at a million cases. The array is written into the SQL
 * as a literal (numbers only).
 */
export interface PeriodDays {
  lo: string;
  hi: string;
  count: number;
  dayBuckets: number[];
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** The day lookup of periods given by their first and last days (contiguous, ascending). */
export function periodDays(starts: readonly string[], ends: readonly string[]): PeriodDays {
  const dayBuckets: number[] = [];
  starts.forEach((start, i) => {
    if (dayNumber(start) !== dayNumber(starts[0]) + dayBuckets.length)
      throw new Error(`period ${i + 1} does not follow the one before it`);
    for (let d = dayNumber(start); d <= dayNumber(ends[i]); d++) dayBuckets.push(i + 1);
  });
  return { lo: starts[0], hi: ends[ends.length - 1], count: starts.length, dayBuckets };
}

/** The SQL of each indicator query for the given periods. */
export function indicatorSql(p: PeriodDays) {
  const lo = `DATE '${p.lo}'`;
  const hi = `DATE '${p.hi}'`;
  const lookup = `('{${p.dayBuckets.join(',')}}'::int[])`;
  /** The period a day falls in (`day BETWEEN b.s AND b.e`): its number, or null if in none. */
  const bucketOf = (day: string) => `${lookup}[${day} - ${lo} + 1]`;
  /** The first period ending on or after a day (`day <= b.e` from it on); after all if none. */
  const firstEndingBy = (day: string) =>
    `CASE WHEN ${day} < ${lo} THEN 1 WHEN ${day} > ${hi} THEN ${p.count + 1} ELSE ${bucketOf(day)} END`;
  /** The last period starting on or before a day (`day >= b.s` up to it); none if before all. */
  const lastStartingBy = (day: string) =>
    `CASE WHEN ${day} < ${lo} THEN 0 WHEN ${day} > ${hi} THEN ${p.count} ELSE ${bucketOf(day)} END`;
  /** The same, and all periods if the day is null (not closed). */
  const lastActiveBy = (day: string) =>
    `CASE WHEN ${day} IS NULL THEN ${p.count} ELSE ${lastStartingBy(day)} END`;
  /** Active on some day of the whole period: opened by its last day, not closed before its first. */
  const activeInPeriod = (x: string) =>
    `${x}.opened_on <= ${hi} AND (${x}.closed_on IS NULL OR ${x}.closed_on >= ${lo})`;

  return {
    bucketOf,
    /**
     * One scan of the cases, every case-level indicator at once (one GROUPING SETS aggregate;
     * `set` names the set of each row, and caseFactRows turns the groups into counts):
     * - D10 (SIP cases): kallelse by the period of discharge readiness (within the deadline $11
     *   after it, late, or not yet due on $10); the first meeting by the period of the request
     *   (held within $12 days of it and by $10, late, or not yet due); the days from the request
     *   to the first kallelse and to the first agreed plan, per number of days (the medians are
     *   taken from these counts);
     * - violence cases (programmes $8, and SIP cases ($9) that are violence-related), grouped by
     *   the first period ending on or after the day they were opened, the last starting by the
     *   day they closed, and the first ending on or after their first SIP (a called meeting on
     *   the case or on a linked violence-related SIP case);
     * - Trygga hem cases by priority, from the period of the referral to the last before they
     *   left the programme or the case closed;
     * - the forms of violence of SIP cases active in the whole period.
     */
    caseFacts: `
      WITH b AS (${BUCKETS}), c AS (${SCOPED_CASES}),
      v AS (
        SELECT c.*,
               c.programme = ANY ($8::varchar[]) OR (c.programme = $9 AND c.violence_related)
                 AS violence,
               LEAST(CASE WHEN c.programme = $9 AND c.violence_related THEN c.first_called_on END,
                     c.linked_sip_on) AS sip_on
        FROM c),
      t AS (
        SELECT ${bucketOf('v.discharge_ready_on')} AS ready_i,
               CASE WHEN v.first_called_on IS NULL AND $10::date <= v.discharge_ready_on + $11::int
                      THEN 'not_yet_due'
                    WHEN v.first_called_on <= v.discharge_ready_on + $11::int THEN 'within_deadline'
                    ELSE 'late' END AS summons,
               ${bucketOf('v.requested_on')} AS request_i,
               CASE WHEN (v.first_held_on IS NULL OR v.first_held_on > $10::date)
                         AND $10::date <= v.requested_on + $12::int THEN 'not_yet_due'
                    WHEN v.first_held_on <= v.requested_on + $12::int AND v.first_held_on <= $10::date
                      THEN 'within_deadline'
                    ELSE 'late' END AS meeting,
               v.first_called_on - v.requested_on AS to_summons,
               v.first_agreed_on - v.requested_on AS to_agreed_plan,
               CASE WHEN v.violence THEN ${firstEndingBy('v.opened_on')} END AS v_first,
               CASE WHEN v.violence THEN ${lastActiveBy('v.closed_on')} END AS v_last,
               CASE WHEN v.violence THEN coalesce(${firstEndingBy('v.sip_on')}, ${p.count + 1}) END
                 AS sip_i,
               ${firstEndingBy('v.referred_on')} AS p_first,
               LEAST(CASE WHEN v.left_on IS NULL THEN ${p.count}
                          ELSE ${lastStartingBy('v.left_on')} END,
                     ${lastActiveBy('v.closed_on')}) AS p_last,
               v.priority,
               -- As text: an array key cannot be hashed here, and sorting a million rows for it
               -- cost more than the rest of the query.
               CASE WHEN cardinality(v.violence_forms) > 0 AND ${activeInPeriod('v')}
                    THEN array_to_string(v.violence_forms, ',') END AS forms
        FROM v)
      SELECT CASE WHEN GROUPING(summons) = 0 THEN 'summons'
                  WHEN GROUPING(meeting) = 0 THEN 'first_meeting'
                  WHEN GROUPING(to_summons) = 0 THEN 'to_summons'
                  WHEN GROUPING(to_agreed_plan) = 0 THEN 'to_agreed_plan'
                  WHEN GROUPING(sip_i) = 0 THEN 'sip_share'
                  WHEN GROUPING(priority) = 0 THEN 'priority'
                  ELSE 'forms' END AS set,
             coalesce(ready_i, request_i, v_first, p_first) AS i, coalesce(v_last, p_last) AS j,
             sip_i AS k,
             coalesce(summons, meeting, to_summons::text, to_agreed_plan::text, priority) AS col,
             forms, count(*) AS n
      FROM t
      GROUP BY GROUPING SETS ((ready_i, summons), (request_i, meeting), (request_i, to_summons),
                              (request_i, to_agreed_plan), (v_first, v_last, sip_i),
                              (p_first, p_last, priority), (forms))`,

    /**
     * One scan of the counted records: notifications and control measures, offers taken up ($8:
     * the uptakes that count) and not, first and repeat incidents, each in the period of its day.
     */
    recordCounts: `
  WITH b AS (${BUCKETS}), ev AS (${SCOPED_EVENTS}),
  g AS (
    SELECT x.kind AS ind, ${bucketOf('x.day')} AS i,
           CASE x.kind
             WHEN 'notification' THEN 'notifications'
             WHEN 'control_measure' THEN 'control_measures'
             WHEN 'offer' THEN CASE WHEN x.uptake = ANY ($8::varchar[]) THEN 'taken_up'
                                    ELSE 'not_taken_up' END
             ELSE CASE WHEN x.repeat THEN 'repeat' ELSE 'first' END END AS col,
           count(*) AS n
    FROM ev x WHERE x.kind IN ('notification', 'control_measure', 'offer', 'incident')
    GROUP BY 1, 2, 3)
  SELECT g.ind, b.key AS row, g.col, g.n FROM g JOIN b ON b.i = g.i`,

    /**
     * Cases with each form of violence on an incident in the whole period, when not counted
     * among the SIP cases' forms (caseFacts): a case's incidents count once per form (distinct
     * pairs by hashing), less those of a case whose SIP, active in the period, names the form
     * (its SIP forms and days are on each incident's row).
     */
    incidentForms: `
      WITH b AS (${BUCKETS}), ev AS (${SCOPED_EVENTS}),
      pairs AS (
        SELECT x.case_id, f.form
        FROM ev x CROSS JOIN LATERAL unnest(x.violence_forms) AS f(form)
        WHERE x.kind = 'incident' AND x.day BETWEEN ${lo} AND ${hi}
          AND NOT (f.form = ANY (coalesce(x.case_sip_forms, '{}'))
                   AND x.case_opened_on <= ${hi}
                   AND (x.case_closed_on IS NULL OR x.case_closed_on >= ${lo}))
        GROUP BY 1, 2)
      SELECT 'forms' AS ind, form AS row, 'cases' AS col, count(*) AS n FROM pairs GROUP BY 2`,
  };
}

/** A row of caseFacts: its grouping set, period numbers, column, forms and count. */
export interface CaseFactRow {
  set: string;
  i: number | null;
  j: number | null;
  k: number | null;
  col: string | null;
  /** The forms, comma-separated. */
  forms: string | null;
  n: string;
}

/**
 * caseFacts' groups as counts per indicator, period key (or form) and column: a period-numbered
 * group counts in its period; a span group (first i, last j) in every period from i to j — for
 * the SIP share with a SIP from period k on; a group of forms once for each form it names.
 */
export function caseFactRows(
  groups: readonly CaseFactRow[],
  keys: readonly string[],
): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  for (const g of groups) {
    const n = g.n;
    if (g.set === 'forms') {
      for (const form of new Set(g.forms?.split(',') ?? []))
        out.push({ ind: 'forms', row: form, col: 'cases', n });
    } else if (g.set === 'sip_share' || g.set === 'priority') {
      if (g.i === null || g.j === null) continue;
      for (let i = Math.max(g.i, 1); i <= Math.min(g.j, keys.length); i++) {
        const col =
          g.set === 'priority' ? g.col : i >= (g.k ?? Infinity) ? 'with_sip' : 'without_sip';
        if (col !== null) out.push({ ind: g.set, row: keys[i - 1], col, n });
      }
    } else if (g.i !== null && g.col !== null && g.i >= 1 && g.i <= keys.length) {
      out.push({ ind: g.set, row: keys[g.i - 1], col: g.col, n });
    }
  }
  return out;
}
