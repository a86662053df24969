import { startApi as startBuiltApi, tempDir, WORKSPACE_ROOT } from '@samsyn/testing';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface RunningApi {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the built API (which serves the built client) with demo data on a fresh embedded
 * database, or on DATABASE_URL when the environment provides one (CI), and resolves when it
 * prints its "listening" line. `env` adds to or overrides its configuration.
 */
export async function startApi(env: Record<string, string | undefined> = {}): Promise<RunningApi> {
  for (const file of ['dist/apps/api/main.js', 'dist/apps/client/browser/index.html']) {
    if (!existsSync(join(WORKSPACE_ROOT, file))) {
      throw new Error(`${file} is missing: build first (npx nx run-many -t build -p api client)`);
    }
  }
  const dataDir = tempDir('samsyn-client-e2e-');
  const api = await startBuiltApi({
    TZ: 'UTC',
    DEMO_MODE: 'true',
    DATA_DIR: dataDir,
    CLIENT_DIST_DIR: 'dist/apps/client/browser',
    LOG_LEVEL: 'warn',
    // Several tests sign in from the same address within a minute.
    LOGIN_RATE_LIMIT: '1000',
    DATABASE_URL: process.env['DATABASE_URL'],
    ...env,
  });
  return {
    baseUrl: api.url,
    async stop() {
      await api.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The PostgreSQL server that `startApiOnPostgres` makes its database on (as the API e2e tests). */
const PG_ADMIN_URL = process.env['E2E_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ApiOnPostgres extends RunningApi {
  /** The database's URL, for a one-shot command of the API on it (e.g. `admin:create`). */
  databaseUrl: string;
  /**
   * A query on the API's database, for arranging what only the passage of time produces (a
   * reminder falling due days later, one left unread for hours). Never a user's step.
   */
  sql<T>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * A journey's own API with demo data on a fresh database of the real PostgreSQL, which the test
 * can reach (the embedded database takes one connection, the API's). Due reminders are delivered
 * in-process every second. `stop` drops the database.
 */
export async function startApiOnPostgres(
  env: Record<string, string | undefined> = {},
): Promise<ApiOnPostgres> {
  const database = `samsyn_browser_${Date.now().toString(36)}_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  try {
    await admin(`CREATE DATABASE "${database}"`);
  } catch (error) {
    throw new Error(
      `a journey on its own database needs PostgreSQL at ${PG_ADMIN_URL} (E2E_PG_URL): ${String(error)}`,
    );
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  let api: RunningApi | undefined;
  const db = new Client({ connectionString: url.toString() });
  try {
    api = await startApi({ DATABASE_URL: url.toString(), REMINDER_POLL_SECONDS: '1', ...env });
    await db.connect();
  } catch (error) {
    await api?.stop();
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    throw error;
  }
  const running = api;
  return {
    baseUrl: running.baseUrl,
    databaseUrl: url.toString(),
    sql: async <T>(text: string, params: unknown[] = []) =>
      (await db.query(text, params)).rows as T[],
    async stop() {
      await db.end();
      await running.stop();
      await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    },
  };
}
