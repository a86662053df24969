/**
 * The SQL of migration 1796700000000-CaseStatistics: the statistics page's facts per case, kept
 * by triggers in the writer's transaction so that each indicator is a scan of one narrow table
 * without joins (issue 17, speed: a county's three years at 1 000 000 cases).
 *
 * - `case_statistics`: one row per case — its scope (programme, municipality, owner), the days it
 *   was opened and closed, its SIP details (violence-related, forms, requested, discharge-ready),
 *   the days of its first called SIP meeting (called and held) and of its first agreed plan, the
 *   first such kallelse of a violence-related SIP case linked to it, and its Trygga hem
 *   enrolment (referred, left, priority).
 * - `case_statistic_events`: one row per dated record the indicators count — Trygga hem
 *   notifications, control measures, offers and incidents, and the units that attended the
 *   case's called SIP meetings or a koordinatorsgrupp meeting with the case on its agenda — with
 *   the case's scope copied.
 *
 * Every instant is kept as its day in Europe/Stockholm (the calendar day Swedish staff mean,
 * whatever the database server's time zone): the indicators compare days with the periods'
 * days, and a day costs no time-zone conversion per row when counted.
 *
 * Both hold no personal data (no person, name, number, free text or user; units and
 * organisations are not persons), so gallring keeps
 * them as it keeps the case row. They are defined once, as the views `case_statistics_source`
 * and `case_statistic_events_source` over the tables they summarise;
 * `samsyn_case_statistics_refresh` replaces a case's rows with what the views say, and the
 * property test (apps/api-e2e case-statistics) compares table and view after random writes.
 *
 * The triggers are deferred constraint triggers: a write queues its case, and the refresh runs
 * when the writer commits, under the case's own statistics lock (`case-statistics:<id>`), which
 * nothing else takes. So two writers of one case refresh one after the other, the second seeing
 * the first's committed facts (each statement of the function takes a new snapshot once the lock
 * is held), and a writer never holds that lock while waiting for anything else: no deadlock with
 * the row locks and the `case:` lock the writers already take. A trigger fires only when a
 * column the statistics read changes (the WHEN clauses), so gallring, which blanks free text and
 * removes team and links, fires none.
 */

/** Which columns of each table the statistics read (a change of any refreshes the case). */
export const STATISTICS_TRIGGERS: readonly {
  table: string;
  columns: readonly string[];
  /** A deletion changes the statistics (cases and koordinatorsgrupp meetings are not deleted). */
  deletes: boolean;
}[] = [
  {
    table: 'cases',
    columns: ['programme', 'municipality_code', 'owning_organisation_id', 'opened_at', 'closed_at'],
    deletes: false,
  },
  {
    table: 'sip_details',
    columns: [
      'case_id',
      'requested_on',
      'discharge_ready_on',
      'violence_related',
      'violence_forms',
    ],
    deletes: true,
  },
  {
    table: 'sip_meetings',
    columns: ['case_id', 'state', 'called_at', 'starts_at'],
    deletes: true,
  },
  {
    table: 'sip_plan_versions',
    columns: ['case_id', 'agreed_at'],
    deletes: true,
  },
  {
    table: 'trygga_hem_cases',
    columns: ['case_id', 'referred_on', 'left_at', 'priority'],
    deletes: true,
  },
  {
    table: 'trygga_hem_notifications',
    columns: ['case_id', 'delivered_on', 'removed_at'],
    deletes: true,
  },
  {
    table: 'trygga_hem_control_measures',
    columns: ['case_id', 'starts_on', 'removed_at'],
    deletes: true,
  },
  {
    table: 'trygga_hem_offers',
    columns: ['case_id', 'offered_on', 'uptake'],
    deletes: true,
  },
  {
    table: 'trygga_hem_incidents',
    columns: ['case_id', 'occurred_on', 'repeat', 'violence_forms', 'removed_at'],
    deletes: true,
  },
  {
    table: 'case_links',
    columns: ['case_id', 'linked_case_id'],
    deletes: true,
  },
  {
    table: 'meeting_attendances',
    columns: ['sip_meeting_id', 'coordinator_group_meeting_id', 'unit_id', 'organisation_id'],
    deletes: true,
  },
  {
    table: 'coordinator_group_agenda_items',
    columns: ['case_id', 'meeting_id'],
    deletes: true,
  },
  {
    table: 'coordinator_group_meetings',
    columns: ['held_on'],
    deletes: false,
  },
];

