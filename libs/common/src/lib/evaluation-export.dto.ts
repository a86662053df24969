import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
} from 'class-validator';
import {
  EVALUATION_EXPORT_FORMATS,
  type EvaluationExportFormat,
  MONTH_PATTERN,
} from './evaluation-export';

/** `POST /evaluation-exports`: which cases go into the file, and its format. */
export class CreateEvaluationExportDto {
  /** Programme codes, e.g. `TRYGGA_HEM`, `SIP` (see `GET /programmes`). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^[A-Z][A-Z0-9_]{1,29}$/, { each: true })
  programmes!: string[];

  /** First month opened, `YYYY-MM`. */
  @IsString()
  @Matches(MONTH_PATTERN, { message: 'from must be a month, YYYY-MM' })
  from!: string;

  /** Last month opened, `YYYY-MM` (inclusive). */
  @IsString()
  @Matches(MONTH_PATTERN, { message: 'to must be a month, YYYY-MM' })
  to!: string;

  /** Kommunkoder to limit the export to; absent or empty: every municipality. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(400)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^\d{4}$/, { each: true, message: 'each municipality code is four digits' })
  municipalityCodes?: string[];

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value ?? 'csv')
  @IsIn(EVALUATION_EXPORT_FORMATS)
  format?: EvaluationExportFormat;
}
