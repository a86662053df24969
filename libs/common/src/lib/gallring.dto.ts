import { IsEnum, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  GallringMode,
  LEGAL_HOLD_REASON_MAX_LENGTH,
  RETENTION_YEARS_MAX,
  RETENTION_YEARS_MIN,
} from './gallring';
import { PageQueryDto } from './pagination.dto';

export class StartGallringRunDto {
  @IsEnum(GallringMode)
  mode!: GallringMode;
}

export class UpdateRetentionRuleDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsInt()
  @Min(RETENTION_YEARS_MIN)
  @Max(RETENTION_YEARS_MAX)
  years!: number;
}

export class SetLegalHoldDto {
  /** The case's number as the organisation knows it, e.g. TH-2024-000123. */
  @IsString()
  @MinLength(3)
  @MaxLength(30)
  caseNumber!: string;

  @IsString()
  @MinLength(3)
  @MaxLength(LEGAL_HOLD_REASON_MAX_LENGTH)
  reason!: string;
}

export class LiftLegalHoldDto {
  @IsInt()
  @Min(1)
  version!: number;
}

export class GallringRunQueryDto extends PageQueryDto {}
