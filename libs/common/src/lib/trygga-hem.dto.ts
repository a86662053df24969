import { Transform } from 'class-transformer';
import {
  IsDateString,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import type { OrganisationType } from './organisation';
import type { TryggaHemAction } from './trygga-hem-actions.dto';
import {
  TryggaHemPriority,
  NotificationMethod,
  OfferUptake,
  OfferKind,
  ControlMeasureKind,
  IncidentKind,
  RiskInstrument,
  RiskLevel,
  ActionStatus,
} from './trygga-hem';
import type { ViolenceForm } from './violence-forms';
import { IsViolenceForms } from './violence-forms.dto';
import type { CorrectableRecordDto } from './trygga-hem-corrections.dto';

/**
 * Trygga hem – utan våld and the koordinatorsgrupp (issue 6, D1–D6). Routes live under
 * `/api/v1/trygga-hem`. Every response carries only the information categories the caller's
 * case decision permits (D3, D16, D20); a field the caller may not see is `null`, never absent
 * data made up. Mutable records carry `version`: send it back on change, a stale one is 409.
 */

/** A person or organisation as the client shows it. */
export interface NamedRefDto {
  id: string;
  displayName: string;
}

export interface OrganisationRefDto {
  id: string;
  name: string;
  type: OrganisationType;
}

// ---------------------------------------------------------------- koordinatorsgrupper

/** A name of only spaces is an empty name (and is answered as one). */
const trimString = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

/** `POST /trygga-hem/groups`: one koordinatorsgrupp per pilot municipality (D2). */
export class CreateCoordinatorGroupDto {
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** SCB code of the municipality, e.g. `1880` (Örebro). */
  @Matches(/^\d{4}$/, { message: 'municipalityCode must be a four-digit municipality code' })
  municipalityCode!: string;

  /** The meeting schedule in words, e.g. "Varannan tisdag 09.00–11.00". */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  meetingSchedule?: string;
}

/** `PATCH /trygga-hem/groups/:id`. */
export class UpdateCoordinatorGroupDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  meetingSchedule?: string;
}

/** `POST /trygga-hem/groups/:id/members`: a member acts for their own organisation. */
export class AddGroupMemberDto {
  @IsUUID()
  userId!: string;
}

export interface CoordinatorGroupMemberDto {
  id: string;
  user: NamedRefDto;
  organisation: OrganisationRefDto;
  addedAt: string;
}

export interface CoordinatorGroupDto {
  id: string;
  version: number;
  name: string;
  municipalityCode: string;
  meetingSchedule: string | null;
  members: CoordinatorGroupMemberDto[];
  /** Open cases the group owns. */
  caseCount: number;
  /** Whether the caller is a member (members see the board and meetings). */
  isMember: boolean;
  nextMeeting: { id: string; heldOn: string } | null;
  /** What the caller may do with the group (issue 15). */
  allowedActions: TryggaHemAction[];
}

// ---------------------------------------------------------------- the case

/** `POST /trygga-hem/cases`: puts an existing TRYGGA_HEM case in a group's caseload. */
export class EnrolTryggaHemCaseDto {
  @IsUUID()
  caseId!: string;

  @IsUUID()
  groupId!: string;

  @IsEnum(TryggaHemPriority, { message: 'priority must be one of A, B, C, D' })
  priority!: TryggaHemPriority;

  /** Why this priority (D4): required, it is what the group reviews. */
  @IsString()
  @IsNotEmpty({ message: 'priorityBasis must say why the priority was chosen' })
  @MaxLength(2000)
  priorityBasis!: string;

  /** Date of the referral (aktualisering); defaults to today. Anchors repeat detection. */
  @IsOptional()
  @IsDateString({ strict: true })
  referredOn?: string;
}

/** `PATCH /trygga-hem/cases/:caseId/priority`: a new level with its basis; history is kept. */
export class ChangePriorityDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsEnum(TryggaHemPriority, { message: 'priority must be one of A, B, C, D' })
  priority!: TryggaHemPriority;

  @IsString()
  @IsNotEmpty({ message: 'basis must say why the priority was chosen' })
  @MaxLength(2000)
  basis!: string;
}

