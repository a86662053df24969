import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `samsyn_audit_append(lock_key, expected_head, events)`: appends a batch of already hashed audit
 * events in ONE statement, so a read's audit costs one round trip instead of five (begin, lock,
 * head, insert, commit). The caller hashes the events onto the head it expects; the function
 * takes the chain lock, reads the head with a fresh snapshot (PL/pgSQL takes one per statement
 * under READ COMMITTED, so it sees the previous holder's commit) and inserts only when the head
 * is the expected one. Otherwise it inserts nothing and returns the actual head, and the caller
 * hashes again onto that. Ids follow the events' order, so the chain follows the ids.
 */
export class AuditAppendFunction1795486000000 implements MigrationInterface {
  name = 'AuditAppendFunction1795486000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION samsyn_audit_append(lock_key bigint, expected_head text, events jsonb)
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
          emergency, request_id, prev_hash, hash)
        SELECT e.occurred_at, e.user_id, e.organisation_id, e.unit_id, e.roles, e.action,
          e.outcome, e.case_ids, e.person_ids, e.categories, e.consent_ids, e.disclosure_ids,
          e.basis, e.relation, e.emergency, e.request_id, e.prev_hash, e.hash
        FROM jsonb_populate_recordset(NULL::audit_events, events) WITH ORDINALITY AS e
        ORDER BY e.ordinality;
        RETURN QUERY SELECT true, (events -> -1 ->> 'hash');
      END
      $fn$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION samsyn_audit_append(bigint, text, jsonb)`);
  }
}
