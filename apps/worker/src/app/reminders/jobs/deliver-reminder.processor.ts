import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  DELIVER_REMINDER_JOB,
  type DeliverReminderJobData,
  deliverJobOptions,
  describeDeliveryError,
  DIGEST_JOB,
  type DeliveryOutcome,
  REMINDERS_QUEUE,
  ReminderDeliveryService,
  ReminderMailer,
} from '@samsyn/server';
import { DelayedError, type Job, Queue } from 'bullmq';
import type { WorkerEnvironment } from '../../worker-config';
import { DeliveryBatcher } from './delivery-batcher';

/**
 * Delivers the reminder a job names. The database decides what happens (see
 * ReminderDeliveryService); a reminder that is not yet due or must be retried puts the same job
 * (id = reminder id) back into the delayed set instead of adding a second one. After a delivery
 * it queues what the delivery created (an escalation check) and sends the e-mail. The `digest`
 * job sends the daily digests.
 */
@Processor(REMINDERS_QUEUE, {
  concurrency: 4,
  // A worker killed mid-delivery leaves an active job: after this long without its lock the
  // job runs again elsewhere (the database makes the second run deliver once at most).
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 3,
})
export class DeliverReminderProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(DeliverReminderProcessor.name);
  /** Concurrent jobs are delivered together: one statement and one commit per batch. */
  private readonly batcher: DeliveryBatcher;

  constructor(
    private readonly delivery: ReminderDeliveryService,
    private readonly mailer: ReminderMailer,
    @InjectQueue(REMINDERS_QUEUE) private readonly queue: Queue<DeliverReminderJobData>,
    private readonly config: ConfigService<WorkerEnvironment, true>,
  ) {
    super();
    this.batcher = new DeliveryBatcher((ids) => this.delivery.deliverMany(ids));
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.get('REMINDER_WORKER_CONCURRENCY', { infer: true });
  }

  async process(
    job: Job<DeliverReminderJobData>,
    token?: string,
  ): Promise<DeliveryOutcome['status'] | 'digest'> {
    if (job.name === DIGEST_JOB) {
      const sent = await this.mailer.sendDigests();
      if (sent > 0) this.logger.log({ sent }, 'Sent daily digests');
      return 'digest';
    }
    if (job.name !== DELIVER_REMINDER_JOB) {
      this.logger.warn({ jobId: job.id, jobName: job.name }, 'Unknown job on the reminders queue');
      return 'skipped';
    }
    const outcome = await this.batcher.deliver(job.data.reminderId);
    if (outcome.status === 'not_due' || outcome.status === 'retry') {
      const at = outcome.status === 'not_due' ? outcome.dueAt : outcome.retryAt;
      await job.moveToDelayed(at.getTime(), token);
      // Tells BullMQ the job was moved, not finished.
      throw new DelayedError();
    }
    if (outcome.status === 'delivered') await this.afterDelivery(job.data.reminderId, outcome);
    return outcome.status;
  }

  /**
   * Best effort, after the delivery committed: a failure here is caught up by the reconciler
   * (a pending reminder without a job) and its mail sweep (an e-mail still pending).
   */
  private async afterDelivery(
    reminderId: string,
    outcome: Extract<DeliveryOutcome, { status: 'delivered' }>,
  ): Promise<void> {
    const scheduled = outcome.scheduled ?? [];
    if (scheduled.length > 0) {
      const now = new Date();
      await this.queue
        .addBulk(
          scheduled.map((r) => ({
            name: DELIVER_REMINDER_JOB,
            data: { reminderId: r.id },
            opts: deliverJobOptions(r.id, r.dueAt, now),
          })),
        )
        .catch((err: unknown) =>
          this.logger.warn({ error: describeDeliveryError(err) }, 'Queueing a follow-up failed'),
        );
    }
    await this.mailer
      .sendForReminder(reminderId)
      .catch((err: unknown) =>
        this.logger.warn(
          { reminderId, error: describeDeliveryError(err) },
          'Reminder e-mail failed',
        ),
      );
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    this.logger.warn(
      { jobId: job?.id, attemptsMade: job?.attemptsMade, error: describeDeliveryError(err) },
      'Reminder job failed',
    );
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.error({ error: describeDeliveryError(err) }, 'Reminder worker error');
  }

  /** Lets running deliveries finish before the database connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
