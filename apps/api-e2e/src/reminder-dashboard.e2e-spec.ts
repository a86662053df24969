import { ErrorCode, type ProblemDetails } from '@samsyn/common';
import { ApiClient } from './support/http';

const BASE = '/api/v1/admin/queues';

/**
 * The queue dashboard (bull-board) is served through a Nest controller, so the global guards
 * apply: no session → 401, a user without Permission.SystemOperate → 403. It is read-only.
 */
describe('queue dashboard for system administrators', () => {
  it.each([BASE, `${BASE}/`, `${BASE}/api/queues`, `${BASE}/static/js/nothing.js`])(
    'answers 401 without a session: %s',
    async (path) => {
      const res = await new ApiClient().get<ProblemDetails>(path);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe(ErrorCode.AuthenticationRequired);
    },
  );

  it.each(['social.orebro', 'samordnare.orebro', 'admin.orebro', 'granskare.orebro'])(
    'answers 403 to %s, who may not operate the system',
    async (username) => {
      const client = await ApiClient.signedIn(username);
      for (const path of [BASE, `${BASE}/api/queues`]) {
        const res = await client.get<ProblemDetails>(path);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe(ErrorCode.Forbidden);
      }
    },
  );

  describe('as the system administrator', () => {
    let admin: ApiClient;
    beforeAll(async () => {
      admin = await ApiClient.signedIn('sysadmin');
    });

    it('serves the dashboard page and its assets', async () => {
      const page = await admin.request<string>('GET', BASE, undefined, {
        headers: { accept: 'text/html' },
      });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.body).toContain(`<base href="${BASE}/"`);
      const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.body)?.[1];
      expect(script).toBeDefined();
      const asset = await admin.get(`${BASE}/${script}`);
      expect(asset.status).toBe(200);
      // The global security headers apply here too.
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    });

    it('lists the reminders queue, read-only', async () => {
      const res = await admin.get<{ queues: { name: string; readOnlyMode: boolean }[] }>(
        `${BASE}/api/queues`,
      );
      expect(res.status).toBe(200);
      expect(res.body.queues.map((q) => [q.name, q.readOnlyMode])).toEqual([['reminders', true]]);
    });

    it('does not route actions: only GET reaches the board', async () => {
      const res = await admin.request('PUT', `${BASE}/api/queues/reminders/retry/failed`, {});
      expect(res.status).toBe(404);
    });

    it('answers 404 for a page the board does not have', async () => {
      const res = await admin.get<ProblemDetails>(`${BASE}/api/nothing-here`);
      expect(res.status).toBe(404);
    });
  });
});
