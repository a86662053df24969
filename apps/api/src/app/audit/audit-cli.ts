import { Logger } from '@nestjs/common';
import { validateEnvironment } from '@samsyn/server';
import { cliEnvironment, withCliDatabase } from '../common/cli-database';
import { AuditService } from './audit.service';

/** The first argument that runs the chain check instead of the server. */
export const AUDIT_VERIFY_COMMAND = 'audit:verify';

/** Exit codes: 0 the chain is intact, 1 it is broken, 2 it could not be checked. */
export const EXIT_OK = 0;
export const EXIT_BROKEN = 1;
export const EXIT_ERROR = 2;

/**
 * `node dist/apps/api/main.js audit:verify`: checks the hash chain of the database at
 * DATABASE_URL (or the embedded one under DATA_DIR) and prints one JSON line with the result and
 * the chain's head, for cron jobs and monitoring.
 * One read-only connection and nothing else (no migrations, no demo data, no dispatcher).
 */
export async function runAuditVerify(
  env: Record<string, unknown> = cliEnvironment(process.env),
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  // stdout carries the one JSON line; anything Nest-logged below an error stays quiet (errors go
  // to stderr).
  Logger.overrideLogger(['error']);
  const config = validateEnvironment(env);
  return withCliDatabase(config, { applicationName: 'samsyn-audit-verify' }, async (dataSource) => {
    const result = await new AuditService(dataSource).verify();
    out.write(`${JSON.stringify(result)}\n`);
    return result.ok ? EXIT_OK : EXIT_BROKEN;
  });
}

/** The first argument that drops a month of the log past retention. */
export const AUDIT_DROP_PARTITION_COMMAND = 'audit:drop-partition';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * `node dist/apps/api/main.js audit:drop-partition YYYY-MM`: drops that month (UTC) of the log
 * once it is past retention (five years, D19), oldest month first, leaving the hash of its last
 * event as a checkpoint that verification starts from; the drop is itself recorded in the log.
 * Prints one JSON line (the checkpoint, or `null` for a month without events). Exit 0 dropped,
 * 2 refused or could not run (the reason on stderr).
 */
export async function runAuditDropPartition(
  args: readonly string[],
  env: Record<string, unknown> = cliEnvironment(process.env),
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  Logger.overrideLogger(['error']);
  const month = args[0] ?? '';
  if (!MONTH.test(month)) {
    err.write(`usage: ${AUDIT_DROP_PARTITION_COMMAND} YYYY-MM\n`);
    return EXIT_ERROR;
  }
  const config = validateEnvironment(env);
  return withCliDatabase(config, { applicationName: 'samsyn-audit-drop' }, async (dataSource) => {
    // Run by an operator, not a user of Samsyn: the event names nobody.
    const checkpoint = await new AuditService(dataSource).dropPartition(
      { id: null, roles: [], organisation: null, unit: null },
      month,
    );
    out.write(`${JSON.stringify({ month, checkpoint })}\n`);
    return EXIT_OK;
  });
}
