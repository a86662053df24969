// Small helpers for the benchmarks that drive the built API (dist/apps/api/main.js) on a
// dedicated PostgreSQL database: start it, sign a demo user in, drop the database. No data
// generation here (each benchmark fills its own database).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const DEMO_PASSWORD = 'samsyn-demo';

export function log(line = '') {
  process.stdout.write(`${line}\n`);
}

/**
 * The built API on `database` (it migrates the empty database and seeds the demo on its first
 * start); resolves once it listens, with its url, pid and stop().
 */
export function startApi(database, extraEnv = {}) {
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
        DATABASE_URL: `${PG}/${database}`,
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => fail(new Error('API did not start in 180 s')), 180_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) {
        clearTimeout(timer);
        out = '';
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

/** Signs a demo user in; the headers to send with GET and with a state-changing request. */
export async function signIn(url, username) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
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

/** A fresh database (dropped first if a crashed run left it). */
export async function createDatabase(database) {
  const admin = new pg.Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(database) {
  const admin = new pg.Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
