import { InjectQueue } from '@nestjs/bullmq';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { REMINDER_TIME_ZONE } from '@samsyn/domain';
import {
  GALLRING_CRON,
  GALLRING_QUEUE,
  GALLRING_SCHEDULED_JOB,
  GALLRING_SCHEDULER_ID,
  type GallringJobData,
  GallringRunner,
  type PollingLoop,
  startPolling,
} from '@samsyn/server';
import { Queue } from 'bullmq';

/** How often the worker looks for runs queued or interrupted without a job (a lost enqueue). */
const RESUME_INTERVAL_MS = 60_000;

/**
 * Keeps the nightly gallring job scheduled (upserted at start and every minute, so a flushed
 * Redis gets it back) and resumes runs that a killed worker left unfinished, at start and then
 * every minute.
 */
@Injectable()
export class GallringScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(GallringScheduler.name);
  private loop?: PollingLoop;

  constructor(
    @InjectQueue(GALLRING_QUEUE) private readonly queue: Queue<GallringJobData>,
    private readonly runner: GallringRunner,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: a long run must not hold up the worker's start.
    this.loop = startPolling(
      () => this.tick(),
      RESUME_INTERVAL_MS,
      (err) => this.logger.error({ error: String(err).slice(0, 200) }, 'Gallring pass failed'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop?.stop();
  }

  private async tick(): Promise<void> {
    await this.queue.upsertJobScheduler(
      GALLRING_SCHEDULER_ID,
      { pattern: GALLRING_CRON, tz: REMINDER_TIME_ZONE },
      {
        name: GALLRING_SCHEDULED_JOB,
        data: {},
        opts: { removeOnComplete: true, removeOnFail: true },
      },
    );
    await this.runner.resumeUnfinished();
  }
}
