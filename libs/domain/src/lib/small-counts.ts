import { type HiddenCount, type PublishedCount, SMALL_COUNT_THRESHOLD } from '@samsyn/common';

/**
 * The small-counts rule (issue 17 §3, D1, D6): the one rule every figure leaving the case work
 * goes through — the statistics page, its CSV, the yearly report and the evaluation export.
 *
 * 1. **Primary suppression.** A count from 1 to 4 (below SMALL_COUNT_THRESHOLD = 5) is never
 *    published; it reads "< 5". In a municipality of a few thousand people a count of 1–4
 *    ("2 priority D cases in Lekeberg in March") points at households that someone nearby can
 *    name, and what the count says about them (violence in close relationships) is among the
 *    most sensitive facts a municipality holds. 0 is published: it describes nobody. 5 is the
 *    threshold the Trygga hem evaluation plan (D6) and Swedish official statistics use for
 *    such data.
 * 2. **Secondary suppression.** A table also publishes totals, and a reader can subtract: a row
 *    with one hidden cell and a published row total gives the cell away. So more entries are
 *    hidden ("x") until no small count can be worked out from what is published — not exactly,
 *    and not even narrowed to one value once the reader also knows that every "< 5" is 1–4 and
 *    every "x" is 5 or more.
 *
 * How (2) is decided: the table with its totals negated sums to zero along every row and
 * column, so the hidden entries form a bipartite graph (rows × columns, the totals as an extra
 * row and column) and a reader's freedom is the graph's cycles. A small count is protected when
 * a cycle of hidden entries runs through it along which it can move by one — up or down — while
 * every other hidden entry stays within what the reader knows of it (1–4, ≥ 5, or ≥ 0 for a
 * total the table does not show). Such a cycle is a second table, different in that count and
 * identical in everything published, so the count cannot be pinned. Where a small count has no
 * such cycle the rule hides the smallest published entry that gives it one (preferring a cell
 * in the same row or column), and repeats; hiding every total, then every entry, and as the
 * very last resort showing a small total as "x" instead of "< 5" (four parts of 1 under a
 * total of 4 are otherwise pinned whatever else is hidden), always gives one.
 *
 * Pure and deterministic: the same table always publishes the same way. Totals are computed
 * here from the cells, never taken from the caller, so they cannot disagree with them.
 */

/** A table of counts: `cells[row][column]`, with the totals it will show. */
export interface CountTable<R extends string, C extends string> {
  rows: readonly R[];
  columns: readonly C[];
  cells: Readonly<Record<R, Readonly<Record<C, number>>>>;
  /** Show each row's total (default false). */
  rowTotals?: boolean;
  /** Show each column's total (default false). */
  columnTotals?: boolean;
  /** Show the grand total (default false). */
  grandTotal?: boolean;
}

/** A table as published: every count a number or hidden; totals null when not shown. */
export interface PublishedTable<R extends string, C extends string> {
  rows: readonly R[];
  columns: readonly C[];
  cells: Record<R, Record<C, PublishedCount>>;
  rowTotals: Record<R, PublishedCount> | null;
  columnTotals: Record<C, PublishedCount> | null;
  grandTotal: PublishedCount | null;
}

/** True for a count the rule never publishes (1–4). */
export function isSmallCount(n: number): boolean {
  return n > 0 && n < SMALL_COUNT_THRESHOLD;
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('a count is a whole number ≥ 0');
}

const SMALL: HiddenCount = Object.freeze({ hidden: 'small' });
const SECONDARY: HiddenCount = Object.freeze({ hidden: 'secondary' });

/**
 * A single figure on its own: 1–4 hidden, 0 and ≥ 5 as they are. Only for a figure that no
 * published figure adds up with or is part of; figures that do (a breakdown and its total, a
 * count and the part of it that took up an offer) go through `suppressTable` or
 * `suppressBreakdown`, or the difference gives a small count away.
 */
export function publishCount(n: number): PublishedCount {
  assertCount(n);
  return isSmallCount(n) ? SMALL : n;
}

type EntryKind = 'cell' | 'rowTotal' | 'columnTotal' | 'grandTotal';
/**
 * `withheld`: a small total hidden as "x" as the last resort, where even hiding everything else
 * leaves its small parts pinned (four parts of 1 under a total of 4: "< 5" on the total would
 * say that every part is 1). The reader is taken to know only that it is not 0.
 */
