import { addDays, ageOn, swedishDate } from './calendar';

describe('swedishDate', () => {
  it.each([
    // Winter time (CET, UTC+1).
    ['2026-01-15T22:59:59.999Z', '2026-01-15'],
    ['2026-01-15T23:00:00.000Z', '2026-01-16'],
    // Summer time (CEST, UTC+2): a late-evening UTC instant is already tomorrow in Stockholm.
    ['2026-06-30T21:59:59.999Z', '2026-06-30'],
    ['2026-06-30T22:00:00.000Z', '2026-07-01'],
    ['2026-06-30T22:30:00.000Z', '2026-07-01'],
    // Midnight UTC is 01:00 or 02:00 in Stockholm: the same day.
    ['2026-06-30T00:00:00.000Z', '2026-06-30'],
    ['2026-01-15T00:00:00.000Z', '2026-01-15'],
    // New Year.
    ['2026-12-31T22:59:59.999Z', '2026-12-31'],
    ['2026-12-31T23:00:00.000Z', '2027-01-01'],
  ])('%s is %s in Stockholm', (instant, day) => {
    expect(swedishDate(new Date(instant))).toBe(day);
  });

  describe('across the change to summer time (29 March 2026, 02:00 CET → 03:00 CEST)', () => {
    it.each([
      // The evening before: still UTC+1.
      ['2026-03-28T22:59:59Z', '2026-03-28'],
      ['2026-03-28T23:00:00Z', '2026-03-29'],
      // Just before and after the switch at 01:00 UTC.
      ['2026-03-29T00:59:59Z', '2026-03-29'],
      ['2026-03-29T01:00:00Z', '2026-03-29'],
      // The first summer-time evening: midnight now comes at 22:00 UTC.
      ['2026-03-29T21:59:59Z', '2026-03-29'],
      ['2026-03-29T22:00:00Z', '2026-03-30'],
      ['2026-03-29T22:30:00Z', '2026-03-30'],
    ])('%s is %s', (instant, day) => {
      expect(swedishDate(new Date(instant))).toBe(day);
    });
  });

  describe('across the change to winter time (25 October 2026, 03:00 CEST → 02:00 CET)', () => {
    it.each([
      // The last summer-time evening: midnight at 22:00 UTC.
      ['2026-10-24T21:59:59Z', '2026-10-24'],
      ['2026-10-24T22:00:00Z', '2026-10-25'],
      // The switch at 01:00 UTC.
      ['2026-10-25T00:59:59Z', '2026-10-25'],
      ['2026-10-25T01:00:00Z', '2026-10-25'],
      // The first winter-time evening: midnight at 23:00 UTC again.
      ['2026-10-25T22:00:00Z', '2026-10-25'],
      ['2026-10-25T22:59:59Z', '2026-10-25'],
      ['2026-10-25T23:00:00Z', '2026-10-26'],
    ])('%s is %s', (instant, day) => {
      expect(swedishDate(new Date(instant))).toBe(day);
    });
  });

  it('does not depend on the machine’s time zone', () => {
    // Jest runs in UTC (tools/jest/set-timezone.js): the UTC date differs, the Swedish one does not.
    const instant = new Date('2026-06-30T22:30:00Z');
    expect(instant.toISOString().slice(0, 10)).toBe('2026-06-30');
    expect(swedishDate(instant)).toBe('2026-07-01');
  });
});

describe('addDays', () => {
  it.each([
    ['2026-03-15', 0, '2026-03-15'],
    ['2026-03-15', 1, '2026-03-16'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-12-20', 14, '2027-01-03'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-01', 30, '2026-03-31'],
    // Across both daylight-saving changes: whole calendar days, never 23 or 25 hours off.
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 366, '2029-01-01'],
    ['2026-09-01', 90, '2026-11-30'],
  ])('%s plus %i days → %s', (date, days, result) => {
    expect(addDays(date, days)).toBe(result);
  });

  it('adding and taking away the same number of days returns the date', () => {
    for (const days of [1, 29, 31, 59, 366])
      expect(addDays(addDays('2027-12-31', days), -days)).toBe('2027-12-31');
  });
});

describe('ageOn', () => {
  it.each([
    ['2010-05-20', '2026-05-19', 15, 'the day before the birthday'],
    ['2010-05-20', '2026-05-20', 16, 'on the birthday'],
    ['2010-05-20', '2026-05-21', 16, 'the day after the birthday'],
    ['2010-05-20', '2026-04-30', 15, 'an earlier month'],
    ['2010-05-20', '2026-06-01', 16, 'a later month'],
    ['2008-12-31', '2026-12-30', 17, 'New Year’s Eve birthday, the day before'],
    ['2008-12-31', '2026-12-31', 18, 'New Year’s Eve birthday, on the day'],
    ['2008-01-01', '2025-12-31', 17, 'New Year’s Day birthday, the eve before'],
    ['2008-01-01', '2026-01-01', 18, 'New Year’s Day birthday, on the day'],
    ['2026-03-15', '2026-03-15', 0, 'the day of birth'],
    ['2025-03-16', '2026-03-15', 0, 'the day before the first birthday'],
  ])('born %s, on %s → %i (%s)', (birth, day, age) => {
    expect(ageOn(birth, day)).toBe(age);
  });
});
