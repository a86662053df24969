import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '@samsyn/server';
import { ADMIN_CREATE_COMMAND, runFirstRun } from './app/admin/first-run-cli';
import { AUDIT_VERIFY_COMMAND, EXIT_ERROR, runAuditVerify } from './app/audit/audit-cli';
import { createApp } from './app/bootstrap';

async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const port = config.get('PORT', { infer: true });
  const host = config.get('HOST', { infer: true });
  await app.listen(port, host);
  const address = app.getHttpServer().address();
  const actual = typeof address === 'object' && address ? address.port : port;
  // A machine-readable line that launchers (npm start, tests) wait for.
  process.stdout.write(`Samsyn API listening on http://${host}:${actual}\n`);
}

/** A one-shot command: no HTTP listener. Exit explicitly, as an embedded database child would
 * otherwise keep the process alive; stdout writes to pipes and files are synchronous here. */
function runCommand(command: () => Promise<number>): void {
  command().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(EXIT_ERROR);
    },
  );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

if (process.argv[2] === AUDIT_VERIFY_COMMAND) {
  runCommand(() => runAuditVerify());
} else if (process.argv[2] === ADMIN_CREATE_COMMAND) {
  runCommand(() =>
    runFirstRun(process.argv.slice(3), {
      out: process.stdout,
      err: process.stderr,
      readPassword: readStdin,
    }),
  );
} else {
  main().catch((err: unknown) => {
    // Configuration errors name the variable; print them plainly and stop.
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
