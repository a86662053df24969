import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  GALLRA_FUNCTION_SCOPE_ONCE,
  GALLRA_FUNCTION_ORIGINAL,
  ON_CHANGE_ORIGINAL,
  ON_CHANGE_SKIPPING_GALLRING,
} from './gallring-scale-sql';

/**
 * Gallring at scale (issue 17): indexes for the lookups `samsyn_gallra_case` and the case scope
 * refresh make per case — a case's team, links to it, emergency accesses and notifications, and
 * the person columns it checks before anonymising someone — which were sequential scans (100 000
 * cases took hours; docs/benchmarks.md); the case scope updated once per cleared case rather
 * than refreshed per removed row; and `gallring_runs.summary`, the report's counts kept once a run's
 * per-case rows are pruned.
 */
export class GallringAtScale1796642446284 implements MigrationInterface {
  name = 'GallringAtScale1796642446284';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "gallring_runs"
            ADD "summary" jsonb
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_1829eb10fa7059c6d0bdc97688" ON "case_links" ("linked_case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_c304f53f441823c9c85b1662c3" ON "case_team_members" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_386e2258153075525e939e51bc" ON "consents" ("person_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3aafeb509dfd8ed9644b106509" ON "disclosures" ("person_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_5978559c0c86fabaecff59b88a" ON "emergency_accesses" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_63e5f2b81ae561b30d23c1ab6e" ON "notifications" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_82a84b81e4e8c69b14de1a4b77" ON "trygga_hem_incidents" ("victim_person_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2691576fcd8567d6417cbd174f" ON "trygga_hem_safety_plans" ("person_id")
        `);
    await queryRunner.query(ON_CHANGE_SKIPPING_GALLRING);
    await queryRunner.query(GALLRA_FUNCTION_SCOPE_ONCE);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(GALLRA_FUNCTION_ORIGINAL);
    await queryRunner.query(ON_CHANGE_ORIGINAL);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2691576fcd8567d6417cbd174f"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_82a84b81e4e8c69b14de1a4b77"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_63e5f2b81ae561b30d23c1ab6e"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_5978559c0c86fabaecff59b88a"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3aafeb509dfd8ed9644b106509"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_386e2258153075525e939e51bc"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_c304f53f441823c9c85b1662c3"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_1829eb10fa7059c6d0bdc97688"
        `);
    await queryRunner.query(`
            ALTER TABLE "gallring_runs" DROP COLUMN "summary"
        `);
  }
}
