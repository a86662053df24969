import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, WORKSPACE_ROOT } from './processes';

export interface TestOidcClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
}

export interface TestOidcAccount {
  /** The account's `sub`, and what the provider's login form takes as the login. */
  id: string;
  password: string;
  /** The `acr` its sign-ins carry, e.g. `urn:samsyn:test:loa3`; none when absent. */
  acr?: string;
  /** Further claims: `email` (scope email), `hsa_id` (scope hsa). */
  claims?: Record<string, string>;
}

export interface TestOidcProviderOptions {
  clients: TestOidcClient[];
  accounts: TestOidcAccount[];
  /** Accounts whose authorization codes expire after one second (an expired code). */
  shortCodeAccounts?: string[];
}

export interface RunningOidcProvider {
  /** `http://localhost:<port>`: another site than the API's 127.0.0.1. */
  issuer: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a real OpenID provider (oidc-provider, ESM-only, hence a child process running
 * `libs/testing/src/oidc-provider.mjs`) on a free port of 127.0.0.1 with the issuer
 * `http://localhost:<port>`, and resolves once it listens.
 */
export async function startOidcProvider(
  options: TestOidcProviderOptions,
  timeoutMs = 30_000,
): Promise<RunningOidcProvider> {
  const configFile = join(tempDir('samsyn-oidc-provider-'), 'provider.json');
  writeFileSync(configFile, JSON.stringify(options));
  const child = spawn(
    process.execPath,
    [join(WORKSPACE_ROOT, 'libs/testing/src/oidc-provider.mjs'), configFile],
    {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env['PATH'], NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const issuer = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the OIDC provider did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = (): void => {
      const m = /OIDC provider listening on (http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the OIDC provider exited with ${code ?? 'a signal'}:\n${out}`));
    });
  });
  return {
    issuer,
    output: () => out,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** A free TCP port on 127.0.0.1 (for an API whose address a provider must know beforehand). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}
