import { IsIn, IsOptional, Matches } from 'class-validator';

/**
 * `GET /statistics/agreements/:id/follow-up-report.pdf|.csv?year=YYYY&lang=sv|en` (permission
 * `statistics:read`). A year still to come is the service's 400 (it knows today); an agreement
 * the caller may not see is 404.
 */
export class FollowUpReportQueryDto {
  /** The report year; the year before it stands beside it. */
  @Matches(/^(19|20|21)\d{2}$/, { message: 'year must be a year (YYYY)' })
  year!: string;

  /** Language of the report (default Swedish). */
  @IsOptional()
  @IsIn(['sv', 'en'])
  lang?: 'sv' | 'en';
}
