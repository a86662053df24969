import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { Redis } from 'ioredis';

/**
 * One atomic step of a fixed-window limit with a block, in Redis (so every API process counts
 * the same hits). KEYS[1]: the window's hit counter; KEYS[2]: the block marker, whose value is
 * the hit count that set it. ARGV: window ms, limit, block ms. Returns total hits, ms until the
 * window ends, 1 when blocked, ms until the block ends. A block clears the window, so that after
 * it the caller starts afresh (as @nestjs/throttler's in-memory storage does).
 */
const INCREMENT_SCRIPT = `
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local block = tonumber(ARGV[3])
local blockedFor = redis.call('PTTL', KEYS[2])
if blockedFor > 0 then
  return { tonumber(redis.call('GET', KEYS[2]) or '0'), blockedFor, 1, blockedFor }
end
local hits = redis.call('INCR', KEYS[1])
local expiresIn = redis.call('PTTL', KEYS[1])
if expiresIn < 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  expiresIn = ttl
end
if hits <= limit then
  return { hits, expiresIn, 0, 0 }
end
if block > 0 then
  redis.call('SET', KEYS[2], hits, 'PX', block)
  redis.call('DEL', KEYS[1])
  return { hits, block, 1, block }
end
return { hits, expiresIn, 1, expiresIn }
`;

type IncrementReply = [number, number, number, number];
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface WithIncrement {
  samsynThrottle(
    hitsKey: string,
    blockKey: string,
    ttl: number,
    limit: number,
    block: number,
  ): Promise<IncrementReply>;
}

/** At most one warning a minute about Redis being unreachable. */
const WARN_EVERY_MS = 60_000;

/**
 * @nestjs/throttler storage in Redis, used when REDIS_URL is set: the sign-in limit then counts
 * attempts across all API processes. Keys are `<QUEUE_PREFIX>:throttle:{<key>}` (the guard's
 * key is a SHA-256, so no address is stored) and expire with their window. When Redis cannot
 * be reached, each process counts in its own memory meanwhile (the limit as it was before Redis,
 * per process) rather than refusing or failing sign-ins; the lockout in PostgreSQL still holds.
 */
export class RedisThrottlerStorage
  implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown
{
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis & WithIncrement;
  private readonly fallback = new ThrottlerStorageService();
  private lastWarning = 0;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // Fail fast rather than queue: a sign-in must not wait for Redis to come back.
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectionName: 'samsyn-rate-limit',
    }) as Redis & WithIncrement;
    this.redis.defineCommand('samsynThrottle', { numberOfKeys: 2, lua: INCREMENT_SCRIPT });
    this.redis.on('error', (err: Error) => this.warn(err));
  }

  /** Connects before the first request; a failure is logged and retried by ioredis. */
  async onModuleInit(): Promise<void> {
    await this.redis.connect().catch((err: Error) => this.warn(err));
  }

  async onApplicationShutdown(): Promise<void> {
    this.fallback.onApplicationShutdown();
    // Not connected (or reconnecting): stop trying at once rather than wait for a quit reply.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }

  /** The Redis key of a guard key (exported for tests). */
  keyOf(key: string): string {
    return `${this.prefix}:throttle:{${key}}`;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    let reply: IncrementReply;
    try {
      const hitsKey = this.keyOf(key);
      reply = await this.redis.samsynThrottle(
        hitsKey,
        `${hitsKey}:blocked`,
        Math.max(1, Math.round(ttl)),
        limit,
        Math.max(0, Math.round(blockDuration)),
      );
    } catch (err) {
      this.warn(err);
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    const [totalHits, expiresInMs, blocked, blockedForMs] = reply;
    // Seconds, rounded up, as the in-memory storage answers (the guard sends them as Retry-After).
    return {
      totalHits,
      timeToExpire: Math.ceil(expiresInMs / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(blockedForMs / 1000),
    };
  }

  private warn(err: unknown): void {
    if (Date.now() - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = Date.now();
    const message = err instanceof Error ? err.message : String(err);
    this.logger.warn(
      { error: message.slice(0, 200) },
      'Redis unreachable: sign-in limits count per process until it is back',
    );
  }
}
