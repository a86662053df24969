import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root: built apps are run from here, as `npm start` does. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

export interface RunningProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface RunningApi extends RunningProcess {
  url: string;
}

/** Starts a built app (`dist/apps/<name>/main.js`) and waits until it prints `ready`. */
export async function startProcess(
  name: 'api' | 'worker',
  env: Record<string, string | undefined>,
  ready: RegExp,
  timeoutMs = 90_000,
): Promise<RunningProcess & { match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [join(WORKSPACE_ROOT, 'dist/apps', name, 'main.js')], {
    cwd: WORKSPACE_ROOT,
    // Only what the app needs: the test runner's own variables must not leak into its config.
    env: { PATH: process.env['PATH'], NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // If the test process dies without its teardown, do not leave the app running.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));

  const match = await new Promise<RegExpMatchArray>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${name} did not get ready in ${timeoutMs} ms:\n${out.slice(-3000)}`));
    }, timeoutMs);
    const check = () => {
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        ok(m);
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(
        new Error(
          `${name} exited with code ${code ?? 'null'} before it was ready:\n${out.slice(-3000)}`,
        ),
      );
    });
  });

  return {
    child,
    match,
    output: () => out,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Starts the built API on a free port; resolves with its base URL once it listens. */
export async function startApi(env: Record<string, string | undefined>): Promise<RunningApi> {
  const proc = await startProcess(
    'api',
    { PORT: '0', HOST: '127.0.0.1', CLIENT_DIST_DIR: '', ...env },
    /Samsyn API listening on (http:\/\/[\d.]+:\d+)/,
  );
  return { ...proc, url: proc.match[1] };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a one-shot command of the built API (`node dist/apps/api/main.js <command> …`, e.g.
 * `admin:create`) with only the given variables, feeding `stdin`; resolves when it exits.
 */
export function runApiCommand(
  command: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  stdin = '',
): Promise<CommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [join(WORKSPACE_ROOT, 'dist/apps/api/main.js'), command, ...args],
      {
        cwd: WORKSPACE_ROOT,
        env: { PATH: process.env['PATH'], NODE_ENV: 'test', ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin?.end(stdin);
  });
}
