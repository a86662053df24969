import { afterFailure, afterSuccess, isLocked, lockBegun, type LockoutState } from './lockout';

const policy = { maxFailures: 3, lockMinutes: 15 };
const t0 = new Date('2026-11-23T10:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

describe('lockout', () => {
  it('locks on the attempt that reaches the limit, not before', () => {
    let state: LockoutState = afterSuccess();
    state = afterFailure(state, t0, policy);
    state = afterFailure(state, t0, policy);
    expect(isLocked(state, t0)).toBe(false);
    state = afterFailure(state, t0, policy);
    expect(isLocked(state, t0)).toBe(true);
    expect(state.lockedUntil).toEqual(minutes(15));
  });

  it('unlocks when the lock time has passed and then counts afresh', () => {
    const locked: LockoutState = { failedCount: 3, lockedUntil: minutes(15) };
    expect(isLocked(locked, minutes(14))).toBe(true);
    expect(isLocked(locked, minutes(15))).toBe(false);
    const next = afterFailure(locked, minutes(16), policy);
    expect(next).toEqual({ failedCount: 1, lockedUntil: null });
  });

  it('a success resets the count', () => {
    expect(afterSuccess()).toEqual({ failedCount: 0, lockedUntil: null });
  });

  it('names the lock’s end on the failure that begins it, and on no other', () => {
    const states: LockoutState[] = [afterSuccess()];
    for (let i = 0; i < 5; i++) states.push(afterFailure(states[i], t0, policy));
    const begun = states.slice(1).map((after, i) => lockBegun(states[i], after, t0));
    expect(begun).toEqual([null, null, minutes(15), null, null]);
    // A lock that has run out: the count starts afresh and the next lock is news again.
    const expired: LockoutState = { failedCount: 3, lockedUntil: minutes(15) };
    expect(lockBegun(expired, afterFailure(expired, minutes(16), policy), minutes(16))).toBeNull();
    const nearly: LockoutState = { failedCount: 2, lockedUntil: null };
    expect(lockBegun(nearly, afterFailure(nearly, minutes(20), policy), minutes(20))).toEqual(
      minutes(35),
    );
  });
});
