import { caseFactRows, periodDays } from './statistics-queries';

describe('the statistics queries’ periods as days', () => {
  it('numbers every day from the first period’s first to the last one’s last', () => {
    const days = periodDays(
      ['2025-01-15', '2025-02-01', '2025-03-01'],
      ['2025-01-31', '2025-02-28', '2025-03-03'],
    );
    expect(days.lo).toBe('2025-01-15');
    expect(days.hi).toBe('2025-03-03');
    expect(days.count).toBe(3);
    expect(days.dayBuckets).toHaveLength(17 + 28 + 3);
    expect(days.dayBuckets.slice(15, 19)).toEqual([1, 1, 2, 2]);
    expect(days.dayBuckets.at(-1)).toBe(3);
  });

  it('refuses periods with a gap or out of order', () => {
    expect(() => periodDays(['2025-01-01', '2025-02-02'], ['2025-01-31', '2025-02-28'])).toThrow(
      'period 2 does not follow',
    );
    expect(() => periodDays(['2025-02-01', '2025-01-01'], ['2025-02-28', '2025-01-31'])).toThrow();
  });
});

describe('caseFactRows', () => {
  const keys = ['2025-01', '2025-02', '2025-03'];
  const group = (g: Partial<Parameters<typeof caseFactRows>[0][number]>) => ({
    set: 'summons',
    i: null,
    j: null,
    k: null,
    col: null,
    forms: null,
    n: '1',
    ...g,
  });

  it('counts a period-numbered group in its period, and drops groups in none', () => {
    expect(
      caseFactRows(
        [
          group({ set: 'summons', i: 2, col: 'late', n: '7' }),
          group({ set: 'to_summons', i: 1, col: '3', n: '2' }),
          group({ set: 'summons', i: null, col: 'late' }),
          group({ set: 'to_agreed_plan', i: 1, col: null }),
          group({ set: 'first_meeting', i: 4, col: 'late' }),
        ],
        keys,
      ),
    ).toEqual([
      { ind: 'summons', row: '2025-02', col: 'late', n: '7' },
      { ind: 'to_summons', row: '2025-01', col: '3', n: '2' },
    ]);
  });

  it('spreads a span over its periods, with a SIP from period k on', () => {
    expect(caseFactRows([group({ set: 'sip_share', i: 0, j: 5, k: 3, n: '4' })], keys)).toEqual([
      { ind: 'sip_share', row: '2025-01', col: 'without_sip', n: '4' },
      { ind: 'sip_share', row: '2025-02', col: 'without_sip', n: '4' },
      { ind: 'sip_share', row: '2025-03', col: 'with_sip', n: '4' },
    ]);
    expect(caseFactRows([group({ set: 'priority', i: 2, j: 2, col: 'A', n: '5' })], keys)).toEqual([
      { ind: 'priority', row: '2025-02', col: 'A', n: '5' },
    ]);
    expect(caseFactRows([group({ set: 'priority', i: 3, j: 2, col: 'A' })], keys)).toEqual([]);
  });

  it('counts a group of forms once for each form it names', () => {
    expect(
      caseFactRows([group({ set: 'forms', forms: 'physical,sexual,physical', n: '6' })], keys),
    ).toEqual([
      { ind: 'forms', row: 'physical', col: 'cases', n: '6' },
      { ind: 'forms', row: 'sexual', col: 'cases', n: '6' },
    ]);
  });
});
