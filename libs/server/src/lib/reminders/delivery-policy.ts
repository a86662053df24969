import { ReminderStatus } from '@samsyn/common';
import { retryDelayMs } from '@samsyn/domain';
import type { JobsOptions } from 'bullmq';

/** After this many failed attempts a reminder is marked failed and no longer retried. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/** What one delivery attempt did; `not_due` and `retry` ask the caller to try again later. */
export type DeliveryOutcome =
  /** `scheduled`: reminders the delivery created (an escalation check), to be queued. */
  | { status: 'delivered'; notified: number; scheduled?: { id: string; dueAt: Date }[] }
  /** `acknowledged`: an escalation whose reminder was read meanwhile; it is cancelled. */
  | {
      status: 'skipped';
      reason: 'missing' | 'not_pending' | 'acknowledged' | 'nobody_to_escalate_to';
    }
  | { status: 'not_due'; dueAt: Date }
  | { status: 'retry'; attempts: number; retryAt: Date }
  | { status: 'failed'; attempts: number };

/** A failure that retrying cannot fix; its message is fixed text, never data. */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** Whether a (locked) reminder row is to be delivered now. */
export function deliveryDecision(
  reminder: { status: ReminderStatus; dueAt: Date } | null,
  now: Date,
): 'missing' | 'not_pending' | 'not_due' | 'deliver' {
  if (!reminder) return 'missing';
  if (reminder.status !== ReminderStatus.Pending) return 'not_pending';
  if (reminder.dueAt.getTime() > now.getTime()) return 'not_due';
  return 'deliver';
}

/** The state after a failed attempt: retry with backoff, or give up. */
export function failureOutcome(
  attempts: number,
  permanent: boolean,
  now: Date,
): Extract<DeliveryOutcome, { status: 'retry' | 'failed' }> {
  if (permanent || attempts >= MAX_DELIVERY_ATTEMPTS) return { status: 'failed', attempts };
  return { status: 'retry', attempts, retryAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}

/**
 * A short technical description of an error for `reminders.last_error` and logs. Driver messages
 * can quote the values that failed (personal data), so only names and codes are kept.
 */
export function describeDeliveryError(err: unknown): string {
  if (err instanceof PermanentDeliveryError) return err.message.slice(0, 500);
  if (!(err instanceof Error)) return 'non-error thrown';
  const driverCode = (err as { driverError?: { code?: unknown } }).driverError?.code;
  const code = driverCode ?? (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return `PostgreSQL error ${code}`;
  if (typeof code === 'string' && /^E[A-Z_]{2,30}$/.test(code)) return `${err.name} ${code}`;
  return err.name.slice(0, 100);
}

/** Milliseconds from `now` until `dueAt`, never negative. */
export function delayUntil(dueAt: Date, now: Date): number {
  return Math.max(0, dueAt.getTime() - now.getTime());
}

/**
 * Options for the delivery job of one reminder, used by every producer (API, reconciler). The job id
 * is the reminder id, so adding it twice keeps one job. Finished jobs are removed: the database
 * records the outcome, and a pending reminder without a job is re-added by the reconciler.
 */
export function deliverJobOptions(reminderId: string, dueAt: Date, now: Date): JobsOptions {
  return {
    jobId: reminderId,
    delay: delayUntil(dueAt, now),
    // Only for errors the delivery could not even record (database unreachable).
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: true,
    removeOnFail: true,
  };
}
