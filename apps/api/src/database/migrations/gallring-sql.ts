/**
 * The SQL of migration 1796621101545-Gallring (D22), kept apart from the generated table changes:
 * the triggers that keep `cases.last_activity_at`, the one function that clears a case, and the
 * append-only trigger that lets that function (and nothing else) remove append-only rows.
 */

/** Tables whose rows are records of one case, with the case in `case_id`. */
export const CASE_RECORD_TABLES = [
  'case_participants',
  'case_team_members',
  'case_links',
  'journal_entries',
  'consents',
  'disclosures',
  'sip_details',
  'sip_meetings',
  'sip_invitations',
  'sip_plan_versions',
  'coordinator_group_agenda_items',
  'trygga_hem_cases',
  'trygga_hem_actions',
  'trygga_hem_caseload_exits',
  'trygga_hem_control_measures',
  'trygga_hem_incidents',
  'trygga_hem_notifications',
  'trygga_hem_offers',
  'trygga_hem_priority_changes',
  'trygga_hem_record_revisions',
  'trygga_hem_risk_assessments',
  'trygga_hem_safety_plans',
] as const;

/** Records that name their case through another record: the table, its mode for the trigger. */
export const INDIRECT_RECORD_TABLES = [
  ['consent_withdrawals', 'consent'],
  ['sip_plan_approvals', 'plan'],
] as const;

/**
 * The write times of each kind of record, for the backfill of existing cases (afterwards the
 * triggers keep `last_activity_at`): the latest of these over a case's records and the case row.
 */
export const BACKFILL = `
UPDATE cases c SET last_activity_at = greatest(c.updated_at, c.created_at,
  (SELECT max(created_at) FROM case_participants x WHERE x.case_id = c.id),
  (SELECT max(created_at) FROM case_team_members x WHERE x.case_id = c.id),
  (SELECT max(created_at) FROM case_links x WHERE x.case_id = c.id OR x.linked_case_id = c.id),
  (SELECT max(signed_at) FROM journal_entries x WHERE x.case_id = c.id),
  (SELECT max(recorded_at) FROM consents x WHERE x.case_id = c.id),
  (SELECT max(w.withdrawn_at) FROM consent_withdrawals w JOIN consents x ON x.id = w.consent_id WHERE x.case_id = c.id),
  (SELECT max(disclosed_at) FROM disclosures x WHERE x.case_id = c.id),
  (SELECT max(updated_at) FROM sip_details x WHERE x.case_id = c.id),
  (SELECT max(updated_at) FROM sip_meetings x WHERE x.case_id = c.id),
  (SELECT max(updated_at) FROM sip_invitations x WHERE x.case_id = c.id),
  (SELECT max(updated_at) FROM sip_plan_versions x WHERE x.case_id = c.id),
  (SELECT max(a.approved_at) FROM sip_plan_approvals a JOIN sip_plan_versions x ON x.id = a.plan_version_id WHERE x.case_id = c.id),
  (SELECT max(updated_at) FROM coordinator_group_agenda_items x WHERE x.case_id = c.id),
  (SELECT max(updated_at) FROM trygga_hem_cases x WHERE x.case_id = c.id),
  (SELECT max(updated_at) FROM trygga_hem_actions x WHERE x.case_id = c.id),
  (SELECT max(left_at) FROM trygga_hem_caseload_exits x WHERE x.case_id = c.id),
  (SELECT max(greatest(recorded_at, removed_at)) FROM trygga_hem_control_measures x WHERE x.case_id = c.id),
  (SELECT max(greatest(recorded_at, removed_at)) FROM trygga_hem_incidents x WHERE x.case_id = c.id),
  (SELECT max(greatest(recorded_at, removed_at)) FROM trygga_hem_notifications x WHERE x.case_id = c.id),
  (SELECT max(updated_at) FROM trygga_hem_offers x WHERE x.case_id = c.id),
  (SELECT max(changed_at) FROM trygga_hem_priority_changes x WHERE x.case_id = c.id),
  (SELECT max(changed_at) FROM trygga_hem_record_revisions x WHERE x.case_id = c.id),
  (SELECT max(updated_at) FROM trygga_hem_risk_assessments x WHERE x.case_id = c.id),
  (SELECT max(updated_at) FROM trygga_hem_safety_plans x WHERE x.case_id = c.id),
  (SELECT p.updated_at FROM persons p WHERE p.id = c.subject_person_id))`;

