/**
 * Account lockout after repeated failed sign-ins. Pure: the caller supplies the clock and
 * persists the returned state.
 */
export interface LockoutPolicy {
  /** Failed attempts in a row that lock the account. */
  maxFailures: number;
  /** How long the account stays locked. */
  lockMinutes: number;
}

export interface LockoutState {
  failedCount: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more failed attempt: the attempt that reaches the limit locks. */
export function afterFailure(state: LockoutState, now: Date, policy: LockoutPolicy): LockoutState {
  // A lock that has run out starts a fresh count rather than locking again on the next miss.
  const base = state.lockedUntil !== null && !isLocked(state, now) ? 0 : state.failedCount;
  const failedCount = base + 1;
  if (failedCount >= policy.maxFailures) {
    return { failedCount, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  }
  return { failedCount, lockedUntil: null };
}

/**
 * When a failure began a lock, the lock's end; otherwise null (the account was locked already,
 * or is not locked after it). The one failure that begins a lock is when its owner is told.
 */
export function lockBegun(before: LockoutState, after: LockoutState, now: Date): Date | null {
  return !isLocked(before, now) && isLocked(after, now) ? after.lockedUntil : null;
}

export function afterSuccess(): LockoutState {
  return { failedCount: 0, lockedUntil: null };
}
