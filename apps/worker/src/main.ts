import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './app/worker.module';

async function main(): Promise<void> {
  // abortOnError: false lets a configuration error reach the catch below and print plainly.
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT: finish running jobs, stop polling, close Redis and PostgreSQL, then exit.
  app.enableShutdownHooks();
  // A machine-readable line that launchers (npm start, tests) wait for.
  process.stdout.write('Samsyn worker ready\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
