import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '@samsyn/server';
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

main().catch((err: unknown) => {
  // Configuration errors name the variable; print them plainly and stop.
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
