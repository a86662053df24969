import { Logger } from '@nestjs/common';
import { ReminderKind, ReminderStatus } from '@samsyn/common';
import type { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import type { AfterCommit } from './after-commit';
import { ReminderScheduler } from './reminder-scheduler.service';

const id = '3f0e4a52-1d7c-4c55-9a51-5a1d2b3c4d5e';
const userId = '9b2c1d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';

function setup(queue: Partial<Queue> | null) {
  const afterCommitCallbacks: (() => void)[] = [];
  const afterCommit = { run: (_: EntityManager, fn: () => void) => afterCommitCallbacks.push(fn) };
  const em = {
    create: jest.fn((_: unknown, values: object) => values),
    save: jest.fn((values: object) => Promise.resolve({ id, ...values })),
    update: jest.fn().mockResolvedValue({ affected: 1 }),
  };
  const scheduler = new ReminderScheduler(
    afterCommit as unknown as AfterCommit,
    queue as unknown as Queue | null,
  );
  const commit = () => afterCommitCallbacks.splice(0).forEach((fn) => fn());
  return { scheduler, em: em as unknown as EntityManager & typeof em, commit };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('ReminderScheduler', () => {
  beforeEach(() =>
    jest.useFakeTimers({ now: new Date('2026-11-22T10:00:00.000Z'), doNotFake: ['setImmediate'] }),
  );
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('inserts a pending reminder and queues its job only after the commit', async () => {
    const add = jest.fn().mockResolvedValue({});
    const { scheduler, em, commit } = setup({ add });
    const dueAt = new Date('2026-11-22T10:00:02.000Z');
    const reminder = await scheduler.schedule(em, {
      kind: ReminderKind.SystemTest,
      dueAt,
      recipientUserId: userId,
    });
    expect(reminder).toMatchObject({
      id,
      status: ReminderStatus.Pending,
      attempts: 0,
      recipientUserId: userId,
    });
    expect(add).not.toHaveBeenCalled();
    commit();
    expect(add).toHaveBeenCalledWith(
      'deliver',
      { reminderId: id },
      expect.objectContaining({ jobId: id, delay: 2_000 }),
    );
  });

  it('keeps the reminder when Redis refuses the job (the reconciler adds it later)', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const add = jest.fn().mockRejectedValue(new Error('Stream is not writeable'));
    const { scheduler, em, commit } = setup({ add });
    await scheduler.schedule(em, {
      kind: ReminderKind.SystemTest,
      dueAt: new Date(),
      recipientUserId: userId,
    });
    expect(() => commit()).not.toThrow();
    await flush();
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'enqueue', error: 'Error' }),
      expect.any(String),
    );
  });

  it('queues nothing without Redis (the in-process dispatcher reads the table)', async () => {
    const { scheduler, em, commit } = setup(null);
    await scheduler.schedule(em, {
      kind: ReminderKind.SystemTest,
      dueAt: new Date(),
      recipientUserId: userId,
    });
    expect(() => commit()).not.toThrow();
  });

  it('refuses a reminder without recipient or with an invalid date', async () => {
    const { scheduler, em } = setup(null);
    await expect(
      scheduler.schedule(em, { kind: ReminderKind.SystemTest, dueAt: new Date() }),
    ).rejects.toThrow(/recipient/);
    await expect(
      scheduler.schedule(em, {
        kind: ReminderKind.SystemTest,
        dueAt: new Date('x'),
        recipientUserId: userId,
      }),
    ).rejects.toThrow(/dueAt/);
    expect(em.save).not.toHaveBeenCalled();
  });

  it('reschedules a pending reminder by replacing its job', async () => {
    const remove = jest.fn().mockResolvedValue(1);
    const add = jest.fn().mockResolvedValue({});
    const { scheduler, em, commit } = setup({ remove, add });
    const dueAt = new Date('2026-11-22T11:00:00.000Z');
    await expect(scheduler.reschedule(em, id, dueAt)).resolves.toBe(true);
    expect(em.update).toHaveBeenCalledWith(
      expect.anything(),
      { id, status: ReminderStatus.Pending },
      { dueAt },
    );
    commit();
    await flush();
    expect(remove).toHaveBeenCalledWith(id);
    expect(add).toHaveBeenCalledWith(
      'deliver',
      { reminderId: id },
      expect.objectContaining({ delay: 3_600_000 }),
    );
  });

  it('cancels only a pending reminder', async () => {
    const remove = jest.fn().mockResolvedValue(1);
    const { scheduler, em, commit } = setup({ remove });
    await expect(scheduler.cancel(em, id)).resolves.toBe(true);
    expect(em.update).toHaveBeenCalledWith(
      expect.anything(),
      { id, status: ReminderStatus.Pending },
      { status: ReminderStatus.Cancelled },
    );
    commit();
    expect(remove).toHaveBeenCalledWith(id);

    em.update.mockResolvedValueOnce({ affected: 0 });
    await expect(scheduler.cancel(em, id)).resolves.toBe(false);
  });
});
