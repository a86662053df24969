import { startApi as startBuiltApi, tempDir, WORKSPACE_ROOT } from '@samsyn/testing';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface RunningApi {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the built API (which serves the built client) with demo data on a fresh embedded
 * database, or on DATABASE_URL when the environment provides one (CI), and resolves when it
 * prints its "listening" line.
 */
export async function startApi(): Promise<RunningApi> {
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
  });
  return {
    baseUrl: api.url,
    async stop() {
      await api.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
