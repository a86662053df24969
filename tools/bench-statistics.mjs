#!/usr/bin/env node
// Part of `npm run bench` (called by tools/bench.mjs; runs on its own too). Only reports, never fails.
//
// The statistics page (GET /api/v1/statistics/indicators, issue 17) for a whole county over three
// years, as the steering user styrgrupp.lan, by month, quarter and year: BENCH_STATISTICS_CASES
// cases (default 1 000 000) in a dedicated PostgreSQL database, made by the generator shared with
// the caseload benchmark (tools/bench-data.mjs: the demo's twelve municipalities and the region,
// three years, 55 % closed), with each programme's records on top: SIP details (a third
// violence-related), a called first meeting on 80 % and an agreed plan on half; Trygga hem
// priority (left on closing), incidents, offers, notifications and control measures, and a link
// to a violence SIP case on a fifth, and two units' attendance on a third of the SIP meetings;
// then the statistics facts per case (case_statistics) in one pass. Reports the median (p50) and p95 of BENCH_STATISTICS_ROUNDS
// requests per period after one warm-up (docs/benchmarks.md).
//
// BENCH_STATISTICS_KEEP_DB=1 keeps the database; BENCH_STATISTICS_REUSE_DB=<name> measures a kept
// one again without generating (for experiments; BENCH_STATISTICS_EXPLAIN=1 then prints nothing
// more: use EXPLAIN (ANALYZE, BUFFERS) on it by hand).
import pg from 'pg';
import {
  PG,
  createDatabase,
  generateCases,
  log,
  signIn,
  startApi,
  stepper,
  unavailable,
} from './bench-data.mjs';

const CASES = Number(process.env.BENCH_STATISTICS_CASES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_STATISTICS_ROUNDS ?? 10);
const REUSE = process.env.BENCH_STATISTICS_REUSE_DB;
const KEEP = process.env.BENCH_STATISTICS_KEEP_DB === '1';
const DB = REUSE ?? `samsyn_bench_statistics_${process.pid}`;
const USER = 'styrgrupp.lan';

