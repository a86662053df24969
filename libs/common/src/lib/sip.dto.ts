import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { FieldError } from './errors';
import type { SipAction, SipApprovalRequestState, SipCallBlockerDto } from './sip-actions.dto';
import type { OrganisationType } from './organisation';
import {
  SipAnswer,
  SipEndedBy,
  SipMeasureStatus,
  SipResponsibleKind,
  type SipDeadlineKind,
  type SipDeadlineState,
  type SipInvitationKind,
  type SipInvitationState,
  type SipMeetingKind,
  type SipMeetingState,
  type SipPlanState,
  type SipLanguage,
} from './sip';
import type { ViolenceForm } from './violence-forms';
import { IsViolenceForms } from './violence-forms.dto';

/**
 * SIP — samordnad individuell plan (issue 4, D7–D13). Routes, all under `/api/v1`:
 *
 * - `GET  /cases/:caseId/sip` overview: settings, deadlines (D10), meetings, plan history.
 * - `PUT  /cases/:caseId/sip` settings: request date, discharge readiness, violence-related (D11).
 * - `POST /cases/:caseId/sip/meetings` call a meeting: kallelse/inbjudan (D7).
 * - `POST /cases/:caseId/sip/end` the person ends the SIP, or it is closed (reason recorded).
 * - `GET|PATCH /sip/meetings/:id`, `POST /sip/meetings/:id/cancel`, `GET /sip/meetings/:id/calendar`.
 * - `GET /sip/invitations` (the caller's unit), `GET /sip/invitations/:id`, `POST /sip/invitations/:id/answer`.
 * - `GET|PUT /sip/plans/:id`, `POST /sip/plans/:id/approvals`, `POST /sip/plans/:id/person-agreement`,
 *   `GET /sip/plans/:id/diff`, `GET /sip/plans/:id/timeline`, `GET /sip/plans/:id/pdf?lang=sv|en`.
 * - `POST /sip/plans/:id/send-for-approval`, `GET /sip/approvals` (versions awaiting the caller).
 * - `GET /statistics/sip-indicator` the share of violence cases with a SIP (D11).
 */

/** A calendar date, `YYYY-MM-DD`. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = '$property must be a date (YYYY-MM-DD)';

export interface SipRef {
  id: string;
  name: string;
}

export interface SipUserRef {
  id: string;
  displayName: string;
}

// ---------------------------------------------------------------------------------------------
// Requests

/** `PUT /cases/:caseId/sip`: the dates the deadlines (D10) count from, and the D11 flag. */
export class UpdateSipSettingsDto {
  /** The day the SIP was asked for (by the person or a huvudman). */
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsDateString({ strict: true })
  requestedOn!: string;

  /** In the discharge path: the day the patient was reported ready for discharge. */
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsDateString({ strict: true })
  dischargeReadyOn?: string | null;

  /** Violence in close relationships is part of the need (counts for the D11 indicator). */
  @IsBoolean()
  violenceRelated!: boolean;

  /** Issue 15: its forms (agreement §2), only when violence-related; omitted keeps them. */
  @IsViolenceForms()
  violenceForms?: ViolenceForm[];

  /** The settings' current version; omit only when none are recorded yet. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** One invited party: a unit in Samsyn, or a free-text actor (e.g. Försäkringskassan, a school). */
export class SipInviteeDto {
  @ValidateIf((o: SipInviteeDto) => o.externalActor === undefined)
  @IsUUID()
  unitId?: string;

  @ValidateIf((o: SipInviteeDto) => o.unitId === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalActor?: string;
}

/** Place and time of a meeting. */
export class SipMeetingTimeDto {
  /** Start (ISO 8601 with time zone); must lie in the future. */
  @IsDateString({ strict: true })
  startsAt!: string;

  /** End; defaults to one hour after the start. */
  @IsOptional()
  @IsDateString({ strict: true })
  endsAt?: string;

  /** Where: an address or room. Either place or videoLink is required. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string;

  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  videoLink?: string;
}

/** `POST /cases/:caseId/sip/meetings` (permission `sip:call`): calls a SIP meeting (D7). */
export class CallSipMeetingDto extends SipMeetingTimeDto {
  /** Whether the person takes part (the default and the rule; false needs a reason in `note`). */
  @IsBoolean()
  personParticipates!: boolean;

