import {
  agreementDateProblems,
  agreementInForce,
  agreementStatus,
  chooseSipDeadlineRules,
  DEFAULT_SIP_DEADLINE_RULES,
  FOLLOW_UP_MAX_DAYS_AFTER_VALIDITY,
  validUntilFurtherNotice,
} from './agreements';
import { addDays } from './calendar';

const validity = { validFrom: '2024-01-01', validUntil: '2024-12-31' };

describe('agreement validity (D25)', () => {
  it('is in force on both inclusive ends and not outside them', () => {
    expect(agreementInForce(validity, '2024-01-01')).toBe(true);
    expect(agreementInForce(validity, '2024-12-31')).toBe(true);
    expect(agreementInForce(validity, '2023-12-31')).toBe(false);
    expect(agreementInForce(validity, '2025-01-01')).toBe(false);
  });

  it('is upcoming, in force, expiring within the window, then expired', () => {
    expect(agreementStatus(validity, '2023-06-01')).toBe('upcoming');
    expect(agreementStatus(validity, '2024-03-01')).toBe('in_force');
    expect(agreementStatus(validity, '2024-10-02', 90)).toBe('expiring');
    expect(agreementStatus(validity, '2024-10-01', 90)).toBe('in_force');
    expect(agreementStatus(validity, '2025-01-01')).toBe('expired');
  });
});

describe('an agreement valid until further notice (issue 17 §6)', () => {
  const open = { validFrom: '2024-01-01', validUntil: null };

  it('is in force from its first day on, for ever, and never expiring or expired', () => {
    expect(validUntilFurtherNotice(open)).toBe(true);
    expect(validUntilFurtherNotice(validity)).toBe(false);
    expect(agreementInForce(open, '2023-12-31')).toBe(false);
    expect(agreementInForce(open, '2024-01-01')).toBe(true);
    expect(agreementInForce(open, '2099-12-31')).toBe(true);
    expect(agreementStatus(open, '2023-12-31')).toBe('upcoming');
    expect(agreementStatus(open, '2024-01-01', 90)).toBe('in_force');
    expect(agreementStatus(open, '2040-06-01', 90)).toBe('in_force');
  });

  it('takes follow-ups any time after its start, but not before it', () => {
    expect(agreementDateProblems(open, ['2024-11-15', '2031-11-15'])).toEqual([]);
    expect(agreementDateProblems(open, ['2023-12-31']).map((p) => p.code)).toEqual([
      'notBeforeValidFrom',
    ]);
  });

  it('sets SIP deadlines while in force', () => {
    expect(
      chooseSipDeadlineRules(
        [
          {
            ...open,
            summonsDaysAfterDischargeReady: 2,
            firstMeetingDaysAfterRequest: null,
          },
        ],
        '2030-01-01',
      ).summonsDaysAfterDischargeReady,
    ).toBe(2);
  });
});

describe('agreement date rules (D25)', () => {
  it('accepts the Örebro pattern: follow-up in November, final follow-up a year after the end', () => {
    expect(agreementDateProblems(validity, ['2024-11-15', '2025-12-15'])).toEqual([]);
  });

  it('rejects an end before the start, naming validUntil', () => {
    expect(
      agreementDateProblems({ validFrom: '2024-05-01', validUntil: '2024-04-30' }, []),
    ).toEqual([expect.objectContaining({ field: 'validUntil', code: 'notBeforeValidFrom' })]);
  });

  it('names each follow-up outside the range by its index', () => {
    const tooLate = addDays(validity.validUntil, FOLLOW_UP_MAX_DAYS_AFTER_VALIDITY + 1);
    const lastAllowed = addDays(validity.validUntil, FOLLOW_UP_MAX_DAYS_AFTER_VALIDITY);
    const problems = agreementDateProblems(validity, ['2023-12-31', lastAllowed, tooLate]);
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['followUps.0.dueOn', 'notBeforeValidFrom'],
      ['followUps.2.dueOn', 'tooLateAfterValidUntil'],
    ]);
  });
});

describe('chooseSipDeadlineRules (D10)', () => {
  const rules = (
    validFrom: string,
    validUntil: string,
    summons: number | null,
    meeting: number | null,
  ) => ({
    validFrom,
    validUntil,
    summonsDaysAfterDischargeReady: summons,
    firstMeetingDaysAfterRequest: meeting,
  });

  it('falls back to the defaults without an agreement', () => {
    expect(chooseSipDeadlineRules([], '2024-06-01')).toEqual(DEFAULT_SIP_DEADLINE_RULES);
  });

  it('takes the in-force agreement that began most recently and sets rules', () => {
    const chosen = chooseSipDeadlineRules(
      [
        rules('2023-01-01', '2025-12-31', 5, 20),
        rules('2024-01-01', '2024-12-31', 2, 10),
        rules('2024-03-01', '2024-12-31', null, null), // sets nothing: ignored
        rules('2024-07-01', '2025-12-31', 1, 1), // not yet in force
      ],
      '2024-06-01',
    );
    expect(chosen).toEqual({ summonsDaysAfterDischargeReady: 2, firstMeetingDaysAfterRequest: 10 });
  });

  it('completes a partly set agreement with the defaults', () => {
    expect(
      chooseSipDeadlineRules([rules('2024-01-01', '2024-12-31', null, 7)], '2024-06-01'),
    ).toEqual({
      summonsDaysAfterDischargeReady: DEFAULT_SIP_DEADLINE_RULES.summonsDaysAfterDischargeReady,
      firstMeetingDaysAfterRequest: 7,
    });
  });

  it('ignores an expired agreement', () => {
    expect(chooseSipDeadlineRules([rules('2020-01-01', '2023-12-31', 9, 9)], '2024-06-01')).toEqual(
      DEFAULT_SIP_DEADLINE_RULES,
    );
  });
});