/** `POST /trygga-hem/cases/:caseId/notifications` (D4). */
export class CreateTryggaHemNotificationDto {
  @IsEnum(NotificationMethod)
  method!: NotificationMethod;

  /** Required for `custom`. */
  @ValidateIf((o: CreateTryggaHemNotificationDto) => o.method === NotificationMethod.Custom)
  @IsString()
  @IsNotEmpty({ message: 'customMethod must describe a custom notification' })
  @MaxLength(200)
  customMethod?: string;

  @IsDateString({ strict: true })
  deliveredOn!: string;

  /** Who delivered it, in words (e.g. "Kommunpolis och socialsekreterare"). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  deliveredBy!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  outcome?: string;
}

/** `POST /trygga-hem/cases/:caseId/offers` (D4). */
export class CreateOfferDto {
  @IsEnum(OfferKind)
  kind!: OfferKind;

  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  description!: string;

  @IsDateString({ strict: true })
  offeredOn!: string;

  /** The agency that offers it; defaults to the caller's organisation. */
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

/** `PATCH /trygga-hem/offers/:id`: records uptake. */
export class UpdateOfferDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsEnum(OfferUptake)
  uptake!: OfferUptake;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** `POST /trygga-hem/cases/:caseId/control-measures` (D4). */
export class CreateControlMeasureDto {
  @IsEnum(ControlMeasureKind)
  kind!: ControlMeasureKind;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  description?: string;

  @IsDateString({ strict: true })
  startsOn!: string;

  /** When it ends; a `measure_ending` reminder comes before. */
  @IsOptional()
  @IsDateString({ strict: true })
  endsOn?: string;

  /** The deciding agency; defaults to the caller's organisation. */
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

/** `POST /trygga-hem/cases/:caseId/incidents`: may flag a repeat and calls for reassessment (D5). */
export class CreateIncidentDto {
  @IsDateString({ strict: true })
  occurredOn!: string;

  @IsEnum(IncidentKind)
  kind!: IncidentKind;

  /** The reporting agency; defaults to the caller's organisation. */
  @IsOptional()
  @IsUUID()
  reportingOrganisationId?: string;

  /** The victim-side participant the incident was against, if one of the case's. */
  @IsOptional()
  @IsUUID()
  victimPersonId?: string;

  /** Issue 15: the forms of violence (agreement §2), each once; none when omitted. */
  @IsViolenceForms()
  violenceForms?: ViolenceForm[];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** `POST /trygga-hem/cases/:caseId/risk-assessments`: recorded for the caller's agency (D5). */
export class CreateRiskAssessmentDto {
  @IsEnum(RiskInstrument)
  instrument!: RiskInstrument;

  /** Required for `other`. */
  @ValidateIf((o: CreateRiskAssessmentDto) => o.instrument === RiskInstrument.Other)
  @IsString()
  @IsNotEmpty({ message: 'instrumentName must name the instrument' })
  @MaxLength(100)
  instrumentName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  instrumentVersion?: string;

  @IsDateString({ strict: true })
  assessedOn!: string;

  @IsEnum(RiskLevel)
  level!: RiskLevel;