  /** Närstående take part — only if the person agrees. */
  @IsBoolean()
  relativesParticipate!: boolean;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => SipInviteeDto)
  invitees!: SipInviteeDto[];

  /** A message to the invited, without personal data. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** `PATCH /sip/meetings/:id`: moves a meeting; its reminders follow. */
export class UpdateSipMeetingDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsOptional()
  @IsDateString({ strict: true })
  startsAt?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  endsAt?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string;

  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  videoLink?: string;
}

/** `POST /sip/meetings/:id/cancel`. */
export class CancelSipMeetingDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

/** `POST /sip/invitations/:id/answer`: by a member of the invited unit. */
export class AnswerSipInvitationDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsEnum(SipAnswer)
  answer!: SipAnswer;

  /** Required when declining. */
  @ValidateIf(
    (o: AnswerSipInvitationDto) => o.answer === SipAnswer.Decline || o.reason !== undefined,
  )
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;

  /** Required when proposing another time; must lie in the future. */
  @ValidateIf(
    (o: AnswerSipInvitationDto) =>
      o.answer === SipAnswer.ProposeTime || o.proposedStartsAt !== undefined,
  )
  @IsDateString({ strict: true })
  proposedStartsAt?: string;
}

export class SipNeedInputDto {
  /** Keep the id of an existing item so that versions can be compared. */
  @IsOptional()
  @IsUUID()
  id?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  text!: string;
}

export class SipGoalInputDto extends SipNeedInputDto {
  /** True when the text is the person's own goal in their own words. */
  @IsBoolean()
  ownWords!: boolean;
}

/** A measure (insats) with its owner and dates (D8, D12). */
export class SipMeasureInputDto {
  @IsOptional()
  @IsUUID()
  id?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  description!: string;

  @IsEnum(SipResponsibleKind)
  responsibleKind!: SipResponsibleKind;

  /** The responsible organisation (required for region/municipality measures). */
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  /** The responsible unit, if known; it receives the measure-ending reminder. */
  @IsOptional()
  @IsUUID()
  unitId?: string;

  /** For an actor outside Samsyn (e.g. Försäkringskassan, a school). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actorName?: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  @IsDateString({ strict: true })
  startDate!: string;

  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsDateString({ strict: true })
  endDate?: string;

  @IsEnum(SipMeasureStatus)
  status!: SipMeasureStatus;
}

/** `PUT /sip/plans/:id`: replaces a draft's content; 409 when `version` is stale or the version is agreed. */
export class UpdateSipPlanDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SipNeedInputDto)
  needs!: SipNeedInputDto[];

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SipGoalInputDto)
  goals!: SipGoalInputDto[];

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SipMeasureInputDto)
  measures!: SipMeasureInputDto[];

  /** The huvudman with huvudansvar (D8 item 4); required to agree. */
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  leadPrincipalOrganisationId?: string | null;

  /** The next follow-up date; required to agree, never in the past. */
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsDateString({ strict: true })
  followUpDate?: string | null;
}

/** `POST /sip/plans/:id/approvals` and `/person-agreement`: names the version approved. */
export class ApproveSipPlanDto {
  @IsInt()
  @Min(1)
  version!: number;
}

export class RecordSipPersonAgreementDto extends ApproveSipPlanDto {
  /** How the person agreed, e.g. "signed in the meeting". */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** `POST /cases/:caseId/sip/end`: the person ends the SIP, or it is closed; the reason is kept. */
export class EndSipDto {
  @IsEnum(SipEndedBy)
  endedBy!: SipEndedBy;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class SipPdfQueryDto {
  @IsOptional()
  @IsIn(['sv', 'en'])
  lang?: SipLanguage;
}

export class SipDiffQueryDto {
  /** The version to compare with; default the previous version. */
  @IsOptional()
  @IsUUID()
  against?: string;
}

/** `GET /statistics/sip-indicator` (permission `statistics:read`). */
export class SipIndicatorQueryDto {
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsDateString({ strict: true })
  from!: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  @IsDateString({ strict: true })
  to!: string;

  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipalityCode must be four digits' })
  municipalityCode?: string;
}

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
  /** What the caller may do with this meeting (move, cancel). */
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
    'invitations' | 'caseId' | 'caseNumber' | 'planVersionId' | 'allowedActions'
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
  violenceCases: number;
  withSip: number;
  /** withSip / violenceCases, 0–1 with two decimals; null when there are no violence cases. */
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
