import { ErrorCode, type ProblemDetails } from '@samsyn/common';
import { count, sql } from './support/db';
import { ApiClient } from './support/http';

describe('bad input answers 4xx with field messages and writes nothing', () => {
  const fields = (p: ProblemDetails) => (p.errors ?? []).map((e) => e.field).sort();

  it('a sign-in without fields names both fields', async () => {
    const sessions = await count('user_sessions');
    const res = await new ApiClient().request<ProblemDetails>('POST', '/api/v1/auth/login', {});
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(ErrorCode.ValidationFailed);
    expect([...new Set(fields(res.body))]).toEqual(['password', 'username']);
    expect(res.body.errors?.every((e) => e.message.length > 0 && e.code.length > 0)).toBe(true);
    expect(await count('user_sessions')).toBe(sessions);
  });

  it('an unknown field is refused, not ignored', async () => {
    const res = await new ApiClient().request<ProblemDetails>('POST', '/api/v1/auth/login', {
      username: 'social.orebro',
      password: 'samsyn-demo',
      isAdmin: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'isAdmin', code: 'whitelistValidation' }),
    ]);
  });

  it('a wrongly typed field is refused without echoing the value', async () => {
    const res = await new ApiClient().request<ProblemDetails>('POST', '/api/v1/auth/login', {
      username: ['19121212-1212'],
      password: 'x',
    });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toContain('username');
    expect(JSON.stringify(res.body)).not.toContain('19121212-1212');
  });

  it('malformed JSON is a 400 problem, not a 500', async () => {
    const res = await new ApiClient().request<ProblemDetails>(
      'POST',
      '/api/v1/auth/login',
      undefined,
      {
        rawBody: '{"username": ',
      },
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: ErrorCode.ValidationFailed,
      detail: 'The request body is not valid JSON.',
    });
  });

  it('query parameters are validated too', async () => {
    const client = await ApiClient.signedIn('social.orebro');
    const res = await client.get<ProblemDetails>('/api/v1/organisations?pageSize=1000&type=bank');
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['pageSize', 'type']);
  });

  it('pages and searches organisations', async () => {
    const client = await ApiClient.signedIn('social.orebro');
    const page = await client.get<{ items: { name: string }[]; total: number }>(
      '/api/v1/organisations?pageSize=5&page=2',
    );
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(5);
    // The demo's 16, plus any another spec of this run created (the administration spec does):
    // the total is every active organisation.
    const [{ active }] = await sql<{ active: number }>(
      'SELECT count(*)::int AS active FROM organisations WHERE active',
    );
    expect(active).toBeGreaterThanOrEqual(16);
    expect(page.body.total).toBe(active);
    const search = await client.get<{ items: { name: string }[] }>(
      `/api/v1/organisations?q=${encodeURIComponent('sydnärke')}`,
    );
    expect(search.body.items.map((o) => o.name)).toEqual(['Polisområde Örebro län']);
  });
});
