import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type Provider,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  bullConnection,
  describeDeliveryError,
  type EnvironmentVariables,
  GALLRING_QUEUE,
  GALLRING_RUN_JOB,
  type GallringJobData,
  GallringRunner,
  type PollingLoop,
  startPolling,
} from '@samsyn/server';
import { Queue } from 'bullmq';

/** The gallring queue (producer side), or null without REDIS_URL (embedded default). */
export const GALLRING_QUEUE_TOKEN = Symbol('GALLRING_QUEUE');
export type GallringQueue = Queue<GallringJobData> | null;

export const gallringQueueProvider: Provider = {
  provide: GALLRING_QUEUE_TOKEN,
  inject: [ConfigService],
  useFactory: (config: ConfigService<EnvironmentVariables, true>): GallringQueue => {
    const url = config.get('REDIS_URL', { infer: true });
    if (!url) return null;
    const queue = new Queue<GallringJobData>(GALLRING_QUEUE, {
      connection: bullConnection(url, 'producer'),
      prefix: config.get('QUEUE_PREFIX', { infer: true }),
    });
    const logger = new Logger('GallringQueue');
    queue.on('error', (err) => logger.warn({ error: describeDeliveryError(err) }, 'Redis error'));
    return queue;
  },
};

/** How often the embedded default looks for queued runs and the nightly run's time. */
const POLL_MS = 60_000;
/** The nightly run's time of day, Stockholm: 02:30, as GALLRING_CRON in the worker. */
const NIGHTLY_MINUTES = 2 * 60 + 30;

/** Minutes since midnight in Stockholm. */
function stockholmMinutes(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Stockholm',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/**
 * Starts gallring runs where they run: with REDIS_URL a job for the worker; on the embedded
 * default (no Redis) in this process — every minute it queues the nightly run (and prunes old
 * run reports) once 02:30 has passed and executes queued or interrupted runs, one at a time.
 */
@Injectable()
export class GallringDispatcher
  implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown
{
  private readonly logger = new Logger(GallringDispatcher.name);
  private loop?: PollingLoop;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(GALLRING_QUEUE_TOKEN) private readonly queue: GallringQueue,
    private readonly runner: GallringRunner,
  ) {}

  onApplicationBootstrap(): void {
    if (this.queue) return;
    this.loop = startPolling(
      () => this.tick(),
      POLL_MS,
      (err) => this.logger.error({ error: describeDeliveryError(err) }, 'Gallring pass failed'),
      { immediate: false },
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop?.stop();
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }

  /** A run was queued: hand it to the worker, or start it here in the background. */
  async wake(runId: string): Promise<void> {
    if (this.queue) {
      await this.queue.add(
        GALLRING_RUN_JOB,
        { runId },
        { jobId: `run-${runId}`, removeOnComplete: true, removeOnFail: true },
      );
      return;
    }
    this.running = this.running
      .then(() => this.runner.resumeUnfinished())
      .catch((err: unknown) =>
        this.logger.error({ error: describeDeliveryError(err) }, 'Gallring run failed'),
      );
  }

  private async tick(): Promise<void> {
    // Once a day, as the worker's nightly job: prune old reports, queue the day's run.
    if (stockholmMinutes(new Date()) >= NIGHTLY_MINUTES && (await this.runner.createScheduledRun()))
      await this.runner.pruneReports();
    await this.runner.resumeUnfinished();
  }
}
