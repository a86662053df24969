import { publishCounts } from '@samsyn/domain';
import { COOPERATION_UNIT_COLUMNS } from './statistics-attendance';

/** Every combination of `values` over the columns, as one period row each. */
function rowsOf(columns: readonly string[], values: readonly number[]): number[][] {
  return columns.reduce<number[][]>(
    (acc) => acc.flatMap((row) => values.map((v) => [...row, v])),
    [[]],
  );
}

describe('the cooperation meeting indicator under the small-counts rule', () => {
  it('has the agreement parties and the other agencies as columns', () => {
    expect(COOPERATION_UNIT_COLUMNS).toEqual(['units_region', 'units_municipality', 'units_other']);
  });

  it('publishes every row of 0–6 units per column, hiding each count of 1–4', () => {
    for (const values of rowsOf(COOPERATION_UNIT_COLUMNS, [0, 1, 2, 3, 4, 5, 6])) {
      const counts = values.map((n, j) => ({ row: 'p', column: COOPERATION_UNIT_COLUMNS[j], n }));
      const published = publishCounts(['p'], COOPERATION_UNIT_COLUMNS, counts, {
        rowTotals: true,
      });
      values.forEach((n, j) => {
        const cell = published.cells[0][j];
        if (n >= 1 && n <= 4) expect(cell).toEqual({ hidden: 'small' });
        else if (typeof cell === 'number') expect(cell).toBe(n);
      });
      const total = values.reduce((a, b) => a + b, 0);
      const shown = published.rowTotals?.[0];
      if (typeof shown === 'number') expect(shown).toBe(total);
      if (total >= 1 && total <= 4) expect(shown).toEqual({ hidden: 'small' });
    }
  });

  it('why not a column per kind: four units of four kinds in a month would lose their total', () => {
    // "< 5" on the total would pin each kind at 1, so the rule shows the total as "x" instead:
    // three columns keep the month's total of units readable more often.
    const four = ['a', 'b', 'c', 'd'];
    const published = publishCounts(
      ['p'],
      four,
      four.map((column) => ({ row: 'p', column, n: 1 })),
      { rowTotals: true },
    );
    expect(published.cells[0]).toEqual(four.map(() => ({ hidden: 'small' })));
    expect(published.rowTotals).toEqual([{ hidden: 'secondary' }]);
  });
});
