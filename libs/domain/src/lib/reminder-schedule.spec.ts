import { ReminderKind } from '@samsyn/common';
import {
  caseInactiveDueAt,
  DEFAULT_REMINDER_LEAD_DAYS,
  digestCutoff,
  ESCALATION_POLICIES,
  escalationDueAt,
  REMINDER_KIND_RULES,
  reminderDueAt,
  reminderTimeOn,
  SCHEDULED_REMINDER_KINDS,
  stockholmInstant,
} from './reminder-schedule';

const at = (iso: string) => new Date(iso);

describe('stockholmInstant', () => {
  it.each([
    // Winter time (CET, UTC+1).
    ['2026-01-15', 8, '2026-01-15T07:00:00.000Z'],
    // Summer time (CEST, UTC+2).
    ['2026-07-01', 8, '2026-07-01T06:00:00.000Z'],
    // The days of the clock changes (29 March and 25 October 2026): 08:00 is after the change.
    ['2026-03-29', 8, '2026-03-29T06:00:00.000Z'],
    ['2026-10-25', 8, '2026-10-25T07:00:00.000Z'],
    // The evening before each change.
    ['2026-03-28', 23, '2026-03-28T22:00:00.000Z'],
    ['2026-10-24', 23, '2026-10-24T21:00:00.000Z'],
    ['2026-12-31', 7, '2026-12-31T06:00:00.000Z'],
  ])('%s %i:00 in Stockholm is %s', (date, hour, iso) => {
    expect(stockholmInstant(date, hour).toISOString()).toBe(iso);
  });

  it('refuses a malformed date', () => {
    expect(() => stockholmInstant('2026-1-5', 8)).toThrow(RangeError);
  });
});

describe('reminder kinds', () => {
  it('every kind but the ones due at once has a rule, and defaults that are whole days', () => {
    const atOnce: string[] = [
      ReminderKind.SystemTest,
      ReminderKind.SipCalled,
      ReminderKind.SipPlanApproval,
    ];
    expect(SCHEDULED_REMINDER_KINDS.sort()).toEqual(
      Object.values(ReminderKind)
        .filter((k) => !atOnce.includes(k))
        .sort(),
    );
    for (const kind of SCHEDULED_REMINDER_KINDS)
      expect(Number.isInteger(DEFAULT_REMINDER_LEAD_DAYS[kind])).toBe(true);
  });

  it('counts inactivity and unanswered invitations forward, the rest as lead times', () => {
    const after = SCHEDULED_REMINDER_KINDS.filter(
      (k) => REMINDER_KIND_RULES[k].direction === 'after',
    );
    expect(after.sort()).toEqual([ReminderKind.CaseInactive, ReminderKind.InvitationUnanswered]);
  });
});

describe('reminderDueAt', () => {
  const now = at('2026-11-22T10:00:00.000Z');
  const lead = { ...DEFAULT_REMINDER_LEAD_DAYS, [ReminderKind.ConsentExpiring]: 14 };

  it('falls due at 08:00 Stockholm time, the lead days before the date', () => {
    expect(reminderDueAt(ReminderKind.ConsentExpiring, '2027-01-31', lead, now)).toEqual(
      at('2027-01-17T07:00:00.000Z'),
    );
  });

  it('uses summer time when the day is in summer', () => {
    expect(reminderDueAt(ReminderKind.ConsentExpiring, '2027-06-30', lead, now)).toEqual(
      at('2027-06-16T06:00:00.000Z'),
    );
  });

  it('falls due at once when the lead time has already begun', () => {
    expect(reminderDueAt(ReminderKind.ConsentExpiring, '2026-11-30', lead, now)).toEqual(now);
    // The date itself is today: still worth a reminder.
    expect(reminderDueAt(ReminderKind.ConsentExpiring, '2026-11-22', lead, now)).toEqual(now);
  });

  it('needs no reminder about a day that has passed', () => {
    expect(reminderDueAt(ReminderKind.ConsentExpiring, '2026-11-21', lead, now)).toBeNull();
  });

  it('a lead time of zero means 08:00 on the day itself', () => {
    const zero = { ...lead, [ReminderKind.PlanFollowUp]: 0 };
    expect(reminderDueAt(ReminderKind.PlanFollowUp, '2026-12-01', zero, now)).toEqual(
      reminderTimeOn('2026-12-01'),
    );
  });

  it('counts days forward for an unanswered invitation', () => {
    const five = { ...lead, [ReminderKind.InvitationUnanswered]: 5 };
    expect(reminderDueAt(ReminderKind.InvitationUnanswered, '2026-11-22', five, now)).toEqual(
      at('2026-11-27T07:00:00.000Z'),
    );
  });

  it('takes each kind’s own configured days', () => {
    const custom = { ...lead, [ReminderKind.SipMeeting]: 3 };
    expect(reminderDueAt(ReminderKind.SipMeeting, '2026-12-10', custom, now)).toEqual(
      reminderTimeOn('2026-12-07'),
    );
  });

  it('refuses negative or fractional lead days', () => {
    const bad = { ...lead, [ReminderKind.MeasureEnding]: -1 };
    expect(() => reminderDueAt(ReminderKind.MeasureEnding, '2026-12-10', bad, now)).toThrow(
      RangeError,
    );
  });
});

