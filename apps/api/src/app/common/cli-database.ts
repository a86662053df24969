import {
  dataSourceOptions,
  type EmbeddedPostgres,
  type EnvironmentVariables,
  startEmbeddedPostgres,
} from '@samsyn/server';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * The variables the server would see: `.env` in the working directory under the process
 * environment, which wins — as ConfigModule.forRoot() does — so a command reads the same database.
 */
export function cliEnvironment(
  env: NodeJS.ProcessEnv,
  envFile = resolve(process.cwd(), '.env'),
): Record<string, unknown> {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...env };
}

/**
 * Runs `work` on one small connection to the server's database (DATABASE_URL, or the embedded one
 * under DATA_DIR), for the one-shot commands of main.js. Deliberately not the application
 * context of AppModule: that would seed demo data, start the reminder dispatcher and retry a bad
 * database URL for half a minute.
 */
export async function withCliDatabase<T>(
  config: EnvironmentVariables,
  settings: { applicationName: string; migrations?: DataSourceOptions['migrations'] },
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(`${config.DATA_DIR}/db`);
    url = embedded.url;
  }
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, ...settings }));
  try {
    await dataSource.initialize();
    return await work(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}
