import { Redis } from 'ioredis';
import { Client } from 'pg';
import { PG_ADMIN_URL, REDIS_URL } from './env';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__E2E__;
  if (!state) return;
  await state.stop();
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${state.database}" WITH (FORCE)`);
  await admin.end();
  // Remove this run's queue keys.
  const prefix = process.env['E2E_QUEUE_PREFIX'];
  if (prefix) {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
}
