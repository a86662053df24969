import { Client } from 'pg';
import { e2eContext } from './env';

/** Runs a query on the e2e database directly, for checks the API does not expose. */
export async function sql<T extends Record<string, unknown> = Record<string, unknown>>(
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: e2eContext().databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

export async function count(
  table: string,
  where = 'true',
  params: unknown[] = [],
): Promise<number> {
  const [row] = await sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM ${table} WHERE ${where}`,
    params,
  );
  return Number(row.n);
}
