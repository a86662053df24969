import { MigrationInterface, QueryRunner } from 'typeorm';

export class Sip1795480000000 implements MigrationInterface {
  name = 'Sip1795480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."sip_ended_by" AS ENUM('person', 'closed')
        `);
    await queryRunner.query(`
            CREATE TABLE "sip_details" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "case_id" uuid NOT NULL,
                "requested_on" date NOT NULL,
                "discharge_ready_on" date,
                "violence_related" boolean NOT NULL DEFAULT false,
                "ended_by" "public"."sip_ended_by",
                "end_reason" character varying(1000),
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "end_recorded_by_id" uuid,
                CONSTRAINT "PK_8dd1bf661412448b4dc8c411834" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_4abddd57936c3ed31ce599f2f1" ON "sip_details" ("case_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."sip_meeting_kind" AS ENUM('first', 'follow_up')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."sip_meeting_state" AS ENUM('called', 'cancelled')
        `);
    await queryRunner.query(`
            CREATE TABLE "sip_meetings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "case_id" uuid NOT NULL,
                "kind" "public"."sip_meeting_kind" NOT NULL,
                "state" "public"."sip_meeting_state" NOT NULL DEFAULT 'called',
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "place" character varying(300),
                "video_link" character varying(500),
                "person_participates" boolean NOT NULL,
                "relatives_participate" boolean NOT NULL,
                "note" character varying(1000),
                "called_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "called_by_id" uuid NOT NULL,
                "calling_organisation_id" uuid NOT NULL,
                "calling_unit_id" uuid NOT NULL,
                "cancelled_reason" character varying(500),
                CONSTRAINT "PK_70e19709b14c37cb7f3fde27c30" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2cfaa14006db9400608f3fe387" ON "sip_meetings" ("case_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."sip_invitation_kind" AS ENUM('summons', 'invitation')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."sip_invitation_state" AS ENUM(
                'pending',
                'accepted',
                'declined',
                'proposed_time',
                'cancelled'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "sip_invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "meeting_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "kind" "public"."sip_invitation_kind" NOT NULL,
                "state" "public"."sip_invitation_state" NOT NULL DEFAULT 'pending',
                "unit_id" uuid,
                "organisation_id" uuid,
                "external_actor" character varying(200),
                "reason" character varying(500),
                "proposed_starts_at" TIMESTAMP WITH TIME ZONE,
                "answered_at" TIMESTAMP WITH TIME ZONE,
                "answered_by_id" uuid,
                CONSTRAINT "chk_sip_invitation_party" CHECK (
                    ("unit_id" IS NULL) <> ("external_actor" IS NULL)
                ),
                CONSTRAINT "PK_1e3be95d9b05ccdeb0481fd6673" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b2c0cff7488f73f340511cac4b" ON "sip_invitations" ("meeting_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_092089ce2c8701ef2e7f3a469d" ON "sip_invitations" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d1bf0feac0ba87c4dd10559151" ON "sip_invitations" ("unit_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_sip_invitation_unit" ON "sip_invitations" ("meeting_id", "unit_id")
            WHERE "unit_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."sip_plan_state" AS ENUM('draft', 'agreed')
        `);
    await queryRunner.query(`
            CREATE TABLE "sip_plan_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "case_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "state" "public"."sip_plan_state" NOT NULL DEFAULT 'draft',
                "meeting_id" uuid,
                "based_on_id" uuid,
                "needs" jsonb NOT NULL DEFAULT '[]',
                "goals" jsonb NOT NULL DEFAULT '[]',
                "measures" jsonb NOT NULL DEFAULT '[]',
                "lead_principal_organisation_id" uuid,
                "follow_up_date" date,
                "person_agreed_at" TIMESTAMP WITH TIME ZONE,
                "person_agreement_recorded_by_id" uuid,
                "person_agreement_note" character varying(500),
                "agreed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_620f9aab5b3cc0d40021df69282" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_4eb5c38248014ba2c2fe9c945e" ON "sip_plan_versions" ("meeting_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_07db1c7e7f30a050aa55a07ad6" ON "sip_plan_versions" ("case_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "sip_plan_approvals" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_version_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "approved_by_id" uuid NOT NULL,
                "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_afa7241cecafcf02ed7ade1b910" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_cfc310889fa5f5a25205a691b3" ON "sip_plan_approvals" ("plan_version_id", "organisation_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_details"
            ADD CONSTRAINT "FK_4abddd57936c3ed31ce599f2f1f" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_details"
            ADD CONSTRAINT "FK_da803557607c26db25a82ea7439" FOREIGN KEY ("end_recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_meetings"
            ADD CONSTRAINT "FK_833a46c6a0afd4d22e26196eb86" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_meetings"
            ADD CONSTRAINT "FK_c79554030ad5da2c0d28986cce5" FOREIGN KEY ("called_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_meetings"
            ADD CONSTRAINT "FK_0d5997455ac35ec6ba596a4dde2" FOREIGN KEY ("calling_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_meetings"
            ADD CONSTRAINT "FK_273b11cf4edc233b739066f44ce" FOREIGN KEY ("calling_unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_invitations"
            ADD CONSTRAINT "FK_b2c0cff7488f73f340511cac4b7" FOREIGN KEY ("meeting_id") REFERENCES "sip_meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_invitations"
            ADD CONSTRAINT "FK_092089ce2c8701ef2e7f3a469d1" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_invitations"
            ADD CONSTRAINT "FK_d1bf0feac0ba87c4dd10559151b" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_invitations"
            ADD CONSTRAINT "FK_1aa693970334b8397c2058e175f" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_invitations"
            ADD CONSTRAINT "FK_1648f628f61602681f068740b2c" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions"
            ADD CONSTRAINT "FK_80bb42acd61ccd1cc446fdd6c1c" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions"
            ADD CONSTRAINT "FK_4eb5c38248014ba2c2fe9c945e9" FOREIGN KEY ("meeting_id") REFERENCES "sip_meetings"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions"
            ADD CONSTRAINT "FK_4586367f065d1e7184a626c7433" FOREIGN KEY ("based_on_id") REFERENCES "sip_plan_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions"
            ADD CONSTRAINT "FK_ff2eca3e3095f994d6bc192ccb2" FOREIGN KEY ("lead_principal_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions"
            ADD CONSTRAINT "FK_e50a8456ef69dda2cb9131a55bd" FOREIGN KEY ("person_agreement_recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_approvals"
            ADD CONSTRAINT "FK_1f42a8c3cb06c2aecc563a5cd5d" FOREIGN KEY ("plan_version_id") REFERENCES "sip_plan_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_approvals"
            ADD CONSTRAINT "FK_3e1e8239612859cdb68f766a1e5" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_approvals"
            ADD CONSTRAINT "FK_c3ea4de9bbf93e26fe44ec7d992" FOREIGN KEY ("approved_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sip_plan_approvals" DROP CONSTRAINT "FK_c3ea4de9bbf93e26fe44ec7d992"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_approvals" DROP CONSTRAINT "FK_3e1e8239612859cdb68f766a1e5"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_approvals" DROP CONSTRAINT "FK_1f42a8c3cb06c2aecc563a5cd5d"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions" DROP CONSTRAINT "FK_e50a8456ef69dda2cb9131a55bd"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions" DROP CONSTRAINT "FK_ff2eca3e3095f994d6bc192ccb2"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions" DROP CONSTRAINT "FK_4586367f065d1e7184a626c7433"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions" DROP CONSTRAINT "FK_4eb5c38248014ba2c2fe9c945e9"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions" DROP CONSTRAINT "FK_80bb42acd61ccd1cc446fdd6c1c"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_invitations" DROP CONSTRAINT "FK_1648f628f61602681f068740b2c"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_invitations" DROP CONSTRAINT "FK_1aa693970334b8397c2058e175f"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_invitations" DROP CONSTRAINT "FK_d1bf0feac0ba87c4dd10559151b"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_invitations" DROP CONSTRAINT "FK_092089ce2c8701ef2e7f3a469d1"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_invitations" DROP CONSTRAINT "FK_b2c0cff7488f73f340511cac4b7"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_meetings" DROP CONSTRAINT "FK_273b11cf4edc233b739066f44ce"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_meetings" DROP CONSTRAINT "FK_0d5997455ac35ec6ba596a4dde2"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_meetings" DROP CONSTRAINT "FK_c79554030ad5da2c0d28986cce5"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_meetings" DROP CONSTRAINT "FK_833a46c6a0afd4d22e26196eb86"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_details" DROP CONSTRAINT "FK_da803557607c26db25a82ea7439"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_details" DROP CONSTRAINT "FK_4abddd57936c3ed31ce599f2f1f"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_cfc310889fa5f5a25205a691b3"
        `);
    await queryRunner.query(`
            DROP TABLE "sip_plan_approvals"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_07db1c7e7f30a050aa55a07ad6"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_4eb5c38248014ba2c2fe9c945e"
        `);
    await queryRunner.query(`
            DROP TABLE "sip_plan_versions"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."sip_plan_state"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_sip_invitation_unit"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d1bf0feac0ba87c4dd10559151"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_092089ce2c8701ef2e7f3a469d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b2c0cff7488f73f340511cac4b"
        `);
    await queryRunner.query(`
            DROP TABLE "sip_invitations"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."sip_invitation_state"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."sip_invitation_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2cfaa14006db9400608f3fe387"
        `);
    await queryRunner.query(`
            DROP TABLE "sip_meetings"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."sip_meeting_state"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."sip_meeting_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_4abddd57936c3ed31ce599f2f1"
        `);
    await queryRunner.query(`
            DROP TABLE "sip_details"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."sip_ended_by"
        `);
  }
}
