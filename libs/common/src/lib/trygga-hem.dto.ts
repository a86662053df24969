import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsIn,
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
import { PageQueryDto, queryBoolean } from './pagination.dto';
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
  MeetingStatus,
  AgendaReason,
  BOARD_SORTS,
  type BoardSort,
  RecordRevisionKind,
} from './trygga-hem';
import type { ViolenceForm } from './violence-forms';
import { IsViolenceForms } from './violence-forms.dto';

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

// ---------------------------------------------------------------- the board

/** `GET /trygga-hem/groups/:id/board`: filterable, sortable and paged. */
export class BoardQueryDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(TryggaHemPriority, { message: 'priority must be one of A, B, C, D' })
  priority?: TryggaHemPriority;

  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  repeat?: boolean;

  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  overdueActions?: boolean;

  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  highRisk?: boolean;

  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  newIncidents?: boolean;

  /** Default `agenda`: the order a meeting would take them in. */
  @IsOptional()
  @IsIn(BOARD_SORTS)
  sort?: BoardSort;
}

/**
 * One case on the board. Counts and levels the caller may not see (by category) are null;
 * `subjectName` is null without the identity category or for a protected person (D18).
 */
export interface BoardRowDto {
  caseId: string;
  caseNumber: string;
  subjectName: string | null;
  priority: TryggaHemPriority | null;
  repeat: boolean;
  risk: AgencyRiskDto[] | null;
  highRisk: boolean | null;
  overdueActions: number | null;
  openActions: number | null;
  daysSinceReview: number;
  openOffers: number | null;
  newIncidents: number | null;
  reviewDue: boolean | null;
  reasons: AgendaReason[];
}

// ---------------------------------------------------------------- meetings

/** `POST /trygga-hem/groups/:id/meetings`: the agenda is proposed from the board. */
export class CreateMeetingDto {
  @IsDateString({ strict: true })
  heldOn!: string;
}

/** `PUT /trygga-hem/meetings/:id/agenda`: the edited agenda, in order. */
export class UpdateAgendaDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  caseIds!: string[];
}

/** `PATCH /trygga-hem/meetings/:id/items/:itemId`: the group's decision on one case. */
export class RecordDecisionDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsString()
  @IsNotEmpty({ message: 'decision must say what the group decided' })
  @MaxLength(5000)
  decision!: string;
}

/** `POST /trygga-hem/meetings/:id/items/:itemId/actions`: who does what by when (D2). */
export class CreateActionDto {
  @IsString()
  @IsNotEmpty({ message: 'description must say what is to be done' })
  @MaxLength(1000)
  description!: string;

  @IsUUID('all', { message: 'ownerOrganisationId must name the organisation that owns the action' })
  ownerOrganisationId!: string;

  @IsUUID('all', { message: 'ownerUserId must name the person who owns the action' })
  ownerUserId!: string;

  @IsDateString({ strict: true }, { message: 'dueOn must be a date (YYYY-MM-DD)' })
  dueOn!: string;
}

/** `PATCH /trygga-hem/actions/:id`. */
export class UpdateActionDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsEnum(ActionStatus)
  status!: ActionStatus;
}

/** `POST /trygga-hem/meetings/:id/approve`: the group approves the minutes; they freeze. */
export class ApproveMinutesDto {
  @IsInt()
  @Min(1)
  version!: number;
}

export interface AgendaItemDto {
  id: string;
  version: number;
  position: number;
  caseId: string;
  caseNumber: string;
  subjectName: string | null;
  reasons: AgendaReason[];
  /** Null when not yet decided or when the caller lacks the coordination category. */
  decision: string | null;
  decidedBy: NamedRefDto | null;
  decidedAt: string | null;
  actions: ActionDto[] | null;
  /** The caller's access to the case does not cover its coordination data. */
  withheld: boolean;
  /** `meeting.decide` when the caller may record a decision and actions on this item. */
  allowedActions: TryggaHemAction[];
}

export interface MeetingDto {
  id: string;
  version: number;
  groupId: string;
  heldOn: string;
  status: MeetingStatus;
  approvedAt: string | null;
  approvedBy: NamedRefDto | null;
  items: AgendaItemDto[];
  /** Open actions from earlier meetings of the group's cases (shown at the next meeting). */
  carriedOverActions: ActionDto[];
  /** What the caller may do with the meeting: chair it (agenda) and approve its minutes. */
  allowedActions: TryggaHemAction[];
}

export interface MeetingSummaryDto {
  id: string;
  version: number;
  heldOn: string;
  status: MeetingStatus;
  /** Cases on the agenda; null for callers who are not members (D1: no counts of individuals). */
  itemCount: number | null;
}

// ---------------------------------------------------------------- figures (D1, D6)

/** `GET /trygga-hem/statistics`: aggregate figures per municipality and period. */
export class TryggaHemStatisticsQueryDto {
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipalityCode must be a four-digit municipality code' })
  municipalityCode?: string;

