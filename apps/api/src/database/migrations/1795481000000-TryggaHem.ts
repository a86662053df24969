import { MigrationInterface, QueryRunner } from 'typeorm';

export class TryggaHem1795481000000 implements MigrationInterface {
  name = 'TryggaHem1795481000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "coordinator_groups" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "name" character varying(200) NOT NULL,
                "municipality_code" character varying(4) NOT NULL,
                "meeting_schedule" character varying(500),
                CONSTRAINT "PK_17a4f57977fab1c842201f1bdcb" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_dc470da2740c5cbe5231440e67" ON "coordinator_groups" ("municipality_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "coordinator_group_members" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "group_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ad83689f5c6c24cd6b5069a3271" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a61767368f3fbd3a65a9c9da65" ON "coordinator_group_members" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_coordinator_group_member" ON "coordinator_group_members" ("group_id", "user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "coordinator_group_meetings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "group_id" uuid NOT NULL,
                "held_on" date NOT NULL,
                "status" character varying(20) NOT NULL,
                "approved_at" TIMESTAMP WITH TIME ZONE,
                "approved_by_id" uuid,
                "approved_by_name" character varying(200),
                CONSTRAINT "PK_3b3a5f622a02c66eb27947dc6e3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_17fb14a48cb13122c816a1e9e8" ON "coordinator_group_meetings" ("group_id", "held_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "coordinator_group_agenda_items" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "meeting_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "reasons" character varying(20) array NOT NULL DEFAULT '{}',
                "decision" text,
                "decided_by_id" uuid,
                "decided_by_name" character varying(200),
                "decided_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_4b0760bc2fa4c5416236b517ae1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_67d4d28e747b57862a77aee8da" ON "coordinator_group_agenda_items" ("case_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_agenda_item_case" ON "coordinator_group_agenda_items" ("meeting_id", "case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "trygga_hem_actions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "case_id" uuid NOT NULL,
                "meeting_id" uuid,
                "agenda_item_id" uuid,
                "description" character varying(1000) NOT NULL,
                "owner_organisation_id" uuid NOT NULL,
                "owner_user_id" uuid NOT NULL,
                "due_on" date NOT NULL,
                "status" character varying(10) NOT NULL,
                "done_at" TIMESTAMP WITH TIME ZONE,
                "done_by_id" uuid,
                CONSTRAINT "chk_trygga_hem_action_owner" CHECK (
                    "owner_organisation_id" IS NOT NULL
                    AND "owner_user_id" IS NOT NULL
                ),
                CONSTRAINT "PK_085c0fcf92b833b8d5450cfc055" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a1966ed930ab4e07cb96d66181" ON "trygga_hem_actions" ("meeting_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f9f5d6ff3ad40f10c74fe4a8f5" ON "trygga_hem_actions" ("case_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "trygga_hem_cases" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "case_id" uuid NOT NULL,
                "group_id" uuid NOT NULL,
                "priority" character varying(1) NOT NULL,
                "priority_basis" text NOT NULL,
                "referred_on" date NOT NULL,
                "last_reviewed_on" date,
                "repeat" boolean NOT NULL DEFAULT false,
                CONSTRAINT "chk_trygga_hem_case_priority" CHECK ("priority" IN ('A', 'B', 'C', 'D')),
                CONSTRAINT "PK_584b3a2f0929b3bbdd4f59f0b11" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_e68b911f9f0f07e2ad0de8d0ac" ON "trygga_hem_cases" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_38c2fac5a358571bafc690bc81" ON "trygga_hem_cases" ("group_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "trygga_hem_priority_changes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "priority" character varying(1) NOT NULL,
                "basis" text NOT NULL,
                "changed_by_id" uuid NOT NULL,
                "changed_by_name" character varying(200) NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_trygga_hem_priority_change" CHECK ("priority" IN ('A', 'B', 'C', 'D')),
                CONSTRAINT "PK_2f89281a89431a51f80316c50c0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b95b17717252c8a3464b12d749" ON "trygga_hem_priority_changes" ("case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "trygga_hem_notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "method" character varying(30) NOT NULL,
                "custom_method" character varying(200),
                "delivered_on" date NOT NULL,
                "delivered_by" character varying(200) NOT NULL,
                "outcome" text,
                "recorded_by_id" uuid NOT NULL,
                "recorded_by_name" character varying(200) NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9a16362b005a1c9d01aac9941e6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3a5adc3cb4907ead7531df8143" ON "trygga_hem_notifications" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a1b2344fc2159d708a5c0bb2aa" ON "trygga_hem_notifications" ("delivered_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "trygga_hem_offers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "case_id" uuid NOT NULL,
                "kind" character varying(30) NOT NULL,
                "description" character varying(300) NOT NULL,
                "offered_on" date NOT NULL,
                "organisation_id" uuid NOT NULL,
                "uptake" character varying(20) NOT NULL,
                "uptake_on" date,
                "note" text,
                CONSTRAINT "PK_ccea5ca82ebe5fbf6dad7cb1cbc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e43c03aa2bbd709788d87c0d5f" ON "trygga_hem_offers" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_645ccd83313870c322368697cd" ON "trygga_hem_offers" ("offered_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "trygga_hem_control_measures" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "kind" character varying(40) NOT NULL,
                "description" character varying(300),
                "starts_on" date NOT NULL,
                "ends_on" date,
                "organisation_id" uuid NOT NULL,
                "recorded_by_id" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_trygga_hem_control_measure_dates" CHECK (
                    "ends_on" IS NULL
                    OR "ends_on" >= "starts_on"
                ),
                CONSTRAINT "PK_17375245fd5a26b3ed84aee5c21" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_439cf49fd3e8b1fe852de1d71b" ON "trygga_hem_control_measures" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_c57f11d920ae792e760e162feb" ON "trygga_hem_control_measures" ("starts_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "trygga_hem_incidents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "occurred_on" date NOT NULL,
                "kind" character varying(30) NOT NULL,
                "reporting_organisation_id" uuid NOT NULL,
                "victim_person_id" uuid,
                "repeat" boolean NOT NULL DEFAULT false,
                "note" text,
                "recorded_by_id" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_884bfa50cb3397f9a8afb5f1dda" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_c50b2e2af1c3fb66f618ab4a1a" ON "trygga_hem_incidents" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_62345c0fa30c3738ce628a36fd" ON "trygga_hem_incidents" ("occurred_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "trygga_hem_risk_assessments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "case_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "instrument" character varying(20) NOT NULL,
                "instrument_name" character varying(100),
                "instrument_version" character varying(30),
                "assessed_on" date NOT NULL,
                "assessor_id" uuid NOT NULL,
                "assessor_name" character varying(200) NOT NULL,
                "level" character varying(10) NOT NULL,
                "review_on" date NOT NULL,
                "reassessment_requested_at" TIMESTAMP WITH TIME ZONE,
                "summary" text,
                CONSTRAINT "chk_trygga_hem_risk_review_after" CHECK ("review_on" >= "assessed_on"),
                CONSTRAINT "PK_2fe2a0a9da62c7c8332dd6f661d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_6bb3536d8b665fc87faaa84da3" ON "trygga_hem_risk_assessments" ("case_id", "organisation_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "trygga_hem_safety_plans" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "case_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "plan" text NOT NULL,
                "whereabouts" character varying(500),
                "support" text,
                "updated_by_id" uuid NOT NULL,
                "updated_by_name" character varying(200) NOT NULL,
                CONSTRAINT "PK_341e1c73d25e12c921df32015c9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_trygga_hem_safety_plan" ON "trygga_hem_safety_plans" ("case_id", "person_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_group_members"
            ADD CONSTRAINT "FK_442f3816a80cfd3eb6be005dba4" FOREIGN KEY ("group_id") REFERENCES "coordinator_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_group_members"
            ADD CONSTRAINT "FK_a61767368f3fbd3a65a9c9da656" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_group_members"
            ADD CONSTRAINT "FK_32439d90214de896d2501531bdd" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_group_meetings"
            ADD CONSTRAINT "FK_42fbc49d8548d778f07f2a615d9" FOREIGN KEY ("group_id") REFERENCES "coordinator_groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_group_agenda_items"
            ADD CONSTRAINT "FK_c3fc659716375ff46088fa11805" FOREIGN KEY ("meeting_id") REFERENCES "coordinator_group_meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_group_agenda_items"
            ADD CONSTRAINT "FK_67d4d28e747b57862a77aee8daf" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_actions"
            ADD CONSTRAINT "FK_28dac4e13dfa291fbef3819a3d5" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_actions"
            ADD CONSTRAINT "FK_a1966ed930ab4e07cb96d66181e" FOREIGN KEY ("meeting_id") REFERENCES "coordinator_group_meetings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_actions"
            ADD CONSTRAINT "FK_1405fcdfa002ff69ed7e1392564" FOREIGN KEY ("agenda_item_id") REFERENCES "coordinator_group_agenda_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_actions"
            ADD CONSTRAINT "FK_90f77c2968122efdbbae7ef0f66" FOREIGN KEY ("owner_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_actions"
            ADD CONSTRAINT "FK_1779831e2f86deda6a0b851d7fa" FOREIGN KEY ("owner_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_cases"
            ADD CONSTRAINT "FK_e68b911f9f0f07e2ad0de8d0ace" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_cases"
            ADD CONSTRAINT "FK_38c2fac5a358571bafc690bc81b" FOREIGN KEY ("group_id") REFERENCES "coordinator_groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_priority_changes"
            ADD CONSTRAINT "FK_b95b17717252c8a3464b12d749f" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications"
            ADD CONSTRAINT "FK_3a5adc3cb4907ead7531df81435" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_offers"
            ADD CONSTRAINT "FK_e43c03aa2bbd709788d87c0d5f5" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_offers"
            ADD CONSTRAINT "FK_77b2780cabb9abd571a0479ef38" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures"
            ADD CONSTRAINT "FK_439cf49fd3e8b1fe852de1d71b6" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures"
            ADD CONSTRAINT "FK_76aab80c4f5db13dc1e378d19e7" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD CONSTRAINT "FK_c50b2e2af1c3fb66f618ab4a1ac" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD CONSTRAINT "FK_2ebe972eaaa2e9b2d417969a24a" FOREIGN KEY ("reporting_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD CONSTRAINT "FK_82a84b81e4e8c69b14de1a4b775" FOREIGN KEY ("victim_person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_risk_assessments"
            ADD CONSTRAINT "FK_d4a21c667b0f681e765a0f49ebe" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_risk_assessments"
            ADD CONSTRAINT "FK_4fe2d7b9d8193c8f61d716f1626" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_safety_plans"
            ADD CONSTRAINT "FK_ccd87a03db1156f4268b4659ef9" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_safety_plans"
            ADD CONSTRAINT "FK_2691576fcd8567d6417cbd174f5" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // D4: the priority history is evidence; it is never edited or deleted.
    await queryRunner.query(`
            CREATE TRIGGER "trg_trygga_hem_priority_changes_append_only" BEFORE UPDATE OR DELETE ON "trygga_hem_priority_changes" FOR EACH ROW EXECUTE FUNCTION samsyn_append_only()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TRIGGER "trg_trygga_hem_priority_changes_append_only" ON "trygga_hem_priority_changes"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_safety_plans" DROP CONSTRAINT "FK_2691576fcd8567d6417cbd174f5"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_safety_plans" DROP CONSTRAINT "FK_ccd87a03db1156f4268b4659ef9"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_risk_assessments" DROP CONSTRAINT "FK_4fe2d7b9d8193c8f61d716f1626"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_risk_assessments" DROP CONSTRAINT "FK_d4a21c667b0f681e765a0f49ebe"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP CONSTRAINT "FK_82a84b81e4e8c69b14de1a4b775"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP CONSTRAINT "FK_2ebe972eaaa2e9b2d417969a24a"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP CONSTRAINT "FK_c50b2e2af1c3fb66f618ab4a1ac"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures" DROP CONSTRAINT "FK_76aab80c4f5db13dc1e378d19e7"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_control_measures" DROP CONSTRAINT "FK_439cf49fd3e8b1fe852de1d71b6"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_offers" DROP CONSTRAINT "FK_77b2780cabb9abd571a0479ef38"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_offers" DROP CONSTRAINT "FK_e43c03aa2bbd709788d87c0d5f5"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_notifications" DROP CONSTRAINT "FK_3a5adc3cb4907ead7531df81435"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_priority_changes" DROP CONSTRAINT "FK_b95b17717252c8a3464b12d749f"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_cases" DROP CONSTRAINT "FK_38c2fac5a358571bafc690bc81b"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_cases" DROP CONSTRAINT "FK_e68b911f9f0f07e2ad0de8d0ace"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_actions" DROP CONSTRAINT "FK_1779831e2f86deda6a0b851d7fa"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_actions" DROP CONSTRAINT "FK_90f77c2968122efdbbae7ef0f66"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_actions" DROP CONSTRAINT "FK_1405fcdfa002ff69ed7e1392564"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_actions" DROP CONSTRAINT "FK_a1966ed930ab4e07cb96d66181e"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_actions" DROP CONSTRAINT "FK_28dac4e13dfa291fbef3819a3d5"
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_group_agenda_items" DROP CONSTRAINT "FK_67d4d28e747b57862a77aee8daf"
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_group_agenda_items" DROP CONSTRAINT "FK_c3fc659716375ff46088fa11805"
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_group_meetings" DROP CONSTRAINT "FK_42fbc49d8548d778f07f2a615d9"
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_group_members" DROP CONSTRAINT "FK_32439d90214de896d2501531bdd"
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_group_members" DROP CONSTRAINT "FK_a61767368f3fbd3a65a9c9da656"
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_group_members" DROP CONSTRAINT "FK_442f3816a80cfd3eb6be005dba4"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_trygga_hem_safety_plan"
        `);
    await queryRunner.query(`
            DROP TABLE "trygga_hem_safety_plans"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6bb3536d8b665fc87faaa84da3"
        `);
    await queryRunner.query(`
            DROP TABLE "trygga_hem_risk_assessments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_62345c0fa30c3738ce628a36fd"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_c50b2e2af1c3fb66f618ab4a1a"
        `);
    await queryRunner.query(`
            DROP TABLE "trygga_hem_incidents"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_c57f11d920ae792e760e162feb"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_439cf49fd3e8b1fe852de1d71b"
        `);
    await queryRunner.query(`
            DROP TABLE "trygga_hem_control_measures"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_645ccd83313870c322368697cd"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e43c03aa2bbd709788d87c0d5f"
        `);
    await queryRunner.query(`
            DROP TABLE "trygga_hem_offers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a1b2344fc2159d708a5c0bb2aa"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3a5adc3cb4907ead7531df8143"
        `);
    await queryRunner.query(`
            DROP TABLE "trygga_hem_notifications"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b95b17717252c8a3464b12d749"
        `);
    await queryRunner.query(`
            DROP TABLE "trygga_hem_priority_changes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_38c2fac5a358571bafc690bc81"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e68b911f9f0f07e2ad0de8d0ac"
        `);
    await queryRunner.query(`
            DROP TABLE "trygga_hem_cases"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f9f5d6ff3ad40f10c74fe4a8f5"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a1966ed930ab4e07cb96d66181"
        `);
    await queryRunner.query(`
            DROP TABLE "trygga_hem_actions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_agenda_item_case"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_67d4d28e747b57862a77aee8da"
        `);
    await queryRunner.query(`
            DROP TABLE "coordinator_group_agenda_items"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_17fb14a48cb13122c816a1e9e8"
        `);
    await queryRunner.query(`
            DROP TABLE "coordinator_group_meetings"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_coordinator_group_member"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a61767368f3fbd3a65a9c9da65"
        `);
    await queryRunner.query(`
            DROP TABLE "coordinator_group_members"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_dc470da2740c5cbe5231440e67"
        `);
    await queryRunner.query(`
            DROP TABLE "coordinator_groups"
        `);
  }
}
