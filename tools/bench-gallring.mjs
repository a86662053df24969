#!/usr/bin/env node
// Part of `npm run bench` (called by tools/bench.mjs; runs on its own too). Only reports, never fails.
//
// Gallring at scale (issue 17, D22): BENCH_GALLRING_CASES cases (default 100 000) due for clearing
// — closed six years ago, each with three journal entries, a team, a consent on half, a SIP plan
// on the SIP cases, a relative on 30 % and a pending reminder on 20 % — plus 2 % kept for research
// (subject born on the 5th, 15th or 25th) and 1 % on legal hold, in a dedicated PostgreSQL
// database. The clearing runs through the production path (BENCH_GALLRING_PATH=worker, the
// default): the API and the BullMQ worker on Redis (BENCH_REDIS_URL, default logical database 7,
// keys under a prefix of this run only, deleted afterwards); sysadmin starts it with
// POST /api/v1/gallring/runs, the API queues a job and the worker clears, in its own process, as
// the nightly run does in production (docs/operations.md: production sets REDIS_URL and runs a
// worker). BENCH_GALLRING_PATH=api: the API without Redis, whose in-process dispatcher runs it
// beside the requests it serves (the embedded default); =cli: the command line
// `main.js gallring:run`, a separate process. Meanwhile GET /api/v1/me and the caseload list
// (GET /api/v1/cases) are each sent every BENCH_GALLRING_SAMPLE_MS (50 ms; one at a time) as
// social.orebro; the report gives their max, p99 and count over 100 ms during the run beside an
// idle baseline (target: no request over 100 ms), and the run's total time (target: under 10
// minutes). To tell what a slow request waited for, the database's active backends
// (pg_stat_activity: wait events, the runner's statement) are sampled every
// BENCH_GALLRING_WAIT_SAMPLE_MS (25 ms), and a separate process measures how late its timers
// fire (the machine's own stalls: CPU starvation, not the clearing's locks); each request over
// 100 ms is listed with what both showed meanwhile. Then checks what the run must guarantee:
// every due case cleared once, the kept and held ones untouched, one audit event per cleared case
// and the audit chain verifying. See docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  PG,
  createDatabase,
  log,
  signInHeaders as signIn,
  startApi,
  unavailable,
  withAdmin,
} from './bench-data.mjs';

const DUE = Number(process.env.BENCH_GALLRING_CASES ?? 100_000);
const RESEARCH = Math.round(DUE / 50);
const HELD = Math.round(DUE / 100);
const SAMPLE_MS = Number(process.env.BENCH_GALLRING_SAMPLE_MS ?? 50);
const BASELINE_SECONDS = Number(process.env.BENCH_GALLRING_BASELINE_SECONDS ?? 15);
const PATH = ['api', 'cli'].includes(process.env.BENCH_GALLRING_PATH ?? '')
  ? process.env.BENCH_GALLRING_PATH
  : 'worker';
const WAIT_SAMPLE_MS = Number(process.env.BENCH_GALLRING_WAIT_SAMPLE_MS ?? 25);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/7';
const DB = `samsyn_bench_gallring_${process.pid}`;
const QUEUE_PREFIX = `samsyn-bench-gallring-${process.pid}`;
const USER = 'social.orebro';
const TARGET_MS = 100;

/**
 * Fills the migrated, demo-seeded database with the cases of this benchmark, set-based with the
 * row triggers off (append-only guards, case scope, last-activity), then computes the case scope
 * of the new cases in one pass as the migration does. Cases are numbered `GB-…`.
 */
