import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningApi {
  baseUrl: string;
  stop(): Promise<void>;
}

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const API_MAIN = join(WORKSPACE_ROOT, 'dist/apps/api/main.js');
const CLIENT_INDEX = join(WORKSPACE_ROOT, 'dist/apps/client/browser/index.html');
const START_TIMEOUT_MS = 120_000;

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts the built API (which serves the built client) with demo data on a fresh embedded
 * database, or on DATABASE_URL when the environment provides one (CI), and resolves when it
 * prints its "listening" line.
 */
export async function startApi(): Promise<RunningApi> {
  for (const file of [API_MAIN, CLIENT_INDEX]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: build first (npx nx run-many -t build -p api client)`);
    }
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'samsyn-client-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;

  // Only what the API needs: no inherited REDIS_URL or other settings from the developer's shell.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    TZ: 'UTC',
    NODE_ENV: 'test',
    DEMO_MODE: 'true',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    CLIENT_DIST_DIR: 'dist/apps/client/browser',
    LOG_LEVEL: 'warn',
    // Several tests sign in from the same address within a minute.
    LOGIN_RATE_LIMIT: '1000',
  };
  if (process.env['DATABASE_URL']) env['DATABASE_URL'] = process.env['DATABASE_URL'];

  const child = spawn(process.execPath, [API_MAIN], {
    cwd: WORKSPACE_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // If the test process dies without running the teardown, do not leave the API running.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  try {
    await waitUntilListening(child, () => output);
  } catch (error) {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n--- API output ---\n${output}`);
  }

  return {
    baseUrl,
    async stop() {
      process.off('exit', killOnExit);
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitUntilListening(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`API did not start within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    const onData = (): void => {
      if (/Samsyn API listening on /.test(output())) finish();
    };
    const onExit = (code: number | null): void =>
      finish(new Error(`API exited with code ${code} before it was ready`));
    function finish(error?: Error): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolveReady();
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStopped) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStopped();
    });
    child.kill('SIGTERM');
  });
}
