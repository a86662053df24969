import {
  type AuditVerifyDto,
  type CaseDto,
  type CreateCaseDto,
  ErrorCode,
  type MeDto,
  type ReminderDto,
  ReminderStatus,
} from '@samsyn/common';
import {
  DEMO_USERS,
  runApiCommand,
  type RunningApi,
  type RunningProcess,
  startApi,
  startProcess,
  tempDir,
} from '@samsyn/testing';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { databaseUrl, DEMO_PASSWORD, PG_ADMIN_URL, REDIS_URL } from './support/env';
import { expectStatus, mapLimit, PersonnummerGenerator } from './support/fixtures';
import { ApiClient, type HttpResult } from './support/http';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { sleep, waitFor } from './support/wait';

const LOGIN_RATE_LIMIT = 6;
const TEST_REMINDER_SUBJECT = 'Samsyn: Testpåminnelse / Test reminder';

/**
 * One person's browser behind a load balancer in front of two API processes: one cookie jar,
 * each request to the next API in turn, from the person's own address (X-Forwarded-For, as the
 * balancer sets it; the APIs trust one proxy hop).
 */
class Balanced {
  private turn = 0;
  readonly cookies = new Map<string, string>();
  readonly apis: ApiClient[];

  constructor(
    urls: readonly string[],
    readonly address: string,
  ) {
    this.apis = urls.map((url) => new ApiClient(url, this.cookies));
  }

  /** Which API (0: A, 1: B) served each request so far. */
  readonly served: number[] = [];

  /** The API the next request goes to. */
  next(): ApiClient {
    const index = this.turn++ % this.apis.length;
    this.served.push(index);
    return this.apis[index];
  }

  request<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.next().request<T>(method, path, body, {
      headers: { 'x-forwarded-for': this.address },
    });
  }

  get<T = unknown>(path: string): Promise<HttpResult<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.request<T>('POST', path, body);
  }

  login(username: string, password = DEMO_PASSWORD): Promise<HttpResult> {
    return this.post('/api/v1/auth/login', { username, password });
  }
}

/**
 * Issue 18 §3: two API processes and two workers on one fresh PostgreSQL database and one Redis
 * key prefix, all four started together, with requests spread over both APIs. Sessions, the
 * sign-in limit, reminder delivery and the audit chain hold as with one process of each.
 */
