/*
 * The SQL of the statistics page's indicators (statistics.service.ts runs it). Parameters $1–$7
 * are the periods and the caller's scope and filters (CaseFilter); each query adds its own from
 * $8. Programme codes are parameters, never SQL.
 */

import { NO_VALUE } from '../../database/migrations/case-statistic-days-sql';

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

/** The scoped cases' counted Trygga hem records: `kind`, `day` and the record's values. */
export const SCOPED_EVENTS = inScope(`x.* FROM case_statistic_events x`);

/** The periods in order, numbered from 1 (i): bucket i is ($1[i], $2[i], $3[i]). */
export const BUCKETS = `SELECT * FROM unnest($1::text[], $2::date[], $3::date[]) WITH ORDINALITY AS b(key, s, e, i)`;

/** The scope and key columns of the counts (case_statistic_days, _months, _day_changes). */
const COUNT_COLUMNS = 'programme, municipality_code, owning_organisation_id, kind, category, edge';

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

/**
 * Which counts dayCounts reads per day (the rest per month): the first period's month
 * (`loMonth`…`loMonthEnd`) and every month from `dailyFrom` — the last period's month, or the
 * earlier month in which deadlines of up to `maxDeadlineDays` end on or after `today` — to the
 * last period's month's end (`hiMonthEnd`).
 */
