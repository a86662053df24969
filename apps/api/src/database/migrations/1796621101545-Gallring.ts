import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  ACTIVITY_FUNCTION,
  APPEND_ONLY_ORIGINAL,
  APPEND_ONLY_WITH_GALLRING,
  BACKFILL,
  BLANK_FUNCTION,
  CASE_RECORD_TABLES,
  CASE_SELF_FUNCTION,
  GALLRA_FUNCTION,
  INDIRECT_RECORD_TABLES,
} from './gallring-sql';

/**
 * Gallring (D22, issue 17): retention rules (seeded with the default, five years after the last
 * write, every organisation and programme), legal holds, the runs and their per-case report,
 * `cases.last_activity_at` kept by triggers on the case and every record table (backfilled from
 * the records' own times), and `samsyn_gallra_case`, the one function that clears a case — the
 * append-only trigger lets it, and only it, remove append-only rows; the audit log never.
 */

export class Gallring1796621101545 implements MigrationInterface {
  name = 'Gallring1796621101545';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "retention_rules" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "organisation_id" uuid,
                "programme" character varying(30),
                "years" integer NOT NULL,
                CONSTRAINT "PK_95784069953cd8ee9296c6e947b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_94d0774a292d8218cc663a994f" ON "retention_rules" ("organisation_id", "programme")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_legal_holds" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "case_id" uuid NOT NULL,
                "reason" character varying(500) NOT NULL,
                "set_by_id" uuid NOT NULL,
                CONSTRAINT "PK_2f64d8f3b0055c84a9bb8e1959b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_934cea319443ad58d0f9c44ecc" ON "case_legal_holds" ("case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "gallring_runs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "mode" character varying(10) NOT NULL,
                "status" character varying(10) NOT NULL,
                "trigger" character varying(10) NOT NULL,
                "requested_by_id" uuid,
                "organisation_id" uuid,
                "started_at" TIMESTAMP WITH TIME ZONE,
                "reported_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "error" character varying(200),
                CONSTRAINT "PK_9a66a09a4fb5541822c94677f85" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ed5aa6b911907fce84af9691bb" ON "gallring_runs" ("created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "gallring_run_cases" (
                "run_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "rule_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "programme" character varying(30) NOT NULL,
                "outcome" character varying(12) NOT NULL,
                "due_before" TIMESTAMP WITH TIME ZONE NOT NULL,
                "cleared_at" TIMESTAMP WITH TIME ZONE,
                "skipped" character varying(20),
                CONSTRAINT "PK_7c0a62f62122cb55a1146930066" PRIMARY KEY ("run_id", "case_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0d1b5160c26940a1b6aeb1299c" ON "gallring_run_cases" ("run_id", "outcome")
        `);
    await queryRunner.query(`
            ALTER TABLE "persons"
            ADD "cleared_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "cleared_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_30a60924160e9eacd2af9f7349" ON "cases" ("last_activity_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "retention_rules"
            ADD CONSTRAINT "FK_01ca3a7bb42390a4fb1f8b4fc43" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_legal_holds"
            ADD CONSTRAINT "FK_934cea319443ad58d0f9c44ecc1" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_legal_holds"
            ADD CONSTRAINT "FK_d2b5095e5105e38d633d6a5640b" FOREIGN KEY ("set_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "gallring_run_cases"
            ADD CONSTRAINT "FK_e025bd8c7a073e7523d530c40bb" FOREIGN KEY ("run_id") REFERENCES "gallring_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(
      `INSERT INTO retention_rules (organisation_id, programme, years, version) VALUES (NULL, NULL, 5, 1)`,
    );
    await queryRunner.query(BACKFILL);
    await queryRunner.query(ACTIVITY_FUNCTION);
    await queryRunner.query(CASE_SELF_FUNCTION);
    for (const table of CASE_RECORD_TABLES)
      await queryRunner.query(
        `CREATE TRIGGER "trg_${table}_case_activity" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION samsyn_case_activity('case')`,
      );
    for (const [table, mode] of INDIRECT_RECORD_TABLES)
      await queryRunner.query(
        `CREATE TRIGGER "trg_${table}_case_activity" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION samsyn_case_activity('${mode}')`,
      );
    await queryRunner.query(
      `CREATE TRIGGER "trg_persons_case_activity" AFTER UPDATE ON "persons" FOR EACH ROW EXECUTE FUNCTION samsyn_case_activity('person')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_cases_case_activity" BEFORE UPDATE ON "cases" FOR EACH ROW EXECUTE FUNCTION samsyn_case_activity_self()`,
    );
    await queryRunner.query(APPEND_ONLY_WITH_GALLRING);
    await queryRunner.query(BLANK_FUNCTION);
    await queryRunner.query(GALLRA_FUNCTION);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION samsyn_gallra_case(uuid, uuid)`);
    await queryRunner.query(`DROP FUNCTION samsyn_gallring_blank(text)`);
    await queryRunner.query(APPEND_ONLY_ORIGINAL);
    await queryRunner.query(`DROP TRIGGER "trg_cases_case_activity" ON "cases"`);
    await queryRunner.query(`DROP TRIGGER "trg_persons_case_activity" ON "persons"`);
    for (const [table] of [...CASE_RECORD_TABLES.map((t) => [t]), ...INDIRECT_RECORD_TABLES])
      await queryRunner.query(`DROP TRIGGER "trg_${table}_case_activity" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION samsyn_case_activity_self()`);
    await queryRunner.query(`DROP FUNCTION samsyn_case_activity()`);
    await queryRunner.query(`
            ALTER TABLE "gallring_run_cases" DROP CONSTRAINT "FK_e025bd8c7a073e7523d530c40bb"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_legal_holds" DROP CONSTRAINT "FK_d2b5095e5105e38d633d6a5640b"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_legal_holds" DROP CONSTRAINT "FK_934cea319443ad58d0f9c44ecc1"
        `);
    await queryRunner.query(`
            ALTER TABLE "retention_rules" DROP CONSTRAINT "FK_01ca3a7bb42390a4fb1f8b4fc43"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_30a60924160e9eacd2af9f7349"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "cleared_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "last_activity_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "persons" DROP COLUMN "cleared_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0d1b5160c26940a1b6aeb1299c"
        `);
    await queryRunner.query(`
            DROP TABLE "gallring_run_cases"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ed5aa6b911907fce84af9691bb"
        `);
    await queryRunner.query(`
            DROP TABLE "gallring_runs"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_934cea319443ad58d0f9c44ecc"
        `);
    await queryRunner.query(`
            DROP TABLE "case_legal_holds"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_94d0774a292d8218cc663a994f"
        `);
    await queryRunner.query(`
            DROP TABLE "retention_rules"
        `);
  }
}
