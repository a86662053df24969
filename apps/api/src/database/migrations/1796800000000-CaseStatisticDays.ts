import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REFRESH_FUNCTION as FACTS_ONLY_REFRESH } from './case-statistics-sql';
import { COMPACT_FUNCTION, CREATE_TABLES, REFRESH_FUNCTION } from './case-statistic-days-sql';

/**
 * The statistics page's counts per day and per month (`case_statistic_days`,
 * `case_statistic_months`), kept through appended changes (`case_statistic_day_changes`) that
 * the case facts' refresh writes and the statistics service compacts (case-statistic-days-sql.ts
 * says how), and filled for the existing cases in one pass.
 */
export class CaseStatisticDays1796800000000 implements MigrationInterface {
  name = 'CaseStatisticDays1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of [...CREATE_TABLES, REFRESH_FUNCTION, COMPACT_FUNCTION])
      await queryRunner.query(sql);
    // Existing cases: one set-based pass (no other writer runs during a migration).
    await queryRunner.query('SELECT samsyn_case_statistics_refresh(NULL, false)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION samsyn_case_statistics_compact()');
    await queryRunner.query('DROP FUNCTION samsyn_case_statistics_refresh(uuid[], boolean)');
    await queryRunner.query(FACTS_ONLY_REFRESH);
    await queryRunner.query('DROP TABLE "case_statistic_day_changes"');
    await queryRunner.query('DROP TABLE "case_statistic_months"');
    await queryRunner.query('DROP INDEX "IDX_case_statistic_events_incident"');
    await queryRunner.query('DROP INDEX "IDX_case_statistic_events_attendance"');
    await queryRunner.query('DROP TABLE "case_statistic_days"');
  }
}
