import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The precomputed case scope (`case_access`, see CaseAccessEntity). `samsyn_case_access_refresh`
 * recomputes the rows of the given cases from the facts, branch by branch exactly as the access
 * policy decides (libs/domain access-policy.ts R2–R4, R7):
 * - the owning unit and the handler, when they belong to the owning organisation;
 * - team members (users or units) of the owning organisation;
 * - team members of another organisation, for as long as a consent of the case's subject to
 *   their organisation is in force (given on ≤ today ≤ valid until, not withdrawn, not
 *   superseded, at least one category not excluded) or a disclosure to it (valid until);
 * - emergency grants until they expire.
 * Each row also carries the case's `closed` and `updated_at` (kept current by
 * `samsyn_case_access_touch`), so the caseload list needs nothing else.
 * Triggers call it for the one case a row belongs to, in the writer's transaction, under the
 * case's advisory lock (`case:<id>`, the same lock the case's reminders take), so concurrent
 * writers of one case refresh one after the other and the last one sees every committed fact.
 */
const REFRESH_FUNCTION = `
CREATE FUNCTION samsyn_case_access_refresh(ids uuid[], take_locks boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  cid uuid;
BEGIN
  IF take_locks THEN
    FOR cid IN SELECT DISTINCT x FROM unnest(ids) AS t(x) WHERE x IS NOT NULL ORDER BY x LOOP
      PERFORM pg_advisory_xact_lock(hashtext('case:' || cid::text));
    END LOOP;
  END IF;
  DELETE FROM case_access WHERE case_id = ANY (ids);
  INSERT INTO case_access (principal_id, case_id, source, source_id, valid_from, valid_until,
                           expires_at, case_closed, case_updated_at)
  SELECT g.principal_id, g.case_id, g.source, g.source_id, g.valid_from, g.valid_until,
         g.expires_at, c.closed, c.updated_at
  FROM cases c JOIN (
  SELECT c.owning_unit_id AS principal_id, c.id AS case_id, 'owning_unit' AS source,
         NULL::uuid AS source_id, NULL::date AS valid_from, NULL::date AS valid_until,
         NULL::timestamptz AS expires_at
    FROM cases c JOIN units u ON u.id = c.owning_unit_id
    WHERE c.id = ANY (ids) AND u.organisation_id = c.owning_organisation_id
  UNION ALL
  SELECT c.handler_id, c.id, 'handler', NULL, NULL, NULL, NULL
    FROM cases c JOIN users hu ON hu.id = c.handler_id
    WHERE c.id = ANY (ids) AND hu.organisation_id = c.owning_organisation_id
  UNION ALL
  SELECT coalesce(tm.user_id, tm.unit_id), c.id, 'team', tm.id, NULL, NULL, NULL
    FROM case_team_members tm JOIN cases c ON c.id = tm.case_id
    WHERE tm.case_id = ANY (ids) AND tm.organisation_id = c.owning_organisation_id
  UNION ALL
  SELECT coalesce(tm.user_id, tm.unit_id), c.id, 'consent', cs.id, cs.given_on, cs.valid_until,
         (SELECT min(cw.withdrawn_at) FROM consent_withdrawals cw WHERE cw.consent_id = cs.id)
    FROM case_team_members tm JOIN cases c ON c.id = tm.case_id
    JOIN consents cs ON cs.case_id = c.id AND cs.person_id = c.subject_person_id
      AND tm.organisation_id = ANY (cs.recipient_organisation_ids)
    WHERE tm.case_id = ANY (ids) AND tm.organisation_id <> c.owning_organisation_id
      AND NOT EXISTS (SELECT 1 FROM consents sup WHERE sup.supersedes_id = cs.id)
      AND EXISTS (SELECT 1 FROM unnest(cs.categories) AS cat(c) WHERE cat.c <> ALL (cs.excluded_categories))
  UNION ALL
  SELECT coalesce(tm.user_id, tm.unit_id), c.id, 'disclosure', d.id, NULL, d.valid_until, NULL
    FROM case_team_members tm JOIN cases c ON c.id = tm.case_id
    JOIN disclosures d ON d.case_id = c.id AND d.person_id = c.subject_person_id
      AND d.recipient_organisation_id = tm.organisation_id
    WHERE tm.case_id = ANY (ids) AND tm.organisation_id <> c.owning_organisation_id
  UNION ALL
  SELECT ea.user_id, ea.case_id, 'emergency', ea.id, NULL, NULL, ea.expires_at
    FROM emergency_accesses ea
    WHERE ea.case_id = ANY (ids) AND ea.expires_at > now()
  ) g ON g.case_id = c.id;
END $$`;

