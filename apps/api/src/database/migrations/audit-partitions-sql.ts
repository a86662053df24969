/**
 * The SQL of the partitioned audit log (migration 1796710000000, issue 18 §2): the functions that
 * create monthly partitions, keep the chain's head and the person index, append, and drop a month
 * past retention behind a checkpoint. Kept apart from the migration so that the steps read in
 * order there.
 */

/** The columns of `audit_events` in table order (the order `jsonb_populate_recordset` reads). */
export const AUDIT_COLUMNS = `occurred_at, user_id, organisation_id, unit_id, roles, action,
  outcome, case_ids, person_ids, categories, consent_ids, disclosure_ids, basis, relation,
  emergency, request_id, target_kind, target_id, prev_hash, hash`;

/**
 * The append-only rule of the log, on every partition (a row trigger on the partitioned table is
 * cloned onto each partition, present and future) and on the checkpoints. Unlike
 * `samsyn_append_only` it has no gallring exception: that one tells tables apart by
 * `TG_TABLE_NAME`, which on a partition is the partition's name, not `audit_events`.
 */
export const AUDIT_APPEND_ONLY_FUNCTION = `
CREATE FUNCTION samsyn_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END $$`;

/**
 * `samsyn_audit_month(at)`: the first instant of the calendar month (UTC) that holds `at`, and
 * the partition suffix `YYYY_MM`. Partitions are UTC months whatever the session's time zone.
 */
export const AUDIT_MONTH_FUNCTION = `
CREATE FUNCTION samsyn_audit_month(at timestamptz, OUT month_start timestamptz,
                                   OUT month_end timestamptz, OUT suffix text)
LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
         (date_trunc('month', at AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC',
         to_char(at AT TIME ZONE 'UTC', 'YYYY_MM')
$$`;

/**
 * `samsyn_audit_ensure_partition(at)`: creates the month's partitions of `audit_events` and
 * `audit_event_persons` (`…_YYYY_MM`) unless they exist; true when it created them. TRUNCATE
 * triggers are not cloned onto partitions, so each gets its own. When the DEFAULT partition
 * already holds rows of that month (only if appends outran this function), the month stays
 * there: moving them would mean deleting from the log. Serialised by an advisory lock of its own
 * so that two processes starting together do not both create it.
 */
export const AUDIT_ENSURE_PARTITION_FUNCTION = `
CREATE FUNCTION samsyn_audit_ensure_partition(at timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  m record := samsyn_audit_month(at);
  events_name text := 'audit_events_' || m.suffix;
  persons_name text := 'audit_event_persons_' || m.suffix;
BEGIN
  IF to_regclass(events_name) IS NOT NULL THEN
    RETURN false;
  END IF;
  PERFORM pg_advisory_xact_lock(${0x5a4d_a0d2});
  IF to_regclass(events_name) IS NOT NULL THEN
    RETURN false;
  END IF;
  IF EXISTS (SELECT 1 FROM audit_events_default d
             WHERE d.occurred_at >= m.month_start AND d.occurred_at < m.month_end) THEN
    RAISE NOTICE 'audit events of % are in the default partition; no partition created', m.suffix;
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
                 events_name, m.month_start, m.month_end);
  EXECUTE format('CREATE TRIGGER trg_audit_events_no_truncate BEFORE TRUNCATE ON %I
                  FOR EACH STATEMENT EXECUTE FUNCTION samsyn_audit_append_only()', events_name);
  EXECUTE format('CREATE TABLE %I PARTITION OF audit_event_persons FOR VALUES FROM (%L) TO (%L)',
                 persons_name, m.month_start, m.month_end);
  EXECUTE format('CREATE TRIGGER trg_audit_event_persons_no_truncate BEFORE TRUNCATE ON %I
                  FOR EACH STATEMENT EXECUTE FUNCTION samsyn_audit_append_only()', persons_name);
  RETURN true;
END $$`;

/** `samsyn_audit_ensure_partitions(months_ahead)`: this month's partition and the next ones. */
export const AUDIT_ENSURE_PARTITIONS_FUNCTION = `
CREATE FUNCTION samsyn_audit_ensure_partitions(months_ahead int) RETURNS int
LANGUAGE sql AS $$
  SELECT count(*) FILTER (WHERE samsyn_audit_ensure_partition(now() + g * interval '1 month'))::int
  FROM generate_series(0, months_ahead) g
$$`;

/**
 * After every INSERT statement on `audit_events` (the append function, COPY, a plain INSERT):
 * moves the chain's head (`audit_chain_head`, one row) to the newest event inserted, and indexes
 * the persons each inserted event names (`audit_event_persons`, for the loggutdrag; the log
 * reviewers' own look-ups, `audit.*`, are not part of a loggutdrag and are left out; a person named
 * twice by one event, as a list of two of their cases does, is one row). Reading
 * the head from that row keeps "the newest hash by id" one index probe however many partitions
 * there are; a `ORDER BY id DESC LIMIT 1` over the partitioned table opens every partition.
 */
export const AUDIT_AFTER_INSERT_FUNCTION = `
CREATE FUNCTION samsyn_audit_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE audit_chain_head h SET last_id = n.id, last_occurred_at = n.occurred_at, hash = n.hash
  FROM (SELECT i.id, i.occurred_at, i.hash FROM inserted i ORDER BY i.id DESC LIMIT 1) n
  WHERE h.last_id IS NULL OR n.id > h.last_id;
  INSERT INTO audit_event_persons (person_id, organisation_id, user_id, occurred_at, event_id)
  SELECT p.person_id, i.organisation_id, i.user_id, i.occurred_at, i.id
  FROM inserted i CROSS JOIN LATERAL (SELECT DISTINCT unnest(i.person_ids)) AS p(person_id)
  WHERE i.action NOT LIKE 'audit.%';
  RETURN NULL;
END $$`;

