import { validateEnvironment } from './environment';

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
});
