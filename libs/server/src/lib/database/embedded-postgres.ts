import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface EmbeddedPostgres {
  /** postgres:// URL of the embedded server on a loopback port. */
  url: string;
  stop(): Promise<void>;
}

/** The server script sits next to this file in the sources and next to main.js in a build. */
function serverScript(): string {
  const candidates = [
    join(__dirname, 'pglite-server.mjs'),
    join(__dirname, 'assets', 'pglite-server.mjs'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`pglite-server.mjs not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * Starts PGlite (PostgreSQL in WASM) in a child process serving the PostgreSQL wire protocol on
 * 127.0.0.1, with its data under `dataDir`. The app then connects with the ordinary `pg` driver
 * and a pool of ONE connection: PGlite is single-session, and one pooled connection makes a
 * transaction hold the database until it ends, so concurrent transactions serialise correctly.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  timeoutMs = 60_000,
): Promise<EmbeddedPostgres> {
  const dir = resolve(dataDir);
  const child: ChildProcess = fork(serverScript(), [dir], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  const port = await new Promise<number>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`embedded PostgreSQL did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('message', (msg: { type?: string; port?: number }) => {
      clearTimeout(timer);
      if (msg.type === 'ready' && msg.port) ok(msg.port);
      else fail(new Error('embedded PostgreSQL sent an unexpected message'));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(
        new Error(
          `embedded PostgreSQL exited with code ${code ?? 'null'} (is ${dir} used by another process?)`,
        ),
      );
    });
  });

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}
