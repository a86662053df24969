import {
  ErrorCode,
  type NotificationDto,
  type NotificationPageDto,
  type ProblemDetails,
  type ReminderDto,
  ReminderKind,
  ReminderStatus,
} from '@samsyn/common';
import { REMINDERS_QUEUE } from '@samsyn/server';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { count, sql } from './support/db';
import { e2eContext, REDIS_URL } from './support/env';
import { ApiClient } from './support/http';
import { type RunningProcess, startProcess } from '@samsyn/testing';
import { sleep, waitFor } from './support/wait';

/**
 * Reminders with Redis: the API only queues them, the built worker delivers them at their time,
 * once, and PostgreSQL stays the truth when Redis loses its data or the worker is down.
 */
describe('reminders through Redis and the worker', () => {
  let worker: RunningProcess | undefined;
  let admin: ApiClient;
  let queue: Queue;
  let redis: Redis;

  const workerEnv = () => ({
    DATABASE_URL: e2eContext().databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: e2eContext().queuePrefix,
    REMINDER_POLL_SECONDS: '1',
  });
  const startWorker = async () => {
    worker = await startProcess('worker', workerEnv(), /Samsyn worker ready/);
  };
  const stopWorker = async () => {
    await worker?.stop();
    worker = undefined;
  };
  const reminder = async (id: string) => {
    const res = await admin.get<ReminderDto>(`/api/v1/reminders/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const delivered = (id: string, timeoutMs = 15_000) =>
    waitFor(
      async () => {
        const r = await reminder(id);
        return r.status === ReminderStatus.Delivered ? r : undefined;
      },
      timeoutMs,
      'delivery',
    );
  const notifications = async (client: ApiClient) => {
    const res = await client.get<NotificationPageDto>('/api/v1/notifications?pageSize=100');
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    admin = await ApiClient.signedIn('sysadmin');
    queue = new Queue(REMINDERS_QUEUE, {
      connection: { url: REDIS_URL },
      prefix: e2eContext().queuePrefix,
    });
    redis = new Redis(REDIS_URL);
    await startWorker();
  }, 90_000);

  afterAll(async () => {
    await stopWorker();
    await queue?.close();
    await redis?.quit();
  }, 30_000);

  let firstId: string;

  it('delivers a reminder at its time, not before, as one notification', async () => {
    const before = await notifications(admin);
    const dueAt = new Date(Date.now() + 4_000).toISOString();
    const created = await admin.post<ReminderDto>('/api/v1/reminders/test', { dueAt });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      kind: ReminderKind.SystemTest,
      status: ReminderStatus.Pending,
      dueAt,
      deliveredAt: null,
      attempts: 0,
    });
    const { id } = created.body;
    firstId = id;

    // Queued in Redis under the reminder's id, waiting for its time.
    await waitFor(
      async () => ((await queue.getJobState(id)) === 'delayed' ? true : undefined),
      2_000,
      'job',
    );

    // Shortly before it is due: nothing delivered. One statement reads the reminder, its
    // notifications and the database's clock at one moment: two reads on a busy machine could
    // fall on either side of the due time.
    await sleep(Math.max(0, new Date(dueAt).getTime() - Date.now() - 1_500));
    const [early] = await sql<{
      before_due: boolean;
      status: ReminderStatus;
      attempts: number;
      notified: number;
    }>(
      `SELECT now() < $2::timestamptz AS before_due, r.status, r.attempts,
              (SELECT count(*)::int FROM notifications n WHERE n.reminder_id = r.id) AS notified
         FROM reminders r WHERE r.id = $1`,
      [id, dueAt],
    );
    expect(early).toEqual({
      before_due: true,
      status: ReminderStatus.Pending,
      attempts: 0,
      notified: 0,
    });

    const done = await delivered(id);
    expect(done.attempts).toBe(1);
    const lateMs = new Date(done.deliveredAt ?? 0).getTime() - new Date(dueAt).getTime();
    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs).toBeLessThan(3_000);

    const after = await notifications(admin);
    expect(after.total).toBe(before.total + 1);
    expect(after.unread).toBe(before.unread + 1);
    expect(after.items[0]).toMatchObject({
      kind: ReminderKind.SystemTest,
      caseId: null,
      readAt: null,
    });
    expect(await count('notifications', 'reminder_id = $1', [id])).toBe(1);
    const [row] = await sql<{ version: number; last_error: string | null }>(
      'SELECT version, last_error FROM reminders WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ version: 2, last_error: null });
    // Finished jobs leave nothing behind: the database holds the outcome.
    expect(await queue.getJob(id)).toBeUndefined();
  }, 30_000);

  it('delivering the same reminder again changes nothing', async () => {
    const [before] = await sql<{ version: number }>('SELECT version FROM reminders WHERE id = $1', [
      firstId,
    ]);
    const job = await queue.add(
      'deliver',
      { reminderId: firstId },
      { jobId: `${firstId}-again`, removeOnComplete: false },
    );
    const state = await waitFor(
      async () => {
        const s = await job.getState();
        return s === 'completed' || s === 'failed' ? s : undefined;
      },
      10_000,
      'the repeated job',
    );
    expect(state).toBe('completed');
    expect((await queue.getJob(job.id ?? ''))?.returnvalue).toBe('skipped');
    await job.remove();
    expect(await count('notifications', 'reminder_id = $1', [firstId])).toBe(1);
    expect(await reminder(firstId)).toMatchObject({
      status: ReminderStatus.Delivered,
      attempts: 1,
    });
    const [after] = await sql<{ version: number }>('SELECT version FROM reminders WHERE id = $1', [
      firstId,
    ]);
    expect(after.version).toBe(before.version);
  }, 20_000);

  it('lets only the recipient see and mark the notification', async () => {
    const mine = (await notifications(admin)).items[0];
    const other = await ApiClient.signedIn('social.orebro');
    const theirs = await notifications(other);
    expect(theirs.items.map((n) => n.id)).not.toContain(mine.id);
    const foreign = await other.post<ProblemDetails>(`/api/v1/notifications/${mine.id}/read`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe(ErrorCode.NotFound);

    const unread = (await notifications(admin)).unread;
    const read = await admin.post<NotificationDto>(`/api/v1/notifications/${mine.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: mine.id, readAt: expect.any(String) });
    const again = await admin.post<NotificationDto>(`/api/v1/notifications/${mine.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await notifications(admin)).unread).toBe(unread - 1);
  });

  it('delivers once what fell due while the worker was down and Redis lost its jobs', async () => {
    const stopping = Date.now();
    await stopWorker();
    // A graceful stop on SIGTERM, well before the harness would SIGKILL it (15 s).
    expect(Date.now() - stopping).toBeLessThan(10_000);

    const created = await admin.post<ReminderDto>('/api/v1/reminders/test', {});
    expect(created.status).toBe(201);
    const { id } = created.body;
    // The API queued it (after commit) but does not deliver it itself.
    await waitFor(async () => ((await queue.getJob(id)) ? true : undefined), 2_000, 'job');
    await sleep(1_500);
    expect(await reminder(id)).toMatchObject({ status: ReminderStatus.Pending, attempts: 0 });

    // Redis loses everything of this run (a FLUSHALL limited to our prefix: Redis is shared).
    const keys = await redis.keys(`${e2eContext().queuePrefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    expect(await queue.getJob(id)).toBeUndefined();

    await startWorker();
    // The reconciler's first pass runs before "ready": delivery follows within moments (how long
    // the process takes to start is the machine's speed, not the behaviour under test).
    const done = await delivered(id, 10_000);
    expect(done.attempts).toBe(1);

    // Several reconciler passes later there is still exactly one notification.
    await sleep(2_500);
    expect(await count('notifications', 'reminder_id = $1', [id])).toBe(1);
    expect(await reminder(id)).toMatchObject({ status: ReminderStatus.Delivered, attempts: 1 });
  }, 60_000);

  it('re-queues a future reminder when Redis loses its jobs under a running worker', async () => {
    const dueAt = new Date(Date.now() + 2_500).toISOString();
    const created = await admin.post<ReminderDto>('/api/v1/reminders/test', { dueAt });
    const { id } = created.body;
    await waitFor(async () => ((await queue.getJob(id)) ? true : undefined), 2_000, 'job');
    const keys = await redis.keys(`${e2eContext().queuePrefix}:*`);
    await redis.del(...keys);
    expect(await queue.getJob(id)).toBeUndefined();

    const done = await delivered(id);
    expect(new Date(done.deliveredAt ?? 0).getTime()).toBeGreaterThanOrEqual(
      new Date(dueAt).getTime(),
    );
    expect(done.attempts).toBe(1);
    expect(await count('notifications', 'reminder_id = $1', [id])).toBe(1);
  }, 30_000);

  it('refuses an invalid body with field errors and stores nothing', async () => {
    const reminders = await count('reminders');
    const res = await admin.post<ProblemDetails>('/api/v1/reminders/test', {
      dueAt: 'tomorrow',
      repeat: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(ErrorCode.ValidationFailed);
    expect([...new Set((res.body.errors ?? []).map((e) => e.field))].sort()).toEqual([
      'dueAt',
      'repeat',
    ]);
    expect(JSON.stringify(res.body)).not.toContain('tomorrow');
    expect(await count('reminders')).toBe(reminders);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const bad = await admin.get<ProblemDetails>('/api/v1/reminders/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    const unknown = await admin.get<ProblemDetails>(
      '/api/v1/reminders/00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(ErrorCode.NotFound);
  });

  it('is for system administrators only', async () => {
    const reminders = await count('reminders');
    const caseworker = await ApiClient.signedIn('social.orebro');
    const create = await caseworker.post<ProblemDetails>('/api/v1/reminders/test', {});
    expect(create.status).toBe(403);
    expect(create.body.code).toBe(ErrorCode.Forbidden);
    expect((await caseworker.get(`/api/v1/reminders/${firstId}`)).status).toBe(403);
    expect(await count('reminders')).toBe(reminders);
  });

  it('the worker refuses to start without REDIS_URL, naming it', async () => {
    const { REDIS_URL: _omitted, ...withoutRedis } = workerEnv();
    await expect(
      startProcess('worker', withoutRedis, /Samsyn worker ready/, 30_000),
    ).rejects.toThrow(/REDIS_URL: required by the worker/);
  });
});
