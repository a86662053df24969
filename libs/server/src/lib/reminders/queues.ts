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

/**
 * Gallring (D22): one queue, a nightly repeatable job at 02:30 Stockholm time that queues the
 * day's clearing run, and a job per run started by hand. The durable truth is `gallring_runs`.
 */
export const GALLRING_QUEUE = 'gallring';
export const GALLRING_SCHEDULED_JOB = 'scheduled';
export const GALLRING_RUN_JOB = 'run';
export const GALLRING_SCHEDULER_ID = 'nightly-gallring';
export const GALLRING_CRON = '30 2 * * *';

export interface GallringJobData {
  /** The run to execute; absent for the scheduled job, which creates the day's run. */
  runId?: string;
}
