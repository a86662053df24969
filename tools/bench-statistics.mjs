#!/usr/bin/env node
// Part of `npm run bench` (called by tools/bench.mjs; runs on its own too). Only reports, never fails.
//
// The statistics page (GET /api/v1/statistics/indicators, issue 17) for a whole county over three
// years, as the steering user styrgrupp.lan: BENCH_STATISTICS_CASES cases (default 1 000 000) in a
// dedicated PostgreSQL database, spread over the demo's twelve municipalities and three years,
// half SIP (violence-related on a third, a called meeting and an agreed plan on most) and half
// Trygga hem (priority, an incident on every other case). Reports the median and slowest of
// BENCH_STATISTICS_ROUNDS requests by month and by quarter (docs/benchmarks.md).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const CASES = Number(process.env.BENCH_STATISTICS_CASES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_STATISTICS_ROUNDS ?? 5);
const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DB = `samsyn_bench_statistics_${process.pid}`;
const USER = 'styrgrupp.lan';

function log(line = '') {
  process.stdout.write(`${line}\n`);
}

function startApi() {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        DEMO_MODE: 'true',
        LOG_LEVEL: 'warn',
        LOGIN_RATE_LIMIT: '10000',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'samsyn-bench-')),
        CLIENT_DIST_DIR: '/nonexistent',
        DATABASE_URL: `${PG}/${DB}`,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => fail(new Error('API did not start in 120 s')), 120_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) {
        clearTimeout(timer);
        ok({
          url: m[1],
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`API exited (${code})`));
    });
  });
}

async function generate(db) {
  const step = async (what, sql, params = []) => {
    const t = performance.now();
    const res = await db.query(sql, params);
    log(
      `  ${what.padEnd(40)} ${String(res.rowCount ?? '').padStart(8)} rows ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`,
    );
  };
  await db.query('SET session_replication_role = replica');
  await step(
    'persons',
    `INSERT INTO persons (version, personal_number_kind, personal_number, first_name, last_name, birth_date)
     SELECT 1, 'personnummer', 'S' || lpad(g::text, 11, '0'), 'Bench', 'Person', '1980-01-01'
     FROM generate_series(1, $1::int) g`,
    [CASES],
  );
  // g::bigint throughout: products of case numbers overflow int above about 270 000.
  await step(
    'cases (12 municipalities, 3 years)',
    `WITH owners AS (
       SELECT o.id AS org_id, o.municipality_code, min(u.id::text)::uuid AS unit_id,
              row_number() OVER (ORDER BY o.municipality_code) - 1 AS i
       FROM organisations o JOIN units u ON u.organisation_id = o.id
       WHERE o.type = 'municipality' GROUP BY o.id),
     n AS (SELECT count(*) AS n FROM owners)
     INSERT INTO cases (version, number, programme, status, closed, municipality_code,
                        owning_organisation_id, owning_unit_id, subject_person_id, opened_at, closed_at)
     SELECT 1, 'SB-' || lpad(g::text, 7, '0'),
            CASE WHEN g % 2 = 0 THEN 'SIP' ELSE 'TRYGGA_HEM' END, 'active', g % 5 < 2,
            o.municipality_code, o.org_id, o.unit_id, p.id,
            now() - (g % 1095) * interval '1 day',
            CASE WHEN g % 5 < 2 THEN now() - (g % 1095) * interval '1 day' + (30 + g % 200) * interval '1 day' END
     FROM generate_series(1, $1::bigint) g
     CROSS JOIN n JOIN owners o ON o.i = (g * 7919) % n.n
     JOIN persons p ON p.personal_number = 'S' || lpad(g::text, 11, '0')`,
    [CASES],
  );
  await step(
    'sip_details (a third violence-related)',
    `INSERT INTO sip_details (version, case_id, requested_on, discharge_ready_on, violence_related, violence_forms)
     SELECT 1, id, opened_at::date, CASE WHEN hashtext(id::text) % 2 = 0 THEN opened_at::date END,
            hashtext(id::text) % 3 = 0,
            CASE WHEN hashtext(id::text) % 3 = 0 THEN '{physical}'::varchar[] ELSE '{}' END
     FROM cases WHERE number LIKE 'SB-%' AND programme = 'SIP'`,
  );
  await step(
    'sip_meetings (called on 80 %)',
    `INSERT INTO sip_meetings (version, case_id, kind, state, starts_at, ends_at, person_participates,
                               relatives_participate, called_at, called_by_id, calling_organisation_id,
                               calling_unit_id)
     SELECT 1, c.id, 'first', 'called', c.opened_at + interval '9 days', c.opened_at + interval '9 days 1 hour',
            true, false, c.opened_at + (abs(hashtext(c.id::text)) % 6) * interval '1 day',
            (SELECT id FROM users WHERE username = 'social.orebro'), c.owning_organisation_id, c.owning_unit_id
     FROM cases c WHERE c.number LIKE 'SB-%' AND c.programme = 'SIP' AND abs(hashtext(c.id::text)) % 5 <> 0`,
  );
  await step(
    'trygga_hem_cases',
    `INSERT INTO trygga_hem_cases (version, case_id, group_id, priority, priority_basis, referred_on)
     SELECT 1, c.id, (SELECT id FROM coordinator_groups LIMIT 1),
            (ARRAY['A','B','C','D'])[1 + abs(hashtext(c.id::text)) % 4], 'Bench', c.opened_at::date
     FROM cases c WHERE c.number LIKE 'SB-%' AND c.programme = 'TRYGGA_HEM'`,
  );
  await step(
    'trygga_hem_incidents (every other case)',
    `INSERT INTO trygga_hem_incidents (version, case_id, occurred_on, kind, reporting_organisation_id,
                                       recorded_by_id, recorded_by_organisation_id, repeat, violence_forms)
     SELECT 1, c.id, c.opened_at::date + 20, 'threat', c.owning_organisation_id,
            (SELECT id FROM users WHERE username = 'social.orebro'), c.owning_organisation_id,
            abs(hashtext(c.id::text)) % 7 = 0, '{psychological}'
     FROM cases c WHERE c.number LIKE 'SB-%' AND c.programme = 'TRYGGA_HEM'
       AND abs(hashtext(c.id::text)) % 2 = 0`,
  );
  await db.query('RESET session_replication_role');
  const t = performance.now();
  await db.query('VACUUM ANALYZE');
  log(
    `  ${'VACUUM ANALYZE'.padEnd(40)} ${' '.repeat(13)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`,
  );
}

