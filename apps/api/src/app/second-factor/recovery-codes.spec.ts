import { RECOVERY_CODE_COUNT, RECOVERY_CODE_PATTERN } from '@samsyn/common';
import { randomBytes } from 'node:crypto';
import { newRecoveryCodes, normaliseRecoveryCode, recoveryCodeInput } from './recovery-codes';
import { SecretBox } from './secret-box';

describe('recovery codes', () => {
  const box = new SecretBox(randomBytes(32));

  it('hands out ten distinct codes in the printed form the login form accepts', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(code).toMatch(RECOVERY_CODE_PATTERN);
      // No look-alikes to misread from paper.
      expect(code).not.toMatch(/[01ilo]/);
    }
  });

  it('hashes a code the same however it is typed, and differently per user and per key', () => {
    const [code] = newRecoveryCodes(1);
    const user = '3f1c3c2e-0000-4000-8000-000000000001';
    const stored = box.mac(recoveryCodeInput(user, code));
    const typed = code.toUpperCase().replace('-', ' ');
    expect(normaliseRecoveryCode(typed)).toBe(code.replace('-', ''));
    expect(box.mac(recoveryCodeInput(user, typed))).toBe(stored);
    expect(box.mac(recoveryCodeInput(user, ` ${code.replace('-', '')} `))).toBe(stored);
    expect(box.mac(recoveryCodeInput('3f1c3c2e-0000-4000-8000-000000000002', code))).not.toBe(
      stored,
    );
    expect(new SecretBox(randomBytes(32)).mac(recoveryCodeInput(user, code))).not.toBe(stored);
    // The stored form says nothing of the code.
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(code.replace('-', ''));
  });

  it('is spent once: a set of unused hashes loses the code it matched (as the UPDATE … WHERE used_at IS NULL does)', () => {
    const user = 'u';
    const codes = newRecoveryCodes();
    const unused = new Set(codes.map((c) => box.mac(recoveryCodeInput(user, c))));
    const spend = (typed: string) => unused.delete(box.mac(recoveryCodeInput(user, typed)));
    expect(spend(codes[3])).toBe(true);
    expect(spend(codes[3])).toBe(false);
    expect(spend('zzzzz-zzzzz')).toBe(false);
    expect(unused.size).toBe(RECOVERY_CODE_COUNT - 1);
  });
});
