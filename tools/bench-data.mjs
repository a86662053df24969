// Shared by the benchmarks that need a large PostgreSQL database (tools/bench-caseload.mjs,
// tools/bench-statistics.mjs): starting the built API on a database of their own, signing in,
// and the generator of the organisations' units, persons and cases both fill their database with.
// Each benchmark adds the records only it needs on top (team members and consents for the
// caseload; SIP and Trygga hem records for the statistics).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
/** The built API measured; another build (say, of the previous commit) to compare before and after. */
const API_MAIN = process.env.BENCH_API_MAIN ?? 'dist/apps/api/main.js';

export function log(line = '') {
  process.stdout.write(`${line}\n`);
}

/** Why a benchmark cannot run here (no built API, no PostgreSQL), or null. */
export function unavailable() {
  if (!existsSync(API_MAIN)) return `${API_MAIN} is missing (npx nx build api)`;
  if (spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status !== 0)
    return 'PostgreSQL not reachable on 127.0.0.1:5432';
  return null;
}

/**
 * The built API in demo mode on `db` (it migrates an empty database and seeds the demo); `main`
 * runs another build (tools/compare-statistics.mjs runs two).
 */
export function startApi(db, extraEnv = {}, main = API_MAIN) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        DEMO_MODE: 'true',
        LOG_LEVEL: 'warn',
        LOGIN_RATE_LIMIT: '10000',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'samsyn-bench-')),
        CLIENT_DIST_DIR: '/nonexistent',
        DATABASE_URL: `${PG}/${db}`,
        ...extraEnv,
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
          pid: child.pid,
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

