import {
  type NotificationPageDto,
  type ReminderDto,
  ReminderKind,
  ReminderStatus,
} from '@samsyn/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient } from './support/http';
import { type RunningApi, startApi, tempDir } from '@samsyn/testing';
import { sleep } from './support/wait';

/**
 * The zero-install default: no DATABASE_URL and no REDIS_URL. The API runs on the embedded
 * PostgreSQL (PGlite), migrates it itself, and delivers reminders in-process.
 */
describe('embedded default without PostgreSQL or Redis', () => {
  let api: RunningApi | undefined;
  let admin: ApiClient;
  const dataDir = tempDir('samsyn-embedded-');

  beforeAll(async () => {
    api = await startApi({
      DATA_DIR: dataDir,
      DEMO_MODE: 'true',
      REMINDER_POLL_SECONDS: '1',
    });
    admin = await ApiClient.signedIn('sysadmin', undefined, api.url);
  }, 120_000);

  afterAll(() => api?.stop(), 30_000);

  it('is healthy, without Redis', async () => {
    const res = await admin.get<{ status: string; details: Record<string, { status: string }> }>(
      '/api/health',
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details['database']).toEqual({ status: 'up' });
    expect(res.body.details['redis']).toBeUndefined();
    expect(api?.output()).toMatch(/reminders are delivered in-process/);
  });

  it('delivers a reminder that is due in-process, as one notification', async () => {
    const created = await admin.post<ReminderDto>('/api/v1/reminders/test', {});
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: ReminderKind.SystemTest,
      status: ReminderStatus.Pending,
    });
    const { id } = created.body;

    const started = Date.now();
    let reminder = created.body;
    while (reminder.status !== ReminderStatus.Delivered && Date.now() - started < 15_000) {
      await sleep(200);
      const res = await admin.get<ReminderDto>(`/api/v1/reminders/${id}`);
      expect(res.status).toBe(200);
      reminder = res.body;
    }
    expect(reminder).toMatchObject({ status: ReminderStatus.Delivered, attempts: 1 });

    // A few more polls of the dispatcher do not deliver it again.
    await sleep(2_000);
    const page = await admin.get<NotificationPageDto>('/api/v1/notifications');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 1, unread: 1, page: 1 });
    expect(page.body.items).toEqual([
      {
        id: expect.any(String),
        kind: ReminderKind.SystemTest,
        caseId: null,
        caseNumber: null,
        agreementId: null,
        meetingId: null,
        escalation: false,
        createdAt: expect.any(String),
        readAt: null,
      },
    ]);
  }, 30_000);

  // In a container everything else is killed when the main process exits: the API must have
  // closed PGlite (which removes its lock) before it exits.
  it('closes the embedded database before it exits on SIGTERM', async () => {
    expect(existsSync(join(dataDir, 'db/samsyn.lock'))).toBe(true);
    await api?.stop();
    expect(api?.child.signalCode ?? api?.child.exitCode).toBe('SIGTERM');
    expect(existsSync(join(dataDir, 'db/samsyn.lock'))).toBe(false);
    expect(api?.output()).not.toMatch(/"level":(50|60)/);
  }, 30_000);
});
