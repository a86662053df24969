#!/usr/bin/env node
// Part of `npm run bench` (called by tools/bench.mjs; runs on its own too). Only reports, never fails.
//
// The audit log at scale (issue 18 §2, D19): in a PostgreSQL database of its own, migrated and
// demo-seeded by the built API, BENCH_AUDIT_ROWS events (default 20 000 000) are appended to the
// chain after the demo's own, spread over five years up to an hour ago (so over ~60 monthly
// partitions), hashed as the API hashes them (`auditHash`, imported from libs/server's source)
// and streamed in COPY batches of BENCH_AUDIT_BATCH rows through psql. The insert trigger keeps
// the chain head and the person index (`audit_event_persons`) as it does for the API's appends.
// Events: 60 % by Örebro kommun's users (the auditor's organisation), the rest by the other
// organisations; 70 % name one person, 20 % a list of five, 10 % nobody; one person is named
// in 100 000 of them (the heavy loggutdrag) and each of ten typical persons in ~50.
// Reports the generation time, the disk of the log and of its person index, the time of
// `main.js audit:verify` over the whole chain, and the loggutdrag (GET /api/v1/audit/extract as
// granskare.orebro) p50/p95 for the heavy person (first page, last page) and the typical ones.
// See docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { AUDIT_GENESIS_HASH, auditHash } from '../libs/server/src/lib/audit/audit-hash.ts';
import {
  PG,
  createDatabase,
  log,
  signIn,
  startApi,
  unavailable,
  withAdmin,
} from './bench-data.mjs';

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 20_000_000);
const BATCH = Number(process.env.BENCH_AUDIT_BATCH ?? 50_000);
const HEAVY_EVENTS = Math.min(100_000, Math.floor(ROWS / 2));
const TYPICAL_PERSONS = 10;
const TYPICAL_EVENTS = 50;
const SAMPLES = Number(process.env.BENCH_AUDIT_SAMPLES ?? 20);
const DB = `samsyn_bench_audit_${process.pid}`;
const AUDITOR = 'granskare.orebro';
const YEARS = 5;
const TARGET_MS = 1000;

const COLUMNS = `occurred_at, user_id, organisation_id, unit_id, roles, action, outcome, case_ids,
  person_ids, categories, consent_ids, disclosure_ids, basis, relation, emergency, request_id,
  target_kind, target_id, prev_hash, hash`;

/** The check digit of the nine digits YYMMDDNNN (Luhn). */
function luhn(nine) {
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    const p = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += p > 9 ? p - 9 : p;
  }
  return (10 - (sum % 10)) % 10;
}

/** A personnummer as `persons` stores it (12 digits) for a birth date and serial. */
function personnummer(ymd, serial) {
  const nnn = String(serial).padStart(3, '0');
  return `${ymd}${nnn}${luhn(`${ymd.slice(2)}${nnn}`)}`;
}

/** A small deterministic generator: the same run of events for the same seed. */
function xorshift(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const pgArray = (values) => `{${values.join(',')}}`;
const copyText = (v) => (v === null ? '\\N' : String(v));

/** One psql session reading COPY batches from its stdin (no COPY client library needed). */
function psqlCopy(db) {
  const url = new URL(`${PG}/${db}`);
  const child = spawn(
    'psql',
    [
      '-h',
      url.hostname,
      '-p',
      url.port || '5432',
      '-U',
      url.username || 'postgres',
      '-d',
      db,
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
    ],
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  const done = new Promise((ok, fail) =>
    child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`psql exited ${code}`)))),
  );
  return {
    async write(chunk) {
      if (!child.stdin.write(chunk)) await new Promise((r) => child.stdin.once('drain', r));
    },
    async end() {
      child.stdin.end();
      await done;
    },
  };
}