export const CREATE_TABLES = [
  `CREATE TABLE "case_statistics" (
     "case_id" uuid NOT NULL,
     "programme" character varying(30) NOT NULL,
     "municipality_code" character varying(4) NOT NULL,
     "owning_organisation_id" uuid NOT NULL,
     "opened_on" date NOT NULL,
     "closed_on" date,
     "violence_related" boolean,
     "violence_forms" character varying(40) array,
     "requested_on" date,
     "discharge_ready_on" date,
     "first_called_on" date,
     "first_held_on" date,
     "first_agreed_on" date,
     "linked_sip_on" date,
     "referred_on" date,
     "left_on" date,
     "priority" character varying(1),
     CONSTRAINT "PK_case_statistics" PRIMARY KEY ("case_id"),
     CONSTRAINT "FK_case_statistics_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE
   )`,
  `CREATE TABLE "case_statistic_events" (
     "id" bigserial NOT NULL,
     "case_id" uuid NOT NULL,
     "programme" character varying(30) NOT NULL,
     "municipality_code" character varying(4) NOT NULL,
     "owning_organisation_id" uuid NOT NULL,
     "kind" character varying(20) NOT NULL,
     "day" date NOT NULL,
     "uptake" character varying(20),
     "repeat" boolean,
     "violence_forms" character varying(40) array,
     "unit_id" uuid,
     "organisation_id" uuid,
     "case_sip_forms" character varying(40) array,
     "case_opened_on" date,
     "case_closed_on" date,
     CONSTRAINT "PK_case_statistic_events" PRIMARY KEY ("id"),
     CONSTRAINT "FK_case_statistic_events_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE
   )`,
  `CREATE INDEX "IDX_case_statistic_events_case" ON "case_statistic_events" ("case_id")`,
  `CREATE INDEX "IDX_case_statistic_events_kind_day" ON "case_statistic_events" ("kind", "day")`,
];

/** An instant's day in Europe/Stockholm. */
const day = (instant: string) => `(${instant} AT TIME ZONE 'Europe/Stockholm')::date`;

/**
 * The facts, from the tables they summarise, per case (LATERAL subqueries keyed by the case, so
 * that a refresh of a few cases reads only theirs). A first meeting is a called one (not
 * cancelled): its calling time and its start. A linked violence-related SIP case is one with
 * violence-related SIP details (SIP details are a SIP case's), with a called meeting.
 */