/** Signs a demo user in; the session cookie. */
export async function signIn(url, username) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'samsyn-demo' }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} answered ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Signs a demo user in; the headers to send with GET and with a state-changing request. */
export async function signInHeaders(url, username) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'samsyn-demo' }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} answered ${res.status}`);
  const pairs = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = pairs.find((p) => p.startsWith('samsyn_csrf='))?.split('=')[1];
  const cookie = pairs.join('; ');
  return {
    get: { cookie },
    write: {
      cookie,
      'content-type': 'application/json',
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
  };
}

/** Runs one generating statement and prints what it did and how long it took. */
export function stepper(db) {
  return async (what, sql, params = []) => {
    const t = performance.now();
    const res = await db.query(sql, params);
    log(
      `  ${what.padEnd(46)} ${String(res.rowCount ?? '').padStart(8)} rows ${((performance.now() - t) / 1000).toFixed(1).padStart(5)} s`,
    );
    return res;
  };
}

/**
 * Fills a migrated, demo-seeded database with `cases` cases, each its own subject person
 * (`personsPerCase` persons per case in all: the rest are for other participants). Every step is
 * one `INSERT … SELECT generate_series`, with the row triggers off (session_replication_role =
 * replica): the caller computes whatever the triggers would have kept (the precomputed case
 * scope) in one set-based pass afterwards, and turns the triggers back on.
 *
 * - 30 % of the cases are Örebro kommun's (its 21 units), 20 % the region's (23 units, SIP
 *   only), 50 % the other eleven municipalities' (231 units); Trygga hem on a third of the
 *   municipalities' cases, SIP on the rest.
 * - Opened over three years (one day to the next), 55 % closed 30–229 days after opening (never
 *   after now).
 * - Numbered as the API numbers them (`SIP-2025-000123`, per programme prefix and year opened,
 *   after the demo's numbers, with the counters moved on), so numbers stay unique and
 *   well-formed at any count: a sequence above 999 999 gets a seventh digit, as
 *   `formatCaseNumber` does.
 *
 * Arithmetic on the series runs in bigint: `g * 7919` overflows int above 271 000 cases.
 * Leaves the temporary table `bench_cases (id, programme, k)` (k: 1…cases in the order of the random ids, so that k % n is independent of the programme)
 * for the caller's own records.
 */
export async function generateCases(db, cases, { personsPerCase = 1 } = {}) {
  const step = stepper(db);
  await db.query('SET session_replication_role = replica');
  // Municipalities and the region have many units in real life; the demo has one or three.
  await step(
    'units (20 more per municipality and region)',
    `INSERT INTO units (version, organisation_id, name, kind)
     SELECT 1, o.id, 'Benchenhet ' || g, 'social_services'
     FROM organisations o, generate_series(1, 20) g WHERE o.type IN ('municipality', 'region')`,
  );
  await db.query(`
    CREATE TEMP TABLE owners AS
    SELECT u.id AS unit_id, o.id AS org_id, o.type::text AS type, o.municipality_code,
           row_number() OVER (PARTITION BY CASE WHEN o.name = 'Örebro kommun' THEN 'o'
                                                 WHEN o.type = 'region' THEN 'r' ELSE 'm' END
                              ORDER BY o.name, u.name) - 1 AS i,
           CASE WHEN o.name = 'Örebro kommun' THEN 'o' WHEN o.type = 'region' THEN 'r' ELSE 'm' END AS grp
    FROM units u JOIN organisations o ON o.id = u.organisation_id
    WHERE o.type IN ('municipality', 'region')`);
  await step(
    'persons (subjects and other participants)',
    `INSERT INTO persons (version, personal_number_kind, personal_number, first_name, last_name,
                          birth_date, address, city, phone, protected_level)
     SELECT 1, 'reserve', 'B' || lpad(g::text, 11, '0'), 'Förnamn' || g, 'Efternamn' || g,
            date '1950-01-01' + (g % 20000)::int, 'Gatan ' || g, 'Örebro', '070-' || lpad(g::text, 7, '0'),
            (CASE WHEN g % 40 = 0 THEN 'skyddad_folkbokforing' WHEN g % 97 = 0
                  THEN 'sekretessmarkering' ELSE 'none' END)::protected_identity_level
     FROM generate_series(1, ceil($1::bigint * $2::numeric)::bigint) g`,
    [cases, personsPerCase],
  );
  // The persons' ids in series order, so that each case finds its subject by position.
  await db.query(`
    CREATE TEMP TABLE bench_persons AS
    SELECT substr(personal_number, 2)::bigint AS k, id FROM persons WHERE personal_number LIKE 'B%'`);
  await db.query('CREATE INDEX ON bench_persons (k)');
  await db.query('ANALYZE bench_persons');
  await db.query('CREATE TEMP TABLE bench_cases (id uuid PRIMARY KEY, programme text, k bigint)');
  await step(
    'cases',
    `WITH counts AS (SELECT grp, count(*) AS n FROM owners GROUP BY grp),
     pick AS (
       SELECT g, CASE WHEN g % 10 < 3 THEN 'o' WHEN g % 10 < 5 THEN 'r' ELSE 'm' END AS grp,
              now() - (g % 1095) * interval '1 day' AS opened_at
       FROM generate_series(1, $1::bigint) g),
     placed AS (
       SELECT p.g, p.opened_at, o.unit_id, o.org_id, o.municipality_code,
              CASE WHEN o.type = 'municipality' AND p.g % 3 = 0 THEN 'TRYGGA_HEM' ELSE 'SIP' END AS programme,
              (p.g * 7919) % 100 AS r
       FROM pick p JOIN counts c ON c.grp = p.grp
       JOIN owners o ON o.grp = p.grp AND o.i = (p.g / 10) % c.n),
     numbered AS (
       SELECT pl.*, x.prefix, x.year,
              coalesce(base.last_value, 0)
                + row_number() OVER (PARTITION BY x.prefix, x.year ORDER BY pl.g) AS seq
       FROM placed pl
       CROSS JOIN LATERAL (
         SELECT CASE pl.programme WHEN 'SIP' THEN 'SIP' ELSE 'TH' END AS prefix,
                extract(year FROM pl.opened_at AT TIME ZONE 'Europe/Stockholm')::int AS year) x
       LEFT JOIN case_number_counters base ON base.prefix = x.prefix AND base.year = x.year),
     inserted AS (
       INSERT INTO cases (version, number, programme, status, closed, municipality_code,
                          owning_organisation_id, owning_unit_id, handler_id, subject_person_id,
                          opened_at, closed_at, updated_at, follow_up_at)
       SELECT 1,
              n.prefix || '-' || n.year || '-' || lpad(n.seq::text, greatest(6, length(n.seq::text)), '0'),
              n.programme,
              CASE WHEN n.r < 55 THEN 'closed'
                   WHEN n.programme = 'SIP' THEN (ARRAY['need_identified','preparation','summoned','planned','follow_up'])[1 + n.r % 5]
                   ELSE (ARRAY['referred','assessment','active','follow_up'])[1 + n.r % 4] END,
              n.r < 55,
              coalesce(n.municipality_code, (ARRAY['1880','1883','1881','1882','1861','1885'])[1 + n.g % 6]),
              n.org_id, n.unit_id, NULL, bp.id,
              n.opened_at,
              CASE WHEN n.r < 55 THEN least(now(), n.opened_at + (30 + n.g % 200) * interval '1 day') END,
              n.opened_at + (n.g % 3600) * interval '1 second',
              n.opened_at::date + 30
       FROM numbered n JOIN bench_persons bp ON bp.k = n.g
       RETURNING id, programme)
     INSERT INTO bench_cases (id, programme, k)
     SELECT id, programme, row_number() OVER (ORDER BY id) FROM inserted`,
    [cases],
  );
  // The API's next numbers follow the generated ones.
  await db.query(`
    INSERT INTO case_number_counters (prefix, year, last_value)
    SELECT split_part(number, '-', 1), split_part(number, '-', 2)::int,
           max(split_part(number, '-', 3)::int)
    FROM cases GROUP BY 1, 2
    ON CONFLICT (prefix, year) DO UPDATE
      SET last_value = greatest(case_number_counters.last_value, excluded.last_value)`);
  await db.query('ANALYZE bench_cases');
  await db.query('SET session_replication_role = DEFAULT');
}

/** Creates a database of its own for a benchmark (dropping a leftover of the same name). */
export async function createDatabase(admin, name) {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
}

/** Runs `work` with a connection to the server's `postgres` database (to create or drop one). */
export async function withAdmin(work) {
  const admin = new pg.Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
