import fc from 'fast-check';
import type { Pool, PoolClient } from 'pg';
import { sql } from './support/db';
import { e2ePool } from './support/fixtures';

/**
 * The statistics page's per-case facts (`case_statistics`, `case_statistic_events`, migration
 * 1796700000000-CaseStatistics) are kept by deferred triggers in the writer's transaction. They
 * must always equal what the views `case_statistics_source` and `case_statistic_events_source`
 * compute from the tables they summarise — the same queries the figures were counted with before.
 *
 * fast-check writes at random to everything the facts read — a case's scope and dates, SIP
 * details, meetings (called, cancelled, moved, removed), plan versions, Trygga hem enrolment,
 * notifications, control measures, offers and incidents (recorded, corrected away), units'
 * attendance at SIP and koordinatorsgrupp meetings, agendas and meeting days — a few writes per
 * transaction, some rolled back, and after each transaction the tables must equal the views.
 * Two writers of one case committing side by side must leave the facts of both.
 */
const CASES = 4;

interface World {
  caseIds: string[];
  municipalityCodes: string[];
  orgId: string;
  unitIds: string[];
  userId: string;
  groupId: string;
  groupMeetingId: string;
}

type Write = (db: PoolClient, w: World) => Promise<unknown>;

const day = (offset: number) => {
  const d = new Date(Date.UTC(2025, 0, 1 + offset));
  return d.toISOString().slice(0, 10);
};
const instant = (offset: number, hour: number) =>
  `${day(offset)}T${String(hour).padStart(2, '0')}:30:00Z`;

const FORMS = ['physical', 'psychological', 'sexual', 'economic'];

const caseIndex = fc.nat({ max: CASES - 1 });
const offset = fc.integer({ min: 0, max: 400 });
const hour = fc.integer({ min: 0, max: 23 });

