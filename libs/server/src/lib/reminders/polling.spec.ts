import { startPolling } from './polling';

describe('startPolling', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const flush = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('runs at once and then every interval after the previous run ends', async () => {
    const task = jest.fn(() => Promise.resolve());
    const loop = startPolling(task, 1_000, jest.fn());
    expect(task).toHaveBeenCalledTimes(1);
    await flush();
    jest.advanceTimersByTime(999);
    expect(task).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(2);
    await loop.stop();
  });

  it('can wait one interval before the first run', async () => {
    const task = jest.fn(() => Promise.resolve());
    const loop = startPolling(task, 1_000, jest.fn(), { immediate: false });
    expect(task).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1_000);
    expect(task).toHaveBeenCalledTimes(1);
    await loop.stop();
  });

  it('never overlaps a slow run', async () => {
    let finish: () => void = () => undefined;
    const task = jest.fn(() => new Promise<void>((done) => (finish = done)));
    const loop = startPolling(task, 10, jest.fn());
    jest.advanceTimersByTime(1_000);
    expect(task).toHaveBeenCalledTimes(1);
    finish();
    await flush();
    jest.advanceTimersByTime(10);
    expect(task).toHaveBeenCalledTimes(2);
    finish();
    await loop.stop();
  });

  it('reports errors and goes on', async () => {
    const onError = jest.fn();
    const task = jest.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(undefined);
    const loop = startPolling(task, 10, onError);
    await flush();
    expect(onError).toHaveBeenCalledWith(expect.any(Error));
    jest.advanceTimersByTime(10);
    expect(task).toHaveBeenCalledTimes(2);
    await loop.stop();
  });

  it('stop() waits for the run in progress and ends the loop', async () => {
    let finish: () => void = () => undefined;
    const task = jest.fn(() => new Promise<void>((done) => (finish = done)));
    const loop = startPolling(task, 10, jest.fn());
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await flush();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    jest.advanceTimersByTime(1_000);
    expect(task).toHaveBeenCalledTimes(1);
  });
});
