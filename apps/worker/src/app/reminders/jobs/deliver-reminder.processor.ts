import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import {
  DELIVER_REMINDER_JOB,
  type DeliverReminderJobData,
  describeDeliveryError,
  type DeliveryOutcome,
  REMINDERS_QUEUE,
  ReminderDeliveryService,
} from '@samsyn/server';
import { DelayedError, type Job } from 'bullmq';

/**
 * Delivers the reminder a job names. The database decides what happens (see
 * ReminderDeliveryService); a reminder that is not yet due or must be retried puts the same job
 * (id = reminder id) back into the delayed set instead of adding a second one.
 */
@Processor(REMINDERS_QUEUE, { concurrency: 4 })
export class DeliverReminderProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliverReminderProcessor.name);

  constructor(private readonly delivery: ReminderDeliveryService) {
    super();
  }

  async process(
    job: Job<DeliverReminderJobData>,
    token?: string,
  ): Promise<DeliveryOutcome['status']> {
    if (job.name !== DELIVER_REMINDER_JOB) {
      this.logger.warn({ jobId: job.id, jobName: job.name }, 'Unknown job on the reminders queue');
      return 'skipped';
    }
    const outcome = await this.delivery.deliver(job.data.reminderId);
    if (outcome.status === 'not_due' || outcome.status === 'retry') {
      const at = outcome.status === 'not_due' ? outcome.dueAt : outcome.retryAt;
      await job.moveToDelayed(at.getTime(), token);
      // Tells BullMQ the job was moved, not finished.
      throw new DelayedError();
    }
    return outcome.status;
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