/** The first row of a case's `table` (by id), or nothing. */
async function firstOf(db: PoolClient, table: string, caseId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM ${table} WHERE case_id = $1 ORDER BY id LIMIT 1`,
    [caseId],
  );
  return rows[0]?.id;
}

const writes: fc.Arbitrary<Write>[] = [
  // The case's scope and dates.
  fc.tuple(caseIndex, fc.nat({ max: 1 }), offset, fc.option(offset)).map(
    ([i, m, opened, closed]): Write =>
      (db, w) =>
        db.query(
          `UPDATE cases SET municipality_code = $2, opened_at = $3, closed_at = $4::timestamptz,
             closed = $4::timestamptz IS NOT NULL
           WHERE id = $1`,
          [
            w.caseIds[i],
            w.municipalityCodes[m],
            instant(opened, 8),
            closed === null ? null : instant(opened + closed, 16),
          ],
        ),
  ),
  // SIP details: recorded or changed, or removed.
  fc.tuple(caseIndex, offset, fc.option(offset), fc.boolean(), fc.subarray(FORMS)).map(
    ([i, requested, ready, violence, forms]): Write =>
      (db, w) =>
        db.query(
          `INSERT INTO sip_details (version, case_id, requested_on, discharge_ready_on, violence_related, violence_forms)
             VALUES (1, $1, $2, $3, $4, $5)
             ON CONFLICT (case_id) DO UPDATE SET requested_on = $2, discharge_ready_on = $3,
               violence_related = $4, violence_forms = $5`,
          [
            w.caseIds[i],
            day(requested),
            ready === null ? null : day(ready),
            violence,
            violence ? forms : [],
          ],
        ),
  ),
  caseIndex.map(
    (i): Write =>
      (db, w) =>
        db.query(`DELETE FROM sip_details WHERE case_id = $1`, [w.caseIds[i]]),
  ),
  // SIP meetings: called (or cancelled), moved, removed with what refers to them.
  fc.tuple(caseIndex, fc.boolean(), offset, hour, fc.nat({ max: 30 })).map(
    ([i, called, at, h, later]): Write =>
      (db, w) =>
        db.query(
          `INSERT INTO sip_meetings (version, case_id, kind, state, starts_at, ends_at, person_participates,
             relatives_participate, called_at, called_by_id, calling_organisation_id, calling_unit_id)
           VALUES (1, $1, 'first', $2, $3, $3::timestamptz + interval '1 hour', true, false, $4, $5, $6, $7)`,
          [
            w.caseIds[i],
            called ? 'called' : 'cancelled',
            instant(at + later, h),
            instant(at, h),
            w.userId,
            w.orgId,
            w.unitIds[0],
          ],
        ),
  ),
  fc
    .tuple(caseIndex, fc.boolean(), offset, hour)
    .map(([i, called, at, h]): Write => async (db, w) => {
      const id = await firstOf(db, 'sip_meetings', w.caseIds[i]);
      if (id)
        await db.query(
          `UPDATE sip_meetings SET state = $2, starts_at = $3, ends_at = $3::timestamptz + interval '1 hour'
             WHERE id = $1`,
          [id, called ? 'called' : 'cancelled', instant(at, h)],
        );
    }),
  caseIndex.map((i): Write => async (db, w) => {
    const id = await firstOf(db, 'sip_meetings', w.caseIds[i]);
    if (!id) return;
    await db.query(`DELETE FROM meeting_attendances WHERE sip_meeting_id = $1`, [id]);
    await db.query(`UPDATE sip_plan_versions SET meeting_id = NULL WHERE meeting_id = $1`, [id]);
    await db.query(`DELETE FROM sip_meetings WHERE id = $1`, [id]);
  }),
  // Plan versions: drafted or agreed, the first one agreed later or removed.
  fc.tuple(caseIndex, fc.option(offset)).map(
    ([i, agreed]): Write =>
      (db, w) =>
        db.query(
          `INSERT INTO sip_plan_versions (version, case_id, number, state, agreed_at)
           SELECT 1, $1, coalesce(max(number), 0) + 1, $2, $3 FROM sip_plan_versions WHERE case_id = $1`,
          [
            w.caseIds[i],
            agreed === null ? 'draft' : 'agreed',
            agreed === null ? null : instant(agreed, 13),
          ],
        ),
  ),
  fc.tuple(caseIndex, fc.option(offset)).map(([i, agreed]): Write => async (db, w) => {
    const id = await firstOf(db, 'sip_plan_versions', w.caseIds[i]);
    if (!id) return;
    if (agreed === null) await db.query(`DELETE FROM sip_plan_versions WHERE id = $1`, [id]);
    else
      await db.query(
        `UPDATE sip_plan_versions SET state = 'agreed', agreed_at = $2 WHERE id = $1`,
        [id, instant(agreed, 13)],
      );
  }),
  // Trygga hem enrolment: referred, reprioritised, left.
  fc.tuple(caseIndex, fc.constantFrom('A', 'B', 'C', 'D'), offset, fc.option(offset)).map(
    ([i, priority, referred, left]): Write =>
      (db, w) =>
        db.query(
          `INSERT INTO trygga_hem_cases (version, case_id, group_id, priority, priority_basis, referred_on,
             left_at, left_outcome, left_reason)
           VALUES (1, $1, $2, $3, 'Test', $4, $5, CASE WHEN $5::timestamptz IS NOT NULL THEN 'closed' END,
                   CASE WHEN $5::timestamptz IS NOT NULL THEN 'Avslutat' END)
           ON CONFLICT (case_id) DO UPDATE SET priority = $3, referred_on = $4, left_at = $5,
             left_outcome = EXCLUDED.left_outcome, left_reason = EXCLUDED.left_reason`,
          [
            w.caseIds[i],
            w.groupId,
            priority,
            day(referred),
            left === null ? null : instant(referred + left, 10),
          ],
        ),
  ),
  caseIndex.map(
    (i): Write =>
      (db, w) =>
        db.query(`DELETE FROM trygga_hem_cases WHERE case_id = $1`, [w.caseIds[i]]),
  ),
  // Trygga hem records: recorded, and corrected away (removed with a reason).
  fc.tuple(caseIndex, offset).map(
    ([i, on]): Write =>
      (db, w) =>
        db.query(
          `INSERT INTO trygga_hem_notifications (version, case_id, method, delivered_on, delivered_by,
             recorded_by_id, recorded_by_name, recorded_by_organisation_id)
           VALUES (1, $1, 'letter', $2, 'Polisen', $3, 'Test', $4)`,
          [w.caseIds[i], day(on), w.userId, w.orgId],
        ),
  ),
  fc.tuple(caseIndex, offset).map(
    ([i, on]): Write =>
      (db, w) =>
        db.query(
          `INSERT INTO trygga_hem_control_measures (version, case_id, kind, starts_on, organisation_id,
             recorded_by_id, recorded_by_organisation_id)
           VALUES (1, $1, 'kontaktforbud', $2, $3, $4, $3)`,
          [w.caseIds[i], day(on), w.orgId, w.userId],
        ),
  ),
  fc.tuple(caseIndex, offset, fc.constantFrom('offered', 'accepted', 'declined', 'completed')).map(
    ([i, on, uptake]): Write =>
      (db, w) =>
        db.query(
          `INSERT INTO trygga_hem_offers (version, case_id, kind, description, offered_on, organisation_id, uptake)
           VALUES (1, $1, 'counselling', 'Samtalsstöd', $2, $3, $4)`,
          [w.caseIds[i], day(on), w.orgId, uptake],
        ),
  ),
  fc
    .tuple(caseIndex, fc.constantFrom('accepted', 'declined', 'discontinued'))
    .map(([i, uptake]): Write => async (db, w) => {
      const id = await firstOf(db, 'trygga_hem_offers', w.caseIds[i]);
      if (id)
        await db.query(`UPDATE trygga_hem_offers SET uptake = $2 WHERE id = $1`, [id, uptake]);
    }),
  fc.tuple(caseIndex, offset, fc.boolean(), fc.subarray(FORMS)).map(
    ([i, on, repeat, forms]): Write =>
      (db, w) =>
        db.query(
          `INSERT INTO trygga_hem_incidents (version, case_id, occurred_on, kind, reporting_organisation_id,
             recorded_by_id, recorded_by_organisation_id, repeat, violence_forms)
           VALUES (1, $1, $2, 'threat', $3, $4, $3, $5, $6)`,
          [w.caseIds[i], day(on), w.orgId, w.userId, repeat, forms],
        ),
  ),
  fc
    .tuple(
      caseIndex,
      fc.constantFrom(
        'trygga_hem_notifications',
        'trygga_hem_control_measures',
        'trygga_hem_incidents',
      ),
    )
    .map(
      ([i, table]): Write =>
        (db, w) =>
          db.query(
            `UPDATE ${table} SET removed_at = now(), removal_reason = 'Fel ärende', removed_by_id = $2,
               removed_by_name = 'Test'
             WHERE id = (SELECT id FROM ${table} WHERE case_id = $1 AND removed_at IS NULL ORDER BY id LIMIT 1)`,
            [w.caseIds[i], w.userId],
          ),
    ),
  // Units' attendance at a case's SIP meeting, and the koordinatorsgrupp meeting's.
  fc.tuple(caseIndex, fc.nat({ max: 2 })).map(([i, u]): Write => async (db, w) => {
    const id = await firstOf(db, 'sip_meetings', w.caseIds[i]);
    if (id)
      await db.query(
        `INSERT INTO meeting_attendances (sip_meeting_id, unit_id, organisation_id, recorded_by_id)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [id, w.unitIds[u], w.orgId, w.userId],
      );
  }),
  fc.tuple(fc.nat({ max: 2 }), fc.boolean()).map(
    ([u, attend]): Write =>
      (db, w) =>
        attend
          ? db.query(
              `INSERT INTO meeting_attendances (coordinator_group_meeting_id, unit_id, organisation_id, recorded_by_id)
               VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
              [w.groupMeetingId, w.unitIds[u], w.orgId, w.userId],
            )
          : db.query(
              `DELETE FROM meeting_attendances WHERE coordinator_group_meeting_id = $1 AND unit_id = $2`,
              [w.groupMeetingId, w.unitIds[u]],
            ),
  ),
  fc.tuple(caseIndex, fc.boolean()).map(
    ([i, onAgenda]): Write =>
      (db, w) =>
        onAgenda
          ? db.query(
              `INSERT INTO coordinator_group_agenda_items (version, meeting_id, case_id, position)
               VALUES (1, $1, $2, 1) ON CONFLICT DO NOTHING`,
              [w.groupMeetingId, w.caseIds[i]],
            )
          : db.query(
              `DELETE FROM coordinator_group_agenda_items WHERE meeting_id = $1 AND case_id = $2`,
              [w.groupMeetingId, w.caseIds[i]],
            ),
  ),
  // Links between the cases (a violence SIP case's kallelse counts for the cases linked to it).
  fc.tuple(caseIndex, caseIndex, fc.boolean()).map(
    ([i, j, link]): Write =>
      (db, w) =>
        link
          ? db.query(
              `INSERT INTO case_links (case_id, linked_case_id, created_by_id)
               SELECT $1::uuid, $2::uuid, $3::uuid WHERE $1::uuid <> $2::uuid
                 AND NOT EXISTS (SELECT 1 FROM case_links WHERE case_id = $1 AND linked_case_id = $2)`,
              [w.caseIds[i], w.caseIds[j], w.userId],
            )
          : db.query(`DELETE FROM case_links WHERE case_id = $1 AND linked_case_id = $2`, [
              w.caseIds[i],
              w.caseIds[j],
            ]),
  ),
  offset.map(
    (on): Write =>
      (db, w) =>
        db.query(`UPDATE coordinator_group_meetings SET held_on = $2 WHERE id = $1`, [
          w.groupMeetingId,
          day(on),
        ]),
  ),
];

/** Rows of the table that the view does not have, and of the view that the table lacks. */
async function differences(
  caseIds: string[],
  query: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]> = sql,
): Promise<Record<string, unknown>[]> {
  const events = `case_id, programme, municipality_code, owning_organisation_id, kind, day, uptake, repeat,
                  violence_forms, unit_id, organisation_id, case_sip_forms, case_opened_on,
                  case_closed_on`;
  return query(
    `(SELECT 'extra' AS diff, * FROM (SELECT * FROM case_statistics WHERE case_id = ANY ($1)
        EXCEPT ALL SELECT * FROM case_statistics_source WHERE case_id = ANY ($1)) x)
     UNION ALL
     (SELECT 'missing', * FROM (SELECT * FROM case_statistics_source WHERE case_id = ANY ($1)
        EXCEPT ALL SELECT * FROM case_statistics WHERE case_id = ANY ($1)) x)`,
    [caseIds],
  ).then(async (cases) => [
    ...cases,
    ...(await query(
      `(SELECT 'extra event' AS diff, * FROM (SELECT ${events} FROM case_statistic_events WHERE case_id = ANY ($1)
          EXCEPT ALL SELECT ${events} FROM case_statistic_events_source WHERE case_id = ANY ($1)) x)
       UNION ALL
       (SELECT 'missing event', * FROM (SELECT ${events} FROM case_statistic_events_source WHERE case_id = ANY ($1)
          EXCEPT ALL SELECT ${events} FROM case_statistic_events WHERE case_id = ANY ($1)) x)`,
      [caseIds],
    )),
  ]);
}

/*
 * The day counts (case_statistic_days, and the changes not yet compacted) must equal the
 * contributions of every case's facts, restated here from their definition (migration
 * 1796800000000): intervals as an 's' edge on their first day and an 'e' edge on their last (or
 * 'x' with the days between when the last comes first), points on their day with a value.
 */
const NO_VALUE = -99999;
const KEY =
  'programme, municipality_code, owning_organisation_id, kind, category, edge, day, value';
const edges = (kind: string, category: string, a: string, b: string, from: string) => `
  SELECT programme, municipality_code, owning_organisation_id, '${kind}' AS kind,
         ${category} AS category, 's' AS edge, ${a} AS day, 0 AS value FROM ${from} AND ${a} IS NOT NULL
  UNION ALL
  SELECT programme, municipality_code, owning_organisation_id, '${kind}', ${category},
         CASE WHEN ${b} < ${a} THEN 'x' ELSE 'e' END, ${b}, greatest(${a} - ${b}, 0)
  FROM ${from} AND ${a} IS NOT NULL AND ${b} IS NOT NULL`;
const point = (kind: string, day: string, value: string, where = 'true') => `
  SELECT programme, municipality_code, owning_organisation_id, '${kind}', '', 'p', ${day}, ${value}
  FROM case_statistics_source WHERE ${day} IS NOT NULL AND ${where}`;
const sipOn = `least(CASE WHEN violence_related THEN first_called_on END, linked_sip_on)`;
const EXPECTED_COUNTS = `
  SELECT ${KEY}, count(*) AS n FROM (
    ${edges('case', "coalesce(violence_related::text, '')", 'opened_on', 'closed_on', 'case_statistics_source WHERE true')}
    UNION ALL ${edges('with_sip', "coalesce(violence_related::text, '')", `greatest(opened_on, ${sipOn})`, 'closed_on', `case_statistics_source WHERE ${sipOn} IS NOT NULL`)}
    UNION ALL ${edges('priority', 'priority', 'referred_on', 'least(left_on, closed_on)', 'case_statistics_source WHERE priority IS NOT NULL')}
    UNION ALL ${edges('form', 'form', 'opened_on', 'closed_on', '(SELECT DISTINCT s.*, f.form FROM case_statistics_source s, unnest(s.violence_forms) f(form)) s WHERE true')}
    UNION ALL ${point('summons', 'discharge_ready_on', `coalesce(first_called_on - discharge_ready_on, ${NO_VALUE})`)}
    UNION ALL ${point('first_meeting', 'requested_on', `coalesce(first_held_on - requested_on, ${NO_VALUE})`)}
    UNION ALL ${point('to_summons', 'requested_on', 'first_called_on - requested_on', 'first_called_on IS NOT NULL')}
    UNION ALL ${point('to_agreed_plan', 'requested_on', 'first_agreed_on - requested_on', 'first_agreed_on IS NOT NULL')}
    UNION ALL
    SELECT programme, municipality_code, owning_organisation_id, kind,
           coalesce(uptake, repeat::text, ''), 'p', day, 0
    FROM case_statistic_events_source
    WHERE kind IN ('notification', 'control_measure', 'offer', 'incident')) c
  GROUP BY ${KEY}`;

/** Day counts that differ from the facts' contributions, and month counts from the days'. */
async function countDifferences(
  query: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
): Promise<Record<string, unknown>[]> {
  return query(
    `WITH want AS (${EXPECTED_COUNTS}),
     have AS (SELECT ${KEY}, sum(n) AS n FROM (
                SELECT ${KEY}, n FROM case_statistic_days
                UNION ALL SELECT ${KEY}, n FROM case_statistic_day_changes) h
              GROUP BY ${KEY} HAVING sum(n) <> 0),
     months AS (SELECT programme, municipality_code, owning_organisation_id, kind, category, edge,
                       date_trunc('month', day)::date AS month, value, sum(n) AS n
                FROM case_statistic_days GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(n) <> 0),
     kept AS (SELECT programme, municipality_code, owning_organisation_id, kind, category, edge,
                     month, value, n FROM case_statistic_months WHERE n <> 0)
     (SELECT 'extra count' AS diff, * FROM (SELECT * FROM have EXCEPT ALL SELECT * FROM want) x)
     UNION ALL (SELECT 'missing count', * FROM (SELECT * FROM want EXCEPT ALL SELECT * FROM have) x)
     UNION ALL (SELECT 'extra month', * FROM (SELECT * FROM kept EXCEPT ALL SELECT * FROM months) x)
     UNION ALL (SELECT 'missing month', * FROM (SELECT * FROM months EXCEPT ALL SELECT * FROM kept) x)`,
    [],
  );
}

describe('the statistics facts per case (case_statistics)', () => {
  let pool: Pool;
  let world: World;

  beforeAll(async () => {
    pool = e2ePool(4);
    const [caller] = await sql<{ id: string; organisation_id: string }>(
      `SELECT id, organisation_id FROM users WHERE username = 'social.orebro'`,
    );
    const [org] = await sql<{ municipality_code: string }>(
      `SELECT municipality_code FROM organisations WHERE id = $1`,
      [caller.organisation_id],
    );
    const units = await sql<{ id: string }>(
      `SELECT id FROM units WHERE organisation_id = $1 ORDER BY id LIMIT 3`,
      [caller.organisation_id],
    );
    const [other] = await sql<{ code: string }>(
      `SELECT municipality_code AS code FROM organisations
       WHERE municipality_code IS NOT NULL AND municipality_code <> $1 ORDER BY 1 LIMIT 1`,
      [org.municipality_code],
    );
    const [group] = await sql<{ id: string }>(
      `SELECT id FROM coordinator_groups ORDER BY id LIMIT 1`,
    );
    const tag = `${process.pid}${Date.now() % 100000}`.slice(-6);
    const persons = await sql<{ id: string }>(
      `INSERT INTO persons (version, personal_number_kind, personal_number, first_name, last_name, birth_date)
       SELECT 1, 'personnummer', '19800101' || lpad(((n * 7 + $1::int) % 10000)::text, 4, '0'), 'Fakta' || n,
              'Testsson', '1980-01-01'
       FROM generate_series(1, $2::int) n RETURNING id`,
      [Number(tag) % 10000, CASES],
    );
    const cases = await sql<{ id: string }>(
      `INSERT INTO cases (version, number, programme, status, closed, municipality_code,
                          owning_organisation_id, owning_unit_id, subject_person_id, opened_at)
       SELECT 1, 'CS' || $1 || '-' || n, CASE WHEN n % 2 = 0 THEN 'TRYGGA_HEM' ELSE 'SIP' END, 'active',
              false, $2, $3, $4, (($5::uuid[])[n]), '2025-01-01'
       FROM generate_series(1, $6::int) n ORDER BY n RETURNING id`,
      [
        tag,
        org.municipality_code,
        caller.organisation_id,
        units[0].id,
        persons.map((p) => p.id),
        CASES,
      ],
    );
    const [meeting] = await sql<{ id: string }>(
      `INSERT INTO coordinator_group_meetings (version, group_id, held_on, status)
       VALUES (1, $1, '2025-03-01', 'approved') RETURNING id`,
      [group.id],
    );
    world = {
      caseIds: cases.map((c) => c.id),
      municipalityCodes: [org.municipality_code, other.code],
      orgId: caller.organisation_id,
      unitIds: [0, 1, 2].map((i) => units[Math.min(i, units.length - 1)].id),
      userId: caller.id,
      groupId: group.id,
      groupMeetingId: meeting.id,
    };
  });

  afterAll(() => pool.end());

  const poolQuery = async (text: string, params: unknown[]) =>
    (await pool.query<Record<string, unknown>>(text, params)).rows;

  it('a new case has its row, with its scope and no SIP or Trygga hem facts', async () => {
    const rows = await sql<{ case_id: string; programme: string; requested_on: string | null }>(
      `SELECT case_id, programme, requested_on FROM case_statistics WHERE case_id = ANY ($1) ORDER BY case_id`,
      [world.caseIds],
    );
    expect(rows).toHaveLength(CASES);
    expect(rows.every((r) => r.requested_on === null)).toBe(true);
    expect(await differences(world.caseIds)).toEqual([]);
  });

  it('equal the facts they summarise after any sequence of writes, committed or rolled back', async () => {
    let transactions = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.array(fc.oneof(...writes), { minLength: 1, maxLength: 3 }),
            fc.boolean(),
            fc.boolean(),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        async (batches) => {
          for (const [batch, commit, compact] of batches) {
            const db = await pool.connect();
            try {
              await db.query('BEGIN');
              for (const write of batch) await write(db, world);
              await db.query(commit ? 'COMMIT' : 'ROLLBACK');
            } catch (error) {
              await db.query('ROLLBACK');
              throw error;
            } finally {
              db.release();
            }
            transactions++;
            // A reader folds the changes into the counts now and then (compacting is its work).
            if (compact) await pool.query('SELECT samsyn_case_statistics_compact()');
            expect(await differences(world.caseIds, poolQuery)).toEqual([]);
            expect(await countDifferences(poolQuery)).toEqual([]);
          }
        },
      ),
      { numRuns: 30 },
    );
    expect(transactions).toBeGreaterThanOrEqual(30);
    // The writes reached every kind of fact (so the comparison compared something).
    const [seen] = await sql<{ sip: string; th: string; events: string }>(
      `SELECT (SELECT count(*) FROM case_statistics WHERE case_id = ANY ($1) AND requested_on IS NOT NULL)
                + (SELECT count(*) FROM sip_meetings WHERE case_id = ANY ($1)) AS sip,
              (SELECT count(*) FROM trygga_hem_cases WHERE case_id = ANY ($1))
                + (SELECT count(*) FROM trygga_hem_incidents WHERE case_id = ANY ($1)) AS th,
              (SELECT count(DISTINCT kind) FROM case_statistic_events WHERE case_id = ANY ($1)) AS events`,
      [world.caseIds],
    );
    expect(Number(seen.sip)).toBeGreaterThan(0);
    expect(Number(seen.th)).toBeGreaterThan(0);
    expect(Number(seen.events)).toBeGreaterThanOrEqual(3);
  }, 240_000);

  it('keep both of two writers of one case that commit side by side', async () => {
    const caseId = world.caseIds[0];
    const [a, b] = [await pool.connect(), await pool.connect()];
    try {
      const meeting = (db: PoolClient, at: string) =>
        db.query(
          `INSERT INTO sip_meetings (version, case_id, kind, state, starts_at, ends_at, person_participates,
             relatives_participate, called_at, called_by_id, calling_organisation_id, calling_unit_id)
           VALUES (1, $1, 'first', 'called', $2, $2::timestamptz + interval '1 hour', true, false, $2, $3, $4, $5)`,
          [caseId, at, world.userId, world.orgId, world.unitIds[0]],
        );
      // Earlier than anything the property wrote: each writer's meeting would be the first.
      await a.query('BEGIN');
      await meeting(a, '2024-06-01T08:00:00Z');
      await a.query(
        `INSERT INTO trygga_hem_notifications (version, case_id, method, delivered_on, delivered_by,
           recorded_by_id, recorded_by_name, recorded_by_organisation_id)
         VALUES (1, $1, 'letter', '2024-06-02', 'Polisen', $2, 'Test', $3)`,
        [caseId, world.userId, world.orgId],
      );
      // The second writer may wait for the first's lock on the case row (a write marks the case's
      // last activity) or not; either way both commit at once, and the later refresh sees both.
      await b.query('BEGIN');
      const second = meeting(b, '2024-05-01T08:00:00Z');
      await Promise.all([a.query('COMMIT'), second.then(() => b.query('COMMIT'))]);
    } finally {
      a.release();
      b.release();
    }
    const [row] = await sql<{ first: string }>(
      `SELECT first_called_on::text AS first FROM case_statistics WHERE case_id = $1`,
      [caseId],
    );
    expect(row.first).toBe('2024-05-01');
    expect(await countDifferences(poolQuery)).toEqual([]);
    await pool.query('SELECT samsyn_case_statistics_compact()');
    expect(await countDifferences(poolQuery)).toEqual([]);
    expect(
      await sql(`SELECT 1 FROM case_statistic_events WHERE case_id = $1 AND day = '2024-06-02'`, [
        caseId,
      ]),
    ).toHaveLength(1);
    expect(await differences(world.caseIds)).toEqual([]);
  });
});
