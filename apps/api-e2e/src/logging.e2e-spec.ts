import { SESSION_COOKIE, CSRF_COOKIE } from '@samsyn/common';
import { type RunningApi, startApi, tempDir } from '@samsyn/testing';
import { e2eContext } from './support/env';
import { ApiClient } from './support/http';
import { sleep } from './support/wait';

/** Logs are JSON and carry no personal data or secrets, even at the most verbose level (D18). */
describe('structured logs', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi({
      DATABASE_URL: e2eContext().databaseUrl,
      DATA_DIR: tempDir('samsyn-log-'),
      LOG_LEVEL: 'trace',
    });
  }, 90_000);

  afterAll(() => api?.stop());

  it('log requests without names, passwords, identity numbers, tokens or bodies', async () => {
    const failed = new ApiClient(api.url);
    await failed.login('social.orebro', 'Hemligt-Lösen-123');
    const client = await ApiClient.signedIn('social.orebro', undefined, api.url);
    const sessionToken = client.cookies.get(SESSION_COOKIE) ?? '';
    const csrfToken = client.cookies.get(CSRF_COOKIE) ?? '';
    expect(sessionToken.length * csrfToken.length).toBeGreaterThan(0);
    await client.get('/api/v1/me');
    await client.get('/api/v1/organisations?q=19121212-1212');
    await client.request('POST', '/api/v1/auth/login', { username: '19121212-1212', password: 7 });
    // A case with a protected person, a failing request about them, and a list: none of it may
    // reach the log (D18), nor may TypeORM's SQL parameters at trace level.
    const person = {
      personalNumberKind: 'personnummer',
      personalNumber: '19770707-0608',
      firstName: 'Loggfri',
      lastName: 'Skyddadsson',
      address: 'Hemlighetsgatan 5',
      protectedLevel: 'skyddad_folkbokforing',
    };
    const created = await client.post<{ id: string }>('/api/v1/cases', {
      programme: 'SIP',
      participants: [{ role: 'individual', person }],
    });
    expect(created.status).toBe(201);
    await client.post('/api/v1/cases', {
      programme: 'SIP',
      participants: [
        { role: 'individual', person: { ...person, personalNumber: '19770707-0607' } },
      ],
    });
    await client.get('/api/v1/cases?number=SIP');
    await client.get(`/api/v1/cases/${created.body.id}`);
    await client.post('/api/v1/auth/logout');
    await sleep(500); // the logger writes asynchronously

    const out = api.output();
    expect(out).toMatch(/"path":"\/api\/v1\/me"/);
    expect(out).toMatch(/"path":"\/api\/v1\/organisations"/);
    for (const secret of [
      'Hemligt-Lösen-123',
      'samsyn-demo',
      '19121212',
      'social.orebro',
      'Anna Lindqvist',
      '19770707',
      '197707070608',
      'Skyddadsson',
      'Hemlighetsgatan',
      sessionToken,
      csrfToken,
    ]) {
      expect({ secret, found: out.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