/**
 * A write to a record of a case is a write to the case: its `last_activity_at` moves to now.
 * Skipped while gallring clears (the clearing is not activity). One UPDATE per transaction and
 * case at most: later rows of the same transaction find `last_activity_at` already at now().
 */
export const ACTIVITY_FUNCTION = `
CREATE FUNCTION samsyn_case_activity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r jsonb;
  ids uuid[];
BEGIN
  IF current_setting('samsyn.gallring', true) = 'on' THEN RETURN NULL; END IF;
  r := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
  IF TG_ARGV[0] = 'consent' THEN
    ids := ARRAY(SELECT case_id FROM consents WHERE id = (r->>'consent_id')::uuid);
  ELSIF TG_ARGV[0] = 'plan' THEN
    ids := ARRAY(SELECT case_id FROM sip_plan_versions WHERE id = (r->>'plan_version_id')::uuid);
  ELSIF TG_ARGV[0] = 'person' THEN
    ids := ARRAY(SELECT id FROM cases WHERE subject_person_id = (r->>'id')::uuid);
  ELSE
    ids := ARRAY[(r->>'case_id')::uuid, (r->>'linked_case_id')::uuid];
  END IF;
  UPDATE cases SET last_activity_at = now()
    WHERE id = ANY(ids) AND last_activity_at < now() AND cleared_at IS NULL;
  RETURN NULL;
END $$`;

/**
 * A change to the case row itself is activity too, whichever column it changes. A statement that
 * sets last_activity_at itself (the trigger above, a data fix) is left alone.
 */
export const CASE_SELF_FUNCTION = `
CREATE FUNCTION samsyn_case_activity_self() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('samsyn.gallring', true) = 'on'
     OR NEW.last_activity_at IS DISTINCT FROM OLD.last_activity_at THEN
    RETURN NEW;
  END IF;
  IF to_jsonb(NEW) IS DISTINCT FROM to_jsonb(OLD) THEN
    NEW.last_activity_at := greatest(OLD.last_activity_at, now());
  END IF;
  RETURN NEW;
END $$`;

/** The append-only rule, with the one exception: rows of a case that samsyn_gallra_case clears. */
export const APPEND_ONLY_WITH_GALLRING = `
CREATE OR REPLACE FUNCTION samsyn_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The audit log is never cleared: it outlives the records it names (D19, D22).
    IF TG_TABLE_NAME <> 'audit_events' AND current_setting('samsyn.gallring', true) = 'on' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END $$`;

export const APPEND_ONLY_ORIGINAL = `
CREATE OR REPLACE FUNCTION samsyn_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END $$`;

/**
 * Clears one case of a run (D22), all or nothing in the caller's transaction: personal data and
 * free text removed, the case reduced to what statistics need (programme, owning organisation and
 * municipality, month opened and closed, status, the records' kinds, dates and counts), pending
 * reminders cancelled, and the persons no other uncleared case names anonymised. It answers
 * whether it cleared, and whom; the caller appends the audit event in the same transaction.
 *
 * Idempotent: a case already cleared, on legal hold, or written to since the report is left
 * alone and the reason kept in gallring_run_cases.skipped. The setting samsyn.gallring is
 * transaction-local and reset before the function returns; only this function sets it.
 */
