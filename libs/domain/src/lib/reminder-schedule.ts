import { ReminderKind } from '@samsyn/common';
import { addDays, swedishDate } from './calendar';

/**
 * When reminders fall due. Staff think in days, so a reminder falls due at 08:00 Europe/Stockholm
 * on a calendar day computed from the date it is about (a consent's valid-until, a meeting) and
 * a configurable number of days. Pure arithmetic: the caller supplies `now`.
 */

/** Local time at which a reminder falls due on its day. */
export const REMINDER_HOUR = 8;
/** Local time of the daily e-mail digest. */
export const DIGEST_HOUR = 7;
export const REMINDER_TIME_ZONE = 'Europe/Stockholm';

/**
 * The kinds that features schedule with a configured number of days; the others (the operators'
 * `system_test`, `sip_called` and a plan sent for approval) fall due at once.
 */
export type ScheduledReminderKind = Exclude<
  ReminderKind,
  ReminderKind.SystemTest | ReminderKind.SipCalled | ReminderKind.SipPlanApproval
>;

/**
 * `before`: the reminder comes `days` before the date it is about (lead time).
 * `after`: it comes `days` after it, when nothing has happened meanwhile (a case without
 * activity, an invitation without an answer).
 */
export interface ReminderKindRule {
  direction: 'before' | 'after';
  /** Default number of days; deployments override them (see REMINDER_LEAD_DAYS_* variables). */
  defaultDays: number;
}

export const REMINDER_KIND_RULES: Readonly<Record<ScheduledReminderKind, ReminderKindRule>> = {
  /** Before a SIP meeting (D7): the day before, so the participants can prepare. */
  [ReminderKind.SipMeeting]: { direction: 'before', defaultDays: 1 },
  /** Before the deadline of a kallelse (D10: within 3 days of discharge readiness). */
  [ReminderKind.SummonsDeadline]: { direction: 'before', defaultDays: 1 },
  /** After an inbjudan that nobody has answered. */
  [ReminderKind.InvitationUnanswered]: { direction: 'after', defaultDays: 5 },
  /** On the follow-up date of a plan (D8). */
  [ReminderKind.PlanFollowUp]: { direction: 'before', defaultDays: 0 },
  /** Before a measure (e.g. a contact ban, supervision) ends (D4). */
  [ReminderKind.MeasureEnding]: { direction: 'before', defaultDays: 7 },
  /** Before a consent's valid-until (D14), so a new one can be asked for in time. */
  [ReminderKind.ConsentExpiring]: { direction: 'before', defaultDays: 14 },
  /** After the last write to an open case. */
  [ReminderKind.CaseInactive]: { direction: 'after', defaultDays: 30 },
  /** Before an agreement's follow-up date or end of validity (D25). */
  [ReminderKind.AgreementFollowUp]: { direction: 'before', defaultDays: 30 },
  /** Before a koordinatorsgrupp action's due date (issue 6 §6). */
  [ReminderKind.ActionDue]: { direction: 'before', defaultDays: 2 },
  /** Before a risk assessment's review date (D5: risk is perishable). */
  [ReminderKind.RiskReview]: { direction: 'before', defaultDays: 7 },
};

export const SCHEDULED_REMINDER_KINDS = Object.keys(REMINDER_KIND_RULES) as ScheduledReminderKind[];

/** Days per kind, as configured. */
export type ReminderLeadDays = Readonly<Record<ScheduledReminderKind, number>>;

export const DEFAULT_REMINDER_LEAD_DAYS: ReminderLeadDays = Object.fromEntries(
  SCHEDULED_REMINDER_KINDS.map((kind) => [kind, REMINDER_KIND_RULES[kind].defaultDays]),
) as Record<ScheduledReminderKind, number>;

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: REMINDER_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Minutes Stockholm is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function stockholmOffsetMinutes(instant: Date): number {
  const p = Object.fromEntries(PARTS.formatToParts(instant).map((x) => [x.type, x.value]));
  const local = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  const utc = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((local - utc) / 60_000);
}

