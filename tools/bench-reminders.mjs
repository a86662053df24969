#!/usr/bin/env node
// Reminder benchmark (issue 5): BENCH_REMINDERS (100 000) reminders falling due within
// BENCH_WINDOW_SECONDS (60) are delivered by the built worker; it reports the time until all are
// delivered and the lateness (p50/p99/max), beside the throughput of bare BullMQ jobs (a no-op
// processor) on the same Redis in the same run. Reports only; it never fails a test run.
//
// Needs `npx nx build api worker`, PostgreSQL on 127.0.0.1:5432 and Redis. It uses its own
// database (dropped afterwards) and only keys under its own queue prefix in Redis
// (BENCH_REDIS_URL, default logical database 7), which it deletes afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

const N = Number(process.env.BENCH_REMINDERS ?? 100_000);
const WINDOW_S = Number(process.env.BENCH_WINDOW_SECONDS ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const POOL = Number(process.env.BENCH_DB_POOL ?? 20);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/7';
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const GOAL_S = 30;
const run = `${Date.now().toString(36)}${process.pid}`;
const PREFIX = `samsyn-bench-${run}`;
const DB = `samsyn_bench_rem_${run}`;
const DB_URL = `${PG_URL}/${DB}`;

const log = (...args) => console.log(...args);
const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;

function start(app, env, ready) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [`dist/apps/${app}/main.js`], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d) => {
      out += d;
      if (ready.test(out)) ok({ child, stop: () => stopChild(child) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${app} exited (${code}):\n${out.slice(-2000)}`)));
  });
}

function stopChild(child) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function deletePrefix(redis) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

/** Bare BullMQ: N jobs through a no-op processor with the same concurrency. */
async function bareBullmq() {
  const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
  const queue = new Queue('bench-bare', { connection, prefix: PREFIX });
  for (let i = 0; i < N; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, N - i) }, (_, k) => ({
        name: 'noop',
        data: { i: i + k },
        opts: { jobId: `bare-${i + k}`, removeOnComplete: true, removeOnFail: true },
      })),
    );
  }
  let done = 0;
  let first = 0;
  const finished = new Promise((resolve) => {
    const worker = new Worker(
      'bench-bare',
      async () => {
        if (!first) first = performance.now();
        if (++done === N) resolve(worker);
      },
      { connection, prefix: PREFIX, concurrency: CONCURRENCY },
    );
  });
  const worker = await finished;
  const ms = performance.now() - first;
  await worker.close();
  await queue.close();
  return { ms, perSecond: N / (ms / 1000) };
}

async function main() {
  const admin = new pg.Client({ connectionString: `${PG_URL}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${DB}"`);
  await admin.end();
  const redis = new Redis(REDIS_URL);
  let worker;
  try {
    // The API migrates the database and seeds the demo users; the worker needs nothing else.
    const api = await start(
      'api',
      {
        DATABASE_URL: DB_URL,
        DEMO_MODE: 'true',
        PORT: '0',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'samsyn-bench-')),
        CLIENT_DIST_DIR: '',
      },
      /listening on/,
    );
    await api.stop();

    log(`Bare BullMQ: ${N} jobs, no-op processor, concurrency ${CONCURRENCY}`);
    const bare = await bareBullmq();
    log(`  ${fmt(bare.ms)}  ${bare.perSecond.toFixed(0)} jobs/s`);

    const db = new pg.Pool({ connectionString: DB_URL, max: 4 });
    // Demo mode also opens demo cases, whose reminders are not part of the measurement.
    await db.query(`UPDATE reminders SET status = 'cancelled' WHERE status = 'pending'`);
    const { rows: users } = await db.query(`SELECT id FROM users WHERE active ORDER BY username`);
    worker = await start(
      'worker',
      {
        DATABASE_URL: DB_URL,
        REDIS_URL,
        QUEUE_PREFIX: PREFIX,
        DB_POOL_SIZE: String(POOL),
        REMINDER_WORKER_CONCURRENCY: String(CONCURRENCY),
      },
      /Samsyn worker ready/,
    );

    // The reminders: written to PostgreSQL as features do, then queued as the API does (delayed
    // jobs, job id = reminder id). They fall due evenly over the window, from `lead` ms on.
    const lead = 20_000;
    const t0 = Date.now() + lead;
    log(
      `Reminders: ${N} falling due within ${WINDOW_S} s (from ${lead / 1000} s on), ` +
        `worker concurrency ${CONCURRENCY}, database pool ${POOL}`,
    );
    const { rows } = await db.query(
      `INSERT INTO reminders (version, kind, due_at, status, recipient_user_id, attempts)
       SELECT 1, 'system_test', to_timestamp(($1::bigint + (g * $2::bigint) / $3::bigint) / 1000.0),
              'pending', ($4::uuid[])[(1 + g % $5)::int], 0
       FROM generate_series(0, $3::bigint - 1) g
       RETURNING id, due_at`,
      [t0, WINDOW_S * 1000, N, users.map((u) => u.id), users.length],
    );
    const queue = new Queue('reminders', {
      connection: { url: REDIS_URL },
      prefix: PREFIX,
    });
    for (let i = 0; i < rows.length; i += 1000) {
      const now = Date.now();
      await queue.addBulk(
        rows.slice(i, i + 1000).map((r) => ({
          name: 'deliver',
          data: { reminderId: r.id },
          opts: {
            jobId: r.id,
            delay: Math.max(0, r.due_at.getTime() - now),
            attempts: 3,
            backoff: { type: 'exponential', delay: 5_000 },
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      );
    }
    log(`  written and queued ${fmt(Date.now() - (t0 - lead))} after start`);
    await queue.close();

    const windowEnd = t0 + WINDOW_S * 1000;
    const deadline = windowEnd + 180_000;
    let delivered = 0;
    while (Date.now() < deadline) {
      const { rows: c } = await db.query(
        `SELECT count(*)::int AS n FROM reminders WHERE status = 'delivered' AND kind = 'system_test'`,
      );
      delivered = c[0].n;
      if (delivered >= N) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const { rows: stats } = await db.query(
      `SELECT
         count(*)::int AS n,
         extract(epoch FROM max(delivered_at)) * 1000 AS last_ms,
         extract(epoch FROM min(delivered_at)) * 1000 AS first_ms,
         1000 * extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY delivered_at - due_at)) AS p50,
         1000 * extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY delivered_at - due_at)) AS p99,
         1000 * extract(epoch FROM max(delivered_at - due_at)) AS max
       FROM reminders WHERE status = 'delivered' AND kind = 'system_test'`,
    );
    const s = stats[0];
    const [{ dup }] = (
      await db.query(
        `SELECT count(*)::int AS dup FROM (SELECT reminder_id FROM notifications
         GROUP BY reminder_id HAVING count(*) > 1) d`,
      )
    ).rows;
    const all = s.n >= N;
    log(`  delivered ${s.n} of ${N}${all ? '' : ' (timed out)'}; duplicates: ${dup}`);
    log(
      `  all delivered ${fmt(Number(s.last_ms) - t0)} after the first fell due, ` +
        `${fmt(Number(s.last_ms) - windowEnd)} after the last`,
    );
    log(
      `  lateness p50 ${Number(s.p50).toFixed(0)} ms, p99 ${Number(s.p99).toFixed(0)} ms, ` +
        `max ${Number(s.max).toFixed(0)} ms`,
    );
    const busy = (Number(s.last_ms) - Number(s.first_ms)) / 1000;
    log(
      `  throughput while due: ${(s.n / busy).toFixed(0)} reminders/s ` +
        `(arrival rate ${(N / WINDOW_S).toFixed(0)}/s; equal when delivery keeps up)`,
    );
    log(
      `Goal (all delivered within ${GOAL_S} s of falling due): ` +
        `${all && Number(s.max) <= GOAL_S * 1000 ? 'met' : 'NOT met'}`,
    );
    log(`Reminder delivery / bare BullMQ throughput: ${(s.n / busy / bare.perSecond).toFixed(2)}x`);
    await db.end();
  } finally {
    await worker?.stop();
    await deletePrefix(redis).catch(() => undefined);
    await redis.quit();
    spawnSync('psql', [
      '-h',
      '127.0.0.1',
      '-U',
      'postgres',
      '-qc',
      `DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`,
    ]);
  }
}

main()
  .catch((err) => {
    console.error(`bench-reminders failed: ${err instanceof Error ? err.message : err}`);
  })
  .finally(() => process.exit(0));
