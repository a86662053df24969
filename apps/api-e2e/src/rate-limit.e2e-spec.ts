import { ErrorCode } from '@samsyn/common';
import { RedisThrottlerStorage } from '@samsyn/server';
import { Redis } from 'ioredis';
import { e2eContext, REDIS_URL } from './support/env';
import { ApiClient } from './support/http';
import { sleep } from './support/wait';
import { type RunningApi, startApi, tempDir } from '@samsyn/testing';

describe('sign-in rate limit', () => {
  let api: RunningApi;

  beforeAll(async () => {
    // A second API process on the same database, with a low limit (no Redis: in memory).
    api = await startApi({
      DATABASE_URL: e2eContext().databaseUrl,
      DATA_DIR: tempDir('samsyn-rl-'),
      LOGIN_RATE_LIMIT: '3',
    });
  }, 90_000);

  afterAll(() => api?.stop());

  it('answers 429 after LOGIN_RATE_LIMIT attempts a minute from one address', async () => {
    const client = new ApiClient(api.url);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.login('nobody', 'x')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const res = await client.login('social.orebro', 'samsyn-demo');
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ code: ErrorCode.TooManyRequests });
  });

  it('prints no demo sign-ins when not in demo mode', () => {
    expect(api.output()).toContain('Samsyn API listening');
    expect(api.output()).not.toContain('samsyn-demo');
  });
});

/**
 * The limits' storage with REDIS_URL (issue 18): two storages stand for two API processes on
 * one Redis, under this run's key prefix. The multi-process spec shows it through two APIs.
 */
describe('sign-in rate limit storage in Redis', () => {
  const prefix = `${e2eContext().queuePrefix}-rl`;
  const storages: RedisThrottlerStorage[] = [];
  let redis: Redis;
  let n = 0;
  /** A fresh guard key per test, as the guard makes them (a SHA-256 in hex). */
  const freshKey = () => `${Date.now().toString(16)}${(n++).toString(16)}`.padEnd(64, 'a');
  const storage = async (url = REDIS_URL) => {
    const s = new RedisThrottlerStorage(url, prefix);
    await s.onModuleInit();
    storages.push(s);
    return s;
  };

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });

  afterAll(async () => {
    await Promise.all(storages.map((s) => s.onApplicationShutdown()));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('counts up to the limit, then blocks; both keys under the prefix and expiring', async () => {
    const s = await storage();
    const key = freshKey();
    const records = [];
    for (let i = 0; i < 5; i++) records.push(await s.increment(key, 60_000, 3, 30_000, 'login'));
    expect(records.map((r) => [r.totalHits, r.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
      [4, true],
    ]);
    expect(records[0].timeToExpire).toBe(60);
    expect(records[0].timeToBlockExpire).toBe(0);
    expect(records[3].timeToBlockExpire).toBe(30);
    expect(records[4].timeToBlockExpire).toBeGreaterThan(28);
    expect(records[4].timeToBlockExpire).toBeLessThanOrEqual(30);

    const stored = await redis.keys(`${prefix}:throttle:{${key}}*`);
    expect(stored).toEqual([`${prefix}:throttle:{${key}}:blocked`]);
    const ttl = await redis.pttl(stored[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
    await s.increment(freshKey(), 60_000, 3, 30_000, 'login');
    for (const k of await redis.keys(`${prefix}:throttle:*`))
      expect(await redis.pttl(k)).toBeGreaterThan(0);
  });

  it('counts the hits of two processes together, atomically', async () => {
    const [a, b] = [await storage(), await storage()];
    const key = freshKey();
    const records = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 === 0 ? a : b).increment(key, 60_000, 60, 60_000, 'login'),
      ),
    );
    const allowed = records.filter((r) => !r.isBlocked).map((r) => r.totalHits);
    expect(allowed.sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(records.filter((r) => r.isBlocked)).toHaveLength(40);
    // The next attempt on either is refused.
    expect((await a.increment(key, 60_000, 60, 60_000, 'login')).isBlocked).toBe(true);
    expect((await b.increment(key, 60_000, 60, 60_000, 'login')).isBlocked).toBe(true);
  });

  it('starts afresh when the window or the block has passed', async () => {
    const s = await storage();
    const windowKey = freshKey();
    expect((await s.increment(windowKey, 300, 2, 300, 'login')).totalHits).toBe(1);
    await sleep(400);
    expect((await s.increment(windowKey, 300, 2, 300, 'login')).totalHits).toBe(1);

    const blockKey = freshKey();
    for (let i = 0; i < 2; i++) await s.increment(blockKey, 60_000, 1, 300, 'login');
    expect((await s.increment(blockKey, 60_000, 1, 300, 'login')).isBlocked).toBe(true);
    await sleep(400);
    expect(await s.increment(blockKey, 60_000, 1, 300, 'login')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('keeps limiting in memory, without failing, while Redis cannot be reached', async () => {
    // Nothing listens on port 1: every command fails at once (no offline queue).
    const s = await storage('redis://127.0.0.1:1');
    const key = freshKey();
    const records = [];
    for (let i = 0; i < 3; i++) records.push(await s.increment(key, 60_000, 2, 60_000, 'login'));
    expect(records.map((r) => r.isBlocked)).toEqual([false, false, true]);
    expect(await redis.keys(`${prefix}:throttle:{${key}}*`)).toEqual([]);
  });
});
