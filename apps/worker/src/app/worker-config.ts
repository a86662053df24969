import { type EnvironmentVariables, validateEnvironment } from '@samsyn/server';

/** Variables the worker cannot run without (the API has embedded defaults for both). */
const REQUIRED = ['DATABASE_URL', 'REDIS_URL'] as const;

export type WorkerEnvironment = EnvironmentVariables & {
  DATABASE_URL: string;
  REDIS_URL: string;
};

/** The API's environment rules, plus a real PostgreSQL and Redis; errors name the variable. */
export function validateWorkerEnvironment(config: Record<string, unknown>): WorkerEnvironment {
  const env = validateEnvironment(config);
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0) {
    const lines = missing.map((name) => `  ${name}: required by the worker`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env as WorkerEnvironment;
}
