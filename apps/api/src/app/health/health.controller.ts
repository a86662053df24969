import { Controller, Get, Inject, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  type HealthIndicatorResult,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { Public } from '../auth/decorators';

export const HEALTH_REDIS = Symbol('HEALTH_REDIS');

/** Liveness and readiness: the database, and Redis when one is configured. */
@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(HEALTH_REDIS) private readonly redis: Redis | null,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    const checks = [() => this.db.pingCheck('database', { timeout: 3000 })];
    const redis = this.redis;
    if (redis) checks.push(() => this.pingRedis(redis));
    return this.health.check(checks);
  }

  private async pingRedis(redis: Redis): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('redis');
    try {
      const pong = await Promise.race([
        redis.ping(),
        new Promise<never>((_, fail) => setTimeout(() => fail(new Error('timeout')), 3000)),
      ]);
      return pong === 'PONG' ? indicator.up() : indicator.down({ message: 'unexpected answer' });
    } catch {
      return indicator.down({ message: 'Redis does not answer' });
    }
  }
}
