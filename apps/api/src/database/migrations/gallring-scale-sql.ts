import { GALLRA_FUNCTION_WITH_ATTENDANCE } from './gallring-attendance-sql';

/**
 * The SQL of migration 1796642446284-GallringAtScale: clearing a case no longer refreshes its
 * scope (`case_access`) once per removed team member and again for the case row — each refresh
 * plans and runs the whole scope query, most of a clearing's cost — but removes what the clearing
 * took away, once.
 */

const ON_CHANGE_BODY = `
  IF TG_TABLE_NAME = 'cases' THEN
    cid := NEW.id;
  ELSIF TG_TABLE_NAME = 'consent_withdrawals' THEN
    SELECT case_id INTO cid FROM consents WHERE id = NEW.consent_id;
  ELSIF TG_OP = 'DELETE' THEN
    cid := OLD.case_id;
  ELSE
    cid := NEW.case_id;
  END IF;
  PERFORM samsyn_case_access_refresh(ARRAY[cid], true);
  RETURN NULL;
END $$`;

const ON_CHANGE_HEAD = `
CREATE OR REPLACE FUNCTION samsyn_case_access_on_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  cid uuid;
BEGIN`;

/**
 * The scope trigger leaves the rows samsyn_gallra_case changes to it: the function updates the
 * case's scope itself, once, after removing what the scope depends on.
 */
export const ON_CHANGE_SKIPPING_GALLRING = `${ON_CHANGE_HEAD}
  IF current_setting('samsyn.gallring', true) = 'on' THEN RETURN NULL; END IF;${ON_CHANGE_BODY}`;

/** As migration 1795475428611-CaseAccess made it (for down). */
export const ON_CHANGE_ORIGINAL = `${ON_CHANGE_HEAD}${ON_CHANGE_BODY}`;

const CLEARED_MARK = `  UPDATE gallring_run_cases SET cleared_at = now() WHERE run_id = p_run_id AND case_id = p_case_id;`;

function replaceOnce(sql: string, search: string, replacement: string): string {
  if (sql.split(search).length !== 2) throw new Error(`expected one "${search}" in the function`);
  return sql.replace(search, replacement);
}

/**
 * samsyn_gallra_case as before, and then the case's scope in one statement: of what gives access
 * to a case (samsyn_case_access_refresh) — the owning unit, the handler, the team, consents,
 * disclosures and emergency accesses — the clearing has removed all but the owning unit, so
 * the scope is what it was less every other source. Under the case's lock, as a refresh.
 */
export const GALLRA_FUNCTION_SCOPE_ONCE = replaceOnce(
  GALLRA_FUNCTION_WITH_ATTENDANCE,
  CLEARED_MARK,
  `  -- The scope triggers skipped the clearing's changes: only the owning unit keeps access.
  PERFORM pg_advisory_xact_lock(hashtext('case:' || p_case_id::text));
  DELETE FROM case_access WHERE case_id = p_case_id AND source <> 'owning_unit';

${CLEARED_MARK}`,
);

/** As migration 1796641334164-MeetingAttendance left it (for down). */
export const GALLRA_FUNCTION_ORIGINAL = GALLRA_FUNCTION_WITH_ATTENDANCE;
