import { Logger, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  bullConnection,
  type DeliverReminderJobData,
  describeDeliveryError,
  type EnvironmentVariables,
  REMINDERS_QUEUE,
} from '@samsyn/server';
import { Queue } from 'bullmq';

/** The reminders queue (producer side only), or null without REDIS_URL (embedded default). */
export const REMINDER_QUEUE = Symbol('REMINDER_QUEUE');

export type ReminderQueue = Queue<DeliverReminderJobData> | null;

export const reminderQueueProvider: Provider = {
  provide: REMINDER_QUEUE,
  inject: [ConfigService],
  useFactory: (config: ConfigService<EnvironmentVariables, true>): ReminderQueue => {
    const url = config.get('REDIS_URL', { infer: true });
    if (!url) return null;
    const queue = new Queue<DeliverReminderJobData>(REMINDERS_QUEUE, {
      connection: bullConnection(url, 'producer'),
      prefix: config.get('QUEUE_PREFIX', { infer: true }),
    });
    // Without a listener a connection error would crash the API; enqueueing is best effort anyway.
    const logger = new Logger('RemindersQueue');
    queue.on('error', (err) => logger.warn({ error: describeDeliveryError(err) }, 'Redis error'));
    return queue;
  },
};
