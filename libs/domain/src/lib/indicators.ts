import {
  type PublishedCount,
  Role,
  SMALL_COUNT_THRESHOLD,
  StatisticsPeriod,
  periodKeyOf,
} from '@samsyn/common';
import { suppressTable } from './small-counts';

/**
 * The statistics page's indicators (issue 17 §1–2) as pure calculations: the periods a range is
 * divided into, counts from the database into published tables (the small-counts rule), shares
 * and medians only where enough cases stand behind them, and whose municipalities a caller
 * may see. The SQL counts; everything that decides what is published is here.
 */

/** One row of the page: a period key and its first and last day, clipped to the range. */
export interface PeriodBucket {
  key: string;
  start: string;
  end: string;
}

/** The periods from `from` to `to` (inclusive), in order; the first and last clipped to them. */
export function periodBuckets(from: string, to: string, period: StatisticsPeriod): PeriodBucket[] {
  const buckets: PeriodBucket[] = [];
  if (to < from) return buckets;
  const step = period === StatisticsPeriod.Year ? 12 : period === StatisticsPeriod.Quarter ? 3 : 1;
  let year = Number(from.slice(0, 4));
  // The month the period containing `from` starts in.
  let month = Math.floor((Number(from.slice(5, 7)) - 1) / step) * step + 1;
  while (buckets.length < 1200) {
    const start = `${year}-${String(month).padStart(2, '0')}-01`;
    if (start > to) break;
    month += step;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
    const next = `${year}-${String(month).padStart(2, '0')}-01`;
    const end = dayBefore(next);
    buckets.push({
      key: periodKeyOf(start, period),
      start: start < from ? from : start,
      end: end > to ? to : end,
    });
  }
  return buckets;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A count from the database: how many of `column` in `row`. */
export interface CountRow {
  row: string;
  column: string;
  n: number;
}

/** A table of counts as published, cells in `rows` × `columns` order. */
export interface PublishedCountTable {
  cells: PublishedCount[][];
  rowTotals: PublishedCount[] | null;
}

/**
 * Counts into one table under the small-counts rule. With `rowTotals` the columns are the parts
 * of one whole per row (cases with and without a SIP) and each row's total is published with
 * them; without, the cells are separate figures. Counts for rows or columns not listed are
 * ignored; missing ones are 0.
 */
export function publishCounts(
  rows: readonly string[],
  columns: readonly string[],
  counts: readonly CountRow[],
  options: { rowTotals: boolean },
): PublishedCountTable {
  const cells: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    cells[r] = {};
    for (const c of columns) cells[r][c] = 0;
  }
  for (const x of counts)
    if (cells[x.row] && x.column in cells[x.row]) cells[x.row][x.column] += x.n;
  if (!rows.length || !columns.length)
    return { cells: rows.map(() => []), rowTotals: options.rowTotals ? rows.map(() => 0) : null };
  const published = suppressTable({ rows, columns, cells, rowTotals: options.rowTotals });
  return {
    cells: rows.map((r) => columns.map((c) => published.cells[r][c])),
    rowTotals: published.rowTotals ? rows.map((r) => published.rowTotals?.[r] ?? 0) : null,
  };
}

/**
 * A part's share of its row's total in percent (one decimal), only where both the part and the
 * total are published and the total is not 0: a share beside a hidden count would give it away.
 */
export function publishedShare(part: PublishedCount, total: PublishedCount): number | null {
  if (typeof part !== 'number' || typeof total !== 'number' || total === 0) return null;
  return Math.round((part / total) * 1000) / 10;
}

/**
 * A median (days) published only when at least SMALL_COUNT_THRESHOLD cases stand behind it:
 * the median of 1–4 cases is nearly one person's own dates.
 */
export function publishMedian(median: number | null, cases: number): number | null {
  if (median === null || cases < SMALL_COUNT_THRESHOLD) return null;
  return Math.round(median * 10) / 10;
}

/** The median of whole numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The median of whole numbers given as how many times each occurs (`n` of `value`), as
 * `median` of the list they stand for (and PostgreSQL's `percentile_cont(0.5)`): the middle
 * value, or the mean of the two middle ones. Null for none.
 */
export function medianOfCounts(counts: readonly { value: number; n: number }[]): number | null {
  const sorted = counts.filter((c) => c.n > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, c) => sum + c.n, 0);
  if (!total) return null;
  /** The value at 0-based position `k` of the sorted list. */
  const at = (k: number) => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.n;
      if (k < seen) return c.value;
    }
    throw new Error('position past the end');
  };
  const mid = Math.floor(total / 2);
  return total % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** A period filter's problems: a field and a code per broken rule; none when it is valid. */
export function statisticsPeriodProblems(
  from: string,
  to: string,
  today: string,
): { field: string; code: string; message: string }[] {
  const problems: { field: string; code: string; message: string }[] = [];
  if (to < from) problems.push({ field: 'to', code: 'beforeFrom', message: 'to is before from' });
  if (to > today) problems.push({ field: 'to', code: 'future', message: 'to is in the future' });
  if (from > today)
    problems.push({ field: 'from', code: 'future', message: 'from is in the future' });
  return problems;
}

/**
 * Whose figures a caller may see (issue 17 §1): the municipalities (kommunkod) of the cases,
 * and for org_admin only the cases their own organisation owns.
 *
 * - **steering, coordinator**: the municipalities of their county and of the organisations of
 *   the agreements their organisation is a party to. The county is the kommunkod's first two
 *   digits (länskod): of their own organisation's code, and, for a county-level body without
 *   one (region, county board, police, Frivård), of the municipalities it has agreements
 *   with; a county-level body with no agreement sees every municipality of the deployment (a
 *   deployment serves one county's agencies).
 * - **org_admin**: their own organisation's cases (of its municipality, where it has one).
 * - other roles: nothing (they have no `statistics:read` either).
 */
export interface StatisticsScope {
  municipalityCodes: string[];
  /** Only cases owned by this organisation (org_admin); null: any owner. */
  owningOrganisationId: string | null;
}

export function statisticsScope(input: {
  roles: readonly Role[];
  organisationId: string;
  ownMunicipalityCode: string | null;
  /** Municipality codes of the organisations party to the caller's organisation's agreements. */
  agreementMunicipalityCodes: readonly string[];
  /** Every municipality code of the deployment. */
  allMunicipalityCodes: readonly string[];
}): StatisticsScope {
  const all = [...new Set(input.allMunicipalityCodes)].sort();
  if (input.roles.includes(Role.Steering) || input.roles.includes(Role.Coordinator)) {
    const counties = new Set<string>();
    if (input.ownMunicipalityCode) counties.add(input.ownMunicipalityCode.slice(0, 2));
    else for (const code of input.agreementMunicipalityCodes) counties.add(code.slice(0, 2));
    const codes =
      !input.ownMunicipalityCode && !input.agreementMunicipalityCodes.length
        ? all
        : all.filter(
            (code) =>
              counties.has(code.slice(0, 2)) || input.agreementMunicipalityCodes.includes(code),
          );
    return { municipalityCodes: codes, owningOrganisationId: null };
  }
  if (input.roles.includes(Role.OrgAdmin))
    return {
      municipalityCodes: input.ownMunicipalityCode ? [input.ownMunicipalityCode] : all,
      owningOrganisationId: input.organisationId,
    };
  return { municipalityCodes: [], owningOrganisationId: null };
}
