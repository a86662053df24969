import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { type EnvironmentVariables, RedisThrottlerStorage } from '@samsyn/server';

/** Redis storage for the limits when REDIS_URL is set (shared by every API process), else null. */
const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

/** Holds the storage as a provider, so that Nest connects and closes its Redis client. */
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => {
        const url = config.get('REDIS_URL', { infer: true });
        return url
          ? new RedisThrottlerStorage(url, config.get('QUEUE_PREFIX', { infer: true }))
          : null;
      },
    },
  ],
  exports: [RATE_LIMIT_STORAGE],
})
class RateLimitStorageModule {}

/**
 * The sign-in rate limit (@nestjs/throttler). With REDIS_URL its counts live in Redis under
 * QUEUE_PREFIX, so N API processes behind a load balancer allow LOGIN_RATE_LIMIT attempts a
 * minute per address in all, not N times that; without Redis (the embedded default, one
 * process) they stay in the process's memory.
 */
export const RateLimitModule = ThrottlerModule.forRootAsync({
  imports: [RateLimitStorageModule],
  inject: [ConfigService, RATE_LIMIT_STORAGE],
  useFactory: (
    config: ConfigService<EnvironmentVariables, true>,
    storage: RedisThrottlerStorage | null,
  ) => ({
    throttlers: [
      // Named so that only routes that opt in (sign-in) are limited; see @Throttle({ login: {} }).
      { name: 'login', ttl: 60_000, limit: config.get('LOGIN_RATE_LIMIT', { infer: true }) },
    ],
    storage: storage ?? undefined,
  }),
});
