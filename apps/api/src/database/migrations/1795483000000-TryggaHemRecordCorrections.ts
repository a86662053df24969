import { MigrationInterface, QueryRunner } from 'typeorm';

export class TryggaHemRecordCorrections1795483000000 implements MigrationInterface {
  name = 'TryggaHemRecordCorrections1795483000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "trygga_hem_record_revisions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "record_kind" character varying(20) NOT NULL,
                "record_id" uuid NOT NULL,
                "kind" character varying(20) NOT NULL,
                "reason" text NOT NULL,
                "previous" jsonb NOT NULL,
                "changed_by_id" uuid NOT NULL,
                "changed_by_name" character varying(200) NOT NULL,
                "changed_by_organisation_id" uuid NOT NULL,
                "changed_by_organisation_name" character varying(200) NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_trygga_hem_record_revision_kind" CHECK (
                    "record_kind" IN ('notification', 'control_measure', 'incident')
                    AND "kind" IN ('correction', 'removal')
                ),
                CONSTRAINT "PK_8a138bc90a0b7c51c16fab18083" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_7b8f4cfe9d105ba113a02052dd" ON "trygga_hem_record_revisions" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_23fa486873364ba434adef8e3f" ON "trygga_hem_record_revisions" ("record_kind", "record_id")
        `);
    // Existing rows start at version 1; the default goes again so the schema matches the entity.
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications"
            ADD "version" integer NOT NULL DEFAULT 1
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications"
            ALTER COLUMN "version" DROP DEFAULT
        `);
    // Existing rows: the organisation of the user who recorded them.
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications"
            ADD "recorded_by_organisation_id" uuid
        `);
    await queryRunner.query(`
            UPDATE "trygga_hem_notifications" r SET "recorded_by_organisation_id" = u."organisation_id"
            FROM "users" u WHERE u."id" = r."recorded_by_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications"
            ALTER COLUMN "recorded_by_organisation_id" SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications"
            ADD "removed_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications"
            ADD "removed_by_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications"
            ADD "removed_by_name" character varying(200)
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications"
            ADD "removal_reason" text
        `);
    // Existing rows start at version 1; the default goes again so the schema matches the entity.
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures"
            ADD "version" integer NOT NULL DEFAULT 1
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures"
            ALTER COLUMN "version" DROP DEFAULT
        `);
    // Existing rows: the organisation of the user who recorded them.
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures"
            ADD "recorded_by_organisation_id" uuid
        `);
    await queryRunner.query(`
            UPDATE "trygga_hem_control_measures" r SET "recorded_by_organisation_id" = u."organisation_id"
            FROM "users" u WHERE u."id" = r."recorded_by_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures"
            ALTER COLUMN "recorded_by_organisation_id" SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures"
            ADD "removed_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures"
            ADD "removed_by_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures"
            ADD "removed_by_name" character varying(200)
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures"
            ADD "removal_reason" text
        `);
    // Existing rows start at version 1; the default goes again so the schema matches the entity.
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD "version" integer NOT NULL DEFAULT 1
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ALTER COLUMN "version" DROP DEFAULT
        `);
    // Existing rows: the organisation of the user who recorded them.
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD "recorded_by_organisation_id" uuid
        `);
    await queryRunner.query(`
            UPDATE "trygga_hem_incidents" r SET "recorded_by_organisation_id" = u."organisation_id"
            FROM "users" u WHERE u."id" = r."recorded_by_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ALTER COLUMN "recorded_by_organisation_id" SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD "removed_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD "removed_by_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD "removed_by_name" character varying(200)
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD "removal_reason" text
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications"
            ADD CONSTRAINT "chk_trygga_hem_notification_removal" CHECK (
                    ("removed_at" IS NULL) = ("removal_reason" IS NULL)
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures"
            ADD CONSTRAINT "chk_trygga_hem_control_measure_removal" CHECK (
                    ("removed_at" IS NULL) = ("removal_reason" IS NULL)
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD CONSTRAINT "chk_trygga_hem_incident_removal" CHECK (
                    ("removed_at" IS NULL) = ("removal_reason" IS NULL)
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications"
            ADD CONSTRAINT "FK_53896d80f432686ff4c8af5dc37" FOREIGN KEY ("recorded_by_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures"
            ADD CONSTRAINT "FK_81c320ffeb41daef6935e84d705" FOREIGN KEY ("recorded_by_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD CONSTRAINT "FK_f645db3bc385a0013544a6796d6" FOREIGN KEY ("recorded_by_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_record_revisions"
            ADD CONSTRAINT "FK_7b8f4cfe9d105ba113a02052dd3" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // D21: the history of corrections and removals is never changed or deleted.
    await queryRunner.query(`
            CREATE TRIGGER "trg_trygga_hem_record_revisions_append_only" BEFORE UPDATE OR DELETE ON "trygga_hem_record_revisions" FOR EACH ROW EXECUTE FUNCTION samsyn_append_only()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TRIGGER "trg_trygga_hem_record_revisions_append_only" ON "trygga_hem_record_revisions"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_record_revisions" DROP CONSTRAINT "FK_7b8f4cfe9d105ba113a02052dd3"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP CONSTRAINT "FK_f645db3bc385a0013544a6796d6"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures" DROP CONSTRAINT "FK_81c320ffeb41daef6935e84d705"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications" DROP CONSTRAINT "FK_53896d80f432686ff4c8af5dc37"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP CONSTRAINT "chk_trygga_hem_incident_removal"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures" DROP CONSTRAINT "chk_trygga_hem_control_measure_removal"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications" DROP CONSTRAINT "chk_trygga_hem_notification_removal"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP COLUMN "removal_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP COLUMN "removed_by_name"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP COLUMN "removed_by_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP COLUMN "removed_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP COLUMN "recorded_by_organisation_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP COLUMN "version"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures" DROP COLUMN "removal_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures" DROP COLUMN "removed_by_name"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures" DROP COLUMN "removed_by_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures" DROP COLUMN "removed_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures" DROP COLUMN "recorded_by_organisation_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures" DROP COLUMN "version"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications" DROP COLUMN "removal_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications" DROP COLUMN "removed_by_name"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications" DROP COLUMN "removed_by_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications" DROP COLUMN "removed_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications" DROP COLUMN "recorded_by_organisation_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications" DROP COLUMN "version"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_23fa486873364ba434adef8e3f"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_7b8f4cfe9d105ba113a02052dd"
        `);
    await queryRunner.query(`
            DROP TABLE "trygga_hem_record_revisions"
        `);
  }
}
