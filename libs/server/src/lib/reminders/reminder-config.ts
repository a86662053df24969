import { ReminderKind } from '@samsyn/common';
import type { ReminderLeadDays, ScheduledReminderKind } from '@samsyn/domain';
import type { EnvironmentVariables } from '../config/environment';

/** The variable that sets the days of each reminder kind (docs/operations.md). */
export const REMINDER_DAYS_VARIABLES = {
  [ReminderKind.SipMeeting]: 'REMINDER_LEAD_DAYS_SIP_MEETING',
  [ReminderKind.SummonsDeadline]: 'REMINDER_LEAD_DAYS_SUMMONS_DEADLINE',
  [ReminderKind.InvitationUnanswered]: 'REMINDER_INVITATION_UNANSWERED_DAYS',
  [ReminderKind.PlanFollowUp]: 'REMINDER_LEAD_DAYS_PLAN_FOLLOW_UP',
  [ReminderKind.MeasureEnding]: 'REMINDER_LEAD_DAYS_MEASURE_ENDING',
  [ReminderKind.ConsentExpiring]: 'REMINDER_LEAD_DAYS_CONSENT_EXPIRING',
  [ReminderKind.CaseInactive]: 'REMINDER_CASE_INACTIVE_DAYS',
  [ReminderKind.AgreementFollowUp]: 'REMINDER_LEAD_DAYS_AGREEMENT_FOLLOW_UP',
  [ReminderKind.ActionDue]: 'REMINDER_LEAD_DAYS_ACTION_DUE',
  [ReminderKind.RiskReview]: 'REMINDER_LEAD_DAYS_RISK_REVIEW',
} as const satisfies Record<ScheduledReminderKind, keyof EnvironmentVariables>;

export type ReminderDaysVariable =
  (typeof REMINDER_DAYS_VARIABLES)[keyof typeof REMINDER_DAYS_VARIABLES];

/** The configured days per reminder kind, read through `get` (ConfigService or the env object). */
export function reminderLeadDays(get: (name: ReminderDaysVariable) => number): ReminderLeadDays {
  const entries = Object.entries(REMINDER_DAYS_VARIABLES).map(
    ([kind, name]) => [kind, get(name)] as const,
  );
  return Object.fromEntries(entries) as Record<ScheduledReminderKind, number>;
}
