import { MIGRATION_LOCK } from '@samsyn/server';
import {
  type RunningProcess,
  startApi,
  startProcess,
  tempDir,
  type RunningApi,
} from '@samsyn/testing';
import { Client } from 'pg';
import { sql } from './support/db';
import { databaseUrl, PG_ADMIN_URL, REDIS_URL } from './support/env';
import { waitFor } from './support/wait';

/** Advisory locks on MIGRATION_LOCK that sessions of `database` wait for. */
async function waiters(admin: Client, database: string): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
     WHERE l.locktype = 'advisory' AND l.objid::bigint = $1 AND NOT l.granted AND d.datname = $2`,
    [MIGRATION_LOCK, database],
  );
  return rows[0].n;
}

/**
 * Issue 18: N processes starting together on an empty database migrate it once. To make them
 * meet for certain, the test holds the migration lock itself while two APIs and a worker start,
 * until all three wait for it; then it lets go.
 */
describe('migrations under an advisory lock', () => {
  const run = Date.now().toString(36);
  const database = `samsyn_miglock_${run}`;
  const url = databaseUrl(database);
  const running: RunningProcess[] = [];
  let admin: Client;
  let holder: Client;

  beforeAll(async () => {
    admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    holder = new Client({ connectionString: url });
    await holder.connect();
  });

  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    await holder?.end().catch(() => undefined);
    await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin?.end();
  }, 60_000);

  it('two APIs and a worker started at once on an empty database: all come up, each migration ran once', async () => {
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const env = (name: string) => ({
      DATABASE_URL: url,
      REDIS_URL,
      QUEUE_PREFIX: `samsyn-miglock-${run}`,
      DATA_DIR: tempDir(`samsyn-miglock-${name}-`),
    });
    const starting: Promise<RunningProcess>[] = [
      startApi(env('a')),
      startApi(env('b')),
      startProcess('worker', env('w'), /Samsyn worker ready/),
    ];
    let results: PromiseSettledResult<RunningProcess>[] = [];
    try {
      await waitFor(
        async () => ((await waiters(admin, database)) === 3 ? true : undefined),
        60_000,
        'two APIs and a worker waiting for the migration lock',
      );
      // Nothing has been migrated while the lock was held.
      const [{ present }] = (
        await holder.query<{ present: boolean }>(
          `SELECT to_regclass('migrations') IS NOT NULL AS present`,
        )
      ).rows;
      expect(present).toBe(false);
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      results = await Promise.allSettled(starting);
      for (const r of results) if (r.status === 'fulfilled') running.push(r.value);
    }
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'up'))).toEqual([
      'up',
      'up',
      'up',
    ]);

    const [a, b] = running as RunningApi[];
    for (const api of [a, b]) {
      expect(api.output()).toContain('Another process is migrating the database: waiting for it');
      const health = await fetch(`${api.url}/api/health`);
      expect(health.status).toBe(200);
    }

    const { rows } = await holder.query<{ name: string; n: number }>(
      'SELECT name, count(*)::int AS n FROM migrations GROUP BY name ORDER BY name',
    );
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    // The same migrations as the suite's database, which one API migrated alone.
    const expected = await sql<{ name: string }>('SELECT name FROM migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(expected.map((r) => r.name));
  }, 240_000);
});
