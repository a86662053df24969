import {
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
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
  @IsString()
  @MinLength(3)
  @MaxLength(LEGAL_HOLD_REASON_MAX_LENGTH)
  reason!: string;

  /** The hold's version when changing an existing hold's reason; absent for a new hold. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class GallringRunQueryDto extends PageQueryDto {}