/** The statistics records of the generated cases (`bench_cases`), triggers off. */
async function generate(db) {
  const t0 = performance.now();
  await generateCases(db, CASES);
  const step = stepper(db);
  await db.query('SET session_replication_role = replica');
  const [{ id: userId }] = (await db.query(`SELECT id FROM users WHERE username = 'social.orebro'`))
    .rows;
  await step(
    'sip_details (a third violence-related)',
    `INSERT INTO sip_details (version, case_id, requested_on, discharge_ready_on, violence_related, violence_forms)
     SELECT 1, c.id, c.opened_at::date, CASE WHEN b.k % 2 = 0 THEN c.opened_at::date + (b.k % 5)::int END,
            b.k % 3 = 0,
            CASE WHEN b.k % 3 = 0 THEN (ARRAY['{physical}', '{psychological}', '{physical,sexual}'])[1 + (b.k / 3) % 3]::varchar[]
                 ELSE '{}' END
     FROM bench_cases b JOIN cases c ON c.id = b.id WHERE b.programme = 'SIP'`,
  );
  await step(
    'sip_meetings (a first meeting called on 80 %)',
    `INSERT INTO sip_meetings (version, case_id, kind, state, starts_at, ends_at, person_participates,
                               relatives_participate, called_at, called_by_id, calling_organisation_id,
                               calling_unit_id)
     SELECT 1, c.id, 'first', 'called', c.opened_at + (5 + b.k % 20) * interval '1 day',
            c.opened_at + (5 + b.k % 20) * interval '1 day' + interval '1 hour',
            true, false, c.opened_at + (b.k % 6) * interval '1 day', $1,
            c.owning_organisation_id, c.owning_unit_id
     FROM bench_cases b JOIN cases c ON c.id = b.id WHERE b.programme = 'SIP' AND b.k % 5 <> 0`,
    [userId],
  );
  await step(
    'sip_plan_versions (agreed on half)',
    `INSERT INTO sip_plan_versions (version, case_id, number, state, meeting_id, agreed_at)
     SELECT 1, m.case_id, 1, 'agreed', m.id, m.starts_at + (b.k % 4) * interval '1 day'
     FROM bench_cases b JOIN sip_meetings m ON m.case_id = b.id WHERE b.k % 10 < 5`,
  );
  await step(
    'trygga_hem_cases (left on closing)',
    `INSERT INTO trygga_hem_cases (version, case_id, group_id, priority, priority_basis, referred_on,
                                   left_at, left_outcome, left_reason)
     SELECT 1, c.id, (SELECT id FROM coordinator_groups LIMIT 1),
            (ARRAY['A','B','C','D'])[1 + b.k % 4], 'Bench', c.opened_at::date, c.closed_at,
            CASE WHEN c.closed_at IS NOT NULL THEN 'closed' END,
            CASE WHEN c.closed_at IS NOT NULL THEN 'Ärendet avslutat' END
     FROM bench_cases b JOIN cases c ON c.id = b.id WHERE b.programme = 'TRYGGA_HEM'`,
  );
  await step(
    'trygga_hem_incidents (every other case)',
    `INSERT INTO trygga_hem_incidents (version, case_id, occurred_on, kind, reporting_organisation_id,
                                       recorded_by_id, recorded_by_organisation_id, repeat, violence_forms)
     SELECT 1, c.id, c.opened_at::date + 20, 'threat', c.owning_organisation_id, $1,
            c.owning_organisation_id, b.k % 7 = 0,
            CASE WHEN b.k % 3 = 0 THEN '{psychological}' ELSE '{physical,psychological}' END::varchar[]
     FROM bench_cases b JOIN cases c ON c.id = b.id
     WHERE b.programme = 'TRYGGA_HEM' AND b.k % 2 = 0`,
    [userId],
  );
  await step(
    'trygga_hem_offers (half)',
    `INSERT INTO trygga_hem_offers (version, case_id, kind, description, offered_on, organisation_id, uptake)
     SELECT 1, c.id, 'counselling', 'Samtalsstöd', c.opened_at::date + 10, c.owning_organisation_id,
            (ARRAY['offered','accepted','declined','completed','discontinued'])[1 + b.k % 5]
     FROM bench_cases b JOIN cases c ON c.id = b.id
     WHERE b.programme = 'TRYGGA_HEM' AND b.k % 2 = 1`,
  );
  await step(
    'trygga_hem_notifications (a third)',
    `INSERT INTO trygga_hem_notifications (version, case_id, method, delivered_on, delivered_by,
                                           recorded_by_id, recorded_by_name, recorded_by_organisation_id)
     SELECT 1, c.id, 'letter', c.opened_at::date + 3, 'Polisen', $1, 'Bench', c.owning_organisation_id
     FROM bench_cases b JOIN cases c ON c.id = b.id
     WHERE b.programme = 'TRYGGA_HEM' AND b.k % 3 = 1`,
    [userId],
  );
  await step(
    'trygga_hem_control_measures (a fifth)',
    `INSERT INTO trygga_hem_control_measures (version, case_id, kind, starts_on, organisation_id,
                                              recorded_by_id, recorded_by_organisation_id)
     SELECT 1, c.id, 'kontaktforbud', c.opened_at::date + 15, c.owning_organisation_id, $1,
            c.owning_organisation_id
     FROM bench_cases b JOIN cases c ON c.id = b.id
     WHERE b.programme = 'TRYGGA_HEM' AND b.k % 5 = 2`,
    [userId],
  );
  await step(
    'case_links (a fifth of Trygga hem to a SIP case)',
    `WITH th AS (SELECT id, row_number() OVER (ORDER BY k) AS n FROM bench_cases
                 WHERE programme = 'TRYGGA_HEM' AND k % 5 = 4),
     sip AS (SELECT id, row_number() OVER (ORDER BY k) AS n FROM bench_cases WHERE programme = 'SIP')
     INSERT INTO case_links (case_id, linked_case_id, created_by_id)
     SELECT th.id, sip.id, $1 FROM th JOIN sip ON sip.n = th.n`,
    [userId],
  );
  await step(
    'meeting_attendances (the calling unit and one other on a third of SIP meetings)',
    `WITH u AS (SELECT id, organisation_id, row_number() OVER (ORDER BY id) AS n,
                       count(*) OVER () AS units FROM units)
     INSERT INTO meeting_attendances (sip_meeting_id, unit_id, organisation_id, recorded_by_id)
     SELECT m.id, m.calling_unit_id, m.calling_organisation_id, $1::uuid
     FROM bench_cases b JOIN sip_meetings m ON m.case_id = b.id WHERE b.k % 3 = 1
     UNION ALL
     SELECT m.id, u.id, u.organisation_id, $1::uuid
     FROM bench_cases b JOIN sip_meetings m ON m.case_id = b.id
     JOIN u ON u.n = 1 + b.k % u.units
     WHERE b.k % 3 = 1 AND u.id <> m.calling_unit_id`,
    [userId],
  );
  // The statistics facts per case (their triggers were off): one set-based pass, as the
  // migration fills them for existing cases.
  await step(
    'case_statistics, case_statistic_events',
    `SELECT samsyn_case_statistics_refresh(NULL, false)`,
  );
  await db.query('SET session_replication_role = DEFAULT');
  const t = performance.now();
  await db.query('VACUUM ANALYZE');
  log(
    `  ${'VACUUM ANALYZE'.padEnd(46)} ${' '.repeat(13)} ${((performance.now() - t) / 1000).toFixed(1).padStart(5)} s`,
  );
  const counts = (
    await db.query(`SELECT (SELECT count(*) FROM cases) AS cases,
      (SELECT count(*) FROM cases WHERE NOT closed) AS open,
      (SELECT count(*) FROM sip_details WHERE violence_related) AS violence_sip,
      (SELECT count(*) FROM trygga_hem_cases) AS trygga_hem,
      (SELECT min(number) FROM cases WHERE number LIKE 'SIP-%') AS first_number,
      (SELECT max(number) FROM cases WHERE number LIKE 'SIP-%') AS last_number`)
  ).rows[0];
  log(
    `  generated in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${counts.cases} cases (${counts.open} open, ` +
      `${counts.violence_sip} violence-related SIP, ${counts.trygga_hem} Trygga hem; SIP numbers ${counts.first_number} … ${counts.last_number})`,
  );
}

