/** BullMQ queue and job names, shared by the API (producer) and the worker (consumer). */
export const REMINDERS_QUEUE = 'reminders';
export const DELIVER_REMINDER_JOB = 'deliver';

/** The daily e-mail digest: a repeatable job on the reminders queue, 07:00 Stockholm time. */
export const DIGEST_JOB = 'digest';
export const DIGEST_SCHEDULER_ID = 'daily-digest';
export const DIGEST_CRON = '0 7 * * *';

export interface DeliverReminderJobData {
  reminderId: string;
}
