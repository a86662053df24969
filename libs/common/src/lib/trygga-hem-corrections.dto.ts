import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { queryBoolean } from './pagination.dto';
import type { TryggaHemAction } from './trygga-hem-actions.dto';
import {
  NotificationMethod,
  ControlMeasureKind,
  IncidentKind,
  RecordRevisionKind,
} from './trygga-hem';
import type { ViolenceForm } from './violence-forms';
import { IsViolenceForms } from './violence-forms.dto';
import type { NamedRefDto, OrganisationRefDto } from './trygga-hem.dto';

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
