import { ApiClient } from './support/http';

describe('GET /api/health', () => {
  it('reports the database and Redis up, without a session', async () => {
    const res = await new ApiClient().get<{
      status: string;
      details: Record<string, { status: string }>;
    }>('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details['database']?.status).toBe('up');
    expect(res.body.details['redis']?.status).toBe('up');
  });
});
