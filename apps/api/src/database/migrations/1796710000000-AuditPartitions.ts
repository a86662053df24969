import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  AUDIT_AFTER_INSERT_FUNCTION,
  AUDIT_APPEND_FUNCTION,
  AUDIT_APPEND_ONLY_FUNCTION,
  AUDIT_COLUMNS,
  AUDIT_DROP_PARTITION_FUNCTION,
  AUDIT_ENSURE_PARTITION_FUNCTION,
  AUDIT_ENSURE_PARTITIONS_FUNCTION,
  AUDIT_MONTH_FUNCTION,
} from './audit-partitions-sql';

/** The previous append function, restored by `down` (migration 1796618671352). */
const APPEND_FUNCTION_UNPARTITIONED = `
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
  INSERT INTO audit_events (${AUDIT_COLUMNS})
  SELECT e.occurred_at, e.user_id, e.organisation_id, e.unit_id, e.roles, e.action,
    e.outcome, e.case_ids, e.person_ids, e.categories, e.consent_ids, e.disclosure_ids,
    e.basis, e.relation, e.emergency, e.request_id, e.target_kind, e.target_id, e.prev_hash, e.hash
  FROM jsonb_populate_recordset(NULL::audit_events, events) WITH ORDINALITY AS e
  ORDER BY e.ordinality;
  RETURN QUERY SELECT true, (events -> -1 ->> 'hash');
END
$fn$`;

/**
 * The indexes of the log (entity and migration 1795464075122), on the partitioned table; the GIN
 * indexes without a pending list, as migration 1796705000000 made them (each partition's index
 * takes the parent's options).
 */
const INDEXES = `
  CREATE INDEX "IDX_d9101b537cf120c69c846bf5ef" ON "audit_events" ("user_id", "occurred_at");
  CREATE INDEX "IDX_8d0f2d16fa21bf66b681337265" ON "audit_events" ("organisation_id", "occurred_at");
  CREATE INDEX "IDX_adacebd67c9f28b42acce461a1" ON "audit_events" ("target_id");
  CREATE INDEX "idx_audit_events_person_ids" ON "audit_events" USING GIN ("person_ids")
    WITH (fastupdate = off);
  CREATE INDEX "idx_audit_events_case_ids" ON "audit_events" USING GIN ("case_ids")
    WITH (fastupdate = off)`;

/**
 * The audit log at scale (issue 18 §2): `audit_events` partitioned by calendar month (UTC) of
 * `occurred_at`, with a DEFAULT partition so that an insert never fails; the primary key becomes
 * (id, occurred_at), as a partitioned table's keys must hold the partition column. The existing
 * rows are copied with their ids and hashes, so the chain is the same chain.
 *
 * Beside it:
 * - `audit_chain_head`: the newest event's id and hash, kept by an insert trigger, so that the
 *   append function finds the head in one probe instead of one per partition;
 * - `audit_event_persons` (person, organisation, user, time, event), partitioned the same way
 *   and filled by that trigger: the loggutdrag of a person in 100 000 events reads one index;
 * - `audit_checkpoints`: the last id and hash of each month dropped past retention
 *   (`samsyn_audit_drop_partition`), where verification starts (append-only);
 * - `samsyn_audit_ensure_partition(s)`: the partitions of a month, made ahead by the API at
 *   start-up and by the append function when a month has none yet.
 */
export class AuditPartitions1796710000000 implements MigrationInterface {
  name = 'AuditPartitions1796710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(AUDIT_APPEND_ONLY_FUNCTION);
    await queryRunner.query(AUDIT_MONTH_FUNCTION);

    // The old table steps aside without its indexes (their names are the new table's) and keeps
    // its sequence for the new one.
    await queryRunner.query(`
      ALTER TABLE "audit_events" RENAME TO "audit_events_unpartitioned";
      ALTER SEQUENCE "audit_events_id_seq" OWNED BY NONE;
      ALTER TABLE "audit_events_unpartitioned" ALTER COLUMN "id" DROP DEFAULT;
      ALTER TABLE "audit_events_unpartitioned" DROP CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407";
      DROP INDEX "IDX_d9101b537cf120c69c846bf5ef", "IDX_8d0f2d16fa21bf66b681337265",
        "IDX_adacebd67c9f28b42acce461a1", "idx_audit_events_person_ids", "idx_audit_events_case_ids"`);