export const SOURCE_VIEWS = [
  `CREATE VIEW "case_statistics_source" AS
   SELECT c.id AS case_id, c.programme, c.municipality_code, c.owning_organisation_id,
          ${day('c.opened_at')} AS opened_on, ${day('c.closed_at')} AS closed_on,
          d.violence_related, d.violence_forms, d.requested_on, d.discharge_ready_on,
          ${day('m.first_called_at')} AS first_called_on, ${day('m.first_held_at')} AS first_held_on,
          ${day('p.first_agreed_at')} AS first_agreed_on, ${day('ln.first_called_at')} AS linked_sip_on,
          t.referred_on, ${day('t.left_at')} AS left_on, t.priority
   FROM cases c
   LEFT JOIN sip_details d ON d.case_id = c.id
   LEFT JOIN trygga_hem_cases t ON t.case_id = c.id
   LEFT JOIN LATERAL (
     SELECT min(x.called_at) AS first_called_at, min(x.starts_at) AS first_held_at
     FROM sip_meetings x WHERE x.case_id = c.id AND x.state = 'called') m ON true
   LEFT JOIN LATERAL (
     SELECT min(v.agreed_at) AS first_agreed_at
     FROM sip_plan_versions v WHERE v.case_id = c.id AND v.agreed_at IS NOT NULL) p ON true
   LEFT JOIN LATERAL (
     SELECT min(x.called_at) AS first_called_at
     FROM case_links l
     JOIN sip_details ld ON ld.case_id = l.linked_case_id AND ld.violence_related
     JOIN sip_meetings x ON x.case_id = l.linked_case_id AND x.state = 'called'
     WHERE l.case_id = c.id) ln ON true`,
  `CREATE VIEW "case_statistic_events_source" AS
   SELECT c.id AS case_id, c.programme, c.municipality_code, c.owning_organisation_id,
          e.kind, e.day, e.uptake, e.repeat, e.violence_forms, e.unit_id, e.organisation_id,
          -- An incident's case: its SIP's forms and its days (the forms indicator counts a
          -- case's incident in a form only when its SIP does not already count it there).
          CASE WHEN e.kind = 'incident' THEN d.violence_forms END AS case_sip_forms,
          CASE WHEN e.kind = 'incident' THEN ${day('c.opened_at')} END AS case_opened_on,
          CASE WHEN e.kind = 'incident' THEN ${day('c.closed_at')} END AS case_closed_on
   FROM cases c LEFT JOIN sip_details d ON d.case_id = c.id CROSS JOIN LATERAL (
     SELECT 'notification'::varchar AS kind, n.delivered_on AS day,
            NULL::varchar AS uptake, NULL::boolean AS repeat, NULL::varchar[] AS violence_forms,
            NULL::uuid AS unit_id, NULL::uuid AS organisation_id
     FROM trygga_hem_notifications n WHERE n.case_id = c.id AND n.removed_at IS NULL
     UNION ALL
     SELECT 'control_measure', x.starts_on, NULL, NULL, NULL, NULL, NULL
     FROM trygga_hem_control_measures x WHERE x.case_id = c.id AND x.removed_at IS NULL
     UNION ALL
     SELECT 'offer', o.offered_on, o.uptake, NULL, NULL, NULL, NULL
     FROM trygga_hem_offers o WHERE o.case_id = c.id
     UNION ALL
     SELECT 'incident', i.occurred_on, NULL, i.repeat, i.violence_forms, NULL, NULL
     FROM trygga_hem_incidents i WHERE i.case_id = c.id AND i.removed_at IS NULL
     UNION ALL
     SELECT 'attendance', ${day('m.starts_at')}, NULL, NULL, NULL, a.unit_id, a.organisation_id
     FROM sip_meetings m JOIN meeting_attendances a ON a.sip_meeting_id = m.id
     WHERE m.case_id = c.id AND m.state = 'called'
     UNION ALL
     SELECT 'attendance', g.held_on, NULL, NULL, NULL, a.unit_id, a.organisation_id
     FROM coordinator_group_agenda_items i
     JOIN coordinator_group_meetings g ON g.id = i.meeting_id
     JOIN meeting_attendances a ON a.coordinator_group_meeting_id = g.id
     WHERE i.case_id = c.id) e`,
];

export const EVENT_COLUMNS = `case_id, programme, municipality_code, owning_organisation_id, kind, day, uptake, repeat, violence_forms, unit_id, organisation_id, case_sip_forms, case_opened_on, case_closed_on`;

/** The refresh's statements (shared with migration 1796800000000, which adds to them). */
export const REFRESH_PARTS = {
  /** Every case's rows from the views (ids is null). */
  all: `
    DELETE FROM case_statistic_events;
    DELETE FROM case_statistics;
    INSERT INTO case_statistics SELECT * FROM case_statistics_source;
    INSERT INTO case_statistic_events (${EVENT_COLUMNS})
    SELECT ${EVENT_COLUMNS} FROM case_statistic_events_source;`,
  /** The cases linked to the given ones too, each under its statistics lock if take_locks. */
  lock: `
  -- The cases linked to a refreshed one count its first kallelse (linked_sip_on).
  ids := ids || ARRAY(SELECT l.case_id FROM case_links l WHERE l.linked_case_id = ANY (ids));
  IF take_locks THEN
    FOR cid IN SELECT DISTINCT x FROM unnest(ids) AS t(x) WHERE x IS NOT NULL ORDER BY x LOOP
      PERFORM pg_advisory_xact_lock(hashtext('case-statistics:' || cid::text));
    END LOOP;
  END IF;`,
  /** The given cases' rows from the views. */
  cases: `
  DELETE FROM case_statistics WHERE case_id = ANY (ids);
  INSERT INTO case_statistics SELECT * FROM case_statistics_source WHERE case_id = ANY (ids);
  DELETE FROM case_statistic_events WHERE case_id = ANY (ids);
  INSERT INTO case_statistic_events (${EVENT_COLUMNS})
  SELECT ${EVENT_COLUMNS} FROM case_statistic_events_source WHERE case_id = ANY (ids);`,
};

