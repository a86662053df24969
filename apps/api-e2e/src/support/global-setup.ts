import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrl, PG_ADMIN_URL, REDIS_URL } from './env';
import { startApi, tempDir } from '@samsyn/testing';

declare global {
  var __E2E__: { stop: () => Promise<void>; database: string } | undefined;
}

/**
 * A fresh database per run on the real PostgreSQL; the built API migrates it and seeds the demo
 * organisations and users, then serves every test file. Redis is real too, with a key prefix
 * of this run so that concurrent runs do not meet.
 */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}_${process.pid}`;
  const database = `samsyn_e2e_${run}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();

  const queuePrefix = `samsyn-e2e-${run}`;
  const env = {
    DATABASE_URL: databaseUrl(database),
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    DEMO_MODE: 'true',
    LOGIN_RATE_LIMIT: '1000',
    LOGIN_MAX_FAILURES: '3',
    REMINDER_POLL_SECONDS: '1',
    DATA_DIR: tempDir('samsyn-e2e-'),
  };
  const api = await startApi(env);

  // The routes the app mapped, from Nest's own start-up log: new routes are covered automatically.
  // The log is asynchronous: wait until Nest has reported the end of its start-up.
  for (let i = 0; i < 100 && !api.output().includes('Nest application successfully started'); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const routesFile = join(tempDir('samsyn-routes-'), 'routes.txt');
  writeFileSync(routesFile, api.output());

  process.env['E2E_API_URL'] = api.url;
  process.env['E2E_DATABASE_URL'] = env.DATABASE_URL;
  process.env['E2E_QUEUE_PREFIX'] = queuePrefix;
  process.env['E2E_ROUTES_FILE'] = routesFile;
  globalThis.__E2E__ = { stop: () => api.stop(), database };
}
