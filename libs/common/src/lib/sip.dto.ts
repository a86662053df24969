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
import {
  SipAnswer,
  SipEndedBy,
  SipMeasureStatus,
  SipResponsibleKind,
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
