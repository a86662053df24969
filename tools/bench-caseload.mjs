#!/usr/bin/env node
// Part of `npm run bench` (called by tools/bench.mjs; runs on its own too). Only reports, never fails.
//
// The caseload list (GET /api/v1/cases) on generated data: BENCH_CASES cases (default 120 000) in a
// dedicated PostgreSQL database, with persons, participants, team memberships (some across
// organisations), consents (in force, withdrawn, superseded), disclosures and emergency grants.
// Two API processes serve the same database: one as shipped (access-policy scope in SQL, per-row
// decisions, audit event per request) and one with BENCHMARK_UNGUARDED_LIST=true (no scope, no
// decisions, no audit). They are measured one after the other, in alternating rounds, as the
// social worker social.orebro. See docs/benchmarks.md for the method and what the ratio means.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { PG, generateCases, log, signIn, startApi, stepper, unavailable } from './bench-data.mjs';

const CASES = Number(process.env.BENCH_CASES ?? 120_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** `off` sets jit = off for the benchmark database (to measure what PostgreSQL's JIT costs). */
const JIT = process.env.BENCH_PG_JIT ?? 'default';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Seconds of unrecorded load per variant before the rounds (JIT, caches, connection pools). */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
/** A database kept by an earlier run (BENCH_KEEP_DB=1), reused as it is: for experiments. */
const REUSE = process.env.BENCH_REUSE_DB;
const DB = REUSE ?? `samsyn_bench_caseload_${process.pid}`;
const USER = 'social.orebro';

/**
 * Fills the migrated, demo-seeded database. Every step is one INSERT … SELECT; rows that would
 * collide with what demo mode seeded are skipped.
 */
async function generate(db) {
  const t0 = performance.now();
  const step = stepper(db);
  // Units, persons and cases: the generator shared with the statistics benchmark.
  await generateCases(db, CASES, { personsPerCase: 1.3 });
  // Row triggers (the precomputed case scope, append-only guards) are off while filling; the
  // scope is then computed for every case in one set-based pass, as the migration does.
  await db.query('SET session_replication_role = replica');
  const [{ id: userId, unit_id: unitId, organisation_id: orgId }] = (
    await db.query(`SELECT id, unit_id, organisation_id FROM users WHERE username = $1`, [USER])
  ).rows;
  await step(
    `handler: ${USER} on half of their unit's cases`,
    `UPDATE cases SET handler_id = $1 WHERE owning_unit_id = $2 AND (hashtext(id::text) & 1) = 0`,
    [userId, unitId],
  );
  await step(
    `handler: ${USER} on 200 cases of other Örebro units`,
    `UPDATE cases SET handler_id = $1 WHERE id IN (
       SELECT id FROM cases WHERE owning_organisation_id = $2 AND owning_unit_id <> $3 LIMIT 200)`,
    [userId, orgId, unitId],
  );
  await step(
    'participants: every subject',
    `INSERT INTO case_participants (case_id, person_id, role)
     SELECT id, subject_person_id,
            (CASE programme WHEN 'SIP' THEN 'individual' ELSE 'offender' END)::participant_role
     FROM cases
     ON CONFLICT DO NOTHING`,
  );
  await step(
    'participants: a victim or relative on 30 %',
    `INSERT INTO case_participants (case_id, person_id, role)
     SELECT c.id, p.id,
            (CASE c.programme WHEN 'SIP' THEN 'relative' ELSE 'victim' END)::participant_role
     FROM (SELECT id, programme, row_number() OVER (ORDER BY number) AS k FROM cases) c
     JOIN persons p ON p.personal_number = 'B' || lpad(($1::int + c.k)::text, 11, '0')
     WHERE c.k <= $1::int * 3 / 10
     ON CONFLICT DO NOTHING`,
    [CASES],
  );
  await step(
    'team: the owning unit on every case',
    `INSERT INTO case_team_members (case_id, unit_id, organisation_id, case_role)
     SELECT id, owning_unit_id, owning_organisation_id,
            CASE programme WHEN 'SIP' THEN 'sip_coordinator' ELSE 'offender_handler' END
     FROM cases
     ON CONFLICT DO NOTHING`,
  );
  await step(
    'team: another organisation’s unit on 25 %',
    `INSERT INTO case_team_members (case_id, unit_id, organisation_id, case_role)
     SELECT c.id, u.id, u.organisation_id,
            CASE c.programme WHEN 'SIP' THEN 'other_actor' ELSE 'police_contact' END
     FROM (SELECT id, programme, owning_organisation_id,
                  row_number() OVER (ORDER BY id) AS k FROM cases) c
     JOIN LATERAL (SELECT id, organisation_id FROM units
                   WHERE organisation_id <> c.owning_organisation_id
                   ORDER BY hashtext(id::text || c.k::text) LIMIT 1) u ON true
     WHERE c.k % 4 = 0
     ON CONFLICT DO NOTHING`,
  );
  await step(
    `team: ${USER} on 600 other organisations' cases`,
    `INSERT INTO case_team_members (case_id, user_id, organisation_id, case_role)
     SELECT id, $1, $2, CASE programme WHEN 'SIP' THEN 'social_services_contact' ELSE 'victim_support' END
     FROM cases WHERE owning_organisation_id <> $2 ORDER BY number LIMIT 600
     ON CONFLICT DO NOTHING`,
    [userId, orgId],
  );
  await step(
    `team: ${USER}'s unit on 600 more`,
    `INSERT INTO case_team_members (case_id, unit_id, organisation_id, case_role)
     SELECT id, $1, $2, CASE programme WHEN 'SIP' THEN 'social_services_contact' ELSE 'victim_support' END
     FROM cases WHERE owning_organisation_id <> $2 ORDER BY number DESC LIMIT 600
     ON CONFLICT DO NOTHING`,
    [unitId, orgId],
  );
  // Consents on half of the cases, naming one to three organisations (Örebro kommun in a third).
  await step(
    'consents (subject, half of the cases)',
    `INSERT INTO consents (case_id, person_id, recipient_organisation_ids, categories,
                           excluded_categories, form, given_on, valid_until, recorded_by_id)
     SELECT c.id, c.subject_person_id,
            CASE WHEN c.k % 3 = 0 THEN ARRAY[$2::uuid] ELSE ARRAY[]::uuid[] END
              || ARRAY(SELECT id FROM organisations WHERE id <> c.owning_organisation_id
                       ORDER BY hashtext(id::text || c.k::text) LIMIT 1 + c.k % 2),
            ARRAY['identity','coordination','social','health'], ARRAY['health'],
            'written', (c.opened_at)::date,
            CASE WHEN c.k % 10 = 0 THEN current_date - 1 ELSE current_date + 365 END, $1
     FROM (SELECT *, row_number() OVER (ORDER BY id) AS k FROM cases) c
     WHERE c.k % 2 = 0`,
    [userId, orgId],
  );
  await step(
    'consent withdrawals (15 %)',
    `INSERT INTO consent_withdrawals (consent_id, recorded_by_id, withdrawn_at)
     SELECT id, $1, now() - interval '1 day' FROM consents WHERE abs(hashtext(id::text)) % 100 < 15`,
    [userId],
  );
  await step(
    'superseding consents (10 %)',
    `INSERT INTO consents (case_id, person_id, recipient_organisation_ids, categories,
                           excluded_categories, form, given_on, valid_until, recorded_by_id,
                           supersedes_id)
     SELECT case_id, person_id, recipient_organisation_ids, ARRAY['coordination'], '{}', 'oral',
            current_date, current_date + 180, recorded_by_id, id
     FROM consents c
     WHERE abs(hashtext(id::text)) % 100 BETWEEN 50 AND 59
       AND NOT EXISTS (SELECT 1 FROM consent_withdrawals w WHERE w.consent_id = c.id)`,
  );
  await step(
    'disclosures (5 %, a third to Örebro kommun)',
    `INSERT INTO disclosures (case_id, person_id, recipient_organisation_id, categories, provision,
                              justification, disclosed_by_id, valid_until)
     SELECT c.id, c.subject_person_id,
            CASE WHEN c.k % 3 = 0 AND c.owning_organisation_id <> $2 THEN $2
                 ELSE (SELECT id FROM organisations WHERE type = 'police') END,
            ARRAY['coordination','criminal'], 'osl_10_18c', 'Allvarligt våld', $1,
            current_date + (c.k % 60)::int - 20
     FROM (SELECT *, row_number() OVER (ORDER BY number) AS k FROM cases) c
     WHERE c.k % 20 = 0 AND c.owning_organisation_id <> (SELECT id FROM organisations WHERE type = 'police')`,
    [userId, orgId],
  );
  await step(
    `emergency access of ${USER} (5 active, 50 expired)`,
    `INSERT INTO emergency_accesses (case_id, user_id, organisation_id, reason, granted_at, expires_at)
     SELECT id, $1, $2, 'Akut läge, behöver se planen.', now() - interval '2 hours',
            CASE WHEN k <= 5 THEN now() + interval '1 hour' ELSE now() - interval '1 hour' END
     FROM (SELECT id, row_number() OVER (ORDER BY number DESC) AS k FROM cases
           WHERE owning_organisation_id <> $2) c WHERE k <= 55`,
    [userId, orgId],
  );
  await db.query('SET session_replication_role = DEFAULT');
  await step(
    'case access (precomputed scope, all cases)',
    'SELECT samsyn_case_access_refresh(ARRAY(SELECT id FROM cases), false)',
  );
  // A database in steady state: autovacuum has set the visibility map (index-only scans) too.
  await db.query('VACUUM ANALYZE');
  const counts = (
    await db.query(`SELECT
      (SELECT count(*) FROM cases) AS cases,
      (SELECT count(*) FROM cases WHERE NOT closed) AS open,
      (SELECT count(*) FROM persons) AS persons,
      (SELECT count(*) FROM case_participants) AS participants,
      (SELECT count(*) FROM case_team_members) AS team,
      (SELECT count(*) FROM consents) AS consents`)
  ).rows[0];
  log(
    `  generated in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${counts.cases} cases (${counts.open} open), ${counts.persons} persons, ${counts.participants} participants, ${counts.team} team members, ${counts.consents} consents`,
  );
  return { userId, unitId, orgId };
}

/** CPU time (user + system, in clock ticks of 10 ms) a process has used so far; 0 once gone. */
function cpuTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends serving the benchmark database (the APIs' pools). */
async function backendPids(db) {
  const { rows } = await db.query(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return rows.map((r) => r.pid);
}

/**
 * Requests for `seconds` (SECONDS) with CONCURRENCY in flight, after a few warm-up requests. Besides throughput,
 * the CPU time the API process and the database's backends spent per request: on a shared
 * machine, throughput follows whatever else runs, while CPU per request stays put.
 */
async function measure(api, cookie, path, db, seconds = SECONDS) {
  const url = api.url;
  const get = async () => {
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return body;
  };
  for (let i = 0; i < 10; i++) await get(); // warm-up
  const latencies = [];
  const pids = await backendPids(db);
  const before = pids.map(cpuTicks);
  const apiBefore = cpuTicks(api.pid);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await get();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const apiMs = (cpuTicks(api.pid) - apiBefore) * 10;
  // A backend the pool opened during the round counts from zero.
  const after = await backendPids(db);
  const dbMs =
    after.reduce((sum, pid) => sum + cpuTicks(pid), 0) * 10 -
    pids.reduce((sum, pid, i) => sum + (after.includes(pid) ? before[i] : 0), 0) * 10;
  latencies.sort((a, b) => a - b);
  return {
    cpu: (apiMs + dbMs) / latencies.length,
    apiCpu: apiMs / latencies.length,
    dbCpu: dbMs / latencies.length,
    rps: latencies.length / elapsed,
    p50: latencies[Math.floor(latencies.length * 0.5)],
    p95: latencies[Math.floor(latencies.length * 0.95)],
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const missing = unavailable();
  if (missing) {
    log(`caseload benchmark: ${missing}: skipped`);
    return;
  }
  const admin = new pg.Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  if (!REUSE) {
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB}`);
  }
  if (JIT === 'off') await admin.query(`ALTER DATABASE ${DB} SET jit = off`);
  const apis = [];
  const db = new pg.Client({ connectionString: `${PG}/${DB}` });
  try {
    log(`\nGET /api/v1/cases (caseload list) on ${CASES} generated cases, as ${USER}`);
    // The shipped API migrates the empty database and seeds the demo organisations and users.
    const guarded = await startApi(DB);
    apis.push(guarded);
    await db.connect();
    const { userId, unitId } = REUSE ? await benchUser(db) : await generate(db);
    const unguarded = await startApi(DB, { BENCHMARK_UNGUARDED_LIST: 'true' });
    apis.push(unguarded);
    const on = { ...guarded, cookie: await signIn(guarded.url, USER) };
    const off = { ...unguarded, cookie: await signIn(unguarded.url, USER) };

    // What the caller's caseload is, and an index-backed unguarded filter of about that size.
    const first = await (
      await fetch(`${on.url}/api/v1/cases?page=1&pageSize=25`, { headers: { cookie: on.cookie } })
    ).json();
    const caseload = first.total;
    const similar = (
      await db.query(
        `SELECT programme, status, count(*)::int AS n FROM cases WHERE NOT closed
         GROUP BY programme, status ORDER BY abs(count(*) - $1), programme, status LIMIT 1`,
        [caseload],
      )
    ).rows[0];
    const openAll = (await db.query(`SELECT count(*)::int AS n FROM cases WHERE NOT closed`))
      .rows[0].n;
    log(
      `  ${USER}'s open caseload: ${caseload} cases; all open cases: ${openAll}; ` +
        `similar-size unguarded filter: programme=${similar.programme}&status=${similar.status} (${similar.n})`,
    );
    const page = '/api/v1/cases?page=1&pageSize=25';
    const filtered = `${page}&programme=${similar.programme}&status=${similar.status}`;
    const variants = [
      { key: 'on', label: 'policy + audit ON  (caseload)', api: on, path: page },
      { key: 'offAll', label: 'OFF, same URL (all cases)', api: off, path: page },
      { key: 'offSimilar', label: `OFF, ${similar.n} cases (filter)`, api: off, path: filtered },
    ];
    const results = Object.fromEntries(variants.map((v) => [v.key, []]));
    log(
      `  ${SECONDS} s × ${ROUNDS} rounds per variant after ${WARMUP} s of warm-up each, ${CONCURRENCY} concurrent; the compared pair runs back to back, in ABBA order` +
        (JIT === 'off' ? '; jit = off for this database' : ''),
    );
    // The machine's speed drifts over a run (other tenants, the database's background work), so
    // the compared pair runs back to back in every round, in ABBA order (on first in even
    // rounds, off first in odd ones) so that a steady drift favours neither; the heavy
    // unguarded list of all cases runs last, away from the pair.
    for (const v of variants) await measure(v.api, v.api.cookie, v.path, db, WARMUP);
    const pairRatios = [];
    for (let round = 0; round < ROUNDS; round++) {
      const pair = round % 2 === 0 ? [variants[0], variants[2]] : [variants[2], variants[0]];
      for (const v of [...pair, variants[1]])
        results[v.key].push(await measure(v.api, v.api.cookie, v.path, db));
      pairRatios.push(results.on[round].rps / results.offSimilar[round].rps);
    }
    const summary = {};
    for (const v of variants) {
      const rs = results[v.key];
      summary[v.key] = {
        cpu: median(rs.map((r) => r.cpu)),
        apiCpu: median(rs.map((r) => r.apiCpu)),
        dbCpu: median(rs.map((r) => r.dbCpu)),
        rps: median(rs.map((r) => r.rps)),
        p50: median(rs.map((r) => r.p50)),
        p95: median(rs.map((r) => r.p95)),
      };
      const s = summary[v.key];
      log(
        `  ${v.label.padEnd(34)} ${s.rps.toFixed(0).padStart(5)} req/s   p50 ${s.p50.toFixed(1).padStart(6)} ms   p95 ${s.p95.toFixed(1).padStart(6)} ms   CPU/req ${s.cpu.toFixed(1).padStart(5)} ms (API ${s.apiCpu.toFixed(1)} + DB ${s.dbCpu.toFixed(1)})   (rounds: ${rs.map((r) => r.rps.toFixed(0)).join(', ')})`,
      );
    }
    const ratio = median(pairRatios);
    log(
      `  ratio ON / OFF (similar size), median of the rounds' pairs: ${ratio.toFixed(2)} → ${
        ratio < 1
          ? `policy + audit cost ${((1 - ratio) * 100).toFixed(0)} % of throughput`
          : 'no cost measurable above the rounds’ spread'
      } (goal ≤ 10 %)` +
        `   (pairs: ${pairRatios.map((r) => r.toFixed(2)).join(', ')}; ratio of the medians ${(summary.on.rps / summary.offSimilar.rps).toFixed(2)})`,
    );
    log(`  ratio ON / OFF (all cases):    ${(summary.on.rps / summary.offAll.rps).toFixed(2)}`);
    log(
      `  CPU per request (API + database), OFF similar ÷ ON: ${(summary.offSimilar.cpu / summary.on.cpu).toFixed(2)} ` +
        '(the same ratio, independent of what else the machine runs)',
    );

    if (EXPLAIN) {
      const { caseScopeSql } = await scopeSql(userId, unitId);
      const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${caseScopeSql}`);
      log('\n  EXPLAIN ANALYZE of the scoped count:');
      for (const row of plan.rows) log(`    ${row['QUERY PLAN']}`);
    }
  } finally {
    for (const api of apis) await api.stop();
    await db.end().catch(() => undefined);
    if (process.env.BENCH_KEEP_DB !== '1' && !REUSE)
      await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

/** The benchmark user of a reused database. */
async function benchUser(db) {
  const { rows } = await db.query('SELECT id, unit_id FROM users WHERE username = $1', [USER]);
  return { userId: rows[0].id, unitId: rows[0].unit_id };
}

/** The list's count query with the caller's scope, as the API sends it (for BENCH_EXPLAIN=1). */
async function scopeSql(userId, unitId) {
  const q = (v) => `'${v}'`;
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(),
  );
  return {
    caseScopeSql: `SELECT count(*) FROM (
      SELECT ca.case_id, max(ca.case_updated_at) FROM case_access ca
      WHERE ca.principal_id = ANY (ARRAY[${q(userId)}, ${q(unitId)}]::uuid[]) AND ca.case_closed = false
        AND (ca.valid_from IS NULL OR ca.valid_from <= ${q(today)})
        AND (ca.valid_until IS NULL OR ca.valid_until >= ${q(today)})
        AND (ca.expires_at IS NULL OR ca.expires_at > now())
      GROUP BY ca.case_id) s`,
  };
}

try {
  await main();
} catch (error) {
  log(
    `caseload benchmark failed (reported, not fatal): ${error instanceof Error ? error.message : error}`,
  );
}
process.exit(0);
