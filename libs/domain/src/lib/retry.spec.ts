import { retryDelayMs } from './retry';

describe('retryDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3].map((a) => retryDelayMs(a, 1000, 3000))).toEqual([1000, 2000, 3000]);
    expect(retryDelayMs(50, 1000, 3000)).toBe(3000);
  });
  it('rejects a non-positive attempt', () => {
    expect(() => retryDelayMs(0)).toThrow(RangeError);
  });
});
