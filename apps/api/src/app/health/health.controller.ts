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
import { ReminderDeliveryService } from '@samsyn/server';
import { Public } from '../auth/decorators';
import { REMINDER_QUEUE, type ReminderQueue } from '../reminders/reminder-queue.provider';

/**
 * Liveness and readiness: the database, and Redis when one is configured — probed through the
 * reminders queue's own connection (fail-fast settings), the one the API actually uses — with
 * reminder delivery metrics in the details.
 */
@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REMINDER_QUEUE) private readonly queue: ReminderQueue,
    private readonly reminders: ReminderDeliveryService,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    const checks = [() => this.db.pingCheck('database', { timeout: 3000 })];
    const queue = this.queue;
    if (queue) checks.push(() => this.pingRedis(queue));
    checks.push(() => this.reminderMetrics());
    return this.health.check(checks);
  }

  /**
   * Counts only (no ids, no content): pending reminders, late ones (pending and due over a
   * minute ago: delivery is behind or down) and failed ones. Informational: always "up", so a
   * backlog never takes the API out of a load balancer; alert on `late` and `failed` instead.
   */
  private async reminderMetrics(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('reminders');
    try {
      return indicator.up({ ...(await this.reminders.metrics()) });
    } catch {
      return indicator.down({ message: 'reminder counts unavailable' });
    }
  }

  private async pingRedis(queue: NonNullable<ReminderQueue>): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('redis');
    try {
      // INFO is the cheapest round trip BullMQ's client interface offers (it has no PING).
      const info = await Promise.race([
        queue.client.then((redis) => redis.info()),
        new Promise<never>((_, fail) => setTimeout(() => fail(new Error('timeout')), 3000)),
      ]);
      return info.includes('redis_version')
        ? indicator.up()
        : indicator.down({ message: 'unexpected answer' });
    } catch {
      return indicator.down({ message: 'Redis does not answer' });
    }
  }
}
