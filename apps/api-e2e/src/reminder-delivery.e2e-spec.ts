import {
  type CaseDto,
  type ConsentDto,
  type NotificationPageDto,
  type NotificationPreferencesDto,
  type ReminderDto,
  ReminderKind,
  ReminderStatus,
  Role,
  type UnreadCountDto,
} from '@samsyn/common';
import { addDays, swedishDate } from '@samsyn/domain';
import { REMINDERS_QUEUE } from '@samsyn/server';
import { type RunningProcess, startProcess } from '@samsyn/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client, type Pool } from 'pg';
import { count, sql } from './support/db';
import { e2eContext, REDIS_URL } from './support/env';
import { createUsers, directory, e2ePool, expectStatus, personnummer } from './support/fixtures';
import { ApiClient } from './support/http';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { sleep, waitFor } from './support/wait';

const PUBLIC_URL = 'https://samsyn.test';
const mail = (username: string) => `${username}@e2e.samsyn.se`;

/**
 * Issue 5: reminders through Redis and the built worker, with a real SMTP server. A reminder is
 * delivered once at its time (in-app and e-mail), moves and cancels with its cause, survives a
 * wiped Redis and a killed worker, and its e-mail carries no
 * personal data.
 */
describe('reminder delivery: in-app and e-mail, through Redis and the worker', () => {
  let smtp: TestSmtpServer;
  let worker: RunningProcess | undefined;
  let queue: Queue;
  let redis: Redis;
  let db: Pool;
  let operator: ApiClient;
  let handler: ApiClient;
  let ids: Map<string, string>;

  const workerEnv = () => ({
    DATABASE_URL: e2eContext().databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: e2eContext().queuePrefix,
    REMINDER_POLL_SECONDS: '1',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Samsyn <samsyn@e2e.samsyn.se>',
    PUBLIC_URL,
    REMINDER_ESCALATION_HOURS: '1',
  });
  const startWorker = async () => {
    worker = await startProcess('worker', workerEnv(), /Samsyn worker ready/);
  };
  const stopWorker = async () => {
    await worker?.stop();
    worker = undefined;
  };
  const reminder = async (id: string) => {
    const [row] = await sql<{
      status: ReminderStatus;
      attempts: number;
      due_at: Date;
      delivered_at: Date | null;
    }>('SELECT status, attempts, due_at, delivered_at FROM reminders WHERE id = $1', [id]);
    return row;
  };
  const delivered = (id: string, timeoutMs = 15_000) =>
    waitFor(
      async () => {
        const r = await reminder(id);
        return r?.status === ReminderStatus.Delivered ? r : undefined;
      },
      timeoutMs,
      'delivery',
    );
  const createTest = async (body: { dueAt?: string; kind?: ReminderKind } = {}) => {
    const res = await operator.post<ReminderDto>('/api/v1/reminders/test', body);
    expectStatus(res, 201, 'POST /reminders/test');
    return res.body;
  };
  const hasJob = (id: string) =>
    waitFor(async () => ((await queue.getJob(id)) ? true : undefined), 3_000, 'job');

  beforeAll(async () => {
    smtp = await startSmtpServer();
    db = e2ePool();
    const dir = await directory(db);
    const region = dir.organisation('Region Örebro län');
    const regionUnit = dir.unit('Region Örebro län', 'Vårdcentralen Tullhus');
    const orebroSocial = dir.unit('Örebro kommun', 'Socialtjänsten, individ- och familjeomsorg');
    ids = await createUsers(db, [
      {
        username: 'rem.operator',
        displayName: 'Operatör Påminnelse',
        roles: [Role.SystemAdmin],
        organisationId: region.id,
        unitId: regionUnit.id,
      },
      {
        username: 'rem.coordinator',
        displayName: 'Samordnare Region',
        roles: [Role.Coordinator],
        organisationId: region.id,
        unitId: regionUnit.id,
      },
      {
        username: 'rem.digest',
        displayName: 'Sammanfattning Läsare',
        roles: [Role.SystemAdmin],
        organisationId: region.id,
        unitId: regionUnit.id,
      },
      {
        username: 'rem.handler',
        displayName: 'Handläggare Hansson',
        roles: [Role.SocialWorker],
        organisationId: orebroSocial.organisationId,
        unitId: orebroSocial.id,
      },
    ]);
    operator = await ApiClient.signedIn('rem.operator');
    handler = await ApiClient.signedIn('rem.handler');
    queue = new Queue(REMINDERS_QUEUE, {
      connection: { url: REDIS_URL },
      prefix: e2eContext().queuePrefix,
    });
    redis = new Redis(REDIS_URL);
    await startWorker();
  }, 120_000);

  afterAll(async () => {
    await stopWorker();
    await queue?.close();
    await redis?.quit();
    await db?.end();
    await smtp?.stop();
  }, 30_000);

  it('delivers a reminder once at its time: one notification and one e-mail', async () => {
    const dueAt = new Date(Date.now() + 2_000).toISOString();
    const { id } = await createTest({ dueAt });
    await hasJob(id);

    await sleep(Math.max(0, new Date(dueAt).getTime() - Date.now() - 500));
    expect((await reminder(id)).status).toBe(ReminderStatus.Pending);
    expect(smtp.to(mail('rem.operator'))).toHaveLength(0);

    const done = await delivered(id);
    const lateMs = (done.delivered_at?.getTime() ?? 0) - new Date(dueAt).getTime();
    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs).toBeLessThan(3_000);
    const [email] = await smtp.received(mail('rem.operator'), 1, 5_000);
    expect(email.subject).toBe('Samsyn: Testpåminnelse / Test reminder');
    expect(email.text).toContain(`${PUBLIC_URL}/`);
    expect(email.receivedAt - new Date(dueAt).getTime()).toBeLessThan(5_000);

    const page = await operator.get<NotificationPageDto>('/api/v1/notifications');
    expect(page.body.items).toEqual([
      expect.objectContaining({
        kind: ReminderKind.SystemTest,
        caseId: null,
        caseNumber: null,
        escalation: false,
        readAt: null,
      }),
    ]);
    expect((await operator.get<UnreadCountDto>('/api/v1/notifications/unread-count')).body).toEqual(
      { unread: 1 },
    );
    const [state] = await sql<{ email_status: string }>(
      'SELECT email_status FROM notifications WHERE reminder_id = $1',
      [id],
    );
    expect(state.email_status).toBe('sent');

    // More reconciler and mail passes change nothing.
    await sleep(2_500);
    expect(await count('notifications', 'reminder_id = $1', [id])).toBe(1);
    expect(smtp.to(mail('rem.operator'))).toHaveLength(1);
    const all = await operator.post<UnreadCountDto>('/api/v1/notifications/read-all');
    expect(all.body).toEqual({ unread: 0 });
  }, 30_000);

  it('fires a rescheduled reminder at its new time, not the old one', async () => {
    const before = smtp.to(mail('rem.operator')).length;
    const oldDue = Date.now() + 2_000;
    const { id } = await createTest({ dueAt: new Date(oldDue).toISOString() });
    await hasJob(id);
    const newDue = new Date(oldDue + 3_000).toISOString();
    const moved = await operator.request<ReminderDto>('PATCH', `/api/v1/reminders/${id}`, {
      dueAt: newDue,
    });
    expectStatus(moved, 200, 'PATCH /reminders/:id');
    expect(moved.body).toMatchObject({ status: ReminderStatus.Pending, dueAt: newDue });

    await sleep(Math.max(0, oldDue + 1_500 - Date.now()));
    expect((await reminder(id)).status).toBe(ReminderStatus.Pending);
    expect(await count('notifications', 'reminder_id = $1', [id])).toBe(0);

    const done = await delivered(id);
    expect(done.delivered_at?.getTime()).toBeGreaterThanOrEqual(new Date(newDue).getTime());
    expect(done.attempts).toBe(1);
    await smtp.received(mail('rem.operator'), before + 1, 5_000);
  }, 30_000);

  it('never fires a cancelled reminder', async () => {
    const before = smtp.to(mail('rem.operator')).length;
    const { id } = await createTest({ dueAt: new Date(Date.now() + 1_500).toISOString() });
    await hasJob(id);
    const cancelled = await operator.post<ReminderDto>(`/api/v1/reminders/${id}/cancel`);
    expectStatus(cancelled, 200, 'POST /reminders/:id/cancel');
    expect(cancelled.body.status).toBe(ReminderStatus.Cancelled);
    // The job leaves Redis, and the reconciler does not bring it back.
    await waitFor(async () => ((await queue.getJob(id)) ? undefined : true), 3_000, 'no job');
    await sleep(3_500);
    expect(await reminder(id)).toMatchObject({ status: ReminderStatus.Cancelled, attempts: 0 });
    expect(await count('notifications', 'reminder_id = $1', [id])).toBe(0);
    expect(smtp.to(mail('rem.operator'))).toHaveLength(before);
    // A cancelled reminder cannot be moved or cancelled again.
    const again = await operator.post(`/api/v1/reminders/${id}/cancel`);
    expect(again.status).toBe(409);
  }, 20_000);

  it('delivers every pending reminder once after Redis loses all its data', async () => {
    const before = smtp.to(mail('rem.operator')).length;
    // Far enough ahead that all 20 are still pending when Redis is flushed, even when creating
    // them is slow (a loaded machine): the point is that none is due before the flush.
    const start = Date.now() + 6_000;
    const created: ReminderDto[] = [];
    for (let i = 0; i < 20; i++)
      created.push(await createTest({ dueAt: new Date(start + i * 100).toISOString() }));
    await Promise.all(created.map((r) => hasJob(r.id)));
    expect(Date.now()).toBeLessThan(start);

    // FLUSHALL of everything this run keeps in Redis (the server is shared with other runs).
    const keys = await redis.keys(`${e2eContext().queuePrefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    expect(await queue.getJob(created[0].id)).toBeUndefined();

    for (const r of created) {
      const done = await delivered(r.id);
      expect(done.attempts).toBe(1);
      expect(done.delivered_at?.getTime()).toBeGreaterThanOrEqual(new Date(r.dueAt).getTime());
    }
    await smtp.received(mail('rem.operator'), before + 20, 10_000);
    await sleep(3_000);
    const [{ n }] = await sql<{ n: string }>(
      `SELECT count(*)::text AS n FROM notifications WHERE reminder_id = ANY($1)`,
      [created.map((r) => r.id)],
    );
    expect(Number(n)).toBe(20);
    expect(smtp.to(mail('rem.operator'))).toHaveLength(before + 20);
  }, 60_000);

  // system_test takes the one-statement path (a batch), plan_follow_up the transaction in steps
  // (it writes an escalation check too): the kill lands inside either.
  it.each([ReminderKind.SystemTest, ReminderKind.PlanFollowUp])(
    'delivers a %s reminder once when the worker is killed mid-delivery and restarted',
    async (kind) => {
      const before = smtp.to(mail('rem.operator')).length;
      const { id } = await createTest({ kind, dueAt: new Date(Date.now() + 1_500).toISOString() });
      await hasJob(id);
      // Hold the recipient's row: the delivery locks the reminder and then waits on that row
      // (the notification's foreign key) while it writes the notification.
      const blocker = new Client({ connectionString: e2eContext().databaseUrl });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [
          ids.get('rem.operator'),
        ]);
        await waitFor(
          async () => {
            const rows = await sql(
              `SELECT 1 FROM pg_stat_activity
               WHERE application_name = 'samsyn-worker' AND wait_event_type = 'Lock'`,
            );
            return rows.length > 0 ? true : undefined;
          },
          10_000,
          'the worker to be inside the delivery',
        );
        const exited = new Promise((done) => worker?.child.once('exit', done));
        worker?.child.kill('SIGKILL');
        await exited;
        worker = undefined;
      } finally {
        await blocker.query('ROLLBACK');
        await blocker.end();
      }
      await sleep(500);
      const afterKill = await reminder(id);
      const notified = await count('notifications', 'reminder_id = $1', [id]);
      if (kind === ReminderKind.PlanFollowUp) {
        // The killed worker's transaction rolled back: nothing was delivered.
        expect([afterKill.status, afterKill.attempts, notified]).toEqual([
          ReminderStatus.Pending,
          0,
          0,
        ]);
      } else {
        // One statement: committed whole by the server though its client died, or not at all.
        expect([
          [ReminderStatus.Pending, 0, 0],
          [ReminderStatus.Delivered, 1, 1],
        ]).toContainEqual([afterKill.status, afterKill.attempts, notified]);
      }

      await startWorker();
      const done = await delivered(id, 45_000);
      expect(done.attempts).toBe(1);
      // The e-mail goes out after the restart too: by the job, or by the sweep for one whose
      // delivery committed without its worker.
      await smtp.received(mail('rem.operator'), before + 1, 15_000);
      await sleep(2_000);
      expect(await count('notifications', 'reminder_id = $1', [id])).toBe(1);
      expect(smtp.to(mail('rem.operator'))).toHaveLength(before + 1);
    },
    90_000,
  );

  // Escalation to people on the case (issue 15 §7): reminder-escalation.e2e-spec.ts.
  it('a reminder without a case never escalates, so never reaches the coordinators (D1)', async () => {
    const { id } = await createTest({ kind: ReminderKind.PlanFollowUp });
    await delivered(id);
    await sleep(500);
    expect(await count('reminders', 'escalation_of_id = $1', [id])).toBe(0);
    expect(
      await count('notifications', 'user_id = (SELECT id FROM users WHERE username = $1)', [
        'rem.coordinator',
      ]),
    ).toBe(0);
  });

  it('a user who chose the daily digest gets one e-mail listing the reminders', async () => {
    const digest = await ApiClient.signedIn('rem.digest');
    const pref = await digest.request<NotificationPreferencesDto>(
      'PUT',
      '/api/v1/me/notification-preferences',
      { emailMode: 'digest' },
    );
    expectStatus(pref, 200, 'PUT preferences');
    expect(pref.body.emailMode).toBe('digest');
    const bad = await digest.request('PUT', '/api/v1/me/notification-preferences', {
      emailMode: 'hourly',
    });
    expect(bad.status).toBe(400);

    const first = await digest.post<ReminderDto>('/api/v1/reminders/test', {});
    const second = await digest.post<ReminderDto>('/api/v1/reminders/test', {
      kind: ReminderKind.SipMeeting,
    });
    await delivered(first.body.id);
    await delivered(second.body.id);
    await sleep(1_500);
    expect(smtp.to(mail('rem.digest'))).toHaveLength(0);
    const states = await sql<{ email_status: string }>(
      'SELECT email_status FROM notifications WHERE user_id = $1',
      [ids.get('rem.digest')],
    );
    expect(states.map((s) => s.email_status)).toEqual(['digest', 'digest']);

    // A day passes: the notifications are from before the latest 07:00.
    await sql(
      `UPDATE notifications SET created_at = created_at - interval '1 day' WHERE user_id = $1`,
      [ids.get('rem.digest')],
    );
    const [email] = await smtp.received(mail('rem.digest'), 1, 10_000);
    expect(email.subject).toBe("Samsyn: dagens påminnelser (2) / today's reminders (2)");
    expect(email.text).toContain('Testpåminnelse');
    expect(email.text).toContain('A SIP meeting is coming up');
    await sleep(2_000);
    expect(smtp.to(mail('rem.digest'))).toHaveLength(1);
  }, 40_000);

  describe('reminders that a case causes', () => {
    const today = swedishDate(new Date());
    const number = personnummer('1961-09-17', 421);
    let kase: CaseDto;
    let region: string;

    const caseReminders = (caseId: string) =>
      sql<{
        id: string;
        kind: ReminderKind;
        status: ReminderStatus;
        due_at: Date;
        subject_id: string | null;
      }>(
        `SELECT id, kind, status, due_at, subject_id FROM reminders
         WHERE case_id = $1 AND escalation_of_id IS NULL ORDER BY created_at`,
        [caseId],
      );

    beforeAll(async () => {
      const [row] = await sql<{ id: string }>(
        `SELECT id FROM organisations WHERE name = 'Region Örebro län'`,
      );
      region = row.id;
      const res = await handler.post<CaseDto>('/api/v1/cases', {
        programme: 'SIP',
        description: 'Samordning efter utskrivning',
        participants: [
          {
            role: 'individual',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: number,
              firstName: 'Ingrid',
              lastName: 'Pålsson',
              address: 'Lönngatan 7',
              postalCode: '70361',
              city: 'Örebro',
              phone: '070-7654321',
            },
          },
        ],
        consents: [
          {
            participantIndex: 0,
            recipientOrganisationIds: [region],
            categories: ['identity', 'coordination'],
            form: 'written',
            givenOn: today,
            validUntil: addDays(today, 5),
          },
        ],
      });
      expectStatus(res, 201, 'POST /cases');
      kase = res.body;
    });

    it('a consent that expires soon reminds the handler at once, by an e-mail without personal data', async () => {
      const reminders = await caseReminders(kase.id);
      expect(reminders.map((r) => r.kind).sort()).toEqual([
        ReminderKind.CaseInactive,
        ReminderKind.ConsentExpiring,
      ]);
      const consentReminder = reminders.find((r) => r.kind === ReminderKind.ConsentExpiring)!;
      await delivered(consentReminder.id);

      // The handler's unit may also be invited to other specs' SIP meetings (sip_called).
      const subject = `Samsyn: Ett samtycke går snart ut / A consent expires soon (${kase.number})`;
      const email = await waitFor(
        () => Promise.resolve(smtp.to(mail('rem.handler')).find((m) => m.subject === subject)),
        10_000,
        'the consent e-mail',
      );
      expect(email.subject).toBe(subject);
      expect(email.text).toContain(`${PUBLIC_URL}/arenden/${kase.id}`);
      const digits = number.replace('-', '');
      const forbidden = [
        'Ingrid',
        'Pålsson',
        'Palsson',
        'Lönngatan',
        '70361',
        '070-7654321',
        '7654321',
        number,
        digits,
        digits.slice(2),
        'Handläggare',
        'Hansson',
      ];
      for (const word of forbidden) {
        expect({ word, inSubject: email.subject.includes(word) }).toEqual({
          word,
          inSubject: false,
        });
        expect({ word, inBody: email.text.includes(word) }).toEqual({ word, inBody: false });
        expect({ word, inRaw: email.raw.includes(word) }).toEqual({ word, inRaw: false });
      }

      const page = await handler.get<NotificationPageDto>('/api/v1/notifications');
      expect(page.body.items).toContainEqual(
        expect.objectContaining({
          kind: ReminderKind.ConsentExpiring,
          caseId: kase.id,
          caseNumber: kase.number,
          escalation: false,
        }),
      );
    }, 30_000);

    it('the case’s inactivity reminder waits REMINDER_CASE_INACTIVE_DAYS, and moves with each write', async () => {
      const [inactive] = (await caseReminders(kase.id)).filter(
        (r) => r.kind === ReminderKind.CaseInactive,
      );
      expect(inactive.status).toBe(ReminderStatus.Pending);
      // 30 days (the default) at 08:00 Stockholm time.
      expect(swedishDate(inactive.due_at)).toBe(addDays(today, 30));
      expect(
        new Intl.DateTimeFormat('sv-SE', {
          timeZone: 'Europe/Stockholm',
          hour: '2-digit',
          minute: '2-digit',
        }).format(inactive.due_at),
      ).toBe('08:00');

      // As if the last write were ten days ago; a journal entry now moves it back.
      await sql(`UPDATE reminders SET due_at = due_at - interval '10 days' WHERE id = $1`, [
        inactive.id,
      ]);
      expectStatus(
        await handler.post(`/api/v1/cases/${kase.id}/journal`, {
          category: 'coordination',
          text: 'Samtal med psykiatrin',
        }),
        201,
        'journal entry',
      );
      const [moved] = (await caseReminders(kase.id)).filter(
        (r) => r.kind === ReminderKind.CaseInactive && r.status === ReminderStatus.Pending,
      );
      expect(moved.id).toBe(inactive.id);
      expect(moved.due_at.getTime()).toBe(inactive.due_at.getTime());
      // Its job in Redis follows: delayed until the new time.
      const job = await waitFor(
        async () => {
          const j = await queue.getJob(moved.id);
          return j && j.timestamp + j.delay >= moved.due_at.getTime() - 1_000 ? j : undefined;
        },
        5_000,
        'the moved job',
      );
      expect(await job.getState()).toBe('delayed');
    });

    it('a superseded or withdrawn consent is reminded of no more', async () => {
      const consents = await handler.get<ConsentDto[]>(`/api/v1/cases/${kase.id}/consents`);
      const first = consents.body[0];
      const renewed = await handler.post<ConsentDto>(`/api/v1/cases/${kase.id}/consents`, {
        personId: first.personId,
        recipientOrganisationIds: [region],
        categories: ['identity', 'coordination'],
        form: 'written',
        givenOn: today,
        validUntil: addDays(today, 100),
        supersedesId: first.id,
      });
      expectStatus(renewed, 201, 'renew consent');
      const pending = (await caseReminders(kase.id)).filter(
        (r) => r.kind === ReminderKind.ConsentExpiring && r.status === ReminderStatus.Pending,
      );
      expect(pending).toHaveLength(1);
      expect(pending[0].subject_id).toBe(renewed.body.id);
      expect(swedishDate(pending[0].due_at)).toBe(addDays(today, 86));

      expectStatus(
        await handler.post(`/api/v1/consents/${renewed.body.id}/withdraw`, {}),
        200,
        'withdraw',
      );
      expect((await reminder(pending[0].id)).status).toBe(ReminderStatus.Cancelled);
    });

    it('closing the case cancels its pending reminders; reopening starts the clock again', async () => {
      const current = await handler.get<CaseDto>(`/api/v1/cases/${kase.id}`);
      const closed = await handler.post<CaseDto>(`/api/v1/cases/${kase.id}/status`, {
        status: 'closed',
        version: current.body.version,
      });
      expectStatus(closed, 200, 'close the case');
      const after = await caseReminders(kase.id);
      expect(after.filter((r) => r.status === ReminderStatus.Pending)).toEqual([]);
      const inactive = after.filter((r) => r.kind === ReminderKind.CaseInactive);
      expect(inactive.map((r) => r.status)).toEqual([ReminderStatus.Cancelled]);
      await waitFor(
        async () => ((await queue.getJob(inactive[0].id)) ? undefined : true),
        3_000,
        'the job to leave',
      );

      const reopened = await handler.post<CaseDto>(`/api/v1/cases/${kase.id}/status`, {
        status: closed.body.allowedTransitions[0],
        version: closed.body.version,
      });
      expectStatus(reopened, 200, 'reopen the case');
      const pending = (await caseReminders(kase.id)).filter(
        (r) => r.status === ReminderStatus.Pending,
      );
      expect(pending.map((r) => r.kind)).toEqual([ReminderKind.CaseInactive]);
    });
  });

  it('reports pending, late and failed reminders in the health details, without ids', async () => {
    const res = await new ApiClient().get<{
      details: Record<string, Record<string, unknown>>;
    }>('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.details['reminders']).toEqual({
      status: 'up',
      pending: expect.any(Number),
      late: expect.any(Number),
      failed: expect.any(Number),
    });
    expect(res.body.details['reminders']['pending']).toBeGreaterThan(0);
  });
});
