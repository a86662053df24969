import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 15: a case leaves a koordinatorsgrupp's caseload (removed or closed) and is kept. */
export class TryggaHemCaseloadExit1795487100000 implements MigrationInterface {
  name = 'TryggaHemCaseloadExit1795487100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_cases"
            ADD "left_at" TIMESTAMP WITH TIME ZONE,
            ADD "left_outcome" character varying(10),
            ADD "left_reason" text,
            ADD "left_by_id" uuid,
            ADD "left_by_name" character varying(200)
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_cases"
            ADD CONSTRAINT "chk_trygga_hem_case_left" CHECK (
                ("left_at" IS NULL) = ("left_reason" IS NULL)
                AND ("left_at" IS NULL) = ("left_outcome" IS NULL)
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_cases" DROP CONSTRAINT "chk_trygga_hem_case_left"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_cases"
            DROP COLUMN "left_by_name",
            DROP COLUMN "left_by_id",
            DROP COLUMN "left_reason",
            DROP COLUMN "left_outcome",
            DROP COLUMN "left_at"
        `);
  }
}