async function main() {
  const missing = unavailable();
  if (missing) {
    log(`statistics benchmark: ${missing}: skipped`);
    return;
  }
  const admin = new pg.Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  if (!REUSE) await createDatabase(admin, DB);
  const db = new pg.Client({ connectionString: `${PG}/${DB}` });
  let api;
  try {
    log(
      `\nGET /api/v1/statistics/indicators (a county, three years) on ${REUSE ? `the kept database ${DB}` : `${CASES} generated cases`}, as ${USER}`,
    );
    api = await startApi(DB);
    await db.connect();
    if (!REUSE) await generate(db);
    const cookie = await signIn(api.url, USER);
    const today = new Date().toISOString().slice(0, 10);
    const from = `${Number(today.slice(0, 4)) - 3}${today.slice(4)}`;
    for (const period of ['month', 'quarter', 'year']) {
      const url = `${api.url}/api/v1/statistics/indicators?from=${from}&to=${today}&period=${period}`;
      const timings = [];
      for (let i = 0; i <= ROUNDS; i++) {
        const t = performance.now();
        const res = await fetch(url, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`indicators answered ${res.status}`);
        if (i > 0) timings.push(performance.now() - t); // the first warms caches
      }
      timings.sort((a, b) => a - b);
      const at = (p) => timings[Math.min(timings.length - 1, Math.ceil(timings.length * p) - 1)];
      log(
        `  by ${period.padEnd(8)} ${from} – ${today}: p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms ` +
          `(${ROUNDS} requests after one warm-up)`,
      );
    }
  } finally {
    await api?.stop();
    await db.end().catch(() => undefined);
    if (!KEEP && !REUSE) await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    else log(`  database kept: ${DB}`);
    await admin.end();
  }
}

main().catch((error) => {
  log(`statistics benchmark failed (reported, not fatal): ${error.message}`);
});
