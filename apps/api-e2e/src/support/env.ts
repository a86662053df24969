/** Where the real services for the e2e run are; CI starts them with ../shared/ci-services.sh. */
export const PG_ADMIN_URL =
  process.env['E2E_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env['E2E_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** postgres://…/<database> on the same server as PG_ADMIN_URL. */
export function databaseUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export const DEMO_PASSWORD = 'samsyn-demo';

/** Set by the global setup for every test file. */
export function e2eContext() {
  const apiUrl = process.env['E2E_API_URL'];
  const databaseUrlValue = process.env['E2E_DATABASE_URL'];
  const queuePrefix = process.env['E2E_QUEUE_PREFIX'];
  const routesFile = process.env['E2E_ROUTES_FILE'];
  if (!apiUrl || !databaseUrlValue || !queuePrefix || !routesFile)
    throw new Error('e2e global setup did not run');
  return { apiUrl, databaseUrl: databaseUrlValue, queuePrefix, routesFile };
}