async function generate(db) {
  const t0 = performance.now();
  const step = async (what, sql, params = []) => {
    const t = performance.now();
    const res = await db.query(sql, params);
    log(
      `  ${what.padEnd(44)} ${String(res.rowCount ?? '').padStart(7)} rows ${((performance.now() - t) / 1000).toFixed(1).padStart(5)} s`,
    );
  };
  const total = DUE + RESEARCH + HELD;
  const [author] = (
    await db.query(
      `SELECT u.id, u.display_name, u.organisation_id, o.name
       FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.username = $1`,
      [USER],
    )
  ).rows;
  const [admin] = (await db.query(`SELECT id FROM users WHERE username = 'admin.orebro'`)).rows;
  // Today's nightly run counts as done, so that the API's dispatcher does not start one on these
  // cases by itself (it would after 02:30 Stockholm time); the run measured is started below.
  await db.query(
    `INSERT INTO gallring_runs (mode, status, trigger, started_at, reported_at, finished_at)
     VALUES ('clear', 'finished', 'schedule', now(), now(), now())`,
  );
  await db.query('SET session_replication_role = replica');
  await db.query(`
    CREATE TEMP TABLE owners AS
    SELECT u.id AS unit_id, o.id AS org_id, o.municipality_code AS code,
           row_number() OVER (ORDER BY o.name, u.name) - 1 AS i
    FROM units u JOIN organisations o ON o.id = u.organisation_id
    WHERE o.type = 'municipality' AND o.municipality_code IS NOT NULL`);
  // Subjects 1..DUE are due, then RESEARCH born on the 5th/15th/25th, then HELD; relatives after.
  await step(
    'persons (subjects, relatives of 30 %)',
    `INSERT INTO persons (version, personal_number_kind, personal_number, first_name, last_name,
                          birth_date, address, city, phone)
     SELECT 1, 'reserve', 'R' || lpad(g::text, 11, '0'), 'Gallra' || g, 'Benchsson',
            make_date(1940 + g % 60, 1 + g % 12,
                      CASE WHEN g > $1 AND g <= $1 + $2 THEN (ARRAY[5, 15, 25])[1 + g % 3]
                           ELSE (ARRAY[1,2,3,4,6,7,8,9,10,11,12,13,14,16,17,18,19,20,21,22,23,24,26,27,28])[1 + g % 25] END),
            'Gatan ' || g, 'Örebro', '070-' || lpad(g::text, 7, '0')
     FROM generate_series(1, $3::int + $1::int * 3 / 10) g`,
    [DUE, RESEARCH, total],
  );
  await step(
    'cases (closed, last write six years ago)',
    `WITH n AS (SELECT count(*) AS n FROM owners)
     INSERT INTO cases (version, number, programme, status, closed, municipality_code,
                        owning_organisation_id, owning_unit_id, subject_person_id, description,
                        opened_at, closed_at, updated_at, created_at, last_activity_at)
     SELECT 1, 'GB-' || lpad(g::text, 7, '0'),
            CASE WHEN g % 3 = 0 THEN 'TRYGGA_HEM' ELSE 'SIP' END, 'closed', true, o.code,
            o.org_id, o.unit_id, p.id, 'Fri text om ärendet ' || g,
            now() - interval '8 years' + (g % 300) * interval '1 day',
            now() - interval '6 years' - (g % 300) * interval '1 day',
            now() - interval '6 years' - (g % 300) * interval '1 day',
            now() - interval '8 years',
            now() - interval '6 years' - (g % 300) * interval '1 day'
     FROM generate_series(1, $1::int) g
     CROSS JOIN n
     JOIN owners o ON o.i = g % n.n
     JOIN persons p ON p.personal_number = 'R' || lpad(g::text, 11, '0')`,
    [total],
  );
  await db.query(`
    CREATE TEMP TABLE bench_cases AS
    SELECT id, programme, subject_person_id, owning_unit_id, owning_organisation_id, opened_at,
           substr(number, 4)::int AS g
    FROM cases WHERE number LIKE 'GB-%'`);
  await db.query(`CREATE INDEX ON bench_cases (g)`);
  await step(
    'participants: every subject',
    `INSERT INTO case_participants (case_id, person_id, role)
     SELECT id, subject_person_id,
            (CASE programme WHEN 'SIP' THEN 'individual' ELSE 'offender' END)::participant_role
     FROM bench_cases`,
  );
  await step(
    'participants: a relative or victim on 30 %',
    `INSERT INTO case_participants (case_id, person_id, role)
     SELECT c.id, p.id, (CASE c.programme WHEN 'SIP' THEN 'relative' ELSE 'victim' END)::participant_role
     FROM bench_cases c
     JOIN persons p ON p.personal_number = 'R' || lpad(($1::int + c.g)::text, 11, '0')
     WHERE c.g <= $2::int * 3 / 10`,
    [total, DUE],
  );
  await step(
    'team: the owning unit on every case',
    `INSERT INTO case_team_members (case_id, unit_id, organisation_id, case_role)
     SELECT id, owning_unit_id, owning_organisation_id,
            CASE programme WHEN 'SIP' THEN 'sip_coordinator' ELSE 'offender_handler' END
     FROM bench_cases`,
  );
  await step(
    'journal entries (three per case)',
    `INSERT INTO journal_entries (case_id, category, text, occurred_on, author_id, author_name,
                                  author_organisation_id, author_organisation_name, signed_at)
     SELECT c.id, 'coordination', 'Anteckning ' || k || ' om personen', c.opened_at::date + k,
            $1, $2, $3, $4, c.opened_at + k * interval '1 day'
     FROM bench_cases c, generate_series(1, 3) k`,
    [author.id, author.display_name, author.organisation_id, author.name],
  );
  await step(
    'consents (subject, half of the cases)',
    `INSERT INTO consents (case_id, person_id, recipient_organisation_ids, categories,
                           excluded_categories, form, given_on, valid_until, recorded_by_id,
                           recorded_at)
     SELECT id, subject_person_id, ARRAY[]::uuid[], ARRAY['identity','coordination'], '{}',
            'written', opened_at::date, opened_at::date + 365, $1, opened_at
     FROM bench_cases WHERE g % 2 = 0`,
    [author.id],
  );
  await step(
    'SIP details (SIP cases)',
    `INSERT INTO sip_details (version, case_id, requested_on, violence_related, created_at, updated_at)
     SELECT 1, id, opened_at::date, g % 5 = 0, opened_at, opened_at
     FROM bench_cases WHERE programme = 'SIP'`,
  );
  await step(
    'SIP plans (agreed, SIP cases)',
    `INSERT INTO sip_plan_versions (version, case_id, number, state, needs, goals, measures,
                                    person_agreement_note, agreed_at, created_at, updated_at)
     SELECT 1, id, 1, 'agreed', '[{"text":"Behov av boende"}]', '[{"text":"Eget boende"}]',
            '[{"text":"Kontakt med hyresvärd"}]', 'Samtyckte muntligt', opened_at + interval '20 days',
            opened_at, opened_at
     FROM bench_cases WHERE programme = 'SIP'`,
  );
  await step(
    'reminders (pending, 20 %)',
    `INSERT INTO reminders (version, kind, due_at, status, recipient_user_id, case_id, subject_id)
     SELECT 1, 'plan_follow_up', now() + (g % 60) * interval '1 day', 'pending', $1, id, id
     FROM bench_cases WHERE g % 5 = 0`,
    [author.id],
  );
  await step(
    'legal holds',
    `INSERT INTO case_legal_holds (version, case_id, reason, set_by_id)
     SELECT 1, id, 'Begärd av tingsrätten', $1 FROM bench_cases WHERE g > $2`,
    [admin.id, DUE + RESEARCH],
  );
  await db.query('SET session_replication_role = DEFAULT');
  await step(
    'case access (precomputed scope, new cases)',
    'SELECT samsyn_case_access_refresh(ARRAY(SELECT id FROM bench_cases), false)',
  );
  // The statistics facts of every case (clearing moves opened and closed to the month's first
  // day, which refreshes them, in the run's transactions, as in production).
  await step('statistics facts (all cases)', 'SELECT samsyn_case_statistics_refresh(NULL, false)');
  await db.query('VACUUM ANALYZE');
  const [counts] = (
    await db.query(`SELECT
      (SELECT count(*)::int FROM cases) AS cases,
      (SELECT count(*)::int FROM journal_entries) AS journal,
      (SELECT count(*)::int FROM consents) AS consents,
      (SELECT count(*)::int FROM persons) AS persons,
      (SELECT count(*)::int FROM reminders WHERE status = 'pending') AS reminders`)
  ).rows;
  log(
    `  generated in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${counts.cases} cases, ${counts.persons} persons, ${counts.journal} journal entries, ${counts.consents} consents, ${counts.reminders} pending reminders`,
  );
}

