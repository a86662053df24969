import type { LoggerService } from '@nestjs/common';
import { type DataSource, type Migration, MigrationExecutor, type QueryRunner } from 'typeorm';

/**
 * The key of the session-level advisory lock held while migrations run, so that N processes
 * starting together on one database migrate it once: the first takes the lock and migrates, the
 * others wait and then find nothing pending. Any constant works as long as nothing else in the
 * database locks the same key (the audit chain uses AUDIT_CHAIN_LOCK).
 */
export const MIGRATION_LOCK = 0x5a4d_d0b1;

/** How often a worker looks again for a schema that no process has migrated yet. */
const SCHEMA_POLL_MS = 1_000;
/** How often it says that it is still waiting. */
const SCHEMA_WAIT_LOG_MS = 30_000;

/**
 * Runs the pending migrations under MIGRATION_LOCK, on one dedicated connection that holds the
 * lock and runs them (the embedded database has a pool of one, so the lock cannot sit on another).
 * The lock ends with the session if the process dies half-way; a failed migration releases it too.
 */
export async function runMigrationsLocked(
  dataSource: DataSource,
  logger?: Pick<LoggerService, 'log'>,
): Promise<Migration[]> {
  return withLockedRunner(dataSource, 'exclusive', logger, async (runner) => {
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = dataSource.options.migrationsTransactionMode ?? 'all';
    return executor.executePendingMigrations();
  });
}

/**
 * For a process that does not migrate (the worker): waits until a migrating process has finished
 * (the shared lock waits for its exclusive one) and the migrations table holds rows, so that it
 * starts on a schema instead of failing on missing tables while the API migrates.
 */
export async function waitForMigratedSchema(
  dataSource: DataSource,
  logger?: Pick<LoggerService, 'log'>,
): Promise<void> {
  const started = Date.now();
  let lastLog = 0;
  for (;;) {
    const migrated = await withLockedRunner(dataSource, 'shared', undefined, async (runner) => {
      const [row] = (await runner.query(
        `SELECT to_regclass('migrations') IS NOT NULL AS present`,
      )) as { present: boolean }[];
      if (!row.present) return false;
      const rows = (await runner.query('SELECT 1 FROM migrations LIMIT 1')) as unknown[];
      return rows.length > 0;
    });
    if (migrated) return;
    if (Date.now() - lastLog >= SCHEMA_WAIT_LOG_MS) {
      lastLog = Date.now();
      logger?.log(
        `Waiting for the database schema (the API migrates it), ${Math.round((Date.now() - started) / 1000)} s so far`,
      );
    }
    await new Promise((r) => setTimeout(r, SCHEMA_POLL_MS));
  }
}

async function withLockedRunner<T>(
  dataSource: DataSource,
  mode: 'exclusive' | 'shared',
  logger: Pick<LoggerService, 'log'> | undefined,
  work: (runner: QueryRunner) => Promise<T>,
): Promise<T> {
  const suffix = mode === 'shared' ? '_shared' : '';
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock${suffix}($1) AS locked`, [
      MIGRATION_LOCK,
    ])) as { locked: boolean }[];
    if (!locked) {
      logger?.log('Another process is migrating the database: waiting for it');
      await runner.query(`SELECT pg_advisory_lock${suffix}($1)`, [MIGRATION_LOCK]);
    }
    try {
      return await work(runner);
    } finally {
      // Should this fail, the connection is broken: the pool drops it and the server ends the
      // session, and its locks with it.
      await runner.query(`SELECT pg_advisory_unlock${suffix}($1)`, [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
