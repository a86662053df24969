import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox (AES-256-GCM under SECRETS_KEY)', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('round-trips a secret, with a fresh IV each time and nothing of it in clear', () => {
    const a = box.seal(secret);
    const b = box.seal(secret);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain(secret);
    expect(box.open(a)).toBe(secret);
    expect(new SecretBox(Buffer.from(key)).open(b)).toBe(secret);
  });

  it('refuses a value sealed under another key or altered in any part', () => {
    const sealed = box.seal(secret);
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
    const parts = sealed.split('.');
    for (const i of [1, 2, 3]) {
      const altered = [...parts];
      const bytes = Buffer.from(altered[i], 'base64url');
      bytes[0] ^= 1;
      altered[i] = bytes.toString('base64url');
      expect(() => box.open(altered.join('.'))).toThrow();
    }
    expect(() => box.open('plain text')).toThrow('not a sealed value');
  });

  it('wants a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow('32 bytes');
  });
});