  /** First day of the period (default: 1 January this year). */
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  /** Last day of the period (default: today). */
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

/**
 * A count, or null when it is between 1 and the threshold − 1 (small-cell rule: counts below 5
 * are hidden). Zero is shown: it describes nobody.
 */
export type SuppressedCount = number | null;

export interface TryggaHemMunicipalityFiguresDto {
  municipalityCode: string;
  /** Cases active in the period, by their current priority; `total` hidden when a cell is. */
  casesByPriority: Record<TryggaHemPriority, SuppressedCount>;
  casesTotal: SuppressedCount;
  notifications: SuppressedCount;
  offersMade: SuppressedCount;
  offersTakenUp: SuppressedCount;
  controlMeasures: SuppressedCount;
  incidents: SuppressedCount;
  repeatIncidents: SuppressedCount;
}

export interface TryggaHemStatisticsDto {
  from: string;
  to: string;
  /** Counts below this are hidden. */
  smallCellThreshold: number;
  municipalities: TryggaHemMunicipalityFiguresDto[];
}

// ---------------------------------------------------------------- group member lookup

/**
 * `GET /trygga-hem/groups/:id/candidates`: active case workers of the four agencies (social
 * services of the group's municipality, police, Frivård, the region) who are not yet members.
 */
export class GroupCandidateQueryDto extends PageQueryDto {
  /** Case-insensitive search in display name or username. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

// ---------------------------------------------------------------- corrections and removals (D21)

/** `GET /trygga-hem/cases/:caseId` query. */
export class TryggaHemCaseQueryDto {
  /** Include removed notifications, control measures and incidents (with their removal). */
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  includeRemoved?: boolean;
}

/** Every correction and removal says why (D21): the reason is kept with the previous values. */
class RecordChangeDto {
  /** The version you read; a stale one is 409 VERSION_CONFLICT and nothing is written. */
  @IsInt({ message: 'version must be the version of the record you read' })
  @Min(1)
  version!: number;

  @IsString()
  @IsNotEmpty({ message: 'reason must say why the record is changed' })
  @MaxLength(2000)
  reason!: string;
}

/**
 * `PATCH /trygga-hem/notifications/:id`: corrects the fields given (the others stay); the
 * previous values, the reason, who and when are kept in the record's history (D21).
 */
export class CorrectTryggaHemNotificationDto extends RecordChangeDto {
  @IsOptional()
  @IsEnum(NotificationMethod)
  method?: NotificationMethod;

  /** Required when the method is (or becomes) `custom`. */
  @ValidateIf((o: CorrectTryggaHemNotificationDto) => o.method === NotificationMethod.Custom)
  @IsString()
  @IsNotEmpty({ message: 'customMethod must describe a custom notification' })
  @MaxLength(200)
  customMethod?: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'deliveredOn must be a date (YYYY-MM-DD)' })
  deliveredOn?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'deliveredBy must say who delivered the notification' })
  @MaxLength(200)
  deliveredBy?: string;

  /** An empty string clears the outcome. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  outcome?: string;
}

/**
 * `PATCH /trygga-hem/control-measures/:id`: corrects the fields given; `endsOn: null` makes it
 * run until further notice. A changed end moves (or cancels) its `measure_ending` reminder.
 */
export class CorrectControlMeasureDto extends RecordChangeDto {
  @IsOptional()
  @IsEnum(ControlMeasureKind)
  kind?: ControlMeasureKind;

  /** An empty string clears the description. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  description?: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'startsOn must be a date (YYYY-MM-DD)' })
  startsOn?: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'endsOn must be a date (YYYY-MM-DD)' })
  endsOn?: string | null;

  @IsOptional()
  @IsUUID('all', { message: 'organisationId must name an organisation' })
  organisationId?: string;
}

/**
 * `PATCH /trygga-hem/incidents/:id`: corrects the fields given; `victimPersonId: null` removes
 * the link to a victim. A changed date or victim re-evaluates the repeat mark (issue 6 §4).
 */
export class CorrectIncidentDto extends RecordChangeDto {
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'occurredOn must be a date (YYYY-MM-DD)' })
  occurredOn?: string;

  @IsOptional()
  @IsEnum(IncidentKind)
  kind?: IncidentKind;

  @IsOptional()
  @IsUUID('all', { message: 'reportingOrganisationId must name an organisation' })
  reportingOrganisationId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'victimPersonId must name a victim or child of the case' })
  victimPersonId?: string | null;

  /** Replaces the forms of violence; `[]` removes them all. */
  @IsViolenceForms()
  violenceForms?: ViolenceForm[];

  /** An empty string clears the note. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/**
 * `POST /trygga-hem/{notifications|control-measures|incidents}/:id/remove`: a soft removal with
 * a mandatory reason (D21). The record disappears from the case, the board and the figures but
 * is kept, with who removed it, when and why.
 */
export class RemoveTryggaHemRecordDto extends RecordChangeDto {}

/** One correction or removal of a record (D21), oldest first in `revisions`. */
export interface RecordRevisionDto {
  kind: RecordRevisionKind;
  reason: string;
  /**
   * The values the record had before this change: only the fields that changed, by their DTO
   * names (organisations by name as they were then). Empty for a removal.
   */
  previous: Record<string, string | boolean | string[] | null>;
  changedBy: NamedRefDto;
  changedByOrganisationName: string;
  changedAt: string;
}

export interface RecordRemovalDto {
  reason: string;
  removedBy: NamedRefDto;
  removedAt: string;
}

/** What notifications, control measures and incidents share: version, history, removal (D21). */
export interface CorrectableRecordDto {
  version: number;
  /** The organisation whose user recorded it: only that organisation corrects or removes it. */
  recordedByOrganisation: OrganisationRefDto;
  /** Whether the caller may correct or remove it (see docs/access-model.md). */
  canCorrect: boolean;
  /** `th.correctRecord` and `th.removeRecord` when the caller may (the same rule as `canCorrect`). */
  allowedActions: TryggaHemAction[];
  revisions: RecordRevisionDto[];
  /** Set only on removed records (`includeRemoved=true`). */
  removal: RecordRemovalDto | null;
}
