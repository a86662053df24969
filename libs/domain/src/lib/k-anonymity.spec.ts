import fc from 'fast-check';
import { countyOf, EVALUATION_K, kAnonymise, type KAnonymityKey, quarterOf } from './k-anonymity';

const row = (municipalityCode: string, monthOpened: string, programme = 'TRYGGA_HEM', id = 0) => ({
  id,
  municipalityCode,
  programme,
  monthOpened,
});
const times = (n: number, r: ReturnType<typeof row>) =>
  Array.from({ length: n }, (_, i) => ({ ...r, id: r.id * 1000 + i }));

describe('kAnonymise (k = 5 over municipality × programme × month opened)', () => {
  it('publishes a group of 5 as it is', () => {
    const result = kAnonymise(times(5, row('1880', '2026-03')));
    expect(result.rows.map((r) => [r.area, r.period, r.level])).toEqual(
      Array(5).fill(['1880', '2026-03', 'municipality_month']),
    );
    expect(result).toMatchObject({ generalised: 0, leftOut: 0 });
  });

  it('generalises small groups to the county, then the quarter, then the year, and leaves out the rest', () => {
    const rows = [
      // 3 + 2 in two municipalities of county 18, same month: together 5 at county level.
      ...times(3, row('1880', '2026-03', 'TRYGGA_HEM', 1)),
      ...times(2, row('1885', '2026-03', 'TRYGGA_HEM', 2)),
      // 2 + 3 in different months of one quarter in county 17: 5 at quarter level.
      ...times(2, row('1780', '2026-04', 'TRYGGA_HEM', 3)),
      ...times(3, row('1784', '2026-06', 'TRYGGA_HEM', 4)),
      // 4 + 1 in different quarters of 2025 in county 20: 5 at year level.
      ...times(4, row('2080', '2025-02', 'TRYGGA_HEM', 5)),
      ...times(1, row('2080', '2025-11', 'TRYGGA_HEM', 6)),
      // 4 SIP cases in county 20, 2025: never 5, left out.
      ...times(4, row('2080', '2025-02', 'SIP', 7)),
      // 6 published as they are.
      ...times(6, row('1880', '2026-03', 'SIP', 8)),
    ];
    const result = kAnonymise(rows);
    const shown = (id: number) =>
      result.rows
        .filter((r) => Math.floor(r.row.id / 1000) === id)
        .map((r) => `${r.area} ${r.period} ${r.level}`);
    expect(shown(1)).toEqual(Array(3).fill('18 2026-03 county_month'));
    expect(shown(2)).toEqual(Array(2).fill('18 2026-03 county_month'));
    expect(shown(3)).toEqual(Array(2).fill('17 2026-Q2 county_quarter'));
    expect(shown(4)).toEqual(Array(3).fill('17 2026-Q2 county_quarter'));
    expect(shown(5)).toEqual(Array(4).fill('20 2025 county_year'));
    expect(shown(6)).toEqual(['20 2025 county_year']);
    expect(shown(7)).toEqual([]);
    expect(shown(8)).toEqual(Array(6).fill('1880 2026-03 municipality_month'));
    expect(result.generalised).toBe(15);
    expect(result.leftOut).toBe(4);
    expect(result.byLevel).toEqual({
      municipality_month: 6,
      county_month: 5,
      county_quarter: 5,
      county_year: 5,
    });
  });

  it('does not pull a row that is published at one step into a group of a later step', () => {
    // 5 in 1880 are fine as they are; the 1 in 1881 stays alone at every step and is left out.
    const result = kAnonymise([...times(5, row('1880', '2026-03')), row('1881', '2026-03')]);
    expect(result).toMatchObject({ generalised: 0, leftOut: 1 });
  });

  it('keeps an empty input empty, and refuses malformed codes and months', () => {
    expect(kAnonymise([])).toMatchObject({ rows: [], generalised: 0, leftOut: 0 });
    expect(() => kAnonymise([row('188', '2026-03')])).toThrow(RangeError);
    expect(() => kAnonymise([row('1880', '2026-3')])).toThrow(RangeError);
    expect(() => kAnonymise([row('1880', '2026-03')], 0)).toThrow(RangeError);
    expect(quarterOf('2026-12')).toBe('2026-Q4');
    expect(countyOf('0180')).toBe('01');
  });

  // An independent reading of the rule: group the output by what is published.
  const arbitraryRows = fc.array(
    fc.record({
      municipalityCode: fc.constantFrom('1880', '1881', '1882', '1780', '1781', '2080'),
      programme: fc.constantFrom('SIP', 'TRYGGA_HEM'),
      monthOpened: fc
        .tuple(fc.constantFrom('2025', '2026'), fc.integer({ min: 1, max: 12 }))
        .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
    }),
    { maxLength: 120 },
  );

  it('property: no published group is smaller than k, and every row is published or counted as left out', () => {
    fc.assert(
      fc.property(arbitraryRows, fc.integer({ min: 1, max: 8 }), (rows, k) => {
        const result = kAnonymise(rows, k);
        const groups = new Map<string, number>();
        for (const r of result.rows) {
          const key = `${r.area}|${r.row.programme}|${r.period}`;
          groups.set(key, (groups.get(key) ?? 0) + 1);
        }
        for (const size of groups.values()) expect(size).toBeGreaterThanOrEqual(k);
        expect(result.rows.length + result.leftOut).toBe(rows.length);
        expect(result.generalised).toBe(
          result.rows.filter((r) => r.level !== 'municipality_month').length,
        );
        // Published values are true generalisations of the row's own.
        for (const r of result.rows) {
          const own: KAnonymityKey = r.row;
          expect(own.municipalityCode.startsWith(r.area)).toBe(true);
          expect(
            r.period === own.monthOpened ||
              r.period === quarterOf(own.monthOpened) ||
              r.period === own.monthOpened.slice(0, 4),
          ).toBe(true);
        }
      }),
    );
  });

  it('property: with k = 5, a row is left out only when its county, programme and year hold fewer than 5 rows left over', () => {
    fc.assert(
      fc.property(arbitraryRows, (rows) => {
        const result = kAnonymise(rows, EVALUATION_K);
        const published = new Set(result.rows.map((r) => r.row));
        const left = rows.filter((r) => !published.has(r));
        const leftByYear = new Map<string, number>();
        for (const r of left) {
          const key = `${countyOf(r.municipalityCode)}|${r.programme}|${r.monthOpened.slice(0, 4)}`;
          leftByYear.set(key, (leftByYear.get(key) ?? 0) + 1);
        }
        for (const size of leftByYear.values()) expect(size).toBeLessThan(EVALUATION_K);
      }),
    );
  });
});
