import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '@samsyn/server';
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

if (process.argv[2] === AUDIT_VERIFY_COMMAND) {
  // A one-shot command: no HTTP listener. Exit explicitly, as an embedded database child would
  // otherwise keep the process alive; stdout writes to pipes and files are synchronous here.
  runAuditVerify().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(EXIT_ERROR);
    },
  );
} else {
  main().catch((err: unknown) => {
    // Configuration errors name the variable; print them plainly and stop.
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