export function dailyWindow(p: PeriodDays, today: string, maxDeadlineDays: number) {
  const month = (day: string) => `${day.slice(0, 7)}-01`;
  const monthEnd = (day: string) => {
    const d = new Date(`${month(day)}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 1, 0);
    return d.toISOString().slice(0, 10);
  };
  const due = new Date(Date.parse(`${today}T00:00:00Z`) - maxDeadlineDays * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const lo = p.count ? p.lo : today;
  const hi = p.count ? p.hi : today;
  const hiMonth = month(hi);
  const dailyFrom = month(due) < hiMonth ? month(due) : hiMonth;
  // The days read per day, as disjoint ranges (an index range scan each): the first month,
  // and from dailyFrom (a month's first day) on, which includes the first month if not after it.
  const ranges: [string, string][] =
    dailyFrom > month(lo)
      ? [
          [month(lo), monthEnd(lo)],
          [dailyFrom, monthEnd(hi)],
        ]
      : [[dailyFrom, monthEnd(hi)]];
  return {
    dayRanges: ranges.map(([from, to]): [string, string] => [`DATE '${from}'`, `DATE '${to}'`]),
    loMonth: `DATE '${month(lo)}'`,
    loMonthEnd: `DATE '${monthEnd(lo)}'`,
    dailyFrom: `DATE '${dailyFrom}'`,
    hiMonthEnd: `DATE '${monthEnd(hi)}'`,
  };
}

/**
 * The SQL of each indicator query for the given periods; `today` and the longest D10 deadline
 * say which months dayCounts reads per day.
 */
export function indicatorSql(p: PeriodDays, today: string, maxDeadlineDays: number) {
  const w = dailyWindow(p, today, maxDeadlineDays);
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

  return {
    bucketOf,
    lo,
    hi,
    /**
     * Every count kept per day and month (case_statistic_days, migration 1796800000000, says how
     * the rows are made), per indicator (`ind`, the row's kind), period or edge (`i`) and column:
     * - an interval kind (`case`, `with_sip`, `priority`) gives the first period from which each
     *   row's count is added ('s') or taken away ('e', 'x'); dayCountRows sums them up per period.
     *   Violence cases are those of programmes $8 and SIP cases ($9) that are violence-related.
     * - `form`: the cases with each form of violence (SIP details) active in the whole period
     *   (i = 0);
     * - D10 (points of SIP cases): kallelse by the period of discharge readiness (within the
     *   deadline $11 after it, late, or not yet due on $10); the first meeting by the period of
     *   the request (held within $12 days of it and by $10, late, or not yet due); the days from
     *   the request to the first kallelse and to the first agreed plan, per number of days;
     * - the Trygga hem records: notifications and control measures, offers taken up ($13: the
     *   uptakes that count) and not, first and repeat incidents, each in the period of its day.
     * Whole months are read from case_statistic_months; the first and last month, the months
     * whose deadlines end on or after today (a case may still be "not yet due") and the intervals
     * that end before they start are read per day. The changes not yet compacted are read too.
     */
    dayCounts: `
      WITH b AS (${BUCKETS}),
      x AS (
        SELECT x.kind, CASE WHEN x.kind IN ('case', 'with_sip') THEN '' ELSE x.category END
                 AS category, x.edge, x.day, x.value, sum(x.n) AS n
        FROM (
          ${w.dayRanges.map(
            ([from, to]) => `SELECT ${COUNT_COLUMNS}, day, value, n FROM case_statistic_days
          WHERE day BETWEEN ${from} AND ${to}`,
          ).join(`
          UNION ALL `)}
          UNION ALL
          SELECT ${COUNT_COLUMNS}, day, value, n FROM case_statistic_days
          WHERE edge = 'x' AND NOT (${w.dayRanges.map(([from, to]) => `day BETWEEN ${from} AND ${to}`).join(' OR ')})
          UNION ALL
          SELECT ${COUNT_COLUMNS}, month, value, n FROM case_statistic_months
          WHERE edge <> 'x' AND month <> ${w.loMonth} AND month < ${w.dailyFrom}
            AND (edge <> 'p' OR month > ${w.loMonth})
          UNION ALL
          SELECT ${COUNT_COLUMNS}, day, value, n FROM case_statistic_day_changes) x
        WHERE x.municipality_code = ANY ($4::varchar[])
          AND ($5::uuid IS NULL OR x.owning_organisation_id = $5)
          AND x.programme = ANY ($6::varchar[])
          AND ($7::uuid[] IS NULL OR x.owning_organisation_id = ANY ($7::uuid[]))
          AND (x.kind NOT IN ('case', 'with_sip') OR x.programme = ANY ($8::varchar[])
               OR (x.programme = $9 AND x.category = 'true'))
        GROUP BY 1, 2, 3, 4, 5)
      SELECT x.kind AS ind,
             CASE WHEN x.kind = 'form' THEN 0
                  WHEN x.edge = 's' THEN ${firstEndingBy('x.day')}
                  WHEN x.edge = 'e' THEN ${lastStartingBy('x.day')} + 1
                  WHEN x.edge = 'x' THEN GREATEST(${lastStartingBy('x.day')} + 1,
                                                  ${firstEndingBy('(x.day + x.value)')})
                  ELSE ${bucketOf('x.day')} END AS i,
             CASE x.kind
               WHEN 'summons' THEN
                 CASE WHEN x.value = ${NO_VALUE} AND $10::date <= x.day + $11::int THEN 'not_yet_due'
                      WHEN x.value <> ${NO_VALUE} AND x.value <= $11::int THEN 'within_deadline'
                      ELSE 'late' END
               WHEN 'first_meeting' THEN
                 CASE WHEN (x.value = ${NO_VALUE} OR x.day + x.value > $10::date)
                           AND $10::date <= x.day + $12::int THEN 'not_yet_due'
                      WHEN x.value <> ${NO_VALUE} AND x.value <= $12::int
                           AND x.day + x.value <= $10::date THEN 'within_deadline'
                      ELSE 'late' END
               WHEN 'to_summons' THEN x.value::text
               WHEN 'to_agreed_plan' THEN x.value::text
               WHEN 'notification' THEN 'notifications'
               WHEN 'control_measure' THEN 'control_measures'
               WHEN 'offer' THEN CASE WHEN x.category = ANY ($13::varchar[]) THEN 'taken_up'
                                      ELSE 'not_taken_up' END
               WHEN 'incident' THEN CASE WHEN x.category = 'true' THEN 'repeat' ELSE 'first' END
               ELSE x.category END AS col,
             sum(CASE WHEN x.kind = 'form' THEN
                        CASE WHEN x.edge = 's' AND x.day <= ${hi} THEN x.n
                             WHEN x.edge = 'e' AND x.day < ${lo} THEN -x.n
                             WHEN x.edge = 'x' AND x.day < ${lo} AND x.day + x.value <= ${hi}
                               THEN -x.n
                             ELSE 0 END
                      WHEN x.edge IN ('e', 'x') THEN -x.n
                      ELSE x.n END) AS n
      FROM x
      GROUP BY 1, 2, 3`,

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

/** A row of dayCounts: its indicator (kind), period or first period (i), column and count. */
export interface DayCountRow {
  ind: string;
  i: number;
  col: string;
  n: string;
}

/** The interval kinds of dayCounts: counted in every period from the one each row names. */
const INTERVAL_KINDS = new Set(['case', 'with_sip', 'priority']);

/**
 * dayCounts' rows as counts per indicator, period key (or form) and column: an interval kind's
 * rows are added up from their first period on (its count in period i is the sum of the rows
 * with i or lower); the SIP share is the violence cases active in the period, with a SIP by
 * then or not; the forms are counted once each; every other row counts in its own period.
 */
export function dayCountRows(
  groups: readonly DayCountRow[],
  keys: readonly string[],
): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  /** Per interval kind and column: the change at the start of each period (1…n). */
  const changes = new Map<string, number[]>();
  for (const g of groups) {
    const n = Number(g.n);
    if (INTERVAL_KINDS.has(g.ind)) {
      const key = `${g.ind}\u0000${g.col}`;
      const at = changes.get(key) ?? new Array<number>(keys.length + 1).fill(0);
      changes.set(key, at);
      if (g.i >= 1 && g.i <= keys.length) at[g.i] += n;
    } else if (g.ind === 'form') {
      if (n > 0) out.push({ ind: 'forms', row: g.col, col: 'cases', n: String(n) });
    } else if (g.i >= 1 && g.i <= keys.length && n !== 0) {
      out.push({ ind: g.ind, row: keys[g.i - 1], col: g.col, n: String(n) });
    }
  }
  /** Per period, the running sum of an interval kind's column. */
  const active = (ind: string, col: string) => {
    const at = changes.get(`${ind}\u0000${col}`) ?? [];
    let sum = 0;
    return keys.map((_, i) => (sum += at[i + 1] ?? 0));
  };
  const cases = active('case', '');
  const withSip = active('with_sip', '');
  keys.forEach((row, i) => {
    if (withSip[i] > 0) out.push({ ind: 'sip_share', row, col: 'with_sip', n: String(withSip[i]) });
    if (cases[i] > withSip[i])
      out.push({ ind: 'sip_share', row, col: 'without_sip', n: String(cases[i] - withSip[i]) });
  });
  for (const key of changes.keys()) {
    const [ind, col] = key.split('\u0000');
    if (ind !== 'priority') continue;
    active(ind, col).forEach((n, i) => {
      if (n > 0) out.push({ ind, row: keys[i], col, n: String(n) });
    });
  }
  return out;
}
