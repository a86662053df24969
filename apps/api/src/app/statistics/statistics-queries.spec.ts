import { dailyWindow, dayCountRows, periodDays } from './statistics-queries';

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

describe('dayCountRows', () => {
  const keys = ['2025-01', '2025-02', '2025-03'];
  const row = (ind: string, i: number, col: string, n: number) => ({ ind, i, col, n: String(n) });

  it('counts a point in its period, and drops points in none and zero counts', () => {
    expect(
      dayCountRows(
        [
          row('summons', 2, 'late', 7),
          row('to_summons', 1, '3', 2),
          row('summons', 0, 'late', 1),
          row('first_meeting', 4, 'late', 1),
          row('offer', 3, 'taken_up', 0),
        ],
        keys,
      ),
    ).toEqual([
      { ind: 'summons', row: '2025-02', col: 'late', n: '7' },
      { ind: 'to_summons', row: '2025-01', col: '3', n: '2' },
    ]);
  });

  it('adds an interval kind up from the period each row names: the SIP share', () => {
    // 10 violence cases from period 1, 4 closed before period 3; 3 with a SIP from period 2, one
    // of them closed before period 3; rows from after the last period count nowhere.
    expect(
      dayCountRows(
        [
          row('case', 1, '', 10),
          row('case', 3, '', -4),
          row('with_sip', 2, '', 3),
          row('with_sip', 3, '', -1),
          row('case', 4, '', 9),
        ],
        keys,
      ),
    ).toEqual([
      { ind: 'sip_share', row: '2025-01', col: 'without_sip', n: '10' },
      { ind: 'sip_share', row: '2025-02', col: 'with_sip', n: '3' },
      { ind: 'sip_share', row: '2025-02', col: 'without_sip', n: '7' },
      { ind: 'sip_share', row: '2025-03', col: 'with_sip', n: '2' },
      { ind: 'sip_share', row: '2025-03', col: 'without_sip', n: '4' },
    ]);
  });

  it('adds priorities up per priority, and counts each form once', () => {
    expect(
      dayCountRows(
        [
          row('priority', 2, 'A', 5),
          row('priority', 3, 'A', -5),
          row('priority', 1, 'B', 1),
          row('form', 0, 'physical', 6),
          row('form', 0, 'sexual', 0),
        ],
        keys,
      ),
    ).toEqual([
      { ind: 'forms', row: 'physical', col: 'cases', n: '6' },
      { ind: 'priority', row: '2025-02', col: 'A', n: '5' },
      { ind: 'priority', row: '2025-01', col: 'B', n: '1' },
      { ind: 'priority', row: '2025-02', col: 'B', n: '1' },
      { ind: 'priority', row: '2025-03', col: 'B', n: '1' },
    ]);
  });
});

describe('dailyWindow', () => {
  it('reads the first and last months per day, and the months deadlines still run in', () => {
    const p = periodDays(['2025-01-15', '2025-02-01'], ['2025-01-31', '2025-02-10']);
    expect(dailyWindow(p, '2025-06-20', 14)).toEqual({
      dayRanges: [
        ["DATE '2025-01-01'", "DATE '2025-01-31'"],
        ["DATE '2025-02-01'", "DATE '2025-02-28'"],
      ],
      loMonth: "DATE '2025-01-01'",
      loMonthEnd: "DATE '2025-01-31'",
      dailyFrom: "DATE '2025-02-01'",
      hiMonthEnd: "DATE '2025-02-28'",
    });
    const recent = periodDays(['2025-01-01', '2025-02-01'], ['2025-01-31', '2025-02-28']);
    expect(dailyWindow(recent, '2025-03-10', 45)).toMatchObject({
      dailyFrom: "DATE '2025-01-01'",
      dayRanges: [["DATE '2025-01-01'", "DATE '2025-02-28'"]],
    });
  });
});