async function main() {
  if (!existsSync('dist/apps/api/main.js')) {
    log('statistics benchmark: dist/apps/api/main.js is missing (npx nx build api): skipped');
    return;
  }
  if (spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status !== 0) {
    log('statistics benchmark: PostgreSQL not reachable on 127.0.0.1:5432: skipped');
    return;
  }
  const admin = new pg.Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  const db = new pg.Client({ connectionString: `${PG}/${DB}` });
  let api;
  try {
    log(
      `\nGET /api/v1/statistics/indicators (a county, three years) on ${CASES} generated cases, as ${USER}`,
    );
    api = await startApi();
    await db.connect();
    await generate(db);
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USER, password: 'samsyn-demo' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const today = new Date().toISOString().slice(0, 10);
    const from = `${Number(today.slice(0, 4)) - 3}${today.slice(4)}`;
    for (const period of ['month', 'quarter']) {
      const url = `${api.url}/api/v1/statistics/indicators?from=${from}&to=${today}&period=${period}`;
      const timings = [];
      for (let i = 0; i <= ROUNDS; i++) {
        const t = performance.now();
        const res = await fetch(url, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`indicators answered ${res.status}`);
        if (i > 0) timings.push(performance.now() - t); // the first warms caches and JIT
      }
      timings.sort((a, b) => a - b);
      log(
        `  by ${period.padEnd(8)} ${from} – ${today}: median ${timings[Math.floor(timings.length / 2)].toFixed(0)} ms, ` +
          `slowest ${timings[timings.length - 1].toFixed(0)} ms (${ROUNDS} requests after one warm-up)`,
      );
    }
  } finally {
    await api?.stop();
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  log(`statistics benchmark failed: ${error.message}`);
});
