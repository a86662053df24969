import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type {
  DeliverReminderJobData,
  DeliveryOutcome,
  ReminderDeliveryService,
  ReminderMailer,
} from '@samsyn/server';
import { DelayedError, type Job, type Queue } from 'bullmq';
import type { WorkerEnvironment } from '../../worker-config';
import { DeliverReminderProcessor } from './deliver-reminder.processor';

const reminderId = '3f0e4a52-1d7c-4c55-9a51-5a1d2b3c4d5e';
const checkId = '4a1f5b63-2e8d-4d66-8b62-6b2e3c4d5e6f';

function setup(outcome: DeliveryOutcome) {
  const deliver = jest.fn((id: string) => Promise.resolve(id && outcome));
  const deliverMany = jest.fn(async (ids: string[]) => {
    const entries = await Promise.all(ids.map(async (id) => [id, await deliver(id)] as const));
    return new Map(entries);
  });
  const mailer = {
    sendForReminder: jest.fn().mockResolvedValue(1),
    sendDigests: jest.fn().mockResolvedValue(2),
  };
  const addBulk = jest.fn().mockResolvedValue([]);
  const processor = new DeliverReminderProcessor(
    { deliverMany } as unknown as ReminderDeliveryService,
    mailer as unknown as ReminderMailer,
    { addBulk } as unknown as Queue<DeliverReminderJobData>,
    { get: () => 8 } as unknown as ConfigService<WorkerEnvironment, true>,
  );
  const moveToDelayed = jest.fn().mockResolvedValue(undefined);
  const job = {
    id: reminderId,
    name: 'deliver',
    data: { reminderId },
    moveToDelayed,
  } as unknown as Job<DeliverReminderJobData>;
  return { processor, deliver, moveToDelayed, job, mailer, addBulk };
}

describe('DeliverReminderProcessor', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('delivers the reminder the job names, sends its e-mail and reports the outcome', async () => {
    const { processor, deliver, moveToDelayed, job, mailer, addBulk } = setup({
      status: 'delivered',
      notified: 1,
      scheduled: [],
    });
    await expect(processor.process(job, 'token')).resolves.toBe('delivered');
    expect(deliver).toHaveBeenCalledWith(reminderId);
    expect(mailer.sendForReminder).toHaveBeenCalledWith(reminderId);
    expect(moveToDelayed).not.toHaveBeenCalled();
    expect(addBulk).not.toHaveBeenCalled();
  });

  it('queues the escalation check a delivery created, due at its time', async () => {
    const dueAt = new Date(Date.now() + 3_600_000);
    const { processor, job, addBulk } = setup({
      status: 'delivered',
      notified: 1,
      scheduled: [{ id: checkId, dueAt }],
    });
    await processor.process(job, 'token');
    expect(addBulk).toHaveBeenCalledWith([
      {
        name: 'deliver',
        data: { reminderId: checkId },
        opts: expect.objectContaining({ jobId: checkId }),
      },
    ]);
  });

  it('still completes when e-mail or queueing fails (the sweeps catch up)', async () => {
    const { processor, job, mailer, addBulk } = setup({
      status: 'delivered',
      notified: 1,
      scheduled: [{ id: checkId, dueAt: new Date() }],
    });
    mailer.sendForReminder.mockRejectedValue(new Error('ECONNREFUSED'));
    addBulk.mockRejectedValue(new Error('Stream is not writeable'));
    await expect(processor.process(job, 'token')).resolves.toBe('delivered');
  });

  it('completes without action when the reminder is no longer pending', async () => {
    const { processor, job, mailer } = setup({ status: 'skipped', reason: 'not_pending' });
    await expect(processor.process(job, 'token')).resolves.toBe('skipped');
    expect(mailer.sendForReminder).not.toHaveBeenCalled();
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

  it('sends the daily digests on the digest job', async () => {
    const { processor, job, deliver, mailer } = setup({ status: 'delivered', notified: 1 });
    await expect(
      processor.process({ ...job, name: 'digest' } as Job<DeliverReminderJobData>, 'token'),
    ).resolves.toBe('digest');
    expect(mailer.sendDigests).toHaveBeenCalled();
    expect(deliver).not.toHaveBeenCalled();
  });

  it('ignores jobs of another name', async () => {
    const { processor, deliver, job } = setup({ status: 'delivered', notified: 1 });
    await expect(
      processor.process({ ...job, name: 'other' } as Job<DeliverReminderJobData>, 'token'),
    ).resolves.toBe('skipped');
    expect(deliver).not.toHaveBeenCalled();
  });
});
