/**
 * k-anonymity for the evaluation export (issue 17 §5, D6): every published row shares its
 * municipality × programme × month opened — as published — with at least k − 1 other rows, so
 * no row can be singled out by where, in what and when the case began.
 *
 * A row whose group is too small is generalised step by step, and only the rows still in too
 * small a group take the next step:
 *
 * 1. municipality → county (the kommunkod's first two digits, the länskod);
 * 2. month → quarter (`YYYY-Qn`), still by county;
 * 3. quarter → year (`YYYY`), still by county;
 * 4. left out.
 *
 * A group is the rows with the same published values (area, programme, period). The published
 * forms of each step differ (4 digits vs 2; `YYYY-MM`, `YYYY-Qn`, `YYYY`), so rows of different
 * steps never share a group, and a group of a step is published only when it has k rows: no
 * published group is smaller than k. Pure and deterministic; input order is kept.
 */

/** The evaluation's k (D6): the same threshold as the small-counts rule. */
export const EVALUATION_K = 5;

/** How far a row's municipality and month opened were generalised. */
export type KAnonymityLevel =
  'municipality_month' | 'county_month' | 'county_quarter' | 'county_year';

export const K_ANONYMITY_LEVELS: readonly KAnonymityLevel[] = [
  'municipality_month',
  'county_month',
  'county_quarter',
  'county_year',
];

/** What the rule looks at in a row: SCB kommunkod (4 digits), programme, month opened (`YYYY-MM`). */
export interface KAnonymityKey {
  municipalityCode: string;
  programme: string;
  monthOpened: string;
}

/** A published row: the row, the area and period it is published with, and how it got there. */
export interface KAnonymousRow<T> {
  row: T;
  /** The kommunkod, or the länskod (2 digits) when generalised. */
  area: string;
  /** `YYYY-MM`, `YYYY-Qn` or `YYYY`. */
  period: string;
  level: KAnonymityLevel;
}

export interface KAnonymityResult<T> {
  rows: KAnonymousRow<T>[];
  /** Published rows whose area or period was generalised (level other than municipality_month). */
  generalised: number;
  /** Rows left out: still in a group smaller than k after every step. */
  leftOut: number;
  /** How many published rows at each level. */
  byLevel: Record<KAnonymityLevel, number>;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `2026-03` → `2026-Q1`. */
export function quarterOf(month: string): string {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return `${m[1]}-Q${Math.ceil(Number(m[2]) / 3)}`;
}

/** SCB kommunkod → länskod (its first two digits). */
export function countyOf(municipalityCode: string): string {
  if (!/^\d{4}$/.test(municipalityCode))
    throw new RangeError(`not a kommunkod (4 digits): ${municipalityCode}`);
  return municipalityCode.slice(0, 2);
}

function publishedAt(key: KAnonymityKey, level: KAnonymityLevel): { area: string; period: string } {
  switch (level) {
    case 'municipality_month':
      // Validated like the others, so a bad key fails at once rather than at a later step.
      countyOf(key.municipalityCode);
      quarterOf(key.monthOpened);
      return { area: key.municipalityCode, period: key.monthOpened };
    case 'county_month':
      return { area: countyOf(key.municipalityCode), period: key.monthOpened };
    case 'county_quarter':
      return { area: countyOf(key.municipalityCode), period: quarterOf(key.monthOpened) };
    case 'county_year':
      return { area: countyOf(key.municipalityCode), period: key.monthOpened.slice(0, 4) };
  }
}

/** Applies the rule with the given k (default EVALUATION_K) to the rows. */
export function kAnonymise<T extends KAnonymityKey>(
  rows: readonly T[],
  k: number = EVALUATION_K,
): KAnonymityResult<T> {
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k is a whole number ≥ 1');
  const placed = new Map<number, KAnonymousRow<T>>();
  let pending = rows.map((_, i) => i);
  for (const level of K_ANONYMITY_LEVELS) {
    const groups = new Map<string, { index: number; area: string; period: string }[]>();
    for (const i of pending) {
      const { area, period } = publishedAt(rows[i], level);
      // JSON keeps the three parts apart whatever characters the programme has.
      const key = JSON.stringify([area, rows[i].programme, period]);
      const group = groups.get(key);
      const entry = { index: i, area, period };
      if (group) group.push(entry);
      else groups.set(key, [entry]);
    }
    const next: number[] = [];
    for (const group of groups.values()) {
      if (group.length >= k)
        for (const g of group)
          placed.set(g.index, { row: rows[g.index], area: g.area, period: g.period, level });
      else for (const g of group) next.push(g.index);
    }
    pending = next;
  }
  const published: KAnonymousRow<T>[] = [];
  const byLevel: Record<KAnonymityLevel, number> = {
    municipality_month: 0,
    county_month: 0,
    county_quarter: 0,
    county_year: 0,
  };
  rows.forEach((_, i) => {
    const p = placed.get(i);
    if (!p) return;
    published.push(p);
    byLevel[p.level]++;
  });
  return {
    rows: published,
    generalised: published.length - byLevel.municipality_month,
    leftOut: pending.length,
    byLevel,
  };
}
