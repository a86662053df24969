import type { MigrationInterface, QueryRunner } from 'typeorm';

const INDEXES = ['idx_audit_events_case_ids', 'idx_audit_events_person_ids'];

/**
 * The GIN indexes of the audit log's case and person ids without a pending list
 * (`fastupdate = off`). With it, the append that fills the list past `gin_pending_list_limit`
 * (4 MB) merges the whole list into the index, for 100–300 ms of CPU — while it holds the audit
 * chain's lock, which every audited request waits for. A gallring run of 100 000 cases appends
 * enough events to do so during the run (a caseload request waited 308 ms; docs/benchmarks.md);
 * so did, now and then, the API's own appends. Without the list each append adds its one to three
 * ids to the index directly. The entries already pending are merged now.
 */
export class AuditGinWithoutPendingList1796705000000 implements MigrationInterface {
  name = 'AuditGinWithoutPendingList1796705000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of INDEXES) {
      await queryRunner.query(`ALTER INDEX "${index}" SET (fastupdate = off)`);
      await queryRunner.query(`SELECT gin_clean_pending_list('"${index}"'::regclass)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of INDEXES)
      await queryRunner.query(`ALTER INDEX "${index}" RESET (fastupdate)`);
  }
}