type EntryState = 'published' | 'small' | 'secondary' | 'withheld' | 'unshown';

interface Entry {
  kind: EntryKind;
  /** Graph nodes: row index (rows.length = the column-totals row) … */
  row: number;
  /** … and column index (columns.length = the row-totals column). */
  column: number;
  value: number;
  /** +1 for cells and the grand total, −1 for row and column totals (the negated margins). */
  sign: 1 | -1;
  state: EntryState;
}

/** What a reader knows of an entry's value from how it is shown. */
function withinReaderBounds(state: EntryState, value: number): boolean {
  switch (state) {
    case 'small':
      return value >= 1 && value < SMALL_COUNT_THRESHOLD;
    case 'secondary':
      return value >= SMALL_COUNT_THRESHOLD;
    case 'withheld':
      return value >= 1;
    case 'unshown':
      return value >= 0;
    case 'published':
      return false;
  }
}

/**
 * Whether `p` lies on a cycle of hidden entries along which it can move by `step` (±1 on its
 * own value) with every other hidden entry staying within the reader's bounds. Traversing an
 * entry from its row node to its column node adds `delta` to its signed value, the other way
 * subtracts it; a breadth-first search gives a simple path, so no entry moves twice.
 */
function canMove(entries: readonly Entry[], p: Entry, step: 1 | -1, rowNodes: number): boolean {
  const delta = p.sign * step;
  const node = (e: Entry, side: 'row' | 'column') => (side === 'row' ? e.row : rowNodes + e.column);
  const adjacency = new Map<number, number[]>();
  const link = (from: number, to: number) => {
    const list = adjacency.get(from);
    if (list) list.push(to);
    else adjacency.set(from, [to]);
  };
  for (const e of entries) {
    if (e === p || e.state === 'published') continue;
    if (withinReaderBounds(e.state, e.value + e.sign * delta))
      link(node(e, 'row'), node(e, 'column'));
    if (withinReaderBounds(e.state, e.value - e.sign * delta))
      link(node(e, 'column'), node(e, 'row'));
  }
  const start = node(p, 'column');
  const goal = node(p, 'row');
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const at = queue.shift() as number;
    if (at === goal) return true;
    for (const next of adjacency.get(at) ?? [])
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  }
  return false;
}

/**
 * A small count is protected when it can move by one in some direction and stay within what
 * the reader knows of it (1–4 when shown as "< 5", ≥ 0 for a total the table does not show).
 */
function isProtected(entries: readonly Entry[], p: Entry, rowNodes: number): boolean {
  const steps: (1 | -1)[] = [];
  if (withinReaderBounds(p.state, p.value + 1)) steps.push(1);
  if (withinReaderBounds(p.state, p.value - 1)) steps.push(-1);
  return steps.some((step) => canMove(entries, p, step, rowNodes));
}

/**
 * Publishes a table under the small-counts rule: each count from 1 to 4 hidden as small, and
 * as few further entries as the greedy choice finds hidden as secondary, so that no small count
 * — cell or total — can be worked out from the published cells and totals.
 */
