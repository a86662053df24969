import type { DeliveryOutcome } from '@samsyn/server';
import { DeliveryBatcher } from './delivery-batcher';

const delivered: DeliveryOutcome = { status: 'delivered', notified: 1, scheduled: [] };

describe('DeliveryBatcher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('delivers the ids that arrive within a few milliseconds together', async () => {
    const deliverMany = jest.fn((ids: string[]) =>
      Promise.resolve(new Map(ids.map((id) => [id, delivered] as const))),
    );
    const batcher = new DeliveryBatcher(deliverMany, 100, 3);
    const a = batcher.deliver('a');
    const b = batcher.deliver('b');
    expect(deliverMany).not.toHaveBeenCalled();
    jest.advanceTimersByTime(3);
    await expect(Promise.all([a, b])).resolves.toEqual([delivered, delivered]);
    expect(deliverMany).toHaveBeenCalledTimes(1);
    expect(deliverMany).toHaveBeenCalledWith(['a', 'b']);
  });

  it('sends a full batch at once, without waiting', async () => {
    const deliverMany = jest.fn((ids: string[]) =>
      Promise.resolve(new Map(ids.map((id) => [id, delivered] as const))),
    );
    const batcher = new DeliveryBatcher(deliverMany, 2, 1_000);
    const both = Promise.all([batcher.deliver('a'), batcher.deliver('b')]);
    expect(deliverMany).toHaveBeenCalledWith(['a', 'b']);
    await both;
  });

  it('gives each job its own outcome, and fails every job of a failed batch', async () => {
    const deliverMany = jest
      .fn()
      .mockResolvedValueOnce(new Map([['a', delivered]]))
      .mockRejectedValueOnce(new Error('ECONNRESET'));
    const batcher = new DeliveryBatcher(deliverMany, 100, 1);
    const a = batcher.deliver('a');
    const gone = batcher.deliver('gone');
    jest.advanceTimersByTime(1);
    await expect(a).resolves.toEqual(delivered);
    await expect(gone).resolves.toEqual({ status: 'skipped', reason: 'missing' });
    const failed = batcher.deliver('c');
    jest.advanceTimersByTime(1);
    await expect(failed).rejects.toThrow('ECONNRESET');
  });
});