  /** When the assessment must be reviewed; on or after `assessedOn`. */
  @IsDateString({ strict: true })
  reviewOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  summary?: string;
}

/** `PUT /trygga-hem/cases/:caseId/safety-plans/:personId`: victim-side only (D3). */
export class SaveSafetyPlanDto {
  /** The version you edited; omit when creating the first plan. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  plan!: string;

  /** Where the person stays now (skyddat boende …): the most sensitive field. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  whereabouts?: string;

  /** Support given to the victim or child (e.g. stödsamtal). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  support?: string;
}

export interface PriorityChangeDto {
  priority: TryggaHemPriority;
  basis: string;
  changedBy: NamedRefDto;
  changedAt: string;
}

export interface TryggaHemNotificationDto extends CorrectableRecordDto {
  id: string;
  method: NotificationMethod;
  customMethod: string | null;
  deliveredOn: string;
  deliveredBy: string;
  outcome: string | null;
  recordedBy: NamedRefDto;
}

export interface OfferDto {
  id: string;
  version: number;
  /** `th.changeUptake` when the caller may change its uptake. */
  allowedActions: TryggaHemAction[];
  kind: OfferKind;
  description: string;
  offeredOn: string;
  organisation: OrganisationRefDto;
  uptake: OfferUptake;
  uptakeOn: string | null;
  note: string | null;
}

export interface ControlMeasureDto extends CorrectableRecordDto {
  id: string;
  kind: ControlMeasureKind;
  description: string | null;
  startsOn: string;
  endsOn: string | null;
  organisation: OrganisationRefDto;
  active: boolean;
}

export interface IncidentDto extends CorrectableRecordDto {
  id: string;
  occurredOn: string;
  kind: IncidentKind;
  reportingOrganisation: OrganisationRefDto;
  victimPersonId: string | null;
  /** Within 12 months of the last review or referral, against the same victim (issue 6 §4). */
  repeat: boolean;
  /** Issue 15: the forms of violence, in `VIOLENCE_FORMS` order; empty when none were recorded. */
  violenceForms: ViolenceForm[];
  note: string | null;
  recordedAt: string;
}

export interface RiskAssessmentDto {
  id: string;
  organisation: OrganisationRefDto;
  instrument: RiskInstrument;
  instrumentName: string | null;
  instrumentVersion: string | null;
  assessedOn: string;
  assessor: NamedRefDto;
  level: RiskLevel;
  reviewOn: string;
  /** A newer incident calls for reassessment (D5), or the review date has passed. */
  reviewDue: boolean;
  /** Set when an incident marked it for reassessment. */
  reassessmentRequestedAt: string | null;
  /** Whether this is the agency's latest assessment with this instrument. */
  current: boolean;
  summary: string | null;
}

export interface SafetyPlanDto {
  id: string;
  version: number;
  personId: string;
  plan: string;
  whereabouts: string | null;
  support: string | null;
  updatedBy: NamedRefDto;
  updatedAt: string;
}

export interface ActionDto {
  id: string;
  version: number;
  caseId: string;
  caseNumber: string;
  meetingId: string | null;
  description: string;
  ownerOrganisation: OrganisationRefDto;
  owner: NamedRefDto;
  dueOn: string;
  status: ActionStatus;
  overdue: boolean;
  doneAt: string | null;
  /** `th.setActionStatus` when the caller may mark it done or open again. */
  allowedActions: TryggaHemAction[];
}

/** Per agency: its latest assessment's level (never merged, D5). */
export interface AgencyRiskDto {
  organisation: OrganisationRefDto;
  instrument: RiskInstrument;
  level: RiskLevel;
  assessedOn: string;
  reviewOn: string;
  reviewDue: boolean;
}

/**
 * `GET /trygga-hem/cases/:caseId`. Each section is null when the caller's decision does not
 * include its category: priority, notifications, actions (coordination); offers (social);
 * control measures and incidents (criminal); assessments (risk); safety plans (safety, victim
 * side only — D3).
 */
export interface TryggaHemCaseDto {
  caseId: string;
  caseNumber: string;
  version: number;
  group: { id: string; name: string; municipalityCode: string };
  referredOn: string;
  lastReviewedOn: string | null;
  repeat: boolean;
  priority: TryggaHemPriority | null;
  priorityBasis: string | null;
  priorityHistory: PriorityChangeDto[] | null;
  notifications: TryggaHemNotificationDto[] | null;
  offers: OfferDto[] | null;
  controlMeasures: ControlMeasureDto[] | null;
  incidents: IncidentDto[] | null;
  riskAssessments: RiskAssessmentDto[] | null;
  safetyPlans: SafetyPlanDto[] | null;
  actions: ActionDto[] | null;
  /** The categories the caller sees on this case (from the access decision). */
  categories: string[];
  /**
   * The victims and children whose skyddsplan the caller sees, with or without a plan yet: the
   * ones a victim-side user may write one for (D3). Null off the victim side, like `safetyPlans`.
   */
  safetyPlanPersonIds: string[] | null;
  /**
   * What the caller may do with the case in the caseload (issue 15): leave, a new priority, and
   * recording each kind of record (`th.add…`, `th.saveSafetyPlan`). Per record in the lists.
   */
  allowedActions: TryggaHemAction[];
}
