import type { FieldError } from './errors';
import type { MeetingAttendanceDto } from './meeting-attendance';
import type { SipAction, SipApprovalRequestState, SipCallBlockerDto } from './sip-actions.dto';
import type { OrganisationType } from './organisation';
import type { SipEndedBy, SipMeasureStatus, SipResponsibleKind } from './sip';
import type { PublishedCount } from './small-counts';
import {
  type SipDeadlineKind,
  type SipDeadlineState,
  type SipInvitationKind,
  type SipInvitationState,
  type SipMeetingKind,
  type SipMeetingState,
  type SipPlanState,
} from './sip';
import type { ViolenceForm } from './violence-forms';
import type { SipRef, SipUserRef } from './sip.dto';

// ---------------------------------------------------------------------------------------------
// Responses

export interface SipSettingsDto {
  requestedOn: string;
  dischargeReadyOn: string | null;
  violenceRelated: boolean;
  /** In `VIOLENCE_FORMS` order; empty unless violence-related. */
  violenceForms: ViolenceForm[];
  version: number;
}

export interface SipDeadlineDto {
  kind: SipDeadlineKind;
  /** The last day (YYYY-MM-DD). */
  dueOn: string;
  /** The day it was met (kallelse sent, meeting date), if it was. */
  metOn: string | null;
  state: SipDeadlineState;
}

export interface SipEndDto {
  endedBy: SipEndedBy;
  reason: string;
  endedAt: string;
  recordedBy: SipUserRef;
}

export interface SipInvitationDto {
  id: string;
  meetingId: string;
  kind: SipInvitationKind;
  state: SipInvitationState;
  version: number;
  unit: SipRef | null;
  organisation: (SipRef & { type: OrganisationType }) | null;
  /** A free-text actor outside Samsyn. */
  externalActor: string | null;
  /** Why it was declined. */
  reason: string | null;
  proposedStartsAt: string | null;
  answeredAt: string | null;
  answeredBy: SipUserRef | null;
  /** Whether a consent in force lets the invited organisation see the person's data (D14). */
  consentInForce: boolean;
}

export interface SipMeetingDto {
  id: string;
  caseId: string;
  caseNumber: string;
  kind: SipMeetingKind;
  state: SipMeetingState;
  version: number;
  startsAt: string;
  endsAt: string;
  place: string | null;
  videoLink: string | null;
  personParticipates: boolean;
  relativesParticipate: boolean;
  note: string | null;
  calledAt: string;
  calledBy: SipUserRef;
  callingOrganisation: SipRef;
  callingUnit: SipRef;
  /** The plan version this meeting works on. */
  planVersionId: string | null;
  cancelledReason: string | null;
  invitations: SipInvitationDto[];
  /** Who took part (issue 17 §2). */
  attendance: MeetingAttendanceDto;
  /** What the caller may do with this meeting (move, cancel, record attendance). */
  allowedActions: SipAction[];
}

/** The person as an invitation may show them: only what consent covers, never protected fields (D18). */
export interface SipPersonViewDto {
  firstName: string | null;
  lastName: string | null;
  personalNumber: string | null;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  language: string | null;
  interpreterNeeded: boolean | null;
  protectedIdentity: boolean;
}

/** A kallelse or inbjudan as the invited unit sees it (`GET /sip/invitations`). */
export interface SipReceivedInvitationDto extends SipInvitationDto {
  caseId: string;
  caseNumber: string;
  meeting: Omit<
    SipMeetingDto,
    'invitations' | 'caseId' | 'caseNumber' | 'planVersionId' | 'allowedActions' | 'attendance'
  >;
  /** What the caller may do with this invitation (answer). */
  allowedActions: SipAction[];
  /** Null when no consent in force covers the person's identity for your organisation. */
  person: SipPersonViewDto | null;
  personWithheld: boolean;
}

export interface SipNeedDto {
  id: string;
  text: string;
}

export interface SipGoalDto extends SipNeedDto {
  ownWords: boolean;
}

export interface SipMeasureDto {
  id: string;
  description: string;
  responsibleKind: SipResponsibleKind;
  organisation: SipRef | null;
  unit: SipRef | null;
  actorName: string | null;
  startDate: string;
  endDate: string | null;
  status: SipMeasureStatus;
}

