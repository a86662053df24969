import { MigrationInterface, QueryRunner } from 'typeorm';

export class RemindersKindsEmailEscalation1795465588897 implements MigrationInterface {
  name = 'RemindersKindsEmailEscalation1795465588897';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."email_mode" AS ENUM('immediate', 'digest', 'off')
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "email_mode" "public"."email_mode" NOT NULL DEFAULT 'immediate'
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders"
            ADD "subject_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders"
            ADD "escalation_of_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "escalation" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."notification_email_status" AS ENUM('none', 'pending', 'digest', 'sent', 'failed')
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "email_status" "public"."notification_email_status" NOT NULL DEFAULT 'none'
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "email_attempts" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "email_retry_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "emailed_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_24c71dedee052bebc4ac8bf927" ON "reminders" ("escalation_of_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_reminders_failed" ON "reminders" ("updated_at")
            WHERE "status" = 'failed'
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_reminders_pending_subject" ON "reminders" ("subject_id")
            WHERE "status" = 'pending'
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_notifications_email_due" ON "notifications" ("created_at")
            WHERE "email_status" IN ('pending', 'digest')
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders"
            ADD CONSTRAINT "FK_24c71dedee052bebc4ac8bf9276" FOREIGN KEY ("escalation_of_id") REFERENCES "reminders"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "reminders" DROP CONSTRAINT "FK_24c71dedee052bebc4ac8bf9276"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_notifications_email_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_reminders_pending_subject"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_reminders_failed"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_24c71dedee052bebc4ac8bf927"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "emailed_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "email_retry_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "email_attempts"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "email_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."notification_email_status"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "escalation"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders" DROP COLUMN "escalation_of_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders" DROP COLUMN "subject_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "email_mode"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."email_mode"
        `);
  }
}