/**
 * The instant of a wall-clock time on a day (YYYY-MM-DD) in Stockholm. Hours 07 and 08 exist on
 * every day (the clock changes at 02:00/03:00), so there is never a gap or an overlap here.
 */
export function stockholmInstant(date: string, hour: number, minute = 0): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError('date must be YYYY-MM-DD');
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // The offset at the wall time read as UTC is right except within hours of a clock change;
  // a second look with the corrected instant settles those.
  let instant = wall - stockholmOffsetMinutes(new Date(wall)) * 60_000;
  instant = wall - stockholmOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

/** 08:00 in Stockholm on `date`. */
export function reminderTimeOn(date: string): Date {
  return stockholmInstant(date, REMINDER_HOUR);
}

/**
 * When a reminder of `kind` about `date` falls due: 08:00 on the day `days` before it (or after
 * it, for `after` kinds). A time already past means at once (`now`); a `before` reminder about
 * a day that has already passed is not needed at all (null).
 */
export function reminderDueAt(
  kind: ScheduledReminderKind,
  date: string,
  leadDays: ReminderLeadDays,
  now: Date,
): Date | null {
  const rule = REMINDER_KIND_RULES[kind];
  const days = leadDays[kind];
  if (!Number.isInteger(days) || days < 0) throw new RangeError('lead days must be ≥ 0');
  if (rule.direction === 'before' && date < swedishDate(now)) return null;
  const day = addDays(date, rule.direction === 'before' ? -days : days);
  const due = reminderTimeOn(day);
  return due.getTime() < now.getTime() ? now : due;
}

/** The case-inactivity reminder after a write at `lastActivity`. */
export function caseInactiveDueAt(lastActivity: Date, leadDays: ReminderLeadDays): Date {
  return reminderTimeOn(addDays(swedishDate(lastActivity), leadDays[ReminderKind.CaseInactive]));
}

/**
 * Escalation (issues 5 and 15): a case-level reminder of these kinds that nobody has read some
 * hours after it was delivered goes to others on the case who can act (escalationTargets in
 * escalation.ts): never to coordinators, who may not open cases (D1). A reminder without a case
 * and an escalation itself never escalate.
 */
export interface EscalationPolicy {
  to: 'case_team';
}

export const ESCALATION_POLICIES: Readonly<Partial<Record<ReminderKind, EscalationPolicy>>> = {
  [ReminderKind.ActionDue]: { to: 'case_team' },
  [ReminderKind.RiskReview]: { to: 'case_team' },
  [ReminderKind.SummonsDeadline]: { to: 'case_team' },
  [ReminderKind.InvitationUnanswered]: { to: 'case_team' },
  [ReminderKind.PlanFollowUp]: { to: 'case_team' },
  [ReminderKind.ConsentExpiring]: { to: 'case_team' },
};

/** The kinds that escalate. */
export const ESCALATING_KINDS = Object.keys(ESCALATION_POLICIES) as ReminderKind[];

/**
 * When to check whether a delivered reminder was read, or null when it never escalates: its
 * kind does not, it is about no case, or it is an escalation itself.
 */
export function escalationDueAt(
  kind: ReminderKind,
  deliveredAt: Date,
  afterHours: number,
  isEscalation = false,
  hasCase = true,
): Date | null {
  if (isEscalation || !hasCase || !ESCALATION_POLICIES[kind]) return null;
  return new Date(deliveredAt.getTime() + afterHours * 3_600_000);
}

/**
 * The daily digest collects what was notified before the most recent 07:00 in Stockholm: the
 * instant of that 07:00 at or before `now`. Sending whatever is older than this, whenever a
 * sweep runs, makes a digest missed during downtime go out as soon as the sender is back.
 */
export function digestCutoff(now: Date): Date {
  const today = stockholmInstant(swedishDate(now), DIGEST_HOUR);
  return today.getTime() <= now.getTime()
    ? today
    : stockholmInstant(addDays(swedishDate(now), -1), DIGEST_HOUR);
}
