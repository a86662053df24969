import { Logger } from '@nestjs/common';
import {
  dataSourceOptions,
  type EmbeddedPostgres,
  startEmbeddedPostgres,
  validateEnvironment,
} from '@samsyn/server';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditService } from './audit.service';

/** The first argument that runs the chain check instead of the server. */
export const AUDIT_VERIFY_COMMAND = 'audit:verify';

/** Exit codes: 0 the chain is intact, 1 it is broken, 2 it could not be checked. */
export const EXIT_OK = 0;
export const EXIT_BROKEN = 1;
export const EXIT_ERROR = 2;

/**
 * The variables the server would see: `.env` in the working directory under the process
 * environment, which wins — as ConfigModule.forRoot() does — so the check reads the same database.
 */
export function cliEnvironment(
  env: NodeJS.ProcessEnv,
  envFile = resolve(process.cwd(), '.env'),
): Record<string, unknown> {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...env };
}

/**
 * `node dist/apps/api/main.js audit:verify`: checks the hash chain of the database at
 * DATABASE_URL (or the embedded one under DATA_DIR) and prints one JSON line with the result and
 * the chain's head, for cron jobs and monitoring.
 *
 * Deliberately not the application context of AppModule: that would run migrations, seed demo
 * data, start the reminder dispatcher, and retry a bad database URL for half a minute. This needs
 * one read-only connection and nothing else.
 */
export async function runAuditVerify(
  env: Record<string, unknown> = cliEnvironment(process.env),
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  // stdout carries the one JSON line; anything Nest-logged below an error stays quiet (errors go
  // to stderr).
  Logger.overrideLogger(['error']);
  const config = validateEnvironment(env);
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(`${config.DATA_DIR}/db`);
    url = embedded.url;
  }
  const dataSource = new DataSource(
    dataSourceOptions({ url, poolSize: 1, applicationName: 'samsyn-audit-verify' }),
  );
  try {
    await dataSource.initialize();
    const result = await new AuditService(dataSource).verify();
    out.write(`${JSON.stringify(result)}\n`);
    return result.ok ? EXIT_OK : EXIT_BROKEN;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}
