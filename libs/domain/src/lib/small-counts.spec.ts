import { countText, type PublishedCount, SMALL_COUNT_THRESHOLD } from '@samsyn/common';
import fc from 'fast-check';
import {
  isSmallCount,
  publishCount,
  type PublishedTable,
  suppressBreakdown,
  suppressTable,
} from './small-counts';

const SMALL = { hidden: 'small' };
const X = { hidden: 'secondary' };

describe('publishCount (one figure on its own)', () => {
  it.each([
    [0, 0],
    [1, SMALL],
    [4, SMALL],
    [5, 5],
    [17, 17],
  ])('%i is published as %p', (n, expected) => {
    expect(publishCount(n)).toEqual(expected);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => publishCount(-1)).toThrow(RangeError);
    expect(() => publishCount(1.5)).toThrow(RangeError);
    expect(() => suppressTable({ rows: ['a'], columns: ['b'], cells: { a: { b: 2.5 } } })).toThrow(
      RangeError,
    );
  });

  it('is written "< 5", or "x" for a count hidden to protect another, in Swedish and English', () => {
    expect(countText(12)).toEqual({ text: '12', spoken: null, hidden: null });
    expect(countText({ hidden: 'small' }, 'sv')).toEqual({
      text: '< 5',
      spoken: 'färre än 5',
      hidden: 'small',
    });
    expect(countText({ hidden: 'small' }, 'en').spoken).toBe('fewer than 5');
    expect(countText({ hidden: 'secondary' }, 'en').text).toBe('x');
  });
});

describe('suppressBreakdown (a whole and its parts)', () => {
  it('hides a second part when one is small and the total is shown, so the small one cannot be recovered', () => {
    // A = 3 alone hidden with the total shown gives A = 19 − 8 − 0 − 6; D (6) goes with it.
    const out = suppressBreakdown({ A: 3, B: 8, C: 0, D: 6 });
    expect(out).toEqual({ parts: { A: SMALL, B: 8, C: 0, D: X }, total: 17 });
  });

  it('publishes everything when nothing is small', () => {
    expect(suppressBreakdown({ A: 5, B: 8, C: 0, D: 6 })).toEqual({
      parts: { A: 5, B: 8, C: 0, D: 6 },
      total: 19,
    });
  });

  it('takes the second part large enough that the small one can still move (1 beside 5 would pin it)', () => {
    // Hiding D (5) with A (1): A + D = 6 with A ≥ 1 and D ≥ 5 leaves only A = 1. B (8) lets it move.
    const out = suppressBreakdown({ A: 1, B: 8, C: 0, D: 5 });
    expect(out.total).toBe(14);
    expect(out.parts).toEqual({ A: SMALL, B: X, C: 0, D: 5 });
  });

  it('hides a small total', () => {
    expect(suppressBreakdown({ A: 3, B: 0 })).toEqual({ parts: { A: SMALL, B: 0 }, total: SMALL });
  });

  it('protects a small difference: offers taken up and not, of those made', () => {
    // 7 made, 5 taken up: publishing both gives "2 not taken up" away.
    const out = suppressBreakdown({ takenUp: 5, notTakenUp: 2 });
    expect(out.parts.notTakenUp).toEqual(SMALL);
    expect([out.parts.takenUp, out.total]).toContainEqual(X);
  });
});

