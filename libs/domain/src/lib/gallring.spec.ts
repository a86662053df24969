import {
  birthDayOfMonth,
  clearingDueAt,
  clearingOutcome,
  governingRule,
  isDueForClearing,
  isKeptForResearch,
  lastWrite,
  type RetentionRule,
} from './gallring';

const pnr = (personalNumber: string) =>
  ({ kind: 'personnummer', personalNumber, birthDate: '' }) as const;
const samordning = (personalNumber: string) =>
  ({ kind: 'samordningsnummer', personalNumber, birthDate: '' }) as const;

describe('research birthdays (D22)', () => {
  it('reads the day of a personnummer', () => {
    expect(birthDayOfMonth(pnr('198505152384'))).toBe(15);
    expect(birthDayOfMonth(pnr('8505152384'))).toBe(15);
    expect(birthDayOfMonth(pnr('19850515-2384'))).toBe(15);
  });

  it('keeps the 5th, 15th and 25th and no other day', () => {
    for (let day = 1; day <= 31; day++) {
      const dd = String(day).padStart(2, '0');
      expect(isKeptForResearch(pnr(`198503${dd}1234`))).toBe([5, 15, 25].includes(day));
    }
  });

  it('takes 60 from the day of a samordningsnummer', () => {
    expect(birthDayOfMonth(samordning('198505752384'))).toBe(15);
    expect(isKeptForResearch(samordning('198505652384'))).toBe(true); // 65 − 60 = 5
    expect(isKeptForResearch(samordning('198505852384'))).toBe(true); // 85 − 60 = 25
    // Day 15 of a samordningsnummer would be day −45: not a birthday, not kept.
    expect(isKeptForResearch(samordning('198505152384'))).toBe(false);
    expect(birthDayOfMonth(samordning('198505152384'))).toBeNull();
    // A personnummer with day 75 is no valid day either.
    expect(birthDayOfMonth(pnr('198505752384'))).toBeNull();
  });

  it('reads the recorded birth date of a reserve number', () => {
    const reserve = (birthDate: string) =>
      ({ kind: 'reserve', personalNumber: 'R-1234', birthDate }) as const;
    expect(isKeptForResearch(reserve('1990-02-25'))).toBe(true);
    expect(isKeptForResearch(reserve('1990-02-24'))).toBe(false);
  });

  it('puts a legal hold before research before clearing', () => {
    expect(clearingOutcome(pnr('198505152384'), true)).toBe('legal_hold');
    expect(clearingOutcome(pnr('198505152384'), false)).toBe('research');
    expect(clearingOutcome(pnr('198505162384'), false)).toBe('due');
  });
});

describe('due dates', () => {
  it('falls due five calendar years after the last write', () => {
    const last = new Date('2020-03-10T08:00:00.000Z');
    expect(clearingDueAt(last, 5).toISOString()).toBe('2025-03-10T08:00:00.000Z');
    expect(isDueForClearing(last, 5, new Date('2025-03-10T07:59:59.999Z'))).toBe(false);
    expect(isDueForClearing(last, 5, new Date('2025-03-10T08:00:00.000Z'))).toBe(true);
  });

  it('moves 29 February to 1 March', () => {
    expect(clearingDueAt(new Date('2020-02-29T12:00:00.000Z'), 5).toISOString()).toBe(
      '2025-03-01T12:00:00.000Z',
    );
    expect(clearingDueAt(new Date('2020-02-29T12:00:00.000Z'), 4).toISOString()).toBe(
      '2024-02-29T12:00:00.000Z',
    );
  });

  it('takes the latest write of a case and its records', () => {
    const a = new Date('2020-01-01T00:00:00Z');
    const b = new Date('2021-06-01T00:00:00Z');
    expect(lastWrite([a, null, b, undefined])).toEqual(b);
    expect(lastWrite([null])).toBeNull();
  });
});

describe('the governing rule', () => {
  const rules: RetentionRule[] = [
    { id: 'default', organisationId: null, programme: null, years: 5 },
    { id: 'sip', organisationId: null, programme: 'sip', years: 3 },
    { id: 'org', organisationId: 'o1', programme: null, years: 7 },
    { id: 'org-sip', organisationId: 'o1', programme: 'sip', years: 10 },
  ];
  it('prefers organisation and programme, then organisation, then programme, then the default', () => {
    expect(governingRule(rules, 'o1', 'sip')?.id).toBe('org-sip');
    expect(governingRule(rules, 'o1', 'trygga_hem')?.id).toBe('org');
    expect(governingRule(rules, 'o2', 'sip')?.id).toBe('sip');
    expect(governingRule(rules, 'o2', 'trygga_hem')?.id).toBe('default');
  });
  it('applies no rule when none fits', () => {
    expect(governingRule(rules.slice(1), 'o2', 'trygga_hem')).toBeNull();
  });
});
