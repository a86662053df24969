import {
  newSetPasswordCode,
  normaliseSetPasswordCode,
  setPasswordCodeHash,
} from './set-password-code';

describe('one-time set-password codes', () => {
  it('are 28 Crockford base32 characters in groups of four, and differ every time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newSetPasswordCode()));
    expect(codes.size).toBe(200);
    for (const code of codes)
      expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('read back however they are typed: case, spaces, hyphens, O for 0 and I or L for 1', () => {
    const code = newSetPasswordCode();
    const canonical = normaliseSetPasswordCode(code);
    expect(canonical).toHaveLength(28);
    expect(normaliseSetPasswordCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(canonical);
    expect(normaliseSetPasswordCode('O1I0'.repeat(7))).toBe('0110'.repeat(7));
    expect(normaliseSetPasswordCode('L'.repeat(28))).toBe('1'.repeat(28));
  });

  it('refuse what cannot be a code', () => {
    expect(normaliseSetPasswordCode('')).toBeNull();
    expect(normaliseSetPasswordCode('ABCD')).toBeNull();
    expect(normaliseSetPasswordCode('U'.repeat(28))).toBeNull();
    expect(normaliseSetPasswordCode('Ä'.repeat(28))).toBeNull();
  });

  it('store a hash, never the code', () => {
    const canonical = normaliseSetPasswordCode(newSetPasswordCode())!;
    const hash = setPasswordCodeHash(canonical);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(canonical);
  });
});
