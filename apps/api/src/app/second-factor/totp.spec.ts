import { generateSync } from 'otplib';
import { newTotpSecret, TOTP_PERIOD_SECONDS, totpUri, verifyTotp } from './totp';

/** The code the authenticator app shows at `at` (an independent reading: otplib's generator). */
function codeAt(secret: string, at: Date): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

describe('TOTP verification', () => {
  const secret = newTotpSecret();
  // The start of a time step, so that ±30 s land exactly one step either way.
  const now = new Date(Math.floor(Date.UTC(2026, 4, 4, 9, 0, 0) / 30_000) * 30_000);
  const step = Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
  const shifted = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  it('accepts the current code and answers its time step', () => {
    expect(verifyTotp(secret, codeAt(secret, now), { now })).toBe(step);
  });

  it('accepts one step either way (a phone clock off by up to 30 s), not two', () => {
    expect(verifyTotp(secret, codeAt(secret, shifted(-30)), { now })).toBe(step - 1);
    expect(verifyTotp(secret, codeAt(secret, shifted(30)), { now })).toBe(step + 1);
    expect(verifyTotp(secret, codeAt(secret, shifted(-60)), { now })).toBeNull();
    expect(verifyTotp(secret, codeAt(secret, shifted(60)), { now })).toBeNull();
  });

  it('refuses a code used once, and any older one, within its window', () => {
    const used = verifyTotp(secret, codeAt(secret, now), { now });
    expect(used).toBe(step);
    expect(verifyTotp(secret, codeAt(secret, now), { now, lastUsedStep: used })).toBeNull();
    expect(
      verifyTotp(secret, codeAt(secret, shifted(-30)), { now, lastUsedStep: used }),
    ).toBeNull();
    // The next step's code is new.
    expect(verifyTotp(secret, codeAt(secret, shifted(30)), { now, lastUsedStep: used })).toBe(
      step + 1,
    );
  });

  it("refuses another secret's code and anything that is not six digits", () => {
    const other = newTotpSecret();
    expect(verifyTotp(secret, codeAt(other, now), { now })).toBeNull();
    for (const bad of ['', '12345', '1234567', 'abcdef', ' 123456'])
      expect(verifyTotp(secret, bad, { now })).toBeNull();
  });

  it('names the account and Samsyn in the otpauth URI', () => {
    const uri = totpUri(secret, 'anna.svensson');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Samsyn:anna\.svensson\?/);
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    expect(new URL(uri).searchParams.get('issuer')).toBe('Samsyn');
  });
});
