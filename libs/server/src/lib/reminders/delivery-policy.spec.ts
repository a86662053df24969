import { ReminderStatus } from '@samsyn/common';
import {
  delayUntil,
  deliverJobOptions,
  deliveryDecision,
  describeDeliveryError,
  failureOutcome,
  MAX_DELIVERY_ATTEMPTS,
  PermanentDeliveryError,
} from './delivery-policy';

const now = new Date('2026-11-22T10:00:00.000Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

describe('deliveryDecision', () => {
  it('delivers a pending reminder that is due, also exactly at its time', () => {
    expect(deliveryDecision({ status: ReminderStatus.Pending, dueAt: at(-1) }, now)).toBe(
      'deliver',
    );
    expect(deliveryDecision({ status: ReminderStatus.Pending, dueAt: now }, now)).toBe('deliver');
  });

  it('waits for a reminder that is not yet due', () => {
    expect(deliveryDecision({ status: ReminderStatus.Pending, dueAt: at(1) }, now)).toBe('not_due');
  });

  it.each([ReminderStatus.Delivered, ReminderStatus.Cancelled, ReminderStatus.Failed])(
    'never delivers a %s reminder again',
    (status) => {
      expect(deliveryDecision({ status, dueAt: at(-1000) }, now)).toBe('not_pending');
    },
  );

  it('reports a missing reminder', () => {
    expect(deliveryDecision(null, now)).toBe('missing');
  });
});

describe('failureOutcome', () => {
  it('retries with a growing delay until the last attempt', () => {
    const first = failureOutcome(1, false, now);
    const second = failureOutcome(2, false, now);
    expect(first).toEqual({ status: 'retry', attempts: 1, retryAt: at(5_000) });
    expect(second).toEqual({ status: 'retry', attempts: 2, retryAt: at(10_000) });
  });

  it('gives up after the maximum number of attempts', () => {
    expect(failureOutcome(MAX_DELIVERY_ATTEMPTS, false, now)).toEqual({
      status: 'failed',
      attempts: MAX_DELIVERY_ATTEMPTS,
    });
  });

  it('does not retry a permanent failure', () => {
    expect(failureOutcome(1, true, now)).toEqual({ status: 'failed', attempts: 1 });
  });
});

describe('describeDeliveryError', () => {
  it('keeps only the SQLSTATE of a database error, never its message', () => {
    const err = Object.assign(new Error('invalid input syntax for type uuid: "19121212-1212"'), {
      name: 'QueryFailedError',
      driverError: { code: '22P02' },
    });
    expect(describeDeliveryError(err)).toBe('PostgreSQL error 22P02');
  });

  it('keeps the name and code of a system error', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(describeDeliveryError(err)).toBe('Error ECONNREFUSED');
  });

  it('keeps only the name of any other error', () => {
    expect(describeDeliveryError(new TypeError('Anna Andersson has no unit'))).toBe('TypeError');
    expect(describeDeliveryError('oops')).toBe('non-error thrown');
  });

  it('keeps the fixed text of a permanent failure', () => {
    expect(describeDeliveryError(new PermanentDeliveryError('no active recipient'))).toBe(
      'no active recipient',
    );
  });
});

describe('delivery jobs', () => {
  it('wait until the due time, or not at all when it has passed', () => {
    expect(delayUntil(at(2_500), now)).toBe(2_500);
    expect(delayUntil(at(-60_000), now)).toBe(0);
  });

  it('use the reminder id as job id and leave nothing behind in Redis', () => {
    const id = '3f0e4a52-1d7c-4c55-9a51-5a1d2b3c4d5e';
    expect(deliverJobOptions(id, at(1_000), now)).toMatchObject({
      jobId: id,
      delay: 1_000,
      removeOnComplete: true,
      removeOnFail: true,
    });
  });
});