describe('two API processes and two workers on one database and one Redis', () => {
  const run = `${Date.now().toString(36)}_${process.pid}`;
  const database = `samsyn_multi_${run}`;
  const prefix = `samsyn-multi-${run}`;
  const numbers = new PersonnummerGenerator(31);
  let admin: Pool;
  let db: Pool;
  let redis: Redis;
  let smtp: TestSmtpServer;
  let apis: RunningApi[] = [];
  let workers: RunningProcess[] = [];
  let urls: string[] = [];
  let addresses = 0;
  /** A new workstation's address, so that each user's sign-ins count on their own. */
  const workstation = () => `198.51.100.${++addresses}`;

  const signedIn = async (username: string): Promise<Balanced> => {
    const user = new Balanced(urls, workstation());
    expectStatus(await user.login(username), 200, `sign-in of ${username}`);
    return user;
  };
  const sipCase = (firstName: string): CreateCaseDto =>
    ({
      programme: 'SIP',
      description: 'Samordning över två API-processer',
      participants: [
        {
          role: 'individual',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: numbers.forBirthDate('1984-03-12'),
            firstName,
            lastName: 'Flerprocess',
          },
        },
      ],
    }) as CreateCaseDto;

  beforeAll(async () => {
    admin = new Pool({ connectionString: PG_ADMIN_URL, max: 1 });
    await admin.query(`CREATE DATABASE "${database}"`);
    db = new Pool({ connectionString: databaseUrl(database), max: 2 });
    redis = new Redis(REDIS_URL);
    smtp = await startSmtpServer();
    const shared = {
      DATABASE_URL: databaseUrl(database),
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      REMINDER_POLL_SECONDS: '1',
    };
    // All four at once on the empty database: the APIs migrate it and seed the demo data once.
    const started = await Promise.allSettled([
      ...['a', 'b'].map((name) =>
        startApi({
          ...shared,
          DEMO_MODE: 'true',
          DATA_DIR: tempDir(`samsyn-multi-${name}-`),
          LOGIN_RATE_LIMIT: String(LOGIN_RATE_LIMIT),
          LOGIN_MAX_FAILURES: '3',
          TRUST_PROXY_HOPS: '1',
        }),
      ),
      ...[1, 2].map(() =>
        startProcess(
          'worker',
          {
            ...shared,
            SMTP_URL: smtp.url,
            MAIL_FROM: 'Samsyn <samsyn@e2e.samsyn.se>',
            PUBLIC_URL: 'https://samsyn.multi.test',
          },
          /Samsyn worker ready/,
          150_000,
        ),
      ),
    ]);
    const up = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    apis = up.filter((p): p is RunningApi => 'url' in p);
    workers = up.filter((p) => !('url' in p));
    const failed = started.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    if (failed.length) throw new Error(failed.join('\n\n'));
    urls = apis.map((a) => a.url);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((p) => p.stop()));
    await smtp?.stop();
    const keys = (await redis?.keys(`${prefix}:*`)) ?? [];
    if (keys.length) await redis.del(...keys);
    await redis?.quit();
    await db?.end();
    await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin?.end();
  }, 60_000);

  it('migrated and seeded the empty database once, although both APIs started together', async () => {
    expect(apis).toHaveLength(2);
    expect(workers).toHaveLength(2);
    const { rows: repeated } = await db.query(
      'SELECT name FROM migrations GROUP BY name HAVING count(*) > 1',
    );
    expect(repeated).toEqual([]);
    const { rows: users } = await db.query<{ username: string }>(
      'SELECT username FROM users ORDER BY username',
    );
    expect(users.map((u) => u.username)).toEqual([...DEMO_USERS].sort());
    // Exactly one of the two seeded (the other found the organisations and printed sign-ins).
    const seeded = apis.filter((a) => /Seeded \d+ organisations/.test(a.output()));
    expect(seeded).toHaveLength(1);
  });

  it('a session made on one API works on the other, for reads, writes and sign-out', async () => {
    const browser = new Balanced(urls, workstation());
    const [onA, onB] = browser.apis;
    const headers = { 'x-forwarded-for': browser.address };
    const login = await onA.request(
      'POST',
      '/api/v1/auth/login',
      {
        username: 'social.orebro',
        password: DEMO_PASSWORD,
      },
      { headers },
    );
    expectStatus(login, 200, 'sign-in on A');

    const me = await onB.request<MeDto>('GET', '/api/v1/me', undefined, { headers });
    expectStatus(me, 200, 'GET /me on B');
    expect(me.body.username).toBe('social.orebro');
    // A write on B, with the session and CSRF token that A issued.
    const created = await onB.request<CaseDto>('POST', '/api/v1/cases', sipCase('Sessionsdelad'), {
      headers,
    });
    expectStatus(created, 201, 'POST /cases on B');
    const read = await onA.request<CaseDto>('GET', `/api/v1/cases/${created.body.id}`, undefined, {
      headers,
    });
    expectStatus(read, 200, 'GET the case on A');

    // The session lives in PostgreSQL, not in either process; signing out on B ends it on A.
    const sessions = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM user_sessions s JOIN users u ON u.id = s.user_id
           WHERE u.username = 'social.orebro' AND s.expires_at > now()`,
        )
      ).rows[0].n;
    expect(await sessions()).toBe(1);
    const signedOut = new ApiClient(urls[0], new Map(browser.cookies));
    expectStatus(
      await onB.request('POST', '/api/v1/auth/logout', undefined, { headers }),
      [200, 204],
      'sign-out on B',
    );
    expect(await sessions()).toBe(0);
    expect((await signedOut.get('/api/v1/me')).status).toBe(401);
  });

  it('the sign-in limit counts attempts on both APIs together', async () => {
    const attacker = new Balanced(urls, workstation());
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_RATE_LIMIT + 2; i++)
      statuses.push((await attacker.login('nobody.multi', `wrong-${i}`)).status);
    // Half the attempts went to each API: neither alone reached the limit.
    expect(attacker.served.slice(0, LOGIN_RATE_LIMIT)).toEqual(
      Array.from({ length: LOGIN_RATE_LIMIT }, (_, i) => i % 2),
    );
    expect(statuses).toEqual([...Array<number>(LOGIN_RATE_LIMIT).fill(401), 429, 429]);
    // A right password from that address is refused too, on either API.
    const refused = await attacker.login('social.orebro');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: ErrorCode.TooManyRequests });
    // Another address is not affected.
    expect((await new Balanced(urls, workstation()).login('social.orebro')).status).toBe(200);
    const keys = await redis.keys(`${prefix}:throttle:*`);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('delivers each reminder once, in-app and by e-mail, although two workers run', async () => {
    const operator = await signedIn('sysadmin');
    const dueAt = new Date(Date.now() + 4_000).toISOString();
    const created = await mapLimit(Array.from({ length: 20 }), 4, async () => {
      const res = await operator.post<ReminderDto>('/api/v1/reminders/test', { dueAt });
      expectStatus(res, 201, 'POST /reminders/test');
      return res.body.id;
    });
    await waitFor(
      async () => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM reminders WHERE id = ANY($1::uuid[]) AND status = $2`,
          [created, ReminderStatus.Delivered],
        );
        return rows[0].n === created.length ? true : undefined;
      },
      45_000,
      'delivery of the 20 reminders',
    );
    const mails = await smtp.received('sysadmin@demo.samsyn.se', created.length, 20_000);
    // Several reconciler and mail passes of both workers later, nothing has gone out twice.
    await sleep(3_000);
    expect(
      smtp.to('sysadmin@demo.samsyn.se').filter((m) => m.subject === TEST_REMINDER_SUBJECT),
    ).toHaveLength(created.length);
    expect(mails.length).toBe(created.length);
    const { rows } = await db.query<{ attempts: number; notifications: number; sent: number }>(
      `SELECT r.attempts,
              (SELECT count(*)::int FROM notifications n WHERE n.reminder_id = r.id) AS notifications,
              (SELECT count(*)::int FROM notifications n
                WHERE n.reminder_id = r.id AND n.email_status = 'sent') AS sent
       FROM reminders r WHERE r.id = ANY($1::uuid[])`,
      [created],
    );
    expect(rows).toHaveLength(created.length);
    for (const row of rows) expect(row).toEqual({ attempts: 1, notifications: 1, sent: 1 });
    for (const worker of workers) expect(worker.child.exitCode).toBeNull();
  }, 90_000);

  it('the audit chain verifies after concurrent writes through both APIs', async () => {
    const writers = await Promise.all(['social.orebro', 'social.karlskoga'].map(signedIn));
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
    await mapLimit(
      Array.from({ length: 24 }, (_, i) => i),
      8,
      async (i) => {
        const writer = writers[i % writers.length];
        const created = await writer.post<CaseDto>('/api/v1/cases', sipCase(`Kedja${i}`));
        expectStatus(created, 201, 'POST /cases');
        expectStatus(await writer.get(`/api/v1/cases/${created.body.id}`), 200, 'GET /cases/:id');
      },
    );
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
    expect(after.rows[0].n).toBeGreaterThanOrEqual(before.rows[0].n + 48);

    const auditor = await signedIn('granskare.orebro');
    for (let i = 0; i < 2; i++) {
      // Once on each API.
      const res = await auditor.get<AuditVerifyDto>('/api/v1/audit/verify');
      expectStatus(res, 200, 'GET /audit/verify');
      expect(res.body).toMatchObject({ ok: true, firstBrokenId: null });
      expect(res.body.checked).toBeGreaterThanOrEqual(after.rows[0].n);
    }
    const cli = await runApiCommand('audit:verify', [], { DATABASE_URL: databaseUrl(database) });
    expect({ code: cli.code, stderr: cli.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true });
  }, 120_000);
});
