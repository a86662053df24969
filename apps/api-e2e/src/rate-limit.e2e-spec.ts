import { ErrorCode } from '@samsyn/common';
import { e2eContext } from './support/env';
import { ApiClient } from './support/http';
import { type RunningApi, startApi, tempDir } from '@samsyn/testing';

describe('sign-in rate limit', () => {
  let api: RunningApi;

  beforeAll(async () => {
    // A second API process on the same database, with a low limit.
    api = await startApi({
      DATABASE_URL: e2eContext().databaseUrl,
      DATA_DIR: tempDir('samsyn-rl-'),
      LOGIN_RATE_LIMIT: '3',
    });
  }, 90_000);

  afterAll(() => api?.stop());

  it('answers 429 after LOGIN_RATE_LIMIT attempts a minute from one address', async () => {
    const client = new ApiClient(api.url);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.login('nobody', 'x')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const res = await client.login('social.orebro', 'samsyn-demo');
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ code: ErrorCode.TooManyRequests });
  });

  it('prints no demo sign-ins when not in demo mode', () => {
    expect(api.output()).toContain('Samsyn API listening');
    expect(api.output()).not.toContain('samsyn-demo');
  });
});
