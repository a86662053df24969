/** BullMQ queue and job names, shared by the API (producer) and the worker (consumer). */
export const REMINDERS_QUEUE = 'reminders';
export const DELIVER_REMINDER_JOB = 'deliver';

export interface DeliverReminderJobData {
  reminderId: string;
}
