import { Logger } from '@nestjs/common';
import type {
  DeliverReminderJobData,
  DeliveryOutcome,
  ReminderDeliveryService,
} from '@samsyn/server';
import { DelayedError, type Job } from 'bullmq';
import { DeliverReminderProcessor } from './deliver-reminder.processor';

const reminderId = '3f0e4a52-1d7c-4c55-9a51-5a1d2b3c4d5e';

function setup(outcome: DeliveryOutcome) {
  const deliver = jest.fn().mockResolvedValue(outcome);
  const processor = new DeliverReminderProcessor({ deliver } as unknown as ReminderDeliveryService);
  const moveToDelayed = jest.fn().mockResolvedValue(undefined);
  const job = {
    id: reminderId,
    name: 'deliver',
    data: { reminderId },
    moveToDelayed,
  } as unknown as Job<DeliverReminderJobData>;
  return { processor, deliver, moveToDelayed, job };
}

describe('DeliverReminderProcessor', () => {
  it('delivers the reminder the job names and reports the outcome', async () => {
    const { processor, deliver, moveToDelayed, job } = setup({ status: 'delivered', notified: 1 });
    await expect(processor.process(job, 'token')).resolves.toBe('delivered');
    expect(deliver).toHaveBeenCalledWith(reminderId);
    expect(moveToDelayed).not.toHaveBeenCalled();
  });

  it('completes without action when the reminder is no longer pending', async () => {
    const { processor, job } = setup({ status: 'skipped', reason: 'not_pending' });
    await expect(processor.process(job, 'token')).resolves.toBe('skipped');
  });

  it('puts the same job back until the due time when it ran early', async () => {
    const dueAt = new Date('2026-11-22T10:00:00.000Z');
    const { processor, moveToDelayed, job } = setup({ status: 'not_due', dueAt });
    await expect(processor.process(job, 'token')).rejects.toBeInstanceOf(DelayedError);
    expect(moveToDelayed).toHaveBeenCalledWith(dueAt.getTime(), 'token');
  });

  it('retries a failed delivery at the time the policy gives', async () => {
    const retryAt = new Date('2026-11-22T10:00:05.000Z');
    const { processor, moveToDelayed, job } = setup({ status: 'retry', attempts: 1, retryAt });
    await expect(processor.process(job, 'token')).rejects.toBeInstanceOf(DelayedError);
    expect(moveToDelayed).toHaveBeenCalledWith(retryAt.getTime(), 'token');
  });

  it('stops retrying when the reminder has failed for good', async () => {
    const { processor, moveToDelayed, job } = setup({ status: 'failed', attempts: 5 });
    await expect(processor.process(job, 'token')).resolves.toBe('failed');
    expect(moveToDelayed).not.toHaveBeenCalled();
  });

  it('ignores jobs of another name', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { processor, deliver, job } = setup({ status: 'delivered', notified: 1 });
    await expect(
      processor.process({ ...job, name: 'other' } as Job<DeliverReminderJobData>, 'token'),
    ).resolves.toBe('skipped');
    expect(deliver).not.toHaveBeenCalled();
  });
});
