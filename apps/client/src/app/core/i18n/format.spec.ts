import { formatWhen, isoDay, languageName } from './format';

describe('formatWhen', () => {
  it('formats calendar days without shifting them by time zone', () => {
    expect(formatWhen('2026-03-05', 'date', 'sv')).toBe('2026-03-05');
    expect(formatWhen('2026-03-05', 'date', 'sv', 'America/New_York')).toBe('2026-03-05');
    expect(formatWhen('2026-03-05', 'date', 'en')).toBe('5 Mar 2026');
  });

  it('formats timestamps in the given zone', () => {
    expect(formatWhen('2026-03-05T13:07:00Z', 'time', 'sv', 'Europe/Stockholm')).toBe('14:07');
    expect(formatWhen('2026-03-05T13:07:00Z', 'time', 'en', 'UTC')).toBe('13:07');
    expect(formatWhen('2026-03-05T13:07:00Z', 'dateTime', 'sv', 'UTC')).toBe('2026-03-05 13:07');
    expect(formatWhen('2026-03-05T13:07:00Z', 'date', 'sv', 'UTC')).toBe('2026-03-05');
  });

  it('shows nothing for no value and the value itself when it is not a date', () => {
    expect(formatWhen(null, 'date', 'sv')).toBe('');
    expect(formatWhen(undefined, 'time', 'en')).toBe('');
    expect(formatWhen('not a date', 'date', 'sv')).toBe('not a date');
  });
});

describe('isoDay', () => {
  it('gives the day, moved by days and months', () => {
    const from = new Date(2026, 0, 31, 12);
    expect(isoDay(from)).toBe('2026-01-31');
    expect(isoDay(from, 1)).toBe('2026-02-01');
    expect(isoDay(new Date(2026, 0, 15), 0, 12)).toBe('2027-01-15');
  });
});

describe('languageName', () => {
  it('names a language in the reader’s language and falls back to the code', () => {
    expect(languageName('en', 'sv')).toBe('engelska');
    expect(languageName('sv', 'en')).toBe('Swedish');
    expect(languageName('', 'sv')).toBe('');
    expect(languageName('!!', 'sv')).toBe('!!');
  });
});