    await queryRunner.query(`
      CREATE TABLE "audit_events" (
        "id" bigint NOT NULL DEFAULT nextval('audit_events_id_seq'),
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
        "target_kind" character varying(20),
        "target_id" uuid,
        "prev_hash" character(64) NOT NULL,
        "hash" character(64) NOT NULL,
        CONSTRAINT "PK_d843ba242d2dd6e6e5855e7a63d" PRIMARY KEY ("id", "occurred_at")
      ) PARTITION BY RANGE ("occurred_at");
      ALTER SEQUENCE "audit_events_id_seq" OWNED BY "audit_events"."id";
      CREATE TABLE "audit_events_default" PARTITION OF "audit_events" DEFAULT;
      CREATE TABLE "audit_event_persons" (
        "person_id" uuid NOT NULL,
        "organisation_id" uuid,
        "user_id" uuid,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "event_id" bigint NOT NULL
      ) PARTITION BY RANGE ("occurred_at");
      CREATE TABLE "audit_event_persons_default" PARTITION OF "audit_event_persons" DEFAULT;
      CREATE TABLE "audit_chain_head" (
        "only" boolean PRIMARY KEY DEFAULT true CHECK ("only"),
        "last_id" bigint,
        "last_occurred_at" TIMESTAMP WITH TIME ZONE,
        "hash" character(64)
      );
      CREATE TABLE "audit_checkpoints" (
        "id" BIGSERIAL PRIMARY KEY,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "partition_name" character varying(63) NOT NULL,
        "range_from" TIMESTAMP WITH TIME ZONE NOT NULL,
        "range_to" TIMESTAMP WITH TIME ZONE NOT NULL,
        "events" bigint NOT NULL,
        "first_id" bigint NOT NULL,
        "last_id" bigint NOT NULL,
        "last_hash" character(64) NOT NULL
      )`);
    await queryRunner.query(AUDIT_ENSURE_PARTITION_FUNCTION);
    await queryRunner.query(AUDIT_ENSURE_PARTITIONS_FUNCTION);

    // Every month the log has events in, then this one and the next two.
    await queryRunner.query(`
      SELECT samsyn_audit_ensure_partition(m)
      FROM (SELECT DISTINCT (samsyn_audit_month(occurred_at)).month_start AS m
            FROM audit_events_unpartitioned) months ORDER BY m`);
    await queryRunner.query('SELECT samsyn_audit_ensure_partitions(2)');

    // The rows as they are: ids and hashes unchanged. Indexes after the copy, cheaper in bulk.
    await queryRunner.query(`
      INSERT INTO audit_events (id, ${AUDIT_COLUMNS})
      SELECT id, ${AUDIT_COLUMNS} FROM audit_events_unpartitioned ORDER BY id`);
    await queryRunner.query(`
      INSERT INTO audit_event_persons (person_id, organisation_id, user_id, occurred_at, event_id)
      SELECT p.person_id, e.organisation_id, e.user_id, e.occurred_at, e.id
      FROM audit_events e CROSS JOIN LATERAL (SELECT DISTINCT unnest(e.person_ids)) AS p(person_id)
      WHERE e.action NOT LIKE 'audit.%'`);
    await queryRunner.query(`
      INSERT INTO audit_chain_head (last_id, last_occurred_at, hash)
      SELECT e.id, e.occurred_at, e.hash FROM (SELECT 1) one
      LEFT JOIN LATERAL (SELECT id, occurred_at, hash FROM audit_events ORDER BY id DESC LIMIT 1) e
        ON true`);
    await queryRunner.query(INDEXES);
    await queryRunner.query(`
      CREATE INDEX "idx_audit_event_persons_person" ON "audit_event_persons"
        ("person_id", "organisation_id", "occurred_at", "event_id") INCLUDE ("user_id")`);

