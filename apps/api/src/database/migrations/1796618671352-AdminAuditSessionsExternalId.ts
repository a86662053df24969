import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `samsyn_audit_append` with or without the target columns: the same function, one column list. */
function appendFunction(withTarget: boolean): string {
  const target = withTarget ? ', target_kind, target_id' : '';
  const eTarget = withTarget ? ', e.target_kind, e.target_id' : '';
  return `
      CREATE OR REPLACE FUNCTION samsyn_audit_append(lock_key bigint, expected_head text, events jsonb)
      RETURNS TABLE (appended boolean, head text) LANGUAGE plpgsql AS $fn$
      DECLARE
        current_head text;
      BEGIN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'audit events must be recorded in a READ COMMITTED transaction, not %',
            current_setting('transaction_isolation');
        END IF;
        PERFORM pg_advisory_xact_lock(lock_key);
        SELECT a.hash INTO current_head FROM audit_events a ORDER BY a.id DESC LIMIT 1;
        IF current_head IS DISTINCT FROM expected_head THEN
          RETURN QUERY SELECT false, current_head;
          RETURN;
        END IF;
        INSERT INTO audit_events (occurred_at, user_id, organisation_id, unit_id, roles, action,
          outcome, case_ids, person_ids, categories, consent_ids, disclosure_ids, basis, relation,
          emergency, request_id${target}, prev_hash, hash)
        SELECT e.occurred_at, e.user_id, e.organisation_id, e.unit_id, e.roles, e.action,
          e.outcome, e.case_ids, e.person_ids, e.categories, e.consent_ids, e.disclosure_ids,
          e.basis, e.relation, e.emergency, e.request_id${eTarget}, e.prev_hash, e.hash
        FROM jsonb_populate_recordset(NULL::audit_events, events) WITH ORDINALITY AS e
        ORDER BY e.ordinality;
        RETURN QUERY SELECT true, (events -> -1 ->> 'hash');
      END
      $fn$`;
}

/**
 * Issue 16, what the administration, second factor and OIDC sign-in share:
 * - audit events name what an administrative event changed (`target_kind`, `target_id`; hashed
 *   only when present, so older events verify as before), and `samsyn_audit_append` writes them;
 * - a session records how the user signed in and whether that was strong (D17);
 * - a user's identity at the organisation's provider (`external_id`, unique per organisation).
 */

export class AdminAuditSessionsExternalId1796618671352 implements MigrationInterface {
  name = 'AdminAuditSessionsExternalId1796618671352';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "audit_events"
            ADD "target_kind" character varying(20)
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_events"
            ADD "target_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "external_id" character varying(200)
        `);
    await queryRunner.query(`
            ALTER TABLE "user_sessions"
            ADD "method" character varying(20) NOT NULL DEFAULT 'password'
        `);
    await queryRunner.query(`
            ALTER TABLE "user_sessions"
            ADD "strong" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_adacebd67c9f28b42acce461a1" ON "audit_events" ("target_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_8e72af7b6c2fbcbaaeab0cbd3d" ON "users" ("organisation_id", "external_id")
        `);
    await queryRunner.query(appendFunction(true));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(appendFunction(false));
    await queryRunner.query(`
            DROP INDEX "public"."IDX_8e72af7b6c2fbcbaaeab0cbd3d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_adacebd67c9f28b42acce461a1"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_sessions" DROP COLUMN "strong"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_sessions" DROP COLUMN "method"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "external_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_events" DROP COLUMN "target_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_events" DROP COLUMN "target_kind"
        `);
  }
}
