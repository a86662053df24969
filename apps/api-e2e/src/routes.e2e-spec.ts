import SwaggerParser from '@apidevtools/swagger-parser';
import { ErrorCode } from '@samsyn/common';
import { readFileSync } from 'node:fs';
import { e2eContext } from './support/env';
import { ApiClient } from './support/http';
import { mappedRoutes } from './support/routes';

/** Routes that are public on purpose. Anything else must demand a session. */
const PUBLIC = new Set([
  'POST /api/v1/auth/login',
  // The second step of a sign-in: no session yet, the pending sign-in's cookie instead.
  'POST /api/v1/auth/login/second-factor',
  'GET /api/v1/auth/setup',
  'GET /api/health',
  // Sign-in through the organisation's identity provider (oidc.e2e-spec.ts).
  'GET /api/v1/auth/providers',
  'GET /api/v1/auth/oidc/:key/start',
  'GET /api/v1/auth/oidc/:key/callback',
  // A one-time set-password code (issue 16): its holder has no session yet.
  'GET /api/v1/auth/password/:code',
  'POST /api/v1/auth/password',
]);

describe('deny by default', () => {
  const routes = mappedRoutes();

  it('the demo-mode API printed its demo sign-ins at start-up (and the log has the routes)', () => {
    const log = readFileSync(e2eContext().routesFile, 'utf8');
    expect(log).toMatch(/Samsyn demo mode — sign in at .* with password "samsyn-demo"/);
  });

  it('found the routes of the app', () => {
    expect(routes.length).toBeGreaterThanOrEqual(5);
    expect(routes).toContainEqual({ method: 'GET', path: '/api/v1/me' });
  });

  it('every mapped route is documented in the OpenAPI document', async () => {
    const doc = await new ApiClient().get<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const { method, path } of routes) {
      const openApiPath = path.replace(/:(\w+)/g, '{$1}');
      expect({
        route: `${method} ${path}`,
        documented: Boolean(doc.body.paths[openApiPath]?.[method.toLowerCase()]),
      }).toEqual({
        route: `${method} ${path}`,
        documented: true,
      });
    }
  });

  it('the OpenAPI document is valid OpenAPI', async () => {
    const doc = await new ApiClient().get<Record<string, unknown>>('/api/docs-json');
    // validate() dereferences in place and throws with the first schema error.
    await expect(SwaggerParser.validate(structuredClone(doc.body) as never)).resolves.toBeDefined();
  });

  it('every non-public route answers 401 without a session', async () => {
    const client = new ApiClient();
    const open: string[] = [];
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      if (PUBLIC.has(key)) continue;
      const concrete = path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const res = await client.request(
        method,
        concrete,
        method === 'GET' || method === 'DELETE' ? undefined : {},
      );
      if (
        res.status !== 401 ||
        (res.body as { code?: string }).code !== ErrorCode.AuthenticationRequired
      ) {
        open.push(`${key} → ${res.status}`);
      }
    }
    expect(open).toEqual([]);
  });

  it('the public routes are exactly the intended ones', () => {
    const present = routes.map((r) => `${r.method} ${r.path}`).filter((k) => PUBLIC.has(k));
    expect(present.sort()).toEqual([...PUBLIC].sort());
  });

  it('an unknown API path is a 404 problem that does not echo the path', async () => {
    const res = await new ApiClient().get('/api/v1/persons/19121212-1212');
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('19121212-1212');
    expect(res.body).toMatchObject({ code: ErrorCode.NotFound });
  });

  it('sets security headers', async () => {
    const res = await new ApiClient().get('/api/health');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
