import { type OnApplicationShutdown, Inject, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import type { EnvironmentVariables } from '@samsyn/server';
import { Redis } from 'ioredis';
import { HEALTH_REDIS, HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [
    {
      provide: HEALTH_REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>): Redis | null => {
        const url = config.get('REDIS_URL', { infer: true });
        // Fail fast: a health probe must answer "down", not wait for reconnects.
        if (!url) return null;
        const redis = new Redis(url, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          lazyConnect: false,
        });
        // Connection errors surface as a "down" health answer; without a listener ioredis prints them.
        redis.on('error', () => undefined);
        return redis;
      },
    },
  ],
})
export class HealthModule implements OnApplicationShutdown {
  constructor(@Inject(HEALTH_REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