export function suppressTable<R extends string, C extends string>(
  table: CountTable<R, C>,
): PublishedTable<R, C> {
  const { rows, columns } = table;
  const n = rows.length;
  const m = columns.length;
  const entries: Entry[] = [];
  const cellEntries: Entry[][] = rows.map(() => []);
  const rowSums = rows.map(() => 0);
  const columnSums = columns.map(() => 0);
  const initial = (value: number, shown: boolean): EntryState =>
    !shown ? 'unshown' : isSmallCount(value) ? 'small' : 'published';
  rows.forEach((r, i) =>
    columns.forEach((c, j) => {
      const value = table.cells[r][c];
      assertCount(value);
      rowSums[i] += value;
      columnSums[j] += value;
      const e: Entry = { kind: 'cell', row: i, column: j, value, sign: 1, state: 'published' };
      e.state = initial(value, true);
      cellEntries[i].push(e);
      entries.push(e);
    }),
  );
  const grand = rowSums.reduce((a, b) => a + b, 0);
  const rowTotalEntries = rowSums.map((value, i): Entry => ({
    kind: 'rowTotal',
    row: i,
    column: m,
    value,
    sign: -1,
    state: initial(value, !!table.rowTotals),
  }));
  const columnTotalEntries = columnSums.map((value, j): Entry => ({
    kind: 'columnTotal',
    row: n,
    column: j,
    value,
    sign: -1,
    state: initial(value, !!table.columnTotals),
  }));
  const grandEntry: Entry = {
    kind: 'grandTotal',
    row: n,
    column: m,
    value: grand,
    sign: 1,
    state: initial(grand, !!table.grandTotal),
  };
  entries.push(...rowTotalEntries, ...columnTotalEntries, grandEntry);

  const rowNodes = n + 1;
  // Every small count must be protected: those shown as "< 5", and totals the table does not
  // show, which a reader could otherwise still add up from what it does.
  const unprotected = () =>
    entries.find(
      (e) =>
        (e.state === 'small' || (e.state === 'unshown' && isSmallCount(e.value))) &&
        !isProtected(entries, e, rowNodes),
    );
  const hideAll = (which: (e: Entry) => boolean) => {
    for (const e of entries)
      if (e.state === 'published' && e.value > 0 && which(e)) e.state = 'secondary';
  };
  for (let p = unprotected(); p; p = unprotected()) {
    const target = p;
    // Published zeros stay published: hiding one tells nothing and cannot move down.
    const candidates = entries
      .filter((e) => e.state === 'published' && e.value > 0)
      .sort(
        (a, b) =>
          Number(!sharesLine(a, target)) - Number(!sharesLine(b, target)) ||
          Number(a.kind !== 'cell') - Number(b.kind !== 'cell') ||
          a.value - b.value ||
          a.row - b.row ||
          a.column - b.column,
      );
    const chosen = candidates.find((e) => {
      e.state = 'secondary';
      const ok = isProtected(entries, target, rowNodes);
      e.state = 'published';
      return ok;
    });
    if (chosen) chosen.state = 'secondary';
    else {
      hideAll((e) => e.kind !== 'cell');
      if (!isProtected(entries, target, rowNodes)) hideAll(() => true);
      if (!isProtected(entries, target, rowNodes))
        for (const e of entries) if (e.kind !== 'cell' && e.state === 'small') e.state = 'withheld';
      if (!isProtected(entries, target, rowNodes))
        throw new Error('small-counts: a small count could not be protected');
    }
  }

  const shown = (e: Entry): PublishedCount =>
    e.state === 'small'
      ? SMALL
      : e.state === 'secondary' || e.state === 'withheld'
        ? SECONDARY
        : e.value;
  const cells = {} as Record<R, Record<C, PublishedCount>>;
  rows.forEach((r, i) => {
    cells[r] = {} as Record<C, PublishedCount>;
    columns.forEach((c, j) => (cells[r][c] = shown(cellEntries[i][j])));
  });
  const byKey = <K extends string>(keys: readonly K[], list: Entry[]) => {
    const out = {} as Record<K, PublishedCount>;
    keys.forEach((k, i) => (out[k] = shown(list[i])));
    return out;
  };
  return {
    rows,
    columns,
    cells,
    rowTotals: table.rowTotals ? byKey(rows, rowTotalEntries) : null,
    columnTotals: table.columnTotals ? byKey(columns, columnTotalEntries) : null,
    grandTotal: table.grandTotal ? shown(grandEntry) : null,
  };
}

function sharesLine(a: Entry, b: Entry): boolean {
  return a.row === b.row || a.column === b.column;
}

/**
 * A breakdown of one whole into parts (one row of a table), with its total unless told not to:
 * e.g. cases by priority and all cases, or offers taken up and not taken up of offers made.
 */
export function suppressBreakdown<K extends string>(
  parts: Readonly<Record<K, number>>,
  options?: { total?: true },
): { parts: Record<K, PublishedCount>; total: PublishedCount };
export function suppressBreakdown<K extends string>(
  parts: Readonly<Record<K, number>>,
  options: { total: false },
): { parts: Record<K, PublishedCount>; total: null };
export function suppressBreakdown<K extends string>(
  parts: Readonly<Record<K, number>>,
  options: { total?: boolean } = {},
): { parts: Record<K, PublishedCount>; total: PublishedCount | null } {
  const keys = Object.keys(parts) as K[];
  const table = suppressTable({
    rows: ['all'] as const,
    columns: keys,
    cells: { all: parts },
    rowTotals: options.total ?? true,
  });
  return { parts: table.cells.all, total: table.rowTotals?.all ?? null };
}