    await queryRunner.query(AUDIT_AFTER_INSERT_FUNCTION);
    await queryRunner.query(`
      CREATE TRIGGER "trg_audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
        FOR EACH ROW EXECUTE FUNCTION samsyn_audit_append_only();
      CREATE TRIGGER "trg_audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
        FOR EACH STATEMENT EXECUTE FUNCTION samsyn_audit_append_only();
      CREATE TRIGGER "trg_audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events_default"
        FOR EACH STATEMENT EXECUTE FUNCTION samsyn_audit_append_only();
      CREATE TRIGGER "trg_audit_events_after_insert" AFTER INSERT ON "audit_events"
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION samsyn_audit_after_insert();
      CREATE TRIGGER "trg_audit_event_persons_append_only" BEFORE UPDATE OR DELETE ON "audit_event_persons"
        FOR EACH ROW EXECUTE FUNCTION samsyn_audit_append_only();
      CREATE TRIGGER "trg_audit_event_persons_no_truncate" BEFORE TRUNCATE ON "audit_event_persons"
        FOR EACH STATEMENT EXECUTE FUNCTION samsyn_audit_append_only();
      CREATE TRIGGER "trg_audit_event_persons_no_truncate" BEFORE TRUNCATE ON "audit_event_persons_default"
        FOR EACH STATEMENT EXECUTE FUNCTION samsyn_audit_append_only();
      CREATE TRIGGER "trg_audit_checkpoints_append_only" BEFORE UPDATE OR DELETE ON "audit_checkpoints"
        FOR EACH ROW EXECUTE FUNCTION samsyn_audit_append_only();
      CREATE TRIGGER "trg_audit_checkpoints_no_truncate" BEFORE TRUNCATE ON "audit_checkpoints"
        FOR EACH STATEMENT EXECUTE FUNCTION samsyn_audit_append_only()`);
    // The monthly partitions made above got their TRUNCATE triggers from the ensure function.

    await queryRunner.query(AUDIT_APPEND_FUNCTION);
    await queryRunner.query(AUDIT_DROP_PARTITION_FUNCTION);

    // Dropping the old table drops its append-only trigger with it; the rows live on above.
    await queryRunner.query(`DROP TABLE "audit_events_unpartitioned"`);
    await queryRunner.query('ANALYZE audit_events, audit_event_persons');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP FUNCTION samsyn_audit_drop_partition(bigint, timestamptz, interval);
      ALTER TABLE "audit_events" RENAME TO "audit_events_partitioned";
      ALTER SEQUENCE "audit_events_id_seq" OWNED BY NONE;
      ALTER TABLE "audit_events_partitioned" ALTER COLUMN "id" DROP DEFAULT;
      ALTER TABLE "audit_events_partitioned" DROP CONSTRAINT "PK_d843ba242d2dd6e6e5855e7a63d";
      DROP INDEX "IDX_d9101b537cf120c69c846bf5ef", "IDX_8d0f2d16fa21bf66b681337265",
        "IDX_adacebd67c9f28b42acce461a1", "idx_audit_events_person_ids", "idx_audit_events_case_ids";
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
        "target_kind" character varying(20),
        "target_id" uuid,
        CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
      );`);
    // BIGSERIAL made a sequence of its own: use the original one, whose value is the log's.
    await queryRunner.query(`
      ALTER TABLE "audit_events" ALTER COLUMN "id" SET DEFAULT nextval('audit_events_id_seq');
      DROP SEQUENCE "audit_events_id_seq1";
      ALTER SEQUENCE "audit_events_id_seq" OWNED BY "audit_events"."id";
      INSERT INTO audit_events (id, ${AUDIT_COLUMNS})
      SELECT id, ${AUDIT_COLUMNS} FROM audit_events_partitioned ORDER BY id`);
    await queryRunner.query(INDEXES);
    await queryRunner.query(`
      CREATE TRIGGER "trg_audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
        FOR EACH ROW EXECUTE FUNCTION samsyn_append_only()`);
    await queryRunner.query(APPEND_FUNCTION_UNPARTITIONED);
    await queryRunner.query(`
      DROP TABLE "audit_events_partitioned";
      DROP TABLE "audit_event_persons";
      DROP TABLE "audit_checkpoints";
      DROP TABLE "audit_chain_head";
      DROP FUNCTION samsyn_audit_after_insert();
      DROP FUNCTION samsyn_audit_ensure_partitions(int);
      DROP FUNCTION samsyn_audit_ensure_partition(timestamptz);
      DROP FUNCTION samsyn_audit_month(timestamptz);
      DROP FUNCTION samsyn_audit_append_only()`);
  }
}
