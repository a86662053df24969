import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795458648382 implements MigrationInterface {
  name = 'Initial1795458648382';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."organisation_type" AS ENUM(
                'region',
                'municipality',
                'police',
                'probation',
                'county_board'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "organisations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "name" character varying(200) NOT NULL,
                "type" "public"."organisation_type" NOT NULL,
                "municipality_code" character varying(4),
                CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_4a3dcb66f1630f551b81bca1b3" ON "organisations" ("name")
        `);
    await queryRunner.query(`
            CREATE TABLE "units" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "organisation_id" uuid NOT NULL,
                "name" character varying(200) NOT NULL,
                "kind" character varying(50) NOT NULL,
                CONSTRAINT "PK_5a8f2f064919b587d93936cb223" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_6342161911da8051ce0f8fb5e4" ON "units" ("organisation_id", "name")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."user_role" AS ENUM(
                'social_worker',
                'healthcare_staff',
                'police_officer',
                'probation_officer',
                'coordinator',
                'steering',
                'org_admin',
                'auditor',
                'system_admin'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "username" character varying(100) NOT NULL,
                "display_name" character varying(200) NOT NULL,
                "email" character varying(254),
                "password_hash" character varying(200) NOT NULL,
                "roles" "public"."user_role" array NOT NULL,
                "organisation_id" uuid NOT NULL,
                "unit_id" uuid,
                "locale" character varying(2) NOT NULL DEFAULT 'sv',
                "active" boolean NOT NULL DEFAULT true,
                "failed_login_count" integer NOT NULL DEFAULT '0',
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "last_login_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_fe0bb3f6520ee0469504521e71" ON "users" ("username")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."reminder_status" AS ENUM('pending', 'delivered', 'cancelled', 'failed')
        `);
    await queryRunner.query(`
            CREATE TABLE "reminders" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "kind" character varying(50) NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" "public"."reminder_status" NOT NULL DEFAULT 'pending',
                "recipient_user_id" uuid,
                "recipient_unit_id" uuid,
                "case_id" uuid,
                "attempts" integer NOT NULL DEFAULT '0',
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                "last_error" character varying(500),
                CONSTRAINT "PK_38715fec7f634b72c6cf7ea4893" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d62e74f17d86b806af18ac5b9b" ON "reminders" ("recipient_user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_90a8454f5ccc669946f0b97239" ON "reminders" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_reminders_pending_due" ON "reminders" ("due_at")
            WHERE "status" = 'pending'
        `);
    await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "reminder_id" uuid,
                "kind" character varying(50) NOT NULL,
                "case_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_310667f935698fcd8cb319113a" ON "notifications" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_800ca33107acdbafb7f6dc9bba" ON "notifications" ("reminder_id", "user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "user_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" character varying(64) NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_e93e031a5fed190d4789b6bfd83" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_6596adb3b8927b35bda97e734a" ON "user_sessions" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e9658e959c490b0a634dfc5478" ON "user_sessions" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "units"
            ADD CONSTRAINT "FK_369504fad69954d0969cd85afa1" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_b94ecc6be926a5d23aa7791ec8a" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders"
            ADD CONSTRAINT "FK_d62e74f17d86b806af18ac5b9b7" FOREIGN KEY ("recipient_user_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders"
            ADD CONSTRAINT "FK_eb95524b8e87bb4a619db9c0cc0" FOREIGN KEY ("recipient_unit_id") REFERENCES "units"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "FK_aee0b650dc7d27fff5bc0cb906c" FOREIGN KEY ("reminder_id") REFERENCES "reminders"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_sessions"
            ADD CONSTRAINT "FK_e9658e959c490b0a634dfc54783" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "user_sessions" DROP CONSTRAINT "FK_e9658e959c490b0a634dfc54783"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "FK_aee0b650dc7d27fff5bc0cb906c"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders" DROP CONSTRAINT "FK_eb95524b8e87bb4a619db9c0cc0"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders" DROP CONSTRAINT "FK_d62e74f17d86b806af18ac5b9b7"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_b94ecc6be926a5d23aa7791ec8a"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577"
        `);
    await queryRunner.query(`
            ALTER TABLE "units" DROP CONSTRAINT "FK_369504fad69954d0969cd85afa1"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e9658e959c490b0a634dfc5478"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6596adb3b8927b35bda97e734a"
        `);
    await queryRunner.query(`
            DROP TABLE "user_sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_800ca33107acdbafb7f6dc9bba"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_310667f935698fcd8cb319113a"
        `);
    await queryRunner.query(`
            DROP TABLE "notifications"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_reminders_pending_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_90a8454f5ccc669946f0b97239"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d62e74f17d86b806af18ac5b9b"
        `);
    await queryRunner.query(`
            DROP TABLE "reminders"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."reminder_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_fe0bb3f6520ee0469504521e71"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."user_role"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6342161911da8051ce0f8fb5e4"
        `);
    await queryRunner.query(`
            DROP TABLE "units"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_4a3dcb66f1630f551b81bca1b3"
        `);
    await queryRunner.query(`
            DROP TABLE "organisations"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."organisation_type"
        `);
  }
}
