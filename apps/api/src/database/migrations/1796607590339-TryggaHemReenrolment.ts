import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: a case that left a caseload may be enrolled again. Each exit is kept in its own row
 * (the case's `trygga_hem_cases` row starts the new enrolment); the exits so far are copied.
 */
export class TryggaHemReenrolment1796607590339 implements MigrationInterface {
  name = 'TryggaHemReenrolment1796607590339';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "trygga_hem_caseload_exits" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "group_id" uuid NOT NULL,
                "referred_on" date NOT NULL,
                "outcome" character varying(10) NOT NULL,
                "reason" text NOT NULL,
                "left_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "left_by_id" uuid,
                "left_by_name" character varying(200),
                CONSTRAINT "chk_trygga_hem_caseload_exit_outcome" CHECK ("outcome" IN ('removed', 'closed')),
                CONSTRAINT "PK_8a295bbab19762a1e3a14b9d331" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_51310d06bdf8024ce93e68d494" ON "trygga_hem_caseload_exits" ("case_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_caseload_exits"
            ADD CONSTRAINT "FK_51310d06bdf8024ce93e68d4948" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_caseload_exits"
            ADD CONSTRAINT "FK_4202fd9b2bfeb680a07de77ce03" FOREIGN KEY ("group_id") REFERENCES "coordinator_groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            INSERT INTO "trygga_hem_caseload_exits"
                ("case_id", "group_id", "referred_on", "outcome", "reason", "left_at", "left_by_id", "left_by_name")
            SELECT "case_id", "group_id", "referred_on", "left_outcome", "left_reason", "left_at", "left_by_id", "left_by_name"
            FROM "trygga_hem_cases" WHERE "left_at" IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_caseload_exits" DROP CONSTRAINT "FK_4202fd9b2bfeb680a07de77ce03"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_caseload_exits" DROP CONSTRAINT "FK_51310d06bdf8024ce93e68d4948"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_51310d06bdf8024ce93e68d494"
        `);
    await queryRunner.query(`
            DROP TABLE "trygga_hem_caseload_exits"
        `);
  }
}