describe('caseInactiveDueAt', () => {
  const lead = { ...DEFAULT_REMINDER_LEAD_DAYS, [ReminderKind.CaseInactive]: 30 };

  it('is 08:00 Stockholm time, the configured days after the day of the last write', () => {
    expect(caseInactiveDueAt(at('2026-11-22T10:00:00.000Z'), lead)).toEqual(
      at('2026-12-22T07:00:00.000Z'),
    );
  });

  it('counts the Stockholm day of a late-evening write', () => {
    // 23:30 UTC is 00:30 on the 23rd in Stockholm.
    expect(caseInactiveDueAt(at('2026-11-22T23:30:00.000Z'), lead)).toEqual(
      at('2026-12-23T07:00:00.000Z'),
    );
  });

  it('moves with every write the same day to the same instant (no needless reschedule)', () => {
    expect(caseInactiveDueAt(at('2026-11-22T08:00:00.000Z'), lead)).toEqual(
      caseInactiveDueAt(at('2026-11-22T15:00:00.000Z'), lead),
    );
  });
});

describe('escalation', () => {
  const delivered = at('2026-11-22T07:00:00.000Z');

  it('applies to every overdue case-level kind (issue 15 §7)', () => {
    expect(Object.keys(ESCALATION_POLICIES).sort()).toEqual(
      [
        ReminderKind.ActionDue,
        ReminderKind.ConsentExpiring,
        ReminderKind.InvitationUnanswered,
        ReminderKind.PlanFollowUp,
        ReminderKind.RiskReview,
        ReminderKind.SummonsDeadline,
      ].sort(),
    );
  });

  it('checks the configured hours after delivery', () => {
    expect(escalationDueAt(ReminderKind.PlanFollowUp, delivered, 48)).toEqual(
      at('2026-11-24T07:00:00.000Z'),
    );
    expect(escalationDueAt(ReminderKind.SummonsDeadline, delivered, 4)).toEqual(
      at('2026-11-22T11:00:00.000Z'),
    );
  });

  it('never for other kinds, without a case, and an escalation never escalates again', () => {
    expect(escalationDueAt(ReminderKind.MeasureEnding, delivered, 48)).toBeNull();
    expect(escalationDueAt(ReminderKind.SipCalled, delivered, 48)).toBeNull();
    expect(escalationDueAt(ReminderKind.ConsentExpiring, delivered, 48, false, false)).toBeNull();
    expect(escalationDueAt(ReminderKind.PlanFollowUp, delivered, 48, true)).toBeNull();
  });
});

describe('digestCutoff', () => {
  it('is today’s 07:00 Stockholm time once it has passed', () => {
    expect(digestCutoff(at('2026-11-22T06:00:00.000Z'))).toEqual(at('2026-11-22T06:00:00.000Z'));
    expect(digestCutoff(at('2026-11-22T15:00:00.000Z'))).toEqual(at('2026-11-22T06:00:00.000Z'));
  });

  it('is yesterday’s 07:00 before it', () => {
    expect(digestCutoff(at('2026-11-22T05:59:59.000Z'))).toEqual(at('2026-11-21T06:00:00.000Z'));
  });

  it('follows summer time', () => {
    expect(digestCutoff(at('2026-07-01T05:30:00.000Z'))).toEqual(at('2026-07-01T05:00:00.000Z'));
  });
});
