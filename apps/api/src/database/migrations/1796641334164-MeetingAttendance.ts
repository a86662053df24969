import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  GALLRA_FUNCTION_REPLACE,
  GALLRA_FUNCTION_WITH_ATTENDANCE,
} from './gallring-attendance-sql';

/**
 * Attendance at cooperation meetings (issue 17 §2): which units, and which of their Samsyn users,
 * took part in a SIP meeting or a koordinatorsgrupp meeting. Gallring of a SIP case keeps the
 * units (the agreement's indicator counts them) and removes who the people were.
 */

export class MeetingAttendance1796641334164 implements MigrationInterface {
  name = 'MeetingAttendance1796641334164';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "meeting_attendances" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sip_meeting_id" uuid,
                "coordinator_group_meeting_id" uuid,
                "unit_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "user_ids" uuid array NOT NULL DEFAULT '{}',
                "other_participants" integer NOT NULL DEFAULT '0',
                "recorded_by_id" uuid NOT NULL,
                CONSTRAINT "chk_meeting_attendance_others" CHECK ("other_participants" >= 0),
                CONSTRAINT "chk_meeting_attendance_meeting" CHECK (
                    ("sip_meeting_id" IS NULL) <> ("coordinator_group_meeting_id" IS NULL)
                ),
                CONSTRAINT "PK_810afa3eb7dcc5c384d1b45f89e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_95757ac5c3041cb461dc4423bb" ON "meeting_attendances" ("unit_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_meeting_attendance_group_unit" ON "meeting_attendances" ("coordinator_group_meeting_id", "unit_id")
            WHERE "coordinator_group_meeting_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_meeting_attendance_sip_unit" ON "meeting_attendances" ("sip_meeting_id", "unit_id")
            WHERE "sip_meeting_id" IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_attendances"
            ADD CONSTRAINT "FK_ffce7177385187e5bc636b55090" FOREIGN KEY ("sip_meeting_id") REFERENCES "sip_meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_attendances"
            ADD CONSTRAINT "FK_83c3e71836b51d11f8dab7daad4" FOREIGN KEY ("coordinator_group_meeting_id") REFERENCES "coordinator_group_meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_attendances"
            ADD CONSTRAINT "FK_95757ac5c3041cb461dc4423bb4" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_attendances"
            ADD CONSTRAINT "FK_3429486993e25ed5b7693289270" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_attendances"
            ADD CONSTRAINT "FK_a30567af0979f8b579030d6323b" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(GALLRA_FUNCTION_WITH_ATTENDANCE);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(GALLRA_FUNCTION_REPLACE);
    await queryRunner.query(`
            ALTER TABLE "meeting_attendances" DROP CONSTRAINT "FK_a30567af0979f8b579030d6323b"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_attendances" DROP CONSTRAINT "FK_3429486993e25ed5b7693289270"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_attendances" DROP CONSTRAINT "FK_95757ac5c3041cb461dc4423bb4"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_attendances" DROP CONSTRAINT "FK_83c3e71836b51d11f8dab7daad4"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_attendances" DROP CONSTRAINT "FK_ffce7177385187e5bc636b55090"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_meeting_attendance_sip_unit"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_meeting_attendance_group_unit"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_95757ac5c3041cb461dc4423bb"
        `);
    await queryRunner.query(`
            DROP TABLE "meeting_attendances"
        `);
  }
}
