import { ErrorCode, type MeDto, type ProblemDetails } from '@samsyn/common';
import { type RunningApi, startApi, tempDir } from '@samsyn/testing';
import { DEMO_PASSWORD, e2eContext } from './support/env';
import { ApiClient, type HttpResult } from './support/http';
import { type CutMode, TcpProxy } from './support/tcp-proxy';

/** What a user and a load balancer ask while the database is away. */
const READS = ['/api/v1/me', '/api/v1/cases?pageSize=5'];

/** 503 problem details with a Retry-After in seconds, naming neither host nor driver error. */
function expectUnavailable(res: HttpResult, what: string): void {
  const body = res.body as ProblemDetails;
  expect({ what, status: res.status, code: body?.code }).toEqual({
    what,
    status: 503,
    code: ErrorCode.ServiceUnavailable,
  });
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  expect(body).toMatchObject({ status: 503, title: 'Service unavailable' });
  expect(typeof body.detail).toBe('string');
  expect(typeof body.requestId).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONN|terminated|5432/);
}

/**
 * Issue 18: PostgreSQL dropping away under a running API. A second API process reaches the e2e
 * database through an in-test TCP proxy that cuts every connection and then resets or refuses
 * new ones — the shared server is never restarted. While it is cut, requests answer 503 with
 * Retry-After and health says not ready; once it is restored, the same requests succeed from
 * the same process, on the same session.
 */
describe('the database dropping away (issue 18)', () => {
  let proxy: TcpProxy;
  let api: RunningApi;
  let social: ApiClient;
  let pid: number | undefined;

  beforeAll(async () => {
    const through = await TcpProxy.forUrl(e2eContext().databaseUrl);
    proxy = through.proxy;
    api = await startApi({
      DATABASE_URL: through.url,
      DATA_DIR: tempDir('samsyn-outage-'),
      DB_POOL_SIZE: '4',
    });
    pid = api.child.pid;
    social = await ApiClient.signedIn('social.orebro', DEMO_PASSWORD, api.url);
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    await proxy?.stop();
  });

  async function expectServing(when: string): Promise<void> {
    for (const path of READS) {
      const res = await social.get(path);
      expect({ when, path, status: res.status }).toEqual({ when, path, status: 200 });
    }
    const me = await social.get<MeDto>('/api/v1/me');
    expect(me.body.username).toBe('social.orebro');
    const health = await new ApiClient(api.url).get<{ status: string }>('/api/health');
    expect({ when, health: health.status }).toEqual({ when, health: 200 });
    // The same process all along: nothing restarted it.
    expect(api.child.pid).toBe(pid);
    expect(api.child.exitCode).toBeNull();
  }

  it('serves through the proxy', async () => {
    await expectServing('before the cut');
    expect(proxy.open).toBeGreaterThan(0);
  });

  it.each<CutMode>(['reset', 'refused'])(
    'connections cut, new ones %s: 503 with Retry-After, not ready; then served again without a restart',
    async (mode) => {
      // Requests in flight when the connections go answer 503 too, never 500.
      const inFlight = Array.from({ length: 12 }, (_, i) => social.get(READS[i % READS.length]));
      await new Promise((r) => setTimeout(r, 5));
      await proxy.cut(mode);
      const statuses = (await Promise.all(inFlight)).map((r) => r.status);
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);

      for (const path of READS) expectUnavailable(await social.get(path), `GET ${path}`);
      // Signing in needs the database too: unavailable, not "wrong password".
      expectUnavailable(
        await new ApiClient(api.url).login('social.orebro', DEMO_PASSWORD),
        'POST /auth/login',
      );
      // Readiness: the load balancer takes this API out while its database is away.
      const health = await new ApiClient(api.url).get<ProblemDetails>('/api/health');
      expect(health.status).toBe(503);
      expect(health.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(health.body.details?.['database']).toMatchObject({ status: 'down' });

      await proxy.restore();
      // The same requests, the same session: no restart, no new sign-in.
      await expectServing(`after the ${mode} cut`);
      const again = await new ApiClient(api.url).login('social.orebro', DEMO_PASSWORD);
      expect(again.status).toBe(200);
    },
    60_000,
  );

  it('logged the outage as unavailable, never as an unhandled 500', () => {
    const log = api.output();
    expect(log).toContain('Database unavailable');
    expect(log).not.toContain('Unhandled error');
    expect(log).not.toMatch(/"statusCode":500/);
  });
});