/**
 * Sends GET `path` every SAMPLE_MS, one at a time: the next request leaves at the next tick after
 * the previous answer, so a request held up by the clearing shows as one slow sample (and the
 * probe itself never queues up requests that would load the API), until stop() is called; stop()
 * answers the latencies.
 */
function sampler(url, headers, path) {
  const latencies = [];
  const slow = [];
  let errors = 0;
  let running = true;
  const loop = (async () => {
    let next = performance.now();
    while (running) {
      const t = performance.now();
      try {
        const res = await fetch(`${url}${path}`, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      const ms = performance.now() - t;
      latencies.push(ms);
      if (ms > TARGET_MS) slow.push({ path, at: performance.timeOrigin + t, ms });
      next += SAMPLE_MS;
      const now = performance.now();
      if (next < now) next = now;
      await new Promise((r) => setTimeout(r, next - now));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { latencies, errors, slow };
  };
}

function summarise({ latencies, errors }) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
  return {
    n: sorted.length,
    errors,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    over: sorted.filter((x) => x > TARGET_MS).length,
  };
}

const PATHS = [
  ['GET /api/v1/me', '/api/v1/me'],
  ['GET /api/v1/cases (caseload)', '/api/v1/cases?page=1&pageSize=25'],
];

function startSamplers(api, headers) {
  return PATHS.map(([, path]) => sampler(api.url, headers, path));
}

async function stopSamplers(stops, label) {
  const results = [];
  for (let i = 0; i < stops.length; i++) {
    const sampled = await stops[i]();
    const s = { ...summarise(sampled), slow: sampled.slow };
    results.push(s);
    log(
      `  ${label.padEnd(9)} ${PATHS[i][0].padEnd(30)} ${String(s.n).padStart(6)} requests   p50 ${s.p50.toFixed(1).padStart(6)} ms   p99 ${s.p99.toFixed(1).padStart(6)} ms   max ${s.max.toFixed(1).padStart(6)} ms   over ${TARGET_MS} ms: ${s.over}${s.errors ? `   errors: ${s.errors}` : ''}`,
    );
  }
  return results;
}

/** CPU time (user + system, in clock ticks of 10 ms) a process has used so far; null once gone. */
function cpuTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** The clearing run through the command line, as an operator would start it. */
function runCli() {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['dist/apps/api/main.js', 'gallring:run'], {
      env: { PATH: process.env.PATH, DATABASE_URL: `${PG}/${DB}`, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) =>
      code === 0 ? ok(JSON.parse(out.trim().split('\n').pop()).id) : fail(new Error(`CLI ${code}`)),
    );
  });
}

/** The built BullMQ worker on the benchmark's database and Redis prefix, as production runs it. */
function startWorker() {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['dist/apps/worker/main.js'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: `${PG}/${DB}`,
        REDIS_URL,
        QUEUE_PREFIX,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => fail(new Error('worker did not start in 120 s')), 120_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (!out.includes('Samsyn worker ready')) return;
      clearTimeout(timer);
      ok({
        pid: child.pid,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`worker exited (${code})`));
    });
  });
}

