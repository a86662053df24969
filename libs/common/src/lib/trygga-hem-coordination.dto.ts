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
} from 'class-validator';
import { PageQueryDto, queryBoolean } from './pagination.dto';
import type { MeetingAttendanceDto } from './meeting-attendance';
import type { TryggaHemAction } from './trygga-hem-actions.dto';
import type { PublishedCount } from './small-counts';
import {
  TryggaHemPriority,
  ActionStatus,
  MeetingStatus,
  AgendaReason,
  BOARD_SORTS,
  type BoardSort,
} from './trygga-hem';
import type { ActionDto, AgencyRiskDto, NamedRefDto } from './trygga-hem.dto';

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
  /** Which member units and people took part (issue 17 §2). */
  attendance: MeetingAttendanceDto;
  /** What the caller may do with the meeting: chair it (agenda), record attendance, approve. */
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

export interface TryggaHemMunicipalityFiguresDto {
  municipalityCode: string;
  /** Cases active in the period, by their current priority; `total` hidden when a cell is. */
  casesByPriority: Record<TryggaHemPriority, PublishedCount>;
  casesTotal: PublishedCount;
  notifications: PublishedCount;
  offersMade: PublishedCount;
  offersTakenUp: PublishedCount;
  controlMeasures: PublishedCount;
  incidents: PublishedCount;
  repeatIncidents: PublishedCount;
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