describe('suppressTable', () => {
  it('publishes nothing between 1 and 4 and keeps every shown value true', () => {
    const out = suppressTable({
      rows: ['1880', '1814'],
      columns: ['A', 'B', 'C'],
      cells: { '1880': { A: 12, B: 2, C: 7 }, '1814': { A: 6, B: 9, C: 0 } },
      rowTotals: true,
      columnTotals: true,
      grandTotal: true,
    });
    expect(out.cells['1880'].B).toEqual(SMALL);
    expect(out.cells['1814'].C).toBe(0);
    expectReaderCannotPin(
      {
        rows: 2,
        columns: 3,
        values: [
          [12, 2, 7],
          [6, 9, 0],
        ],
      },
      toGrid(out),
      { rows: true, columns: true, grand: true },
    );
  });

  it('is deterministic', () => {
    const table = {
      rows: ['a', 'b'] as const,
      columns: ['x', 'y'] as const,
      cells: { a: { x: 3, y: 9 }, b: { x: 8, y: 6 } },
      rowTotals: true,
      columnTotals: true,
    };
    expect(suppressTable(table)).toEqual(suppressTable(table));
  });

  it('shows a small total as "x" where "< 5" would pin its parts (four parts of 1 under a total of 4)', () => {
    const cells = { m: { a: 1, b: 1, c: 1, d: 1 } };
    const out = suppressTable({
      rows: ['m'],
      columns: ['a', 'b', 'c', 'd'],
      cells,
      rowTotals: true,
    });
    expect(Object.values(out.cells.m)).toEqual([SMALL, SMALL, SMALL, SMALL]);
    expect(out.rowTotals?.m).toEqual({ hidden: 'secondary' });
    // With "< 5" on the total, the parts (each 1–4) could only be 1, 1, 1, 1; with "x" a part
    // of 2 under a total of 5 fits what is shown just as well.
    const reader = (total: [number, number]) => {
      const fits: number[][] = [];
      for (let a = 1; a <= 4; a++)
        for (let b = 1; b <= 4; b++)
          for (let c = 1; c <= 4; c++)
            for (let d = 1; d <= 4; d++) {
              const t = a + b + c + d;
              if (t >= total[0] && t <= total[1]) fits.push([a, b, c, d]);
            }
      return fits;
    };
    expect(reader([1, 4])).toEqual([[1, 1, 1, 1]]);
    expect(reader([1, 16]).some((x) => x[0] !== 1)).toBe(true);
  });

  it('returns no totals the table does not show', () => {
    const out = suppressTable({ rows: ['a'], columns: ['x'], cells: { a: { x: 7 } } });
    expect(out).toMatchObject({ rowTotals: null, columnTotals: null, grandTotal: null });
    expect(out.cells.a.x).toBe(7);
  });
});

// ---------------------------------------------------------------- property: an independent reader

interface Grid {
  rows: number;
  columns: number;
  values: number[][];
}

interface Shown {
  /** Published or hidden, per cell, per row total, per column total, and the grand total. */
  cells: PublishedCount[][];
  rowTotals: PublishedCount[] | null;
  columnTotals: PublishedCount[] | null;
  grand: PublishedCount | null;
}

function toGrid<R extends string, C extends string>(t: PublishedTable<R, C>): Shown {
  return {
    cells: t.rows.map((r) => t.columns.map((c) => t.cells[r][c])),
    rowTotals: t.rowTotals ? t.rows.map((r) => t.rowTotals![r]) : null,
    columnTotals: t.columnTotals ? t.columns.map((c) => t.columnTotals![c]) : null,
    grand: t.grandTotal,
  };
}

/** What a reader knows of a shown value: exactly it, 1–4 ("< 5"), or ≥ 5 ("x"); null = anything. */
function readerRange(shown: PublishedCount | null, cap: number): [number, number] {
  if (shown === null) return [0, cap];
  if (typeof shown === 'number') return [shown, shown];
  return shown.hidden === 'small' ? [1, SMALL_COUNT_THRESHOLD - 1] : [SMALL_COUNT_THRESHOLD, cap];
}

/**
 * The reader's search, written without the rule's graph: every table of whole numbers (each
 * cell at most `cap`) consistent with everything shown, by depth-first search over the cells
 * with the row and column ranges as bounds. `visit` sees each consistent table; returning true
 * stops the search.
 */
