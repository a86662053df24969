import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import type { Server } from 'node:http';
import type { EnvironmentVariables } from '@samsyn/server';
import { ADMIN_CREATE_COMMAND, runFirstRun } from './app/admin/first-run-cli';
import {
  AUDIT_DROP_PARTITION_COMMAND,
  AUDIT_VERIFY_COMMAND,
  EXIT_ERROR,
  runAuditDropPartition,
  runAuditVerify,
} from './app/audit/audit-cli';
import { GALLRING_RUN_COMMAND, runGallringCommand } from './app/gallring/gallring-cli';
import { createApp } from './app/bootstrap';

/** How long an idle HTTP connection stays open: longer than the 60 s of common proxies. */
const KEEP_ALIVE_MS = 65_000;

async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const port = config.get('PORT', { infer: true });
  const host = config.get('HOST', { infer: true });
  const server: Server = app.getHttpServer();
  // Idle keep-alive connections stay open longer than a client or proxy in front keeps them
  // (load balancers commonly 60 s). With Node's default of 5 s the API could close a connection
  // just as a client sends its next request on it, which then fails ("other side closed").
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  await app.listen(port, host);
  const address = server.address();
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

if (process.argv[2] === GALLRING_RUN_COMMAND) {
  runCommand(() => runGallringCommand(process.argv.slice(3)));
} else if (process.argv[2] === AUDIT_VERIFY_COMMAND) {
  runCommand(() => runAuditVerify());
} else if (process.argv[2] === AUDIT_DROP_PARTITION_COMMAND) {
  runCommand(() => runAuditDropPartition(process.argv.slice(3)));
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
