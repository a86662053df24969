import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  describeDeliveryError,
  type EnvironmentVariables,
  type PollingLoop,
  ReminderDeliveryService,
  ReminderMailer,
  startPolling,
} from '@samsyn/server';
import { REMINDER_QUEUE, type ReminderQueue } from './reminder-queue.provider';

const BATCH_SIZE = 50;
const MAX_BATCHES_PER_RUN = 20;

/**
 * The embedded default without Redis: every REMINDER_POLL_SECONDS the API itself delivers the
 * pending reminders that are due (escalation checks included), through the same
 * ReminderDeliveryService as the worker, then sends their e-mail and, after 07:00, the daily
 * digests. With REDIS_URL set it stays idle; the worker delivers.
 */
@Injectable()
export class InProcessDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InProcessDispatcher.name);
  private loop?: PollingLoop;
  /** Reminders whose last attempt failed, and when they may be tried again. */
  private readonly backoff = new Map<string, number>();

  constructor(
    private readonly delivery: ReminderDeliveryService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    @Inject(REMINDER_QUEUE) private readonly queue: ReminderQueue,
    private readonly mailer: ReminderMailer,
  ) {}

  onApplicationBootstrap(): void {
    if (this.queue) return;
    const seconds = this.config.get('REMINDER_POLL_SECONDS', { infer: true });
    this.logger.log(`No REDIS_URL: reminders are delivered in-process every ${seconds} s`);
    this.loop = startPolling(
      () => this.dispatchDue().then(() => this.sendMail()),
      seconds * 1000,
      (err) => this.logger.error({ error: describeDeliveryError(err) }, 'Reminder dispatch failed'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    // Lets a delivery in progress finish before the database connection closes.
    await this.loop?.stop();
    this.loop = undefined;
  }

  /** E-mail of what was delivered, and the daily digest once 07:00 has passed. */
  async sendMail(): Promise<void> {
    await this.mailer.sendDue();
    await this.mailer.sendDigests();
  }

  /** Delivers what is due now; returns how many reminders were delivered. */
  async dispatchDue(): Promise<number> {
    const now = Date.now();
    for (const [id, retryAt] of this.backoff) if (retryAt <= now) this.backoff.delete(id);
    let delivered = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const ids = await this.delivery.findDuePendingIds(BATCH_SIZE, [...this.backoff.keys()]);
      for (const id of ids) {
        const outcome = await this.delivery.deliver(id);
        if (outcome.status === 'delivered') delivered++;
        if (outcome.status === 'retry') this.backoff.set(id, outcome.retryAt.getTime());
      }
      if (ids.length < BATCH_SIZE) break;
    }
    if (delivered > 0) this.logger.log({ delivered }, 'Delivered due reminders');
    return delivered;
  }
}