export interface SipTimelineLaneDto {
  /** Organisation id, or `actor:<name>` for an actor outside Samsyn. */
  key: string;
  label: string;
  responsibleKind: SipResponsibleKind;
  /** Sorted by start date, then end date. */
  measures: SipMeasureDto[];
}

/** Two measures of different agencies whose periods overlap: check that they do not counteract (D12). */
export interface SipTimelineOverlapDto {
  measureIds: [string, string];
  from: string;
  /** Null when both are open-ended. */
  to: string | null;
}

export interface SipTimelineDto {
  lanes: SipTimelineLaneDto[];
  overlaps: SipTimelineOverlapDto[];
  /** First start and last end over all measures (null when there are none / open-ended). */
  from: string | null;
  to: string | null;
}

export interface SipApprovalDto {
  organisation: SipRef;
  approvedAt: string | null;
  approvedBy: SipUserRef | null;
}

export interface SipPlanSummaryDto {
  id: string;
  number: number;
  state: SipPlanState;
  meetingId: string | null;
  agreedAt: string | null;
  followUpDate: string | null;
}

export interface SipPlanDto extends SipPlanSummaryDto {
  caseId: string;
  caseNumber: string;
  version: number;
  basedOnId: string | null;
  needs: SipNeedDto[];
  goals: SipGoalDto[];
  measures: SipMeasureDto[];
  leadPrincipal: SipRef | null;
  /** The participating huvudmän and whether each approved this version. */
  approvals: SipApprovalDto[];
  personAgreement: { recordedAt: string; recordedBy: SipUserRef; note: string | null } | null;
  /** What still stops this draft from being agreed (empty when only approvals are missing). */
  agreementProblems: FieldError[];
  editable: boolean;
  timeline: SipTimelineDto;
  /** When and by whom the version was sent to the huvudmän for approval, if it was. */
  approvalRequest: SipApprovalRequestState | null;
  /** What the caller may do with this version (edit, send for approval, approve, person agreement). */
  allowedActions: SipAction[];
}

export interface SipItemChangeDto<T> {
  before: T;
  after: T;
}

export interface SipListDiffDto<T> {
  added: T[];
  removed: T[];
  changed: SipItemChangeDto<T>[];
}

/** What changed between two plan versions (`GET /sip/plans/:id/diff`). */
export interface SipPlanDiffDto {
  from: { id: string; number: number } | null;
  to: { id: string; number: number };
  needs: SipListDiffDto<SipNeedDto>;
  goals: SipListDiffDto<SipGoalDto>;
  measures: SipListDiffDto<SipMeasureDto>;
  leadPrincipal: SipItemChangeDto<SipRef | null> | null;
  followUpDate: SipItemChangeDto<string | null> | null;
}

/** `GET /cases/:caseId/sip`. */
export interface SipOverviewDto {
  caseId: string;
  caseNumber: string;
  status: string;
  closed: boolean;
  settings: SipSettingsDto | null;
  deadlines: SipDeadlineDto[];
  ended: SipEndDto | null;
  meetings: SipMeetingDto[];
  /** Every version, newest first. */
  plans: SipPlanSummaryDto[];
  /** The latest agreed version, if any. */
  currentPlanId: string | null;
  /** The draft being worked on, if any. */
  draftPlanId: string | null;
  /** What the caller may do with the SIP as a whole (call, settings, end). */
  allowedActions: SipAction[];
  /** What stops the caller from calling a meeting now, with the way out; null when nothing does. */
  callBlockedBy: SipCallBlockerDto | null;
}

export interface SipIndicatorRowDto {
  municipalityCode: string;
  municipalityName: string;
  /** Published under the small-counts rule (1–4 hidden, and what would reveal them). */
  violenceCases: PublishedCount;
  withSip: PublishedCount;
  /**
   * withSip / violenceCases, 0–1 with two decimals; null when there are no violence cases or
   * either count is hidden (the share would give it away).
   */
  share: number | null;
}

/** The D11 indicator: counts only, no personal data. */
export interface SipIndicatorDto {
  from: string;
  to: string;
  /** How "violence case" and "with a SIP" are counted, in words. */
  definition: string;
  rows: SipIndicatorRowDto[];
}
