import { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONLY_TABLES = [
  'audit_events',
  'journal_entries',
  'consents',
  'consent_withdrawals',
  'disclosures',
];

export class CasesConsentAudit1795464075122 implements MigrationInterface {
  name = 'CasesConsentAudit1795464075122';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" BIGSERIAL NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "user_id" uuid,
                "organisation_id" uuid,
                "unit_id" uuid,
                "roles" character varying array NOT NULL DEFAULT '{}',
                "action" character varying(40) NOT NULL,
                "outcome" character varying(10) NOT NULL,
                "case_ids" uuid array NOT NULL DEFAULT '{}',
                "person_ids" uuid array NOT NULL DEFAULT '{}',
                "categories" character varying array NOT NULL DEFAULT '{}',
                "consent_ids" uuid array NOT NULL DEFAULT '{}',
                "disclosure_ids" uuid array NOT NULL DEFAULT '{}',
                "basis" character varying(20),
                "relation" character varying(20),
                "emergency" boolean NOT NULL DEFAULT false,
                "request_id" character varying(100),
                "prev_hash" character(64) NOT NULL,
                "hash" character(64) NOT NULL,
                CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d9101b537cf120c69c846bf5ef" ON "audit_events" ("user_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_8d0f2d16fa21bf66b681337265" ON "audit_events" ("organisation_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."personal_number_kind" AS ENUM('personnummer', 'samordningsnummer', 'reserve')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."protected_identity_level" AS ENUM(
                'none',
                'sekretessmarkering',
                'skyddad_folkbokforing',
                'fingerade_personuppgifter'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "persons" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "personal_number_kind" "public"."personal_number_kind" NOT NULL,
                "personal_number" character varying(20) NOT NULL,
                "first_name" character varying(100) NOT NULL,
                "last_name" character varying(100) NOT NULL,
                "birth_date" date NOT NULL,
                "language" character varying(2),
                "interpreter_needed" boolean NOT NULL DEFAULT false,
                "address" character varying(200),
                "postal_code" character varying(6),
                "city" character varying(100),
                "phone" character varying(20),
                "email" character varying(254),
                "protected_level" "public"."protected_identity_level" NOT NULL DEFAULT 'none',
                CONSTRAINT "PK_74278d8812a049233ce41440ac7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_0619d6c336c3ed8be76df69155" ON "persons" ("personal_number")
        `);
    await queryRunner.query(`
            CREATE TABLE "cases" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "number" character varying(30) NOT NULL,
                "programme" character varying(30) NOT NULL,
                "status" character varying(40) NOT NULL,
                "closed" boolean NOT NULL DEFAULT false,
                "municipality_code" character varying(4) NOT NULL,
                "owning_organisation_id" uuid NOT NULL,
                "owning_unit_id" uuid NOT NULL,
                "handler_id" uuid,
                "subject_person_id" uuid NOT NULL,
                "description" text,
                "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "follow_up_at" date,
                CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_ae60d858083bc354a00442863b" ON "cases" ("number")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f959ff9939905773933c065de7" ON "cases" ("handler_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_661c0f50a903ee5a602553da13" ON "cases" ("subject_person_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_23155117824c0bba0b4988fbd7" ON "cases" ("programme", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_8fbc2b3ee09e8353ab88592d9b" ON "cases" ("owning_organisation_id", "owning_unit_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_links" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "linked_case_id" uuid NOT NULL,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7990ae0bb82ab6395f6fdbb4ca9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_70943220d3a1f76ed6dd2dd155" ON "case_links" ("case_id", "linked_case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_number_counters" (
                "prefix" character varying(10) NOT NULL,
                "year" integer NOT NULL,
                "last_value" integer NOT NULL,
                CONSTRAINT "PK_79e4ffd8847cc783d65b7c891e3" PRIMARY KEY ("prefix", "year")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."participant_role" AS ENUM(
                'offender',
                'victim',
                'child',
                'individual',
                'relative',
                'guardian'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "case_participants" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "role" "public"."participant_role" NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f60cc53830af7c3e937ee13ef51" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_9ba4b36e208737cb34f581508f" ON "case_participants" ("person_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_1072a9fce5180b947f3ace14a9" ON "case_participants" ("case_id", "person_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_team_members" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "user_id" uuid,
                "unit_id" uuid,
                "organisation_id" uuid NOT NULL,
                "case_role" character varying(50) NOT NULL,
                "protected_identity_access" boolean NOT NULL DEFAULT false,
                "added_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_case_team_member_user_xor_unit" CHECK (("user_id" IS NULL) <> ("unit_id" IS NULL)),
                CONSTRAINT "PK_605773278e9173c03a997509a10" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_32adbe63ad7787ecaa22ab3bdb" ON "case_team_members" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_6866340c3fab98470c93846fdc" ON "case_team_members" ("unit_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_case_team_member_unit" ON "case_team_members" ("case_id", "unit_id")
            WHERE "unit_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_case_team_member_user" ON "case_team_members" ("case_id", "user_id")
            WHERE "user_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."consent_form" AS ENUM('written', 'oral')
        `);
    await queryRunner.query(`
            CREATE TABLE "consents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "recipient_organisation_ids" uuid array NOT NULL,
                "categories" character varying(20) array NOT NULL,
                "excluded_categories" character varying(20) array NOT NULL DEFAULT '{}',
                "exclusion_note" text,
                "form" "public"."consent_form" NOT NULL,
                "given_on" date NOT NULL,
                "valid_until" date NOT NULL,
                "guardian_name" character varying(200),
                "guardian_given_on" date,
                "recorded_by_id" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "supersedes_id" uuid,
                CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_3e3f95bca8adb1080aadd704da" ON "consents" ("supersedes_id")
            WHERE "supersedes_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_c5d91491480a3fac086769f621" ON "consents" ("case_id", "person_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "consent_withdrawals" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "consent_id" uuid NOT NULL,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "recorded_by_id" uuid NOT NULL,
                "reason" character varying(500),
                CONSTRAINT "PK_3a67a25f9c4bca801d7bbcee99f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_fc5eb0c0af947a5704c84e1432" ON "consent_withdrawals" ("consent_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."legal_provision" AS ENUM(
                'osl_10_18c',
                'osl_10_2',
                'osl_10_21',
                'duty_to_report',
                'other'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "disclosures" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "recipient_organisation_id" uuid NOT NULL,
                "categories" character varying(20) array NOT NULL,
                "provision" "public"."legal_provision" NOT NULL,
                "provision_text" character varying(200),
                "justification" text NOT NULL,
                "disclosed_by_id" uuid NOT NULL,
                "disclosed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "valid_until" date NOT NULL,
                CONSTRAINT "PK_891a486784239e16ba51491fd1c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b6fb384d09e214f152da23b377" ON "disclosures" ("case_id", "recipient_organisation_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "emergency_accesses" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                "reviewed_by_id" uuid,
                "review_note" text,
                CONSTRAINT "PK_17ea7a3743c025097850c8ab31e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b682177b3539a1e6b0ef271ca6" ON "emergency_accesses" ("organisation_id", "granted_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d59b7b7342c0226f6c7dbb5de8" ON "emergency_accesses" ("user_id", "case_id", "expires_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "journal_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "category" character varying(20) NOT NULL,
                "text" text NOT NULL,
                "occurred_on" date NOT NULL,
                "author_id" uuid NOT NULL,
                "author_name" character varying(200) NOT NULL,
                "author_organisation_id" uuid NOT NULL,
                "author_organisation_name" character varying(200) NOT NULL,
                "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "corrects_id" uuid,
                CONSTRAINT "PK_a70368e64230434457c8d007ab3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_28d861d111c5b206bca4bbb364" ON "journal_entries" ("corrects_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e8c2daa6e86be6e015fd508d4a" ON "journal_entries" ("case_id", "signed_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_bd1389c8145df5b1390babfe282" FOREIGN KEY ("owning_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_8e5da40ddd0287de9a467edc2c7" FOREIGN KEY ("owning_unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_f959ff9939905773933c065de75" FOREIGN KEY ("handler_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_661c0f50a903ee5a602553da13d" FOREIGN KEY ("subject_person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_links"
            ADD CONSTRAINT "FK_7d06e536ebfb6a7b2f9716c4077" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_links"
            ADD CONSTRAINT "FK_1829eb10fa7059c6d0bdc976888" FOREIGN KEY ("linked_case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_participants"
            ADD CONSTRAINT "FK_8d5282220bfe50de99b355798d5" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_participants"
            ADD CONSTRAINT "FK_9ba4b36e208737cb34f581508f4" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_team_members"
            ADD CONSTRAINT "FK_c304f53f441823c9c85b1662c3e" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_team_members"
            ADD CONSTRAINT "FK_32adbe63ad7787ecaa22ab3bdbf" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_team_members"
            ADD CONSTRAINT "FK_6866340c3fab98470c93846fdc4" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_team_members"
            ADD CONSTRAINT "FK_9c13f1f9120930e4a6c0cf9040c" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "consents"
            ADD CONSTRAINT "FK_6d4ed023d54f129e89570d0a1c5" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "consents"
            ADD CONSTRAINT "FK_386e2258153075525e939e51bc8" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "consents"
            ADD CONSTRAINT "FK_9703a36f4e0e454d6c3dd8e47c6" FOREIGN KEY ("supersedes_id") REFERENCES "consents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "consent_withdrawals"
            ADD CONSTRAINT "FK_fc5eb0c0af947a5704c84e14326" FOREIGN KEY ("consent_id") REFERENCES "consents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "disclosures"
            ADD CONSTRAINT "FK_4557c773fcee590a73e04d129e4" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "emergency_accesses"
            ADD CONSTRAINT "FK_5978559c0c86fabaecff59b88a9" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "emergency_accesses"
            ADD CONSTRAINT "FK_8af7cdfd96d9b8672c82c0f4594" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "journal_entries"
            ADD CONSTRAINT "FK_40dfdccf577af3d55b728ea6506" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "journal_entries"
            ADD CONSTRAINT "FK_28d861d111c5b206bca4bbb3646" FOREIGN KEY ("corrects_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Not expressible in entities: GIN indexes for "who read this person/case" (loggutdrag, D19)
    // and triggers that make the record tables append-only (D14, D16, D19, D21).
    await queryRunner.query(
      `CREATE INDEX "idx_audit_events_person_ids" ON "audit_events" USING GIN ("person_ids")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_events_case_ids" ON "audit_events" USING GIN ("case_ids")`,
    );
    await queryRunner.query(`
            CREATE FUNCTION samsyn_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'restrict_violation';
            END $$`);
    for (const table of APPEND_ONLY_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "trg_${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION samsyn_append_only()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of APPEND_ONLY_TABLES) {
      await queryRunner.query(`DROP TRIGGER "trg_${table}_append_only" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION samsyn_append_only()`);
    await queryRunner.query(`DROP INDEX "idx_audit_events_case_ids"`);
    await queryRunner.query(`DROP INDEX "idx_audit_events_person_ids"`);
    await queryRunner.query(`
            ALTER TABLE "journal_entries" DROP CONSTRAINT "FK_28d861d111c5b206bca4bbb3646"
        `);
    await queryRunner.query(`
            ALTER TABLE "journal_entries" DROP CONSTRAINT "FK_40dfdccf577af3d55b728ea6506"
        `);
    await queryRunner.query(`
            ALTER TABLE "emergency_accesses" DROP CONSTRAINT "FK_8af7cdfd96d9b8672c82c0f4594"
        `);
    await queryRunner.query(`
            ALTER TABLE "emergency_accesses" DROP CONSTRAINT "FK_5978559c0c86fabaecff59b88a9"
        `);
    await queryRunner.query(`
            ALTER TABLE "disclosures" DROP CONSTRAINT "FK_4557c773fcee590a73e04d129e4"
        `);
    await queryRunner.query(`
            ALTER TABLE "consent_withdrawals" DROP CONSTRAINT "FK_fc5eb0c0af947a5704c84e14326"
        `);
    await queryRunner.query(`
            ALTER TABLE "consents" DROP CONSTRAINT "FK_9703a36f4e0e454d6c3dd8e47c6"
        `);
    await queryRunner.query(`
            ALTER TABLE "consents" DROP CONSTRAINT "FK_386e2258153075525e939e51bc8"
        `);
    await queryRunner.query(`
            ALTER TABLE "consents" DROP CONSTRAINT "FK_6d4ed023d54f129e89570d0a1c5"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_team_members" DROP CONSTRAINT "FK_9c13f1f9120930e4a6c0cf9040c"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_team_members" DROP CONSTRAINT "FK_6866340c3fab98470c93846fdc4"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_team_members" DROP CONSTRAINT "FK_32adbe63ad7787ecaa22ab3bdbf"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_team_members" DROP CONSTRAINT "FK_c304f53f441823c9c85b1662c3e"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_participants" DROP CONSTRAINT "FK_9ba4b36e208737cb34f581508f4"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_participants" DROP CONSTRAINT "FK_8d5282220bfe50de99b355798d5"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_links" DROP CONSTRAINT "FK_1829eb10fa7059c6d0bdc976888"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_links" DROP CONSTRAINT "FK_7d06e536ebfb6a7b2f9716c4077"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_661c0f50a903ee5a602553da13d"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_f959ff9939905773933c065de75"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_8e5da40ddd0287de9a467edc2c7"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_bd1389c8145df5b1390babfe282"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e8c2daa6e86be6e015fd508d4a"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_28d861d111c5b206bca4bbb364"
        `);
    await queryRunner.query(`
            DROP TABLE "journal_entries"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d59b7b7342c0226f6c7dbb5de8"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b682177b3539a1e6b0ef271ca6"
        `);
    await queryRunner.query(`
            DROP TABLE "emergency_accesses"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b6fb384d09e214f152da23b377"
        `);
    await queryRunner.query(`
            DROP TABLE "disclosures"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."legal_provision"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_fc5eb0c0af947a5704c84e1432"
        `);
    await queryRunner.query(`
            DROP TABLE "consent_withdrawals"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_c5d91491480a3fac086769f621"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3e3f95bca8adb1080aadd704da"
        `);
    await queryRunner.query(`
            DROP TABLE "consents"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."consent_form"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_case_team_member_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_case_team_member_unit"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6866340c3fab98470c93846fdc"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_32adbe63ad7787ecaa22ab3bdb"
        `);
    await queryRunner.query(`
            DROP TABLE "case_team_members"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_1072a9fce5180b947f3ace14a9"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_9ba4b36e208737cb34f581508f"
        `);
    await queryRunner.query(`
            DROP TABLE "case_participants"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."participant_role"
        `);
    await queryRunner.query(`
            DROP TABLE "case_number_counters"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_70943220d3a1f76ed6dd2dd155"
        `);
    await queryRunner.query(`
            DROP TABLE "case_links"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_8fbc2b3ee09e8353ab88592d9b"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_23155117824c0bba0b4988fbd7"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_661c0f50a903ee5a602553da13"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f959ff9939905773933c065de7"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ae60d858083bc354a00442863b"
        `);
    await queryRunner.query(`
            DROP TABLE "cases"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0619d6c336c3ed8be76df69155"
        `);
    await queryRunner.query(`
            DROP TABLE "persons"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."protected_identity_level"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."personal_number_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_8d0f2d16fa21bf66b681337265"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d9101b537cf120c69c846bf5ef"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
  }
}
