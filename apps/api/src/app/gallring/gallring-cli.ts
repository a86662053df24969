import { Logger } from '@nestjs/common';
import { GallringMode, GallringTrigger } from '@samsyn/common';
import { GallringRunner, validateEnvironment } from '@samsyn/server';
import { cliEnvironment, withCliDatabase } from '../common/cli-database';

/** The first argument that runs gallring by hand instead of the server. */
export const GALLRING_RUN_COMMAND = 'gallring:run';

/**
 * `node dist/apps/api/main.js gallring:run [--dry-run | --resume]`: queues a run (clearing, or
 * only the report with --dry-run) and executes it, with every run left unfinished before it;
 * `--resume` only finishes those. Prints one JSON line per run: its id and totals. Exit 0 done,
 * 2 could not run (another process holds the run lock, or the database is unreachable).
 */
export async function runGallringCommand(
  args: readonly string[],
  env: Record<string, unknown> = cliEnvironment(process.env),
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  Logger.overrideLogger(['error']);
  const config = validateEnvironment(env);
  return withCliDatabase(config, { applicationName: 'samsyn-gallring' }, async (dataSource) => {
    const runner = new GallringRunner(dataSource);
    let runId: string | null = null;
    if (!args.includes('--resume'))
      runId = await runner.createRun({
        mode: args.includes('--dry-run') ? GallringMode.DryRun : GallringMode.Clear,
        trigger: GallringTrigger.Cli,
      });
    const before = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM gallring_runs WHERE status IN ('queued', 'running')`,
    );
    const finished = await runner.resumeUnfinished();
    if (finished < before[0].n) {
      process.stderr.write('another process is running gallring; try again when it is done\n');
      return 2;
    }
    const rows = await dataSource.query<
      { id: string; mode: string; status: string; due: number; cleared: number }[]
    >(
      `SELECT r.id, r.mode, r.status,
              (SELECT count(*)::int FROM gallring_run_cases g WHERE g.run_id = r.id) AS due,
              (SELECT count(g.cleared_at)::int FROM gallring_run_cases g WHERE g.run_id = r.id) AS cleared
       FROM gallring_runs r WHERE r.id = $1`,
      [runId],
    );
    for (const row of rows) out.write(`${JSON.stringify(row)}\n`);
    return 0;
  });
}
