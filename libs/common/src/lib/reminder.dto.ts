import { IsDateString, IsEnum, IsOptional } from 'class-validator';
import type { Page } from './pagination.dto';

/**
 * Reminder kinds (issue 5). `system_test` checks the delivery pipeline; the others are scheduled
 * by features, with lead times configured per kind (libs/domain reminder-schedule.ts).
 */
export enum ReminderKind {
  SystemTest = 'system_test',
  /** Before a SIP meeting. */
  SipMeeting = 'sip_meeting',
  /** Before the deadline of a kallelse (summons) to a SIP meeting. */
  SummonsDeadline = 'summons_deadline',
  /** An inbjudan (invitation) that has not been answered. */
  InvitationUnanswered = 'invitation_unanswered',
  /** A plan's follow-up date. */
  PlanFollowUp = 'plan_follow_up',
  /** Before a measure ends. */
  MeasureEnding = 'measure_ending',
  /** Before a consent expires. */
  ConsentExpiring = 'consent_expiring',
  /** An open case without activity for the configured number of days. */
  CaseInactive = 'case_inactive',
  /** Before an agreement's follow-up date or end of validity (D25). */
  AgreementFollowUp = 'agreement_follow_up',
  /** Before a koordinatorsgrupp action falls due (issue 6). */
  ActionDue = 'action_due',
  /** Before a risk assessment's review date, or at once after a new incident (D5). */
  RiskReview = 'risk_review',
  /**
   * At once when a SIP meeting is called: the invited unit learns of its kallelse/inbjudan
   * (issue 15 §6, D10). Not a lead-time kind: due when the meeting is called.
   */
  SipCalled = 'sip_called',
  /** A SIP plan version was sent for approval: it awaits the recipient's organisation (issue 15). */
  SipPlanApproval = 'sip_plan_approval',
}

export enum ReminderStatus {
  Pending = 'pending',
  Delivered = 'delivered',
  Cancelled = 'cancelled',
  Failed = 'failed',
}

/** How a user wants reminders by e-mail, besides the in-app notification centre. */
export enum EmailMode {
  /** One e-mail per reminder, when it is delivered. */
  Immediate = 'immediate',
  /** One e-mail a day at 07:00 (Stockholm) listing the previous day's reminders. */
  Digest = 'digest',
  /** In-app only. */
  Off = 'off',
}

/** `POST /api/v1/reminders/test`: a reminder to yourself, to check that delivery works. */
export class CreateTestReminderDto {
  /** When it falls due (ISO 8601). Defaults to now. */
  @IsOptional()
  @IsDateString({ strict: true })
  dueAt?: string;

  /** The kind to deliver (its texts, e-mail and escalation). Defaults to `system_test`. */
  @IsOptional()
  @IsEnum(ReminderKind)
  kind?: ReminderKind;
}

/** `PATCH /api/v1/reminders/:id`: moves one of your pending test reminders. */
export class RescheduleReminderDto {
  /** The new due time (ISO 8601). */
  @IsDateString({ strict: true })
  dueAt!: string;
}

export interface ReminderDto {
  id: string;
  kind: ReminderKind;
  status: ReminderStatus;
  dueAt: string;
  deliveredAt: string | null;
  attempts: number;
}

/** `GET /notifications`: one page of the caller's notifications and how many are unread in all. */
export interface NotificationPageDto extends Page<NotificationDto> {
  unread: number;
}

/** `GET /notifications/unread-count`: for the badge in the shell. */
export interface UnreadCountDto {
  unread: number;
}

export interface NotificationDto {
  id: string;
  kind: ReminderKind;
  /** The case it is about; the client links to `/arenden/<caseId>`. */
  caseId: string | null;
  caseNumber: string | null;
  /** For an agreement reminder (D25): the agreement; the client links to `/overenskommelser/<id>`. */
  agreementId: string | null;
  /** For a SIP meeting's reminders: the meeting; the client links to `/sip/moten/<id>`. */
  meetingId: string | null;
  /** True when this reminds someone on the case of a reminder that its recipient has not read in time. */
  escalation: boolean;
  createdAt: string;
  readAt: string | null;
}

/** `GET /api/v1/me/notification-preferences`. */
export interface NotificationPreferencesDto {
  emailMode: EmailMode;
  /** False when the server sends no e-mail (no SMTP configured) or the user has no address. */
  emailAvailable: boolean;
}

/** `PUT /api/v1/me/notification-preferences`. */
export class UpdateNotificationPreferencesDto {
  @IsEnum(EmailMode)
  emailMode!: EmailMode;
}

/** One line of the overdue summary: how many overdue reminders of one kind a unit has. */
export interface OverdueCountDto {
  unit: { id: string; name: string };
  kind: ReminderKind;
  count: number;
}

/**
 * `GET /api/v1/reminders/overdue-summary` (coordinators, issue 15 §7, D1): case-level reminders
 * of the caller's organisation's units that nobody on the case has read within
 * `overdueAfterHours` of delivery, on open cases, counted per unit and kind. No case ids or
 * numbers: coordinators see aggregates, not individuals.
 */
export interface OverdueSummaryDto {
  organisation: { id: string; name: string };
  overdueAfterHours: number;
  generatedAt: string;
  total: number;
  items: OverdueCountDto[];
}