function searchConsistent(
  grid: Grid,
  shown: Shown,
  cap: number,
  visit: (cells: number[][]) => boolean,
): void {
  const { rows, columns } = grid;
  const totalCap = cap * Math.max(rows, columns, 1) * Math.max(rows, columns, 1);
  const cellRange = shown.cells.map((row) => row.map((s) => readerRange(s, cap)));
  const rowRange = (i: number) =>
    readerRange(shown.rowTotals ? shown.rowTotals[i] : null, totalCap);
  const colRange = (j: number) =>
    readerRange(shown.columnTotals ? shown.columnTotals[j] : null, totalCap);
  const grandRange = readerRange(shown.grand, totalCap);
  const x = grid.values.map((row) => row.map(() => 0));
  const rowSum = Array<number>(rows).fill(0);
  const colSum = Array<number>(columns).fill(0);
  let stop = false;
  const step = (k: number): void => {
    if (stop) return;
    if (k === rows * columns) {
      const g = rowSum.reduce((a, b) => a + b, 0);
      if (g < grandRange[0] || g > grandRange[1]) return;
      for (let j = 0; j < columns; j++) {
        const [lo, hi] = colRange(j);
        if (colSum[j] < lo || colSum[j] > hi) return;
      }
      if (visit(x.map((r) => [...r]))) stop = true;
      return;
    }
    const i = Math.floor(k / columns);
    const j = k % columns;
    const [lo, hi] = cellRange[i][j];
    for (let v = lo; v <= hi && !stop; v++) {
      x[i][j] = v;
      rowSum[i] += v;
      colSum[j] += v;
      // Bounds from what the rest of the row and column can still add.
      let restRowMin = 0;
      let restRowMax = 0;
      for (let jj = j + 1; jj < columns; jj++) {
        restRowMin += cellRange[i][jj][0];
        restRowMax += cellRange[i][jj][1];
      }
      let restColMin = 0;
      let restColMax = 0;
      for (let ii = i + 1; ii < rows; ii++) {
        restColMin += cellRange[ii][j][0];
        restColMax += cellRange[ii][j][1];
      }
      const [rlo, rhi] = rowRange(i);
      const [clo, chi] = colRange(j);
      if (
        rowSum[i] + restRowMin <= rhi &&
        rowSum[i] + restRowMax >= rlo &&
        colSum[j] + restColMin <= chi &&
        colSum[j] + restColMax >= clo
      )
        step(k + 1);
      rowSum[i] -= v;
      colSum[j] -= v;
    }
    x[i][j] = 0;
  };
  step(0);
}

/**
 * No published value is 1–4, every published value is true, and every count of 1–4 — each
 * cell, row total, column total and the grand total, shown or not — takes at least two values
 * over the tables a reader finds consistent with what is shown.
 */
function expectReaderCannotPin(
  grid: Grid,
  shown: Shown,
  totals: { rows: boolean; columns: boolean; grand: boolean },
): void {
  const { rows, columns, values } = grid;
  const rowTotal = (x: number[][], i: number) => x[i].reduce((a, b) => a + b, 0);
  const colTotal = (x: number[][], j: number) => x.reduce((a, r) => a + r[j], 0);
  const grand = (x: number[][]) => x.flat().reduce((a, b) => a + b, 0);
  const check = (value: number, published: PublishedCount | null, what: string) => {
    if (typeof published === 'number') {
      expect({ what, published }).toEqual({ what, published: value });
      expect({ what, small: isSmallCount(published) }).toEqual({ what, small: false });
    }
  };
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < columns; j++) check(values[i][j], shown.cells[i][j], `cell ${i},${j}`);
  for (let i = 0; i < rows; i++)
    check(rowTotal(values, i), shown.rowTotals?.[i] ?? null, `row ${i}`);
  for (let j = 0; j < columns; j++)
    check(colTotal(values, j), shown.columnTotals?.[j] ?? null, `column ${j}`);
  check(grand(values), shown.grand, 'grand');
  expect(shown.rowTotals !== null).toBe(totals.rows);
  expect(shown.columnTotals !== null).toBe(totals.columns);
  expect(shown.grand !== null).toBe(totals.grand);

  const cap = Math.max(...values.flat(), SMALL_COUNT_THRESHOLD) + 2;
  const targets: { what: string; value: number; of: (x: number[][]) => number }[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++)
      targets.push({ what: `cell ${i},${j}`, value: values[i][j], of: (x) => x[i][j] });
    targets.push({ what: `row total ${i}`, value: rowTotal(values, i), of: (x) => rowTotal(x, i) });
  }
  for (let j = 0; j < columns; j++)
    targets.push({
      what: `column total ${j}`,
      value: colTotal(values, j),
      of: (x) => colTotal(x, j),
    });
  targets.push({ what: 'grand total', value: grand(values), of: grand });
  for (const t of targets.filter((t) => isSmallCount(t.value))) {
    let found = false;
    searchConsistent(grid, shown, cap, (x) => (found = t.of(x) !== t.value));
    if (!found)
      throw new Error(
        `a reader can work out ${t.what} = ${t.value} from ${JSON.stringify(shown)} (true table ${JSON.stringify(values)})`,
      );
  }
}

