#!/usr/bin/env node
// Compares the statistics answers of two builds of the API on one database: every request of a
// grid (users × date ranges × periods × filters) must be answered byte for byte alike. Used when
// the statistics queries change (docs/benchmarks.md, statistics): the old build answers, then
// the new one, on the same data.
//
//   node tools/compare-statistics.mjs <database> <old main.js> <new main.js>
//
// The database is one the benchmark kept (BENCH_STATISTICS_KEEP_DB=1, e.g. with
// BENCH_STATISTICS_CASES=30000). The new build runs its migrations on it first; the old one then
// reads the same tables. Exits 1 on the first difference, naming the request.
import pg from 'pg';
import { PG, log, signIn, startApi } from './bench-data.mjs';

const [db, oldMain, newMain] = process.argv.slice(2);
if (!db || !oldMain || !newMain) {
  log('usage: node tools/compare-statistics.mjs <database> <old main.js> <new main.js>');
  process.exit(2);
}
const USERS = ['styrgrupp.lan', 'samordnare.orebro', 'admin.orebro'];

/** The grid's query strings (the municipalities and agreements of the database). */
async function requests() {
  const client = new pg.Client({ connectionString: `${PG}/${db}` });
  await client.connect();
  try {
    const municipalities = (
      await client.query(`SELECT DISTINCT municipality_code AS code FROM cases ORDER BY 1 LIMIT 3`)
    ).rows.map((r) => r.code);
    const agreements = (await client.query(`SELECT id FROM agreements ORDER BY id`)).rows.map(
      (r) => r.id,
    );
    const today = new Date().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const ranges = [
      [`${year - 3}${today.slice(4)}`, today],
      [`${year - 1}-01-01`, `${year - 1}-12-31`],
      [`${year - 2}-03-15`, `${year - 1}-08-20`],
      [`${year}-01-01`, today],
    ];
    const filters = [
      '',
      ...municipalities.map((m) => `&municipalityCode=${m}`),
      '&programme=SIP',
      '&programme=TRYGGA_HEM',
      ...agreements.map((a) => `&agreementId=${a}`),
    ];
    const out = [];
    for (const [from, to] of ranges)
      for (const period of ['month', 'quarter', 'year'])
        for (const f of filters) out.push(`from=${from}&to=${to}&period=${period}${f}`);
    return out;
  } finally {
    await client.end();
  }
}

/** Every request's status and body from the build at `main`. */
async function answers(main, grid) {
  const api = await startApi(db, {}, main);
  try {
    const out = new Map();
    for (const user of USERS) {
      const cookie = await signIn(api.url, user);
      for (const q of grid) {
        const res = await fetch(`${api.url}/api/v1/statistics/indicators?${q}`, {
          headers: { cookie },
        });
        // A problem's request id differs by request; the rest must not.
        const body = (await res.text()).replace(/"requestId":"[^"]*"/, '"requestId":"…"');
        out.set(`${user} ${q}`, `${res.status} ${body}`);
      }
    }
    return out;
  } finally {
    await api.stop();
  }
}

// The new build first: it migrates the database (the old one reads what both have).
const grid = await requests();
const after = await answers(newMain, grid);
const before = await answers(oldMain, grid);
let ok = 0;
for (const [key, answer] of before) {
  if (after.get(key) !== answer) {
    log(
      `DIFFERENT: ${key}\n  old: ${answer.slice(0, 2000)}\n  new: ${after.get(key)?.slice(0, 2000)}`,
    );
    process.exit(1);
  }
  ok++;
}
const statuses = [...before.values()].reduce(
  (m, a) => m.set(a.slice(0, 3), (m.get(a.slice(0, 3)) ?? 0) + 1),
  new Map(),
);
log(
  `${ok} requests answered alike by both builds (statuses: ${[...statuses].map(([s, n]) => `${s} × ${n}`).join(', ')})`,
);