/**
 * Keeps the copied `closed` and `updated_at` current when a case is written (every write moves
 * `updated_at`), under the same lock as a refresh so the two never interleave.
 */
const TOUCH_FUNCTION = `
CREATE FUNCTION samsyn_case_access_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('case:' || NEW.id::text));
  UPDATE case_access SET case_closed = NEW.closed, case_updated_at = NEW.updated_at
    WHERE case_id = NEW.id
      AND (case_closed IS DISTINCT FROM NEW.closed OR case_updated_at IS DISTINCT FROM NEW.updated_at);
  RETURN NULL;
END $$`;

/** Finds the case a changed row belongs to and refreshes its scope. */
const TRIGGER_FUNCTION = `
CREATE FUNCTION samsyn_case_access_on_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  cid uuid;
BEGIN
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

/** The facts the scope depends on, and the changes to them that can alter it. */
const TRIGGERS: readonly [string, string][] = [
  [
    'cases',
    'INSERT OR UPDATE OF owning_organisation_id, owning_unit_id, handler_id, subject_person_id',
  ],
  ['case_team_members', 'INSERT OR UPDATE OR DELETE'],
  ['consents', 'INSERT'],
  ['consent_withdrawals', 'INSERT'],
  ['disclosures', 'INSERT'],
  ['emergency_accesses', 'INSERT OR UPDATE OF expires_at'],
];

export class CaseAccess1795475428611 implements MigrationInterface {
  name = 'CaseAccess1795475428611';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "case_access" (
                "id" BIGSERIAL NOT NULL,
                "principal_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "source" character varying(20) NOT NULL,
                "source_id" uuid,
                "valid_from" date,
                "valid_until" date,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "case_closed" boolean NOT NULL,
                "case_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_d6c43050312dee7f86717581cf3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ac564a38c8bc46713f6afd1c91" ON "case_access" ("case_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e4160488137e71b59d69461e38" ON "case_access" (
                "principal_id",
                "case_closed",
                "case_updated_at",
                "case_id",
                "valid_from",
                "valid_until",
                "expires_at"
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "case_access"
            ADD CONSTRAINT "FK_ac564a38c8bc46713f6afd1c91b" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(REFRESH_FUNCTION);
    await queryRunner.query(TRIGGER_FUNCTION);
    await queryRunner.query(TOUCH_FUNCTION);
    for (const [table, events] of TRIGGERS)
      await queryRunner.query(
        `CREATE TRIGGER "trg_${table}_case_access" AFTER ${events} ON "${table}" FOR EACH ROW EXECUTE FUNCTION samsyn_case_access_on_change()`,
      );
    await queryRunner.query(
      'CREATE TRIGGER "trg_cases_case_access_touch" AFTER UPDATE OF closed, updated_at ON "cases" FOR EACH ROW EXECUTE FUNCTION samsyn_case_access_touch()',
    );
    // Existing cases: one set-based pass (no other writer runs during a migration).
    await queryRunner.query(
      'SELECT samsyn_case_access_refresh(ARRAY(SELECT id FROM cases), false)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "trg_cases_case_access_touch" ON "cases"');
    for (const [table] of TRIGGERS)
      await queryRunner.query(`DROP TRIGGER "trg_${table}_case_access" ON "${table}"`);
    await queryRunner.query('DROP FUNCTION samsyn_case_access_touch()');
    await queryRunner.query('DROP FUNCTION samsyn_case_access_on_change()');
    await queryRunner.query('DROP FUNCTION samsyn_case_access_refresh(uuid[], boolean)');
    await queryRunner.query(`
            ALTER TABLE "case_access" DROP CONSTRAINT "FK_ac564a38c8bc46713f6afd1c91b"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e4160488137e71b59d69461e38"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ac564a38c8bc46713f6afd1c91"
        `);
    await queryRunner.query(`
            DROP TABLE "case_access"
        `);
  }
}
