import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  CREATE_TABLES,
  REFRESH_FUNCTION,
  SOURCE_VIEWS,
  STATISTICS_TRIGGERS,
  TRIGGER_FUNCTION,
  dropTriggerStatements,
  triggerStatements,
} from './case-statistics-sql';

/**
 * The statistics page's facts per case (`case_statistics`, `case_statistic_events`), kept by
 * deferred triggers in the writer's transaction (case-statistics-sql.ts says how), and filled
 * for the existing cases in one pass.
 */
export class CaseStatistics1796700000000 implements MigrationInterface {
  name = 'CaseStatistics1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of [...CREATE_TABLES, ...SOURCE_VIEWS, REFRESH_FUNCTION, TRIGGER_FUNCTION])
      await queryRunner.query(sql);
    for (const t of STATISTICS_TRIGGERS)
      for (const sql of triggerStatements(t)) await queryRunner.query(sql);
    // Existing cases: one set-based pass (no other writer runs during a migration).
    await queryRunner.query('SELECT samsyn_case_statistics_refresh(NULL, false)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of STATISTICS_TRIGGERS)
      for (const sql of dropTriggerStatements(t)) await queryRunner.query(sql);
    await queryRunner.query('DROP FUNCTION samsyn_case_statistics_on_change()');
    await queryRunner.query('DROP FUNCTION samsyn_case_statistics_refresh(uuid[], boolean)');
    await queryRunner.query('DROP VIEW "case_statistic_events_source"');
    await queryRunner.query('DROP VIEW "case_statistics_source"');
    await queryRunner.query('DROP TABLE "case_statistic_events"');
    await queryRunner.query('DROP TABLE "case_statistics"');
  }
}
