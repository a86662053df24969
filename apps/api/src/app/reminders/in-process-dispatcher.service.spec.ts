import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type {
  DeliveryOutcome,
  EnvironmentVariables,
  ReminderDeliveryService,
  ReminderMailer,
} from '@samsyn/server';
import type { Queue } from 'bullmq';
import { InProcessDispatcher } from './in-process-dispatcher.service';

const config = { get: () => 1 } as unknown as ConfigService<EnvironmentVariables, true>;

function setup(outcomes: Record<string, DeliveryOutcome>, queue: Queue | null = null) {
  const due = new Set(Object.keys(outcomes));
  const delivery = {
    findDuePendingIds: jest.fn((limit: number, exclude: readonly string[] = []) =>
      Promise.resolve([...due].filter((id) => !exclude.includes(id)).slice(0, limit)),
    ),
    deliver: jest.fn((id: string) => {
      const outcome = outcomes[id];
      if (outcome.status !== 'retry') due.delete(id);
      return Promise.resolve(outcome);
    }),
  };
  const mailer = {
    sendDue: jest.fn().mockResolvedValue(0),
    sendDigests: jest.fn().mockResolvedValue(0),
  };
  const dispatcher = new InProcessDispatcher(
    delivery as unknown as ReminderDeliveryService,
    config,
    queue,
    mailer as unknown as ReminderMailer,
  );
  return { dispatcher, delivery, mailer };
}

describe('InProcessDispatcher', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('delivers every due reminder through the delivery service', async () => {
    const { dispatcher, delivery } = setup({
      a: { status: 'delivered', notified: 1 },
      b: { status: 'delivered', notified: 2 },
      c: { status: 'skipped', reason: 'not_pending' },
    });
    await expect(dispatcher.dispatchDue()).resolves.toBe(2);
    expect(delivery.deliver.mock.calls.map((c) => c[0])).toEqual(['a', 'b', 'c']);
  });

  it('waits for the backoff before retrying a failed delivery', async () => {
    const retryAt = new Date(Date.now() + 60_000);
    const { dispatcher, delivery } = setup({ a: { status: 'retry', attempts: 1, retryAt } });
    await dispatcher.dispatchDue();
    await dispatcher.dispatchDue();
    expect(delivery.deliver).toHaveBeenCalledTimes(1);
    expect(delivery.findDuePendingIds).toHaveBeenLastCalledWith(expect.any(Number), ['a']);
  });

  it('retries once the backoff has passed', async () => {
    const { dispatcher, delivery } = setup({
      a: { status: 'retry', attempts: 1, retryAt: new Date(Date.now() - 1) },
    });
    await dispatcher.dispatchDue();
    await dispatcher.dispatchDue();
    expect(delivery.deliver).toHaveBeenCalledTimes(2);
  });

  it('stays idle when Redis is configured (the worker delivers)', async () => {
    const { dispatcher, delivery } = setup(
      { a: { status: 'delivered', notified: 1 } },
      {} as Queue,
    );
    dispatcher.onApplicationBootstrap();
    await dispatcher.onModuleDestroy();
    expect(delivery.findDuePendingIds).not.toHaveBeenCalled();
  });

  it('polls without Redis, sends the e-mail after delivering, and stops on shutdown', async () => {
    const { dispatcher, delivery, mailer } = setup({ a: { status: 'delivered', notified: 1 } });
    dispatcher.onApplicationBootstrap();
    await dispatcher.onModuleDestroy();
    expect(delivery.deliver).toHaveBeenCalledWith('a');
    expect(mailer.sendDue).toHaveBeenCalled();
    expect(mailer.sendDigests).toHaveBeenCalled();
  });
});