/** Deletes this run's BullMQ keys (its prefix only) from the benchmark's Redis. */
async function deleteQueueKeys() {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${QUEUE_PREFIX}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * A separate process whose 10 ms timer reports each time it fired more than 30 ms late: the
 * machine did not run it (CPU starvation), whatever the database did. stop() answers the stalls
 * ({ at: epoch ms when the timer was due, ms: how late }).
 */
function startStallProbe() {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `let due = performance.now() + 10;
       setInterval(() => {
         const now = performance.now();
         if (now - due > 30) process.stdout.write((performance.timeOrigin + due) + ' ' + (now - due) + '\\n');
         due = now + 10;
       }, 10);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return () =>
    new Promise((done) => {
      child.once('exit', () =>
        done(
          out
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((line) => {
              const [at, ms] = line.split(' ').map(Number);
              return { at, ms };
            }),
        ),
      );
      child.kill('SIGTERM');
    });
}

/**
 * Samples pg_stat_activity every WAIT_SAMPLE_MS: the benchmark database's active backends (wait
 * event, statement) and the checkpointer and WAL writer when they are not idle. `runnerPid()` tells
 * which backend is the clearing's. stop() answers the samples.
 */
function startActivitySampler(runnerPid) {
  const client = new pg.Client({
    connectionString: `${PG}/${DB}`,
    application_name: 'bench-activity',
  });
  const samples = [];
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const t = performance.now();
      const { rows } = await client.query(
        `SELECT pid, backend_type, wait_event_type, wait_event,
                left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS query
         FROM pg_stat_activity
         WHERE pid <> pg_backend_pid() AND coalesce(application_name, '') NOT LIKE 'bench-%'
           AND ((datname = current_database() AND state NOT IN ('idle')
                 AND backend_type = 'client backend')
                OR (backend_type = 'autovacuum worker')
                OR (backend_type IN ('checkpointer', 'walwriter', 'background writer')
                    AND wait_event NOT IN ('CheckpointerMain', 'WalWriterMain', 'BgWriterMain',
                                           'BgWriterHibernate')))`,
      );
      const runner = runnerPid();
      samples.push({
        at: performance.timeOrigin + t,
        rows: rows.map((r) => ({
          who:
            r.pid === runner
              ? 'runner'
              : r.backend_type === 'client backend'
                ? 'api'
                : r.backend_type,
          wait: r.wait_event_type ? `${r.wait_event_type}:${r.wait_event}` : 'CPU',
          query: r.query,
        })),
      });
      await new Promise((r) =>
        setTimeout(r, Math.max(0, WAIT_SAMPLE_MS - (performance.now() - t))),
      );
    }
  })();
  return async () => {
    running = false;
    await loop.catch(() => undefined);
    await client.end().catch(() => undefined);
    return samples;
  };
}

/** "what: count" of the most frequent values, most frequent first. */
function tally(values, top = 8) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([v, n]) => `${v} ×${n}`)
    .join('; ');
}

/**
 * What the database and the machine did during the run, and during each request over 100 ms:
 * the API's backends' and the runner's wait events, and the probe's stalls.
 */
function explainSlow(samples, stalls, slow) {
  const rows = samples.flatMap((s) => s.rows);
  log(`  activity: ${samples.length} samples of pg_stat_activity every ${WAIT_SAMPLE_MS} ms`);
  log(
    `    runner:      ${tally(rows.filter((r) => r.who === 'runner').map((r) => `${r.wait} ${r.query.slice(0, 30)}`))}`,
  );
  log(
    `    API backends: ${tally(
      rows.filter((r) => r.who === 'api').map((r) => `${r.wait} ${r.query}`),
      6,
    )}`,
  );
  const others = rows.filter((r) => r.who !== 'runner' && r.who !== 'api');
  if (others.length) log(`    others:      ${tally(others.map((r) => `${r.who} ${r.wait}`))}`);
  log(
    `  machine stalls (a timer of an idle process over 30 ms late): ${stalls.length}` +
      `, of which over 100 ms: ${stalls.filter((s) => s.ms > TARGET_MS).length}` +
      (stalls.length ? `, worst ${Math.max(...stalls.map((s) => s.ms)).toFixed(0)} ms` : ''),
  );
  // Each request over 100 ms by the first of: an API backend waited for the audit chain's lock
  // (the clearing's, or another request's); the stall probe was late (the machine); an API
  // backend or the checkpointer waited for the disk (WAL flush, data file sync); nothing seen in
  // the database (the request waited for a CPU in the API process, or between samples).
  const causes = slow.map((r) => {
    const within = samples.filter((s) => s.at >= r.at - WAIT_SAMPLE_MS && s.at <= r.at + r.ms);
    const rows = within.flatMap((s) => s.rows).filter((x) => x.who !== 'runner');
    if (rows.some((x) => x.who === 'api' && x.wait === 'Lock:advisory')) return 'audit lock';
    if (stalls.some((s) => s.at < r.at + r.ms && s.at + s.ms > r.at)) return 'machine stall';
    if (rows.some((x) => /^IO:(WAL|DataFile)|^LWLock:WAL/.test(x.wait)))
      return 'disk (WAL, checkpoint)';
    return 'nothing seen in the database';
  });
  if (slow.length)
    log(`  requests over ${TARGET_MS} ms by what was seen meanwhile: ${tally(causes)}`);
  for (const r of [...slow].sort((a, b) => a.at - b.at).slice(0, 40)) {
    const within = samples.filter((s) => s.at >= r.at - WAIT_SAMPLE_MS && s.at <= r.at + r.ms);
    const api = within.flatMap((s) => s.rows.filter((x) => x.who === 'api'));
    const runner = within.flatMap((s) => s.rows.filter((x) => x.who === 'runner'));
    const other = within.flatMap((s) =>
      s.rows.filter((x) => x.who !== 'api' && x.who !== 'runner'),
    );
    const stalled = stalls.filter((s) => s.at < r.at + r.ms && s.at + s.ms > r.at);
    log(
      `    ${new Date(r.at).toISOString().slice(11, 23)} ${r.path.padEnd(30)} ${r.ms.toFixed(0).padStart(4)} ms` +
        ` | machine stalls ${stalled.length ? stalled.map((s) => s.ms.toFixed(0)).join('+') + ' ms' : 'none'}` +
        ` | API: ${
          tally(
            api.map((x) => `${x.wait} ${x.query.slice(0, 40)}`),
            3,
          ) || '-'
        }` +
        ` | runner: ${
          tally(
            runner.map((x) => `${x.wait} ${x.query.slice(0, 30)}`),
            3,
          ) || '-'
        }` +
        (other.length
          ? ` | ${tally(
              other.map((x) => `${x.who} ${x.wait}`),
              3,
            )}`
          : ''),
    );
  }
}

async function waitForRun(db, runId) {
  for (;;) {
    const [run] = (
      await db.query(
        `SELECT status, created_at, started_at, reported_at, finished_at, error
         FROM gallring_runs WHERE id = $1`,
        [runId],
      )
    ).rows;
    if (run.status === 'finished' || run.status === 'failed') return run;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function main() {
  const missing =
    unavailable() ??
    (PATH === 'worker' && !existsSync('dist/apps/worker/main.js')
      ? 'dist/apps/worker/main.js is missing (npx nx build worker; or BENCH_GALLRING_PATH=api)'
      : null);
  if (missing) {
    log(`gallring benchmark: ${missing}: skipped`);
    return;
  }
  await withAdmin((admin) => createDatabase(admin, DB));
  let api;
  let worker;
  const db = new pg.Client({ connectionString: `${PG}/${DB}`, application_name: 'bench-main' });
  try {
    log(
      `\nGallring of ${DUE} due cases (+ ${RESEARCH} kept for research, ${HELD} on legal hold), ` +
        `started ${
          {
            worker: 'from the API, cleared by the worker (BullMQ on Redis, the production set-up)',
            api: 'from the API, cleared in it (in-process dispatcher, no Redis)',
            cli: 'on the command line',
          }[PATH]
        }; ` +
        `GET /api/v1/me and the caseload every ${SAMPLE_MS} ms meanwhile, as ${USER}`,
    );
    // The shipped API migrates the empty database and seeds the demo organisations and users.
    api = await startApi(DB, PATH === 'worker' ? { REDIS_URL, QUEUE_PREFIX } : {});
    await db.connect();
    await generate(db);
    if (process.env.BENCH_GALLRING_GENERATE_ONLY === '1') return;
    if (PATH === 'worker') worker = await startWorker();
    const user = await signIn(api.url, USER);
    const sysadmin = await signIn(api.url, 'sysadmin');
    for (const [, path] of PATHS)
      for (let i = 0; i < 20; i++)
        await fetch(`${api.url}${path}`, { headers: user.get }).then((r) => r.arrayBuffer());

    // Which backend is the run's: the one holding the run lock (found by the watcher below).
    let runner = null;
    const idleProbe = startStallProbe();
    const idleActivity = startActivitySampler(() => runner?.pid);
    const idle = startSamplers(api, user.get);
    await new Promise((r) => setTimeout(r, BASELINE_SECONDS * 1000));
    const idleResults = await stopSamplers(idle, 'idle');
    explainSlow(
      await idleActivity(),
      await idleProbe(),
      idleResults.flatMap((r) => r.slow),
    );

    // The most connections the benchmark database had open, and busy, during the run; and the
    // CPU time of the backend that holds the run lock (the run's one connection), which unlike
    // wall time does not depend on what else the machine runs.
    let maxBusy = 0;
    const watcher = new pg.Client({
      connectionString: `${PG}/${DB}`,
      application_name: 'bench-watch',
    });
    await watcher.connect();
    let watching = false;
    const watch = setInterval(() => {
      if (watching) return;
      watching = true;
      (async () => {
        const busy = await watcher.query(
          `SELECT count(*) FILTER (WHERE state <> 'idle')::int AS busy FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
        maxBusy = Math.max(maxBusy, busy.rows[0].busy);
        const lock = await watcher.query(
          `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
             AND objid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          [0x6a11_0022],
        );
        const pid = lock.rows[0]?.pid;
        const ticks = pid ? cpuTicks(pid) : null;
        if (ticks === null) return;
        if (!runner || runner.pid !== pid) runner = { pid, first: ticks, last: ticks };
        else runner.last = ticks;
      })()
        .catch(() => undefined)
        .finally(() => (watching = false));
    }, 500);

    const walBefore = (
      await db.query(
        `SELECT wal_bytes, (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter) AS checkpoints
         FROM pg_stat_wal`,
      )
    ).rows[0];
    const processes = [['API', api.pid], ...(worker ? [['worker', worker.pid]] : [])].map(
      ([name, pid]) => ({ name, pid, first: cpuTicks(pid) }),
    );
    const probe = startStallProbe();
    const activity = startActivitySampler(() => runner?.pid);
    const during = startSamplers(api, user.get);
    const t0 = performance.now();
    let runId;
    if (PATH !== 'cli') {
      const res = await fetch(`${api.url}/api/v1/gallring/runs`, {
        method: 'POST',
        headers: sysadmin.write,
        body: JSON.stringify({ mode: 'clear' }),
      });
      if (res.status !== 202) throw new Error(`POST /gallring/runs answered ${res.status}`);
      runId = (await res.json()).id;
    } else {
      runId = await runCli();
    }
    const loadBefore = loadavg()[0];
    const run = await waitForRun(db, runId);
    const wall = (performance.now() - t0) / 1000;
    clearInterval(watch);
    await watcher.end();
    const results = await stopSamplers(during, 'clearing');
    const cpu = processes
      .map((p) => `${p.name} ${((cpuTicks(p.pid) - p.first) / 100).toFixed(0)} s`)
      .join(', ');
    const walAfter = (
      await db.query(
        `SELECT wal_bytes, (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter) AS checkpoints
         FROM pg_stat_wal`,
      )
    ).rows[0];
    explainSlow(
      await activity(),
      await probe(),
      results.flatMap((r) => r.slow),
    );
    log(
      `  CPU of the processes during the run: ${cpu}; WAL written ${((walAfter.wal_bytes - walBefore.wal_bytes) / 2 ** 20).toFixed(0)} MB, ` +
        `checkpoints ${walAfter.checkpoints - walBefore.checkpoints} (the server's, every database's)`,
    );
    const dbCpu = runner ? (runner.last - runner.first) / 100 : NaN;
    const seconds = (a, b) => ((b.getTime() - a.getTime()) / 1000).toFixed(0);
    log(
      `  run ${run.status}${run.error ? ` (${run.error})` : ''} in ${wall.toFixed(0)} s ` +
        `(report ${seconds(run.started_at, run.reported_at)} s, clearing ${seconds(run.reported_at, run.finished_at)} s); ` +
        `at most ${maxBusy} busy database connections; machine load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
    );

    const [check] = (
      await db.query(
        `SELECT
           count(*) FILTER (WHERE c.cleared_at IS NOT NULL)::int AS cleared,
           count(*) FILTER (WHERE c.cleared_at IS NULL AND substr(c.number, 4)::int <= $1)::int AS due_left,
           count(*) FILTER (WHERE c.cleared_at IS NOT NULL AND substr(c.number, 4)::int > $1)::int AS kept_cleared,
           (SELECT count(*)::int FROM journal_entries j JOIN cases x ON x.id = j.case_id
            WHERE x.cleared_at IS NOT NULL) AS journal_left,
           (SELECT count(*)::int FROM reminders r JOIN cases x ON x.id = r.case_id
            WHERE x.cleared_at IS NOT NULL AND r.status = 'pending') AS reminders_left,
           (SELECT count(*)::int FROM persons WHERE cleared_at IS NOT NULL) AS persons_cleared
         FROM cases c WHERE c.number LIKE 'GB-%'`,
        [DUE],
      )
    ).rows;
    const [events] = (
      await db.query(
        `SELECT count(*)::int AS n, count(DISTINCT case_ids[1])::int AS distinct_cases
         FROM audit_events WHERE action = 'gallring.case'`,
      )
    ).rows;
    const tv = performance.now();
    const verify = await (
      await fetch(`${api.url}/api/v1/audit/verify`, { headers: sysadmin.get })
    ).json();
    log(
      `  checked: ${check.cleared} cleared (due ${DUE}), ${check.due_left} due left, ${check.kept_cleared} kept/held cleared, ` +
        `${check.journal_left} journal entries and ${check.reminders_left} pending reminders left on cleared cases, ` +
        `${check.persons_cleared} persons anonymised; ${events.n} gallring.case audit events for ${events.distinct_cases} cases; ` +
        `audit chain ${verify.ok ? 'verifies' : 'BROKEN'} (${((performance.now() - tv) / 1000).toFixed(0)} s)`,
    );
    log(
      Number.isNaN(dbCpu)
        ? `  database CPU of the run's connection: not measured (the run ended before the watcher, every 500 ms, saw its connection hold the run lock)`
        : `  database CPU of the run's connection: ${dbCpu.toFixed(0)} s (${((dbCpu * 1000) / DUE).toFixed(1)} ms per cleared case)`,
    );
    const worst = Math.max(...results.map((r) => r.max));
    log(
      `  target: under 600 s → ${wall.toFixed(0)} s ${wall < 600 ? 'met' : 'MISSED'}; no request over ${TARGET_MS} ms → max ${worst.toFixed(0)} ms ${worst <= TARGET_MS ? 'met' : 'MISSED'}`,
    );
  } finally {
    await worker?.stop();
    await api?.stop();
    if (PATH === 'worker') await deleteQueueKeys().catch(() => undefined);
    await db.end().catch(() => undefined);
    if (process.env.BENCH_KEEP_DB !== '1')
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)).catch(
        () => undefined,
      );
    else log(`  kept the database ${DB}`);
  }
}

try {
  await main();
} catch (error) {
  log(
    `gallring benchmark failed (reported, not fatal): ${error instanceof Error ? error.message : error}`,
  );
}
process.exit(0);
