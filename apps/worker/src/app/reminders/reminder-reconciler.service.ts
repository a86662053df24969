import { InjectQueue } from '@nestjs/bullmq';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  DELIVER_REMINDER_JOB,
  type DeliverReminderJobData,
  deliverJobOptions,
  describeDeliveryError,
  DIGEST_CRON,
  DIGEST_JOB,
  DIGEST_SCHEDULER_ID,
  type PollingLoop,
  REMINDERS_QUEUE,
  ReminderDeliveryService,
  ReminderMailer,
  startPolling,
} from '@samsyn/server';
import { REMINDER_TIME_ZONE } from '@samsyn/domain';
import { Queue } from 'bullmq';
import type { WorkerEnvironment } from '../worker-config';

const PAGE_SIZE = 500;

/**
 * Keeps Redis in step with PostgreSQL: on start and every REMINDER_POLL_SECONDS, every pending
 * reminder without a delivery job gets one (job id = reminder id, due at its time). Reminders
 * therefore survive a lost or flushed Redis, a failed enqueue in the API, and worker downtime;
 * the ones that fell due meanwhile are delivered at once, and once. Each pass also restores the
 * daily digest job and sends e-mail that is still due.
 */
@Injectable()
export class ReminderReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReminderReconciler.name);
  private loop?: PollingLoop;

  constructor(
    private readonly delivery: ReminderDeliveryService,
    @InjectQueue(REMINDERS_QUEUE) private readonly queue: Queue<DeliverReminderJobData>,
    private readonly config: ConfigService<WorkerEnvironment, true>,
    private readonly mailer: ReminderMailer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The first pass completes before the worker reports ready.
    await this.reconcileAndLog();
    const intervalMs = this.config.get('REMINDER_POLL_SECONDS', { infer: true }) * 1000;
    this.loop = startPolling(
      () => this.reconcileAndLog(),
      intervalMs,
      () => undefined,
      {
        immediate: false,
      },
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop?.stop();
  }

  /** Adds the missing delivery jobs; returns how many pending reminders it saw and re-queued. */
  async reconcile(): Promise<{ pending: number; added: number }> {
    let pending = 0;
    let added = 0;
    let afterId: string | undefined;
    for (;;) {
      const page = await this.delivery.findPending(PAGE_SIZE, afterId);
      if (page.length === 0) break;
      pending += page.length;
      const present = await this.jobsExist(page.map((r) => r.id));
      const missing = page.filter((_, i) => !present[i]);
      if (missing.length > 0) {
        const now = new Date();
        // Adding a job whose id exists is a no-op, so a race with the API's enqueue is harmless.
        await this.queue.addBulk(
          missing.map((r) => ({
            name: DELIVER_REMINDER_JOB,
            data: { reminderId: r.id },
            opts: deliverJobOptions(r.id, r.dueAt, now),
          })),
        );
        added += missing.length;
      }
      if (page.length < PAGE_SIZE) break;
      afterId = page[page.length - 1].id;
    }
    return { pending, added };
  }

  /**
   * Whether each job id has a job in Redis: HEXISTS on the job's hash, sent together (one
   * round trip for the page), without reading any job data.
   */
  private async jobsExist(ids: readonly string[]): Promise<boolean[]> {
    const client = await this.queue.client;
    const found = await Promise.all(ids.map((id) => client.hexists(this.queue.toKey(id), 'name')));
    return found.map((n) => n === 1);
  }

  /**
   * The daily digest job at 07:00 Stockholm time. Upserted on every pass: a flushed Redis gets
   * it back, and upserting the same schedule changes nothing.
   */
  async scheduleDigest(): Promise<void> {
    await this.queue.upsertJobScheduler(
      DIGEST_SCHEDULER_ID,
      { pattern: DIGEST_CRON, tz: REMINDER_TIME_ZONE },
      {
        name: DIGEST_JOB,
        data: { reminderId: '' },
        opts: { removeOnComplete: true, removeOnFail: true },
      },
    );
  }

  private async reconcileAndLog(): Promise<void> {
    try {
      const { pending, added } = await this.reconcile();
      if (added > 0)
        this.logger.log({ pending, added }, 'Queued pending reminders that had no job');
      await this.scheduleDigest();
    } catch (err) {
      this.logger.error({ error: describeDeliveryError(err) }, 'Reminder reconciliation failed');
    }
    try {
      // E-mail that a crash or an SMTP failure left unsent, and a digest missed while down.
      const sent = (await this.mailer.sendDue()) + (await this.mailer.sendDigests());
      if (sent > 0) this.logger.log({ sent }, 'Sent reminder e-mail left over');
    } catch (err) {
      this.logger.error({ error: describeDeliveryError(err) }, 'Reminder e-mail sweep failed');
    }
  }
}