/**
 * `samsyn_audit_append(lock_key, expected_head, events)` (first in migration 1795486000000):
 * the same contract, on the partitioned table. The head is read from `audit_chain_head` (kept by
 * the insert trigger in the same transaction) with a fresh snapshot after the lock; the months
 * of the batch get their partitions first when a start-up or earlier append has not made them.
 */
export const AUDIT_APPEND_FUNCTION = `
CREATE OR REPLACE FUNCTION samsyn_audit_append(lock_key bigint, expected_head text, events jsonb)
RETURNS TABLE (appended boolean, head text) LANGUAGE plpgsql AS $fn$
DECLARE
  current_head text;
  m_start timestamptz;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit events must be recorded in a READ COMMITTED transaction, not %',
      current_setting('transaction_isolation');
  END IF;
  PERFORM pg_advisory_xact_lock(lock_key);
  SELECT h.hash INTO current_head FROM audit_chain_head h;
  IF current_head IS DISTINCT FROM expected_head THEN
    RETURN QUERY SELECT false, current_head;
    RETURN;
  END IF;
  FOR m_start IN
    SELECT DISTINCT (samsyn_audit_month((e ->> 'occurred_at')::timestamptz)).month_start
    FROM jsonb_array_elements(events) e
  LOOP
    IF to_regclass('audit_events_' || (samsyn_audit_month(m_start)).suffix) IS NULL THEN
      PERFORM samsyn_audit_ensure_partition(m_start);
    END IF;
  END LOOP;
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
 * `samsyn_audit_drop_partition(lock_key, at, retention)`: drops the month that holds `at` from
 * the log once it is past retention (at least five years, D19), leaving the hash of its last
 * event as a checkpoint (`audit_checkpoints`) that verification starts from. Only a prefix of
 * the chain can go: the month must be the oldest still held, and every later event must come
 * after its last one in the chain. The chain's head is never dropped. Detach and drop are DDL,
 * not DELETE, so the append-only triggers stay as they are. Answers the checkpoint, or no row
 * for an empty month (dropped without one). The caller records the drop in the log in the same
 * transaction.
 */
export const AUDIT_DROP_PARTITION_FUNCTION = `
CREATE FUNCTION samsyn_audit_drop_partition(lock_key bigint, at timestamptz,
                                            retention interval DEFAULT interval '5 years')
RETURNS SETOF audit_checkpoints LANGUAGE plpgsql AS $$
DECLARE
  m record := samsyn_audit_month(at);
  events_name text := 'audit_events_' || m.suffix;
  persons_name text := 'audit_event_persons_' || m.suffix;
  v_first bigint;
  v_last bigint;
  v_hash text;
  v_count bigint;
  cp audit_checkpoints;
BEGIN
  IF retention < interval '5 years' THEN
    RAISE EXCEPTION 'the audit log is kept at least five years (D19), not %', retention
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF to_regclass(events_name) IS NULL THEN
    RAISE EXCEPTION 'the audit log has no partition for %', m.suffix
      USING ERRCODE = 'undefined_table';
  END IF;
  IF m.month_end > now() - retention THEN
    RAISE EXCEPTION 'the audit events of % are kept until %', m.suffix, m.month_end + retention
      USING ERRCODE = 'object_in_use';
  END IF;
  -- No append moves the chain meanwhile.
  PERFORM pg_advisory_xact_lock(lock_key);
  EXECUTE format('SELECT min(id), max(id), count(*) FROM %I', events_name)
    INTO v_first, v_last, v_count;
  IF EXISTS (SELECT 1 FROM audit_events e WHERE e.occurred_at < m.month_start) THEN
    RAISE EXCEPTION 'the audit log holds events older than %: drop those months first', m.suffix
      USING ERRCODE = 'object_in_use';
  END IF;
  IF v_count > 0 THEN
    IF EXISTS (SELECT 1 FROM audit_events e WHERE e.occurred_at >= m.month_end AND e.id < v_last) THEN
      RAISE EXCEPTION 'the events of % are not a prefix of the chain: later events come before its last one', m.suffix
        USING ERRCODE = 'object_in_use';
    END IF;
    IF v_last = (SELECT h.last_id FROM audit_chain_head h) THEN
      RAISE EXCEPTION 'the month % holds the head of the chain', m.suffix
        USING ERRCODE = 'object_in_use';
    END IF;
    EXECUTE format('SELECT hash FROM %I WHERE id = $1', events_name) INTO v_hash USING v_last;
    INSERT INTO audit_checkpoints (partition_name, range_from, range_to, events, first_id,
                                   last_id, last_hash)
    VALUES (events_name, m.month_start, m.month_end, v_count, v_first, v_last, v_hash)
    RETURNING * INTO cp;
  END IF;
  EXECUTE format('ALTER TABLE audit_events DETACH PARTITION %I', events_name);
  EXECUTE format('DROP TABLE %I', events_name);
  IF to_regclass(persons_name) IS NOT NULL THEN
    EXECUTE format('ALTER TABLE audit_event_persons DETACH PARTITION %I', persons_name);
    EXECUTE format('DROP TABLE %I', persons_name);
  END IF;
  IF cp.id IS NOT NULL THEN
    RETURN NEXT cp;
  END IF;
END $$`;
