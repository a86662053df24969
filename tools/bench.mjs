#!/usr/bin/env node
// `npm run bench`: measures the built API and reports; it never fails the test suite.
// Compares an authenticated read (GET /api/v1/me: session lookup + user) on the embedded
// PGlite default with the same on the local PostgreSQL, in one run, and prints the ratio.
// Needs `npx nx build api`; the PostgreSQL case is skipped when none answers on 127.0.0.1:5432.
// Then, with PostgreSQL, tools/bench-caseload.mjs: the caseload list on 120 000 generated cases
// with the access policy and audit on versus off; and tools/bench-reminders.mjs: 100 000
// reminders falling due within a minute through Redis and the worker; and tools/bench-statistics.mjs:
// the statistics page for a county over three years on 1 000 000 cases by month, quarter and year
// (BENCH_STATISTICS_CASES; the generator is shared, tools/bench-data.mjs); and
// tools/bench-gallring.mjs: gallring of 100 000 due cases beside the API's requests; and
// tools/bench-audit.mjs: a hash chain of 20 000 000 audit events over five years of monthly
// partitions, its verification and the loggutdrag of a person in 100 000 of them
// (BENCH_AUDIT_ROWS) (docs/benchmarks.md).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

function startApi(extraEnv) {
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
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) ok({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => fail(new Error(`API exited (${code})`)));
  });
}

async function measure(label, env) {
  const api = await startApi(env);
  try {
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'social.orebro', password: 'samsyn-demo' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const get = () =>
      fetch(`${api.url}/api/v1/me`, { headers: { cookie } }).then((r) => r.arrayBuffer());
    for (let i = 0; i < 50; i++) await get(); // warm-up
    const latencies = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < REQUESTS) {
          const t = performance.now();
          await get();
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const result = {
      label,
      rps: REQUESTS / seconds,
      p50: latencies[Math.floor(latencies.length * 0.5)],
      p95: latencies[Math.floor(latencies.length * 0.95)],
    };
    console.log(
      `${label.padEnd(22)} ${result.rps.toFixed(0).padStart(6)} req/s   p50 ${result.p50.toFixed(1)} ms   p95 ${result.p95.toFixed(1)} ms`,
    );
    return result;
  } finally {
    api.stop();
  }
}

console.log(`GET /api/v1/me, ${REQUESTS} requests, ${CONCURRENCY} concurrent`);
const embedded = await measure('embedded (PGlite)', {});
const pgUp = spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0;
if (pgUp) {
  const db = `samsyn_bench_${process.pid}`;
  spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-qc', `CREATE DATABASE ${db}`]);
  try {
    const pg = await measure('PostgreSQL (pool 10)', {
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${db}`,
    });
    console.log(`ratio PostgreSQL / embedded: ${(pg.rps / embedded.rps).toFixed(2)}x throughput`);
  } finally {
    await new Promise((r) => setTimeout(r, 1000));
    spawnSync('psql', [
      '-h',
      '127.0.0.1',
      '-U',
      'postgres',
      '-qc',
      `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`,
    ]);
  }
  // Their own processes: they report and never fail, whatever happens inside.
  spawnSync(process.execPath, ['tools/bench-caseload.mjs'], { stdio: 'inherit' });
  spawnSync(process.execPath, ['tools/bench-reminders.mjs'], { stdio: 'inherit' });
  spawnSync(process.execPath, ['tools/bench-statistics.mjs'], { stdio: 'inherit' });
  spawnSync(process.execPath, ['tools/bench-gallring.mjs'], { stdio: 'inherit' });
  spawnSync(process.execPath, ['tools/bench-audit.mjs'], { stdio: 'inherit' });
} else {
  console.log('PostgreSQL not reachable on 127.0.0.1:5432: skipped the comparison');
}
process.exit(0);