export const GALLRA_FUNCTION = `
CREATE FUNCTION samsyn_gallra_case(p_case_id uuid, p_run_id uuid)
RETURNS TABLE (cleared boolean, organisation_id uuid, person_ids uuid[], skipped text)
LANGUAGE plpgsql AS $$
DECLARE
  rc gallring_run_cases%ROWTYPE;
  c cases%ROWTYPE;
  named uuid[];
  why text;
BEGIN
  SELECT * INTO rc FROM gallring_run_cases r
    WHERE r.run_id = p_run_id AND r.case_id = p_case_id FOR UPDATE;
  IF NOT FOUND OR rc.outcome <> 'due' THEN
    RAISE EXCEPTION 'case % is not due for clearing in run %', p_case_id, p_run_id;
  END IF;
  IF rc.cleared_at IS NOT NULL OR rc.skipped IS NOT NULL THEN
    RETURN QUERY SELECT false, rc.organisation_id, '{}'::uuid[], rc.skipped::text;
    RETURN;
  END IF;
  SELECT * INTO c FROM cases WHERE id = p_case_id FOR UPDATE;
  why := CASE
    WHEN NOT FOUND THEN 'gone'
    WHEN c.cleared_at IS NOT NULL THEN 'already_cleared'
    WHEN EXISTS (SELECT 1 FROM case_legal_holds h WHERE h.case_id = p_case_id) THEN 'legal_hold'
    WHEN c.last_activity_at > rc.due_before THEN 'activity'
  END;
  IF why IS NOT NULL THEN
    UPDATE gallring_run_cases SET skipped = why WHERE run_id = p_run_id AND case_id = p_case_id;
    RETURN QUERY SELECT false, rc.organisation_id, '{}'::uuid[], why;
    RETURN;
  END IF;

  PERFORM set_config('samsyn.gallring', 'on', true);

  named := ARRAY(SELECT DISTINCT x FROM unnest(
    ARRAY[c.subject_person_id]
    || ARRAY(SELECT person_id FROM case_participants WHERE case_id = p_case_id)
    || ARRAY(SELECT person_id FROM consents WHERE case_id = p_case_id)
    || ARRAY(SELECT person_id FROM disclosures WHERE case_id = p_case_id)
    || ARRAY(SELECT victim_person_id FROM trygga_hem_incidents WHERE case_id = p_case_id)
    || ARRAY(SELECT person_id FROM trygga_hem_safety_plans WHERE case_id = p_case_id)
  ) AS x WHERE x IS NOT NULL);

  -- Records that are free text or personal through and through go with the case.
  UPDATE journal_entries SET corrects_id = NULL WHERE case_id = p_case_id AND corrects_id IS NOT NULL;
  DELETE FROM journal_entries WHERE case_id = p_case_id;
  DELETE FROM consent_withdrawals w USING consents x WHERE x.id = w.consent_id AND x.case_id = p_case_id;
  UPDATE consents SET supersedes_id = NULL WHERE case_id = p_case_id AND supersedes_id IS NOT NULL;
  DELETE FROM consents WHERE case_id = p_case_id;
  DELETE FROM disclosures WHERE case_id = p_case_id;
  DELETE FROM emergency_accesses WHERE case_id = p_case_id;
  DELETE FROM case_links WHERE case_id = p_case_id OR linked_case_id = p_case_id;
  DELETE FROM case_participants WHERE case_id = p_case_id;
  DELETE FROM case_team_members WHERE case_id = p_case_id;
  DELETE FROM trygga_hem_safety_plans WHERE case_id = p_case_id;
  DELETE FROM trygga_hem_record_revisions WHERE case_id = p_case_id;
  DELETE FROM notifications WHERE case_id = p_case_id;
  UPDATE reminders SET status = 'cancelled', updated_at = now(), version = version + 1
    WHERE case_id = p_case_id AND status = 'pending';

  -- Records statistics count keep their kinds, dates and outcomes, without text or names.
  UPDATE sip_details SET end_reason = NULL WHERE case_id = p_case_id;
  UPDATE sip_meetings SET place = NULL, video_link = NULL, note = NULL,
    cancelled_reason = samsyn_gallring_blank(cancelled_reason) WHERE case_id = p_case_id;
  UPDATE sip_invitations SET reason = NULL,
    external_actor = samsyn_gallring_blank(external_actor) WHERE case_id = p_case_id;
  UPDATE sip_plan_versions SET needs = '[]', goals = '[]', measures = '[]',
    person_agreement_note = NULL WHERE case_id = p_case_id;
  UPDATE coordinator_group_agenda_items SET decision = samsyn_gallring_blank(decision),
    decided_by_name = samsyn_gallring_blank(decided_by_name) WHERE case_id = p_case_id;
  UPDATE trygga_hem_cases SET priority_basis = '', left_reason = samsyn_gallring_blank(left_reason),
    left_by_name = NULL WHERE case_id = p_case_id;
  UPDATE trygga_hem_caseload_exits SET reason = '', left_by_name = NULL WHERE case_id = p_case_id;
  UPDATE trygga_hem_actions SET description = '' WHERE case_id = p_case_id;
  UPDATE trygga_hem_control_measures SET description = samsyn_gallring_blank(description),
    removal_reason = samsyn_gallring_blank(removal_reason), removed_by_name = NULL
    WHERE case_id = p_case_id;
  UPDATE trygga_hem_incidents SET note = NULL,
    removal_reason = samsyn_gallring_blank(removal_reason), removed_by_name = NULL
    WHERE case_id = p_case_id;
  UPDATE trygga_hem_notifications SET custom_method = samsyn_gallring_blank(custom_method),
    delivered_by = '', outcome = '', recorded_by_name = '',
    removal_reason = samsyn_gallring_blank(removal_reason), removed_by_name = NULL
    WHERE case_id = p_case_id;
  UPDATE trygga_hem_offers SET description = '', note = NULL WHERE case_id = p_case_id;
  UPDATE trygga_hem_priority_changes SET basis = '', changed_by_name = '' WHERE case_id = p_case_id;
  UPDATE trygga_hem_risk_assessments SET summary = NULL, assessor_name = '' WHERE case_id = p_case_id;

  UPDATE cases SET description = NULL, handler_id = NULL, follow_up_at = NULL,
    opened_at = date_trunc('month', opened_at AT TIME ZONE 'Europe/Stockholm') AT TIME ZONE 'Europe/Stockholm',
    closed_at = date_trunc('month', closed_at AT TIME ZONE 'Europe/Stockholm') AT TIME ZONE 'Europe/Stockholm',
    cleared_at = now()
    WHERE id = p_case_id;

  -- A person is anonymised once no case that is not cleared names them.
  UPDATE persons p SET
      personal_number_kind = 'reserve',
      personal_number = 'G' || substr(md5(p.id::text), 1, 19),
      first_name = '', last_name = '',
      birth_date = date_trunc('year', p.birth_date)::date,
      language = NULL, interpreter_needed = false, address = NULL, postal_code = NULL,
      city = NULL, phone = NULL, email = NULL, protected_level = 'none', cleared_at = now()
    WHERE p.id = ANY(named) AND p.cleared_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM cases x WHERE x.subject_person_id = p.id AND x.cleared_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM case_participants cp JOIN cases x ON x.id = cp.case_id
                      WHERE cp.person_id = p.id AND x.cleared_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM consents cs JOIN cases x ON x.id = cs.case_id
                      WHERE cs.person_id = p.id AND x.cleared_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM disclosures d JOIN cases x ON x.id = d.case_id
                      WHERE d.person_id = p.id AND x.cleared_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM trygga_hem_incidents i JOIN cases x ON x.id = i.case_id
                      WHERE i.victim_person_id = p.id AND x.cleared_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM trygga_hem_safety_plans s JOIN cases x ON x.id = s.case_id
                      WHERE s.person_id = p.id AND x.cleared_at IS NULL);

  UPDATE gallring_run_cases SET cleared_at = now() WHERE run_id = p_run_id AND case_id = p_case_id;
  PERFORM set_config('samsyn.gallring', '', true);
  RETURN QUERY SELECT true, c.owning_organisation_id, named, NULL::text;
END $$`;

export const BLANK_FUNCTION = `
CREATE FUNCTION samsyn_gallring_blank(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value IS NULL THEN NULL ELSE '' END
$$`;
