/**
 * Delay before the next delivery attempt of a reminder: exponential from `baseMs`, capped.
 * attempt counts from 1 (the first retry).
 */
export function retryDelayMs(attempt: number, baseMs = 5_000, capMs = 15 * 60_000): number {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError('attempt must be a positive integer');
  return Math.min(capMs, baseMs * 2 ** (attempt - 1));
}
