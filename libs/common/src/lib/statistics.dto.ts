import { IsEnum, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { StatisticsPeriod } from './statistics';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `GET /statistics/indicators` and `GET /statistics/indicators.csv` (permission
 * `statistics:read`). Rules the decorators cannot check (an unknown agreement, an inverted or
 * future period: 400; a municipality outside the caller's scope: 403) are the service's.
 */
export class StatisticsQueryDto {
  /** First day (default: 1 January of this year). */
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  /** Last day (default: today); not after today. */
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @IsOptional()
  @IsEnum(StatisticsPeriod)
  period?: StatisticsPeriod;

  @IsOptional()
  @IsUUID('4')
  agreementId?: string;

  /** Kommunkod. */
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipalityCode must be four digits' })
  municipalityCode?: string;

  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,29}$/, { message: 'programme must be a programme code' })
  programme?: string;

  /** Language of the CSV's headers and labels. */
  @IsOptional()
  @IsIn(['sv', 'en'])
  lang?: 'sv' | 'en';
}
