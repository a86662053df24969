import { NodeEnv, secretsKey, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies defaults for an empty environment (embedded database, no Redis)', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.DEMO_MODE).toBe(false);
    expect(env.COOKIE_SECURE).toBe(false);
  });

  it('converts numbers and booleans from strings', () => {
    const env = validateEnvironment({ PORT: '8080', DEMO_MODE: 'true', NODE_ENV: 'production' });
    expect(env.PORT).toBe(8080);
    expect(env.DEMO_MODE).toBe(true);
    expect(env.COOKIE_SECURE).toBe(true);
  });

  it('has reminder defaults: lead times, escalation after 48 h, no e-mail', () => {
    const env = validateEnvironment({});
    expect(env.REMINDER_LEAD_DAYS_CONSENT_EXPIRING).toBe(14);
    expect(env.REMINDER_CASE_INACTIVE_DAYS).toBe(30);
    expect(env.REMINDER_ESCALATION_HOURS).toBe(48);
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe('Samsyn <samsyn@localhost>');
  });

  it('accepts an SMTP URL and a sender with or without a name', () => {
    const env = validateEnvironment({
      SMTP_URL: 'smtps://user:secret@mail.example.se:465',
      MAIL_FROM: 'noreply@example.se',
    });
    expect(env.SMTP_URL).toBe('smtps://user:secret@mail.example.se:465');
    expect(validateEnvironment({ MAIL_FROM: 'Samsyn Örebro <samsyn@example.se>' }).MAIL_FROM).toBe(
      'Samsyn Örebro <samsyn@example.se>',
    );
  });

  it('treats empty strings as unset', () => {
    expect(validateEnvironment({ DATABASE_URL: '', REDIS_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['REDIS_URL', 'localhost:6379'],
    ['DEMO_MODE', 'yes'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['QUEUE_PREFIX', 'a b'],
    ['REMINDER_LEAD_DAYS_CONSENT_EXPIRING', '-1'],
    ['REMINDER_CASE_INACTIVE_DAYS', '0'],
    ['REMINDER_ESCALATION_HOURS', '1.5'],
    ['REMINDER_WORKER_CONCURRENCY', '0'],
    ['SMTP_URL', 'mail.example.se:25'],
    ['MAIL_FROM', 'Samsyn <no address>'],
    ['MAIL_FROM', 'a@b\r\nBcc: c@d'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(
      new RegExp(`^Invalid configuration:\\n  ${name}: `),
    );
  });

  it('names every bad variable at once', () => {
    try {
      validateEnvironment({ PORT: 'x', LOGIN_MAX_FAILURES: '0' });
      throw new Error('expected validation to fail');
    } catch (e) {
      expect((e as Error).message).toContain('PORT');
      expect((e as Error).message).toContain('LOGIN_MAX_FAILURES');
    }
  });

  it('allows identity providers over plain http only outside production (issue 16)', () => {
    expect(validateEnvironment({}).OIDC_ALLOW_INSECURE_HTTP).toBe(false);
    expect(validateEnvironment({ OIDC_ALLOW_INSECURE_HTTP: 'true' }).OIDC_ALLOW_INSECURE_HTTP).toBe(
      true,
    );
    expect(() =>
      validateEnvironment({ OIDC_ALLOW_INSECURE_HTTP: 'true', NODE_ENV: 'production' }),
    ).toThrow('OIDC_ALLOW_INSECURE_HTTP');
  });

  describe('SECRETS_KEY (issue 16: the second factor at rest)', () => {
    const base64 = Buffer.alloc(32, 7).toString('base64');
    const hex = Buffer.alloc(32, 7).toString('hex');

    it('takes 32 bytes as base64 or hex, and names the variable otherwise', () => {
      expect(secretsKey(validateEnvironment({ SECRETS_KEY: base64 }))).toEqual(Buffer.alloc(32, 7));
      expect(secretsKey(validateEnvironment({ SECRETS_KEY: hex }))).toEqual(Buffer.alloc(32, 7));
      expect(() => validateEnvironment({ SECRETS_KEY: 'short' })).toThrow(
        /SECRETS_KEY must be 32 bytes/,
      );
      expect(() => validateEnvironment({ SECRETS_KEY: hex.slice(2) })).toThrow(/SECRETS_KEY/);
    });

    it('is required outside demo mode and tests; those derive a fixed development key', () => {
      expect(() => secretsKey(validateEnvironment({ NODE_ENV: 'production' }))).toThrow(
        /SECRETS_KEY: required outside demo mode/,
      );
      expect(() => secretsKey(validateEnvironment({}))).toThrow(/SECRETS_KEY/);
      const demo = secretsKey(validateEnvironment({ DEMO_MODE: 'true', NODE_ENV: 'production' }));
      expect(demo).toHaveLength(32);
      expect(secretsKey({ NODE_ENV: NodeEnv.Test, DEMO_MODE: false })).toEqual(demo);
    });
  });
});
