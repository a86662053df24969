import fc from 'fast-check';
import { Role, StatisticsPeriod } from '@samsyn/common';
import {
  median,
  medianOfCounts,
  periodBuckets,
  publishCounts,
  publishMedian,
  publishedShare,
  statisticsPeriodProblems,
  statisticsScope,
} from './indicators';

describe('periodBuckets', () => {
  it('divides a range into months, the ends clipped', () => {
    expect(periodBuckets('2026-01-15', '2026-03-10', StatisticsPeriod.Month)).toEqual([
      { key: '2026-01', start: '2026-01-15', end: '2026-01-31' },
      { key: '2026-02', start: '2026-02-01', end: '2026-02-28' },
      { key: '2026-03', start: '2026-03-01', end: '2026-03-10' },
    ]);
  });

  it('divides into quarters and years across a year end', () => {
    expect(
      periodBuckets('2025-11-01', '2026-04-30', StatisticsPeriod.Quarter).map((b) => b.key),
    ).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
    expect(periodBuckets('2024-02-29', '2026-01-01', StatisticsPeriod.Year)).toEqual([
      { key: '2024', start: '2024-02-29', end: '2024-12-31' },
      { key: '2025', start: '2025-01-01', end: '2025-12-31' },
      { key: '2026', start: '2026-01-01', end: '2026-01-01' },
    ]);
  });

  it('gives nothing for an inverted range', () => {
    expect(periodBuckets('2026-02-01', '2026-01-01', StatisticsPeriod.Month)).toEqual([]);
  });
});

describe('publishCounts', () => {
  const rows = ['2026-01', '2026-02'];

  it('puts the parts and their total in one table, small ones hidden with whatever reveals them', () => {
    const t = publishCounts(
      rows,
      ['with_sip', 'without_sip'],
      [
        { row: '2026-01', column: 'with_sip', n: 12 },
        { row: '2026-01', column: 'without_sip', n: 30 },
        { row: '2026-02', column: 'with_sip', n: 3 },
        { row: '2026-02', column: 'without_sip', n: 20 },
        { row: '2027-01', column: 'with_sip', n: 99 },
      ],
      { rowTotals: true },
    );
    expect(t.cells[0]).toEqual([12, 30]);
    expect(t.rowTotals?.[0]).toBe(42);
    expect(t.cells[1][0]).toEqual({ hidden: 'small' });
    // 20 and the total 23 would give the 3 away: one of them is hidden too.
    expect([t.cells[1][1], t.rowTotals?.[1]]).toContainEqual({ hidden: 'secondary' });
  });

  it('publishes separate figures alone, zeros for what has no rows', () => {
    const t = publishCounts(
      rows,
      ['notifications', 'control_measures'],
      [{ row: '2026-01', column: 'notifications', n: 2 }],
      { rowTotals: false },
    );
    expect(t.cells).toEqual([
      [{ hidden: 'small' }, 0],
      [0, 0],
    ]);
    expect(t.rowTotals).toBeNull();
  });
});

describe('shares and medians', () => {
  it('gives a share only between published counts', () => {
    expect(publishedShare(12, 42)).toBe(28.6);
    expect(publishedShare({ hidden: 'small' }, 23)).toBeNull();
    expect(publishedShare(5, { hidden: 'secondary' })).toBeNull();
    expect(publishedShare(0, 0)).toBeNull();
  });

  it('takes the median of counted values as of the list they stand for', () => {
    expect(
      medianOfCounts([
        { value: 3, n: 2 },
        { value: 1, n: 1 },
      ]),
    ).toBe(3);
    expect(
      medianOfCounts([
        { value: 4, n: 1 },
        { value: 1, n: 1 },
        { value: 2, n: 0 },
      ]),
    ).toBe(2.5);
    expect(medianOfCounts([])).toBeNull();
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.integer({ min: -50, max: 400 }), n: fc.nat({ max: 6 }) }), {
          maxLength: 12,
        }),
        (counts) => {
          const merged = new Map<number, number>();
          for (const c of counts) merged.set(c.value, (merged.get(c.value) ?? 0) + c.n);
          const list = [...merged].flatMap(([value, n]) => Array<number>(n).fill(value));
          expect(medianOfCounts([...merged].map(([value, n]) => ({ value, n })))).toBe(
            median(list),
          );
        },
      ),
    );
  });

  it('publishes a median of five cases or more', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(publishMedian(2.5, 4)).toBeNull();
    expect(publishMedian(2.54, 5)).toBe(2.5);
  });
});

describe('statisticsPeriodProblems', () => {
  it('refuses an inverted or future period', () => {
    expect(statisticsPeriodProblems('2026-01-01', '2026-02-01', '2026-03-01')).toEqual([]);
    expect(statisticsPeriodProblems('2026-02-01', '2026-01-01', '2026-03-01')).toEqual([
      expect.objectContaining({ field: 'to', code: 'beforeFrom' }),
    ]);
    expect(
      statisticsPeriodProblems('2026-04-01', '2026-05-01', '2026-03-01').map((p) => p.code),
    ).toEqual(['future', 'future']);
  });
});

describe('statisticsScope', () => {
  const all = ['1880', '1881', '1883', '0180', '0181'];

  it('gives a municipality coordinator their county and their agreements’ municipalities', () => {
    expect(
      statisticsScope({
        roles: [Role.Coordinator],
        organisationId: 'o',
        ownMunicipalityCode: '1880',
        agreementMunicipalityCodes: ['1880', '0180'],
        allMunicipalityCodes: all,
      }),
    ).toEqual({ municipalityCodes: ['0180', '1880', '1881', '1883'], owningOrganisationId: null });
  });

  it('gives a county-level body the counties it has agreements in, else every municipality', () => {
    const base = { roles: [Role.Steering], organisationId: 'o', ownMunicipalityCode: null };
    expect(
      statisticsScope({ ...base, agreementMunicipalityCodes: ['0181'], allMunicipalityCodes: all })
        .municipalityCodes,
    ).toEqual(['0180', '0181']);
    expect(
      statisticsScope({ ...base, agreementMunicipalityCodes: [], allMunicipalityCodes: all })
        .municipalityCodes,
    ).toEqual(['0180', '0181', '1880', '1881', '1883']);
  });

  it('gives an org_admin their own organisation’s cases only', () => {
    expect(
      statisticsScope({
        roles: [Role.OrgAdmin],
        organisationId: 'o',
        ownMunicipalityCode: '1881',
        agreementMunicipalityCodes: ['1880'],
        allMunicipalityCodes: all,
      }),
    ).toEqual({ municipalityCodes: ['1881'], owningOrganisationId: 'o' });
  });

  it('gives other roles nothing', () => {
    expect(
      statisticsScope({
        roles: [Role.SocialWorker],
        organisationId: 'o',
        ownMunicipalityCode: '1880',
        agreementMunicipalityCodes: [],
        allMunicipalityCodes: all,
      }).municipalityCodes,
    ).toEqual([]);
  });
});