/** Mostly small and zero counts (where protection is hard), some larger ones. */
const count = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9 }) },
);

const table = fc
  .record({ rows: fc.integer({ min: 1, max: 3 }), columns: fc.integer({ min: 1, max: 3 }) })
  .chain(({ rows, columns }) =>
    fc.record({
      rows: fc.constant(rows),
      columns: fc.constant(columns),
      values: fc.array(fc.array(count, { minLength: columns, maxLength: columns }), {
        minLength: rows,
        maxLength: rows,
      }),
      totals: fc.record({ rows: fc.boolean(), columns: fc.boolean(), grand: fc.boolean() }),
    }),
  );

describe('property: no combination of published cells and totals reveals a count below 5', () => {
  it('holds for random tables of up to 3 × 3 with any choice of totals', () => {
    fc.assert(
      fc.property(table, ({ rows, columns, values, totals }) => {
        const rowKeys = Array.from({ length: rows }, (_, i) => `r${i}`);
        const colKeys = Array.from({ length: columns }, (_, j) => `c${j}`);
        const cells: Record<string, Record<string, number>> = {};
        rowKeys.forEach((r, i) => {
          cells[r] = {};
          colKeys.forEach((c, j) => (cells[r][c] = values[i][j]));
        });
        const out = suppressTable({
          rows: rowKeys,
          columns: colKeys,
          cells,
          rowTotals: totals.rows,
          columnTotals: totals.columns,
          grandTotal: totals.grand,
        });
        expectReaderCannotPin({ rows, columns, values }, toGrid(out), totals);
      }),
      { numRuns: 400, seed: 17 },
    );
  });

  it('the reader is not vacuous: it pins a small cell when only primary suppression is applied', () => {
    // Mutation: a row of 3 and 8 with its total 11 shown and only the 3 hidden.
    expect(() =>
      expectReaderCannotPin(
        { rows: 1, columns: 2, values: [[3, 8]] },
        { cells: [[SMALL as PublishedCount, 8]], rowTotals: [11], columnTotals: null, grand: null },
        { rows: true, columns: false, grand: false },
      ),
    ).toThrow(/cell 0,0 = 3/);
    // And with the 8 hidden too but 1 beside 5: A + D = 6, A ≥ 1, D ≥ 5 pins A = 1.
    expect(() =>
      expectReaderCannotPin(
        { rows: 1, columns: 2, values: [[1, 5]] },
        {
          cells: [[SMALL as PublishedCount, X as PublishedCount]],
          rowTotals: [6],
          columnTotals: null,
          grand: null,
        },
        { rows: true, columns: false, grand: false },
      ),
    ).toThrow(/cell 0,0 = 1/);
  });
});