async function generate(db) {
  const t0 = performance.now();
  const orgs = (await db.query(`SELECT id::text AS id, name FROM organisations ORDER BY name`))
    .rows;
  const orebro = orgs.find((o) => o.name === 'Örebro kommun');
  const others = orgs.filter((o) => o !== orebro);
  const orebroUsers = (
    await db.query(
      `SELECT id::text AS id, unit_id::text AS unit_id, roles::text[] AS roles FROM users
       WHERE organisation_id = $1 AND NOT ('auditor' = ANY (roles::text[])) ORDER BY username`,
      [orebro.id],
    )
  ).rows;
  // Persons the loggutdrag looks up: the heavy one and the typical ones, with valid numbers.
  const heavyPnr = personnummer('19400101', 901);
  const typicalPnrs = Array.from({ length: TYPICAL_PERSONS }, (_, i) =>
    personnummer('19400102', 901 + i),
  );
  const inserted = await db.query(
    `INSERT INTO persons (version, personal_number_kind, personal_number, first_name, last_name,
                          birth_date, protected_level)
     SELECT 1, 'personnummer', pnr, 'Bench', 'Person', date '1940-01-01', 'none'
     FROM unnest($1::text[]) pnr RETURNING id::text AS id, personal_number`,
    [[heavyPnr, ...typicalPnrs]],
  );
  const idOf = new Map(inserted.rows.map((r) => [r.personal_number, r.id]));
  const heavy = idOf.get(heavyPnr);
  const typical = typicalPnrs.map((p) => idOf.get(p));
  // Everyone else: ids only (the log names persons by id and has no foreign keys).
  const pool = Array.from({ length: 200_000 }, () => randomUUID());
  const userPool = Array.from({ length: 2_000 }, () => randomUUID());
  const unitPool = Array.from({ length: 200 }, () => randomUUID());
  const casePool = Array.from({ length: 300_000 }, () => randomUUID());

  const [{ head }] = (await db.query('SELECT hash AS head FROM audit_chain_head')).rows;
  const end = Date.now() - 3_600_000;
  const start = end - YEARS * 365.25 * 86_400_000;
  const step = (end - start) / ROWS;
  // Partitions for every month of the range first (the append function would make them too).
  await db.query(
    `SELECT count(*) FROM generate_series($1::timestamptz, $2::timestamptz, interval '1 month') m,
       LATERAL samsyn_audit_ensure_partition(m)`,
    [new Date(start).toISOString(), new Date(end).toISOString()],
  );
  await db.query(`SELECT samsyn_audit_ensure_partition($1::timestamptz)`, [
    new Date(end).toISOString(),
  ]);

  const heavyEvery = Math.floor(ROWS / HEAVY_EVENTS);
  const typicalEvery = Math.floor(ROWS / TYPICAL_EVENTS);
  const rnd = xorshift(18);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const copy = psqlCopy(DB);
  let prev = head ?? AUDIT_GENESIS_HASH;
  let lines = [];
  let lastLog = performance.now();
  for (let i = 0; i < ROWS; i++) {
    const inOrebro = rnd() < 0.6;
    const organisationId = inOrebro ? orebro.id : pick(others).id;
    const user = inOrebro && rnd() < 0.5 ? pick(orebroUsers) : null;
    const kind = rnd();
    let personIds;
    let action;
    if (kind < 0.7) {
      personIds = [pick(pool)];
      action = rnd() < 0.7 ? 'case.read' : 'journal.list';
    } else if (kind < 0.9) {
      personIds = [pick(pool), pick(pool), pick(pool), pick(pool), pick(pool)];
      action = 'case.list';
    } else {
      personIds = [];
      action = 'auth.login';
    }
    // The heavy person and the typical ones come first in the event's persons; their events
    // are the auditor's organisation's, so every one is in the extract.
    const named = [];
    if (i % heavyEvery === 0 && i / heavyEvery < HEAVY_EVENTS) named.push(heavy);
    const t = i % typicalEvery;
    if (t >= 1 && t <= TYPICAL_PERSONS && Math.floor(i / typicalEvery) < TYPICAL_EVENTS)
      named.push(typical[t - 1]);
    if (named.length) {
      personIds = [...named, ...personIds.slice(named.length)];
      if (action === 'auth.login') action = 'case.read';
    }
    const hasHeavyOrTypical = named.length > 0;
    const content = {
      occurredAt: new Date(Math.round(start + i * step)),
      userId: user ? user.id : pick(userPool),
      organisationId: hasHeavyOrTypical ? orebro.id : organisationId,
      unitId: user ? user.unit_id : pick(unitPool),
      roles: user ? user.roles : ['social_worker'],
      action,
      outcome: 'allowed',
      caseIds: personIds.length ? personIds.map(() => pick(casePool)) : [],
      personIds,
      categories: personIds.length ? ['identity', 'social'] : [],
      consentIds: [],
      disclosureIds: [],
      basis: personIds.length ? 'owner' : null,
      relation: personIds.length ? 'handler' : null,
      emergency: false,
      requestId: `bench-${i}`,
    };
    const hash = auditHash(prev, content);
    lines.push(
      [
        content.occurredAt.toISOString(),
        content.userId,
        content.organisationId,
        content.unitId,
        pgArray(content.roles),
        content.action,
        content.outcome,
        pgArray(content.caseIds),
        pgArray(content.personIds),
        pgArray(content.categories),
        '{}',
        '{}',
        content.basis,
        content.relation,
        'f',
        content.requestId,
        null,
        null,
        prev,
        hash,
      ]
        .map(copyText)
        .join('\t'),
    );
    prev = hash;
    if (lines.length === BATCH || i === ROWS - 1) {
      await copy.write(`COPY audit_events (${COLUMNS}) FROM STDIN;\n${lines.join('\n')}\n\\.\n`);
      lines = [];
      if (performance.now() - lastLog > 30_000) {
        lastLog = performance.now();
        log(
          `  … ${(i + 1).toLocaleString('en')} events hashed and sent, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
        );
      }
    }
  }
  await copy.end();
  const generated = (performance.now() - t0) / 1000;
  log(`  generated and copied ${ROWS.toLocaleString('en')} events in ${generated.toFixed(0)} s`);
  const tv = performance.now();
  await db.query('VACUUM ANALYZE audit_events');
  await db.query('VACUUM ANALYZE audit_event_persons');
  const vacuum = (performance.now() - tv) / 1000;
  log(`  VACUUM ANALYZE (visibility map for index-only scans) ${vacuum.toFixed(0)} s`);
  return { generated, vacuum, heavyPnr, typicalPnrs, lastHash: prev };
}

async function size(db, parent) {
  const [{ bytes, rows }] = (
    await db.query(
      `SELECT coalesce(sum(pg_total_relation_size(i.inhrelid)), 0)::bigint AS bytes,
              coalesce(sum(c.reltuples), 0)::bigint AS rows
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass`,
      [parent],
    )
  ).rows;
  return { gb: Number(bytes) / 1e9, rows: Number(rows) };
}

function runVerify() {
  return new Promise((ok, fail) => {
    const t = performance.now();
    const child = spawn(
      process.execPath,
      [process.env.BENCH_API_MAIN ?? 'dist/apps/api/main.js', 'audit:verify'],
      {
        env: { PATH: process.env.PATH, DATABASE_URL: `${PG}/${DB}`, NODE_ENV: 'test' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) =>
      code === 2
        ? fail(new Error('audit:verify could not run'))
        : ok({ seconds: (performance.now() - t) / 1000, result: JSON.parse(out) }),
    );
  });
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function timeExtract(url, cookie, pnr, extra = '') {
  const times = [];
  let body;
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    const res = await fetch(`${url}/api/v1/audit/extract?personalNumber=${pnr}${extra}`, {
      headers: { cookie },
    });
    body = await res.json();
    times.push(performance.now() - t);
    if (res.status !== 200)
      throw new Error(`extract answered ${res.status}: ${JSON.stringify(body)}`);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 0.5), p95: pct(times, 0.95), body };
}

async function main() {
  const why = unavailable();
  if (why) {
    log(`bench-audit: skipped, ${why}`);
    return;
  }
  log(
    `Audit log at scale: ${ROWS.toLocaleString('en')} events over ${YEARS} years (database ${DB})`,
  );
  await withAdmin((admin) => createDatabase(admin, DB));
  let api;
  const db = new pg.Client({ connectionString: `${PG}/${DB}` });
  try {
    api = await startApi(DB);
    await api.stop();
    api = undefined;
    await db.connect();
    const gen = await generate(db);
    const events = await size(db, 'audit_events');
    const persons = await size(db, 'audit_event_persons');
    const [{ n: partitions }] = (
      await db.query(
        `SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'audit_events'::regclass`,
      )
    ).rows;
    log(
      `  disk: audit_events ${events.gb.toFixed(2)} GB (${partitions} partitions), audit_event_persons ${persons.gb.toFixed(2)} GB (${persons.rows.toLocaleString('en')} rows), with their indexes`,
    );
    const verify = await runVerify();
    log(
      `  audit:verify ${verify.result.ok ? 'intact' : 'BROKEN'}: ${verify.result.checked.toLocaleString('en')} events in ${verify.seconds.toFixed(0)} s (${(verify.result.checked / verify.seconds).toFixed(0)} events/s)`,
    );
    if (verify.result.lastHash !== gen.lastHash)
      log('  the head verified is not the one generated');

    api = await startApi(DB);
    const cookie = await signIn(api.url, AUDITOR);
    const first = await timeExtract(api.url, cookie, gen.heavyPnr);
    const total = first.body.total;
    const lastPage = Math.ceil(total / first.body.pageSize);
    const last = await timeExtract(api.url, cookie, gen.heavyPnr, `&page=${lastPage}`);
    const typical = [];
    for (const pnr of gen.typicalPnrs.slice(0, 5))
      typical.push(await timeExtract(api.url, cookie, pnr));
    const typicalP50 = typical.map((t) => t.p50).sort((a, b) => a - b);
    const typicalP95 = typical.map((t) => t.p95).sort((a, b) => a - b);
    const line = (label, r, note) =>
      log(
        `  ${label.padEnd(40)} p50 ${r.p50.toFixed(0).padStart(5)} ms  p95 ${r.p95.toFixed(0).padStart(5)} ms  ${note} ${r.p95 <= TARGET_MS ? '(target ≤ 1 s met)' : '(OVER the 1 s target)'}`,
      );
    line(
      'loggutdrag, heavy person, first page',
      first,
      `${total.toLocaleString('en')} events, ${first.body.summary.length} users in the summary, ${first.body.rows.length} rows`,
    );
    line(`loggutdrag, heavy person, page ${lastPage}`, last, `${last.body.rows.length} rows`);
    line(
      'loggutdrag, typical persons (5)',
      { p50: typicalP50[2], p95: typicalP95[4] },
      `${typical.map((t) => t.body.total).join('/')} events`,
    );
    const [l1, l5, l15] = loadavg();
    log(`  load average ${l1.toFixed(2)} ${l5.toFixed(2)} ${l15.toFixed(2)}`);
  } catch (err) {
    log(`bench-audit failed: ${err instanceof Error ? err.stack : String(err)}`);
  } finally {
    await api?.stop();
    await db.end().catch(() => {});
    if (!process.env.BENCH_AUDIT_KEEP)
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)).catch(
        () => {},
      );
  }
}

await main();
process.exit(0);
