import { validateWorkerEnvironment } from './worker-config';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/samsyn';
const REDIS_URL = 'redis://127.0.0.1:6379';

describe('validateWorkerEnvironment', () => {
  it('accepts a PostgreSQL and a Redis URL', () => {
    const env = validateWorkerEnvironment({ DATABASE_URL, REDIS_URL, QUEUE_PREFIX: 'q1' });
    expect(env).toMatchObject({ DATABASE_URL, REDIS_URL, QUEUE_PREFIX: 'q1' });
  });

  it('refuses to start without DATABASE_URL, naming it', () => {
    expect(() => validateWorkerEnvironment({ REDIS_URL })).toThrow(/DATABASE_URL: required/);
  });

  it('refuses to start without REDIS_URL, naming it', () => {
    expect(() => validateWorkerEnvironment({ DATABASE_URL, REDIS_URL: '' })).toThrow(
      /REDIS_URL: required/,
    );
  });

  it('names both when both are missing', () => {
    expect(() => validateWorkerEnvironment({})).toThrow(/DATABASE_URL[\s\S]*REDIS_URL/);
  });

  it('keeps the shared rules, e.g. for the poll interval', () => {
    expect(() =>
      validateWorkerEnvironment({ DATABASE_URL, REDIS_URL, REMINDER_POLL_SECONDS: '0' }),
    ).toThrow(/REMINDER_POLL_SECONDS/);
  });
});
