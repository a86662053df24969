import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 §5 (D6): `evaluation_exports`, one row per evaluation export — who, when, the
 * parameters (programmes, months, municipalities, format, k) and the row counts — which the
 * export's audit event names as its target.
 */
export class EvaluationExports1796622989601 implements MigrationInterface {
  name = 'EvaluationExports1796622989601';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "evaluation_exports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "requested_by_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "programmes" text array NOT NULL,
                "period_from" character varying(7) NOT NULL,
                "period_to" character varying(7) NOT NULL,
                "municipality_codes" text array NOT NULL DEFAULT '{}',
                "format" character varying(4) NOT NULL,
                "k" integer NOT NULL,
                "cases_selected" integer NOT NULL,
                "rows_published" integer NOT NULL,
                "rows_generalised" integer NOT NULL,
                "rows_left_out" integer NOT NULL,
                CONSTRAINT "PK_93ad0676897206985ded366e345" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b517396be81da7c8d2e0d9f9da" ON "evaluation_exports" ("created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluation_exports"
            ADD CONSTRAINT "FK_e950879654f37656036955282f5" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluation_exports"
            ADD CONSTRAINT "FK_400b581a965de28b15f05fc7006" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "evaluation_exports" DROP CONSTRAINT "FK_400b581a965de28b15f05fc7006"
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluation_exports" DROP CONSTRAINT "FK_e950879654f37656036955282f5"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b517396be81da7c8d2e0d9f9da"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation_exports"
        `);
  }
}