/** Replaces the given cases' rows with what the source views say (all cases if ids is null). */
export const REFRESH_FUNCTION = `
CREATE FUNCTION samsyn_case_statistics_refresh(ids uuid[], take_locks boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  cid uuid;
BEGIN
  IF ids IS NULL THEN${REFRESH_PARTS.all}
    RETURN;
  END IF;${REFRESH_PARTS.lock}${REFRESH_PARTS.cases}
END $$`;

/**
 * The cases a changed row counts for, before and after the change: its own case; for a unit's
 * attendance, the SIP meeting's case or the cases on the koordinatorsgrupp meeting's agenda; for
 * a koordinatorsgrupp meeting, the cases on its agenda.
 */
export const TRIGGER_FUNCTION = `
CREATE FUNCTION samsyn_case_statistics_on_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := '{}';
BEGIN
  IF TG_TABLE_NAME = 'cases' THEN
    ids := ARRAY[NEW.id];
  ELSIF TG_TABLE_NAME = 'coordinator_group_meetings' THEN
    ids := ARRAY(SELECT case_id FROM coordinator_group_agenda_items WHERE meeting_id = NEW.id);
  ELSIF TG_TABLE_NAME = 'meeting_attendances' THEN
    IF TG_OP <> 'INSERT' THEN
      ids := ids || ARRAY(
        SELECT case_id FROM sip_meetings WHERE id = OLD.sip_meeting_id
        UNION SELECT case_id FROM coordinator_group_agenda_items
              WHERE meeting_id = OLD.coordinator_group_meeting_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      ids := ids || ARRAY(
        SELECT case_id FROM sip_meetings WHERE id = NEW.sip_meeting_id
        UNION SELECT case_id FROM coordinator_group_agenda_items
              WHERE meeting_id = NEW.coordinator_group_meeting_id);
    END IF;
  ELSE
    IF TG_OP <> 'INSERT' THEN ids := ids || OLD.case_id; END IF;
    IF TG_OP <> 'DELETE' THEN ids := ids || NEW.case_id; END IF;
  END IF;
  PERFORM samsyn_case_statistics_refresh(ids, true);
  RETURN NULL;
END $$`;

/** The deferred triggers of one table: on insert, on a change of a read column, on delete. */
export function triggerStatements(t: (typeof STATISTICS_TRIGGERS)[number]): string[] {
  const changed = t.columns.map((c) => `OLD."${c}" IS DISTINCT FROM NEW."${c}"`).join(' OR ');
  const head = (suffix: string, events: string) =>
    `CREATE CONSTRAINT TRIGGER "trg_${t.table}_case_statistics_${suffix}" AFTER ${events} ON "${t.table}"
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW`;
  return [
    `${head('insert', 'INSERT')} EXECUTE FUNCTION samsyn_case_statistics_on_change()`,
    `${head('update', 'UPDATE')} WHEN (${changed}) EXECUTE FUNCTION samsyn_case_statistics_on_change()`,
    ...(t.deletes
      ? [`${head('delete', 'DELETE')} EXECUTE FUNCTION samsyn_case_statistics_on_change()`]
      : []),
  ];
}

export function dropTriggerStatements(t: (typeof STATISTICS_TRIGGERS)[number]): string[] {
  return ['insert', 'update', ...(t.deletes ? ['delete'] : [])].map(
    (suffix) => `DROP TRIGGER "trg_${t.table}_case_statistics_${suffix}" ON "${t.table}"`,
  );
}
