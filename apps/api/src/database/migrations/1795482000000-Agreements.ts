import { MigrationInterface, QueryRunner } from 'typeorm';

export class Agreements1795482000000 implements MigrationInterface {
  name = 'Agreements1795482000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."agreement_kind" AS ENUM('cooperation', 'region_municipality', 'other')
        `);
    await queryRunner.query(`
            CREATE TABLE "agreements" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "title" character varying(300) NOT NULL,
                "kind" "public"."agreement_kind" NOT NULL,
                "valid_from" date NOT NULL,
                "valid_until" date NOT NULL,
                "owning_organisation_id" uuid NOT NULL,
                "created_by_id" uuid,
                "summons_days_after_discharge_ready" integer,
                "first_meeting_days_after_request" integer,
                "notes" text,
                "expiry_reminder_id" uuid,
                CONSTRAINT "PK_01532f6c999d44c776e3d1fa4c8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_422402d8d7e724c85500f952bd" ON "agreements" ("owning_organisation_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b845f0fffceb982c318b5e9811" ON "agreements" ("valid_from", "valid_until")
        `);
    await queryRunner.query(`
            CREATE TABLE "agreement_parties" (
                "agreement_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                CONSTRAINT "PK_53e7cfd455d55ce8dc26b9df668" PRIMARY KEY ("agreement_id", "organisation_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0f89598b25eb3b8bd6e7971427" ON "agreement_parties" ("organisation_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "agreement_follow_ups" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "agreement_id" uuid NOT NULL,
                "label" character varying(200) NOT NULL,
                "due_on" date NOT NULL,
                "done_at" TIMESTAMP WITH TIME ZONE,
                "done_by_id" uuid,
                "reminder_id" uuid,
                CONSTRAINT "PK_42e3656e70918820a7ca4a5cfa3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a814e7f33f894c4687891d1287" ON "agreement_follow_ups" ("agreement_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "agreements"
            ADD CONSTRAINT "FK_422402d8d7e724c85500f952bd1" FOREIGN KEY ("owning_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "agreements"
            ADD CONSTRAINT "FK_e4c17b62e7c7dc9225012fc5920" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "agreement_parties"
            ADD CONSTRAINT "FK_4d0cf7ca4e34453f04cbf522871" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "agreement_parties"
            ADD CONSTRAINT "FK_0f89598b25eb3b8bd6e79714276" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "agreement_follow_ups"
            ADD CONSTRAINT "FK_a814e7f33f894c4687891d12879" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "agreement_follow_ups"
            ADD CONSTRAINT "FK_0dab7708862eb997544ce6b7e90" FOREIGN KEY ("done_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "agreement_follow_ups" DROP CONSTRAINT "FK_0dab7708862eb997544ce6b7e90"
        `);
    await queryRunner.query(`
            ALTER TABLE "agreement_follow_ups" DROP CONSTRAINT "FK_a814e7f33f894c4687891d12879"
        `);
    await queryRunner.query(`
            ALTER TABLE "agreement_parties" DROP CONSTRAINT "FK_0f89598b25eb3b8bd6e79714276"
        `);
    await queryRunner.query(`
            ALTER TABLE "agreement_parties" DROP CONSTRAINT "FK_4d0cf7ca4e34453f04cbf522871"
        `);
    await queryRunner.query(`
            ALTER TABLE "agreements" DROP CONSTRAINT "FK_e4c17b62e7c7dc9225012fc5920"
        `);
    await queryRunner.query(`
            ALTER TABLE "agreements" DROP CONSTRAINT "FK_422402d8d7e724c85500f952bd1"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a814e7f33f894c4687891d1287"
        `);
    await queryRunner.query(`
            DROP TABLE "agreement_follow_ups"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0f89598b25eb3b8bd6e7971427"
        `);
    await queryRunner.query(`
            DROP TABLE "agreement_parties"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b845f0fffceb982c318b5e9811"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_422402d8d7e724c85500f952bd"
        `);
    await queryRunner.query(`
            DROP TABLE "agreements"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."agreement_kind"
        `);
  }
}
