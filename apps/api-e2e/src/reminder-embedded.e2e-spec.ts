import {
  type CaseDto,
  type NotificationPageDto,
  type ReminderDto,
  ReminderKind,
  ReminderStatus,
} from '@samsyn/common';
import { addDays, swedishDate } from '@samsyn/domain';
import { type RunningApi, startApi, tempDir } from '@samsyn/testing';
import { expectStatus, personnummer } from './support/fixtures';
import { ApiClient } from './support/http';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { sleep, waitFor } from './support/wait';

const PUBLIC_URL = 'https://samsyn.test';

/**
 * The embedded default (no DATABASE_URL, no REDIS_URL) delivers the same reminders: the API's
 * in-process dispatcher polls PostgreSQL (PGlite) and sends the same e-mail.
 */
describe('reminders in the embedded default, without Redis', () => {
  let api: RunningApi | undefined;
  let smtp: TestSmtpServer;
  let admin: ApiClient;

  const reminder = async (id: string) => {
    const res = await admin.get<ReminderDto>(`/api/v1/reminders/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const settled = (id: string, status: ReminderStatus, timeoutMs = 15_000) =>
    waitFor(
      async () => {
        const r = await reminder(id);
        return r.status === status ? r : undefined;
      },
      timeoutMs,
      status,
    );

  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startApi({
      DATA_DIR: tempDir('samsyn-embedded-reminders-'),
      DEMO_MODE: 'true',
      REMINDER_POLL_SECONDS: '1',
      SMTP_URL: smtp.url,
      PUBLIC_URL,
    });
    admin = await ApiClient.signedIn('sysadmin', undefined, api.url);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await smtp?.stop();
  }, 30_000);

  it('delivers at its time, once, in-app and by e-mail', async () => {
    const dueAt = new Date(Date.now() + 2_000).toISOString();
    const created = await admin.post<ReminderDto>('/api/v1/reminders/test', { dueAt });
    expectStatus(created, 201, 'create');
    await sleep(1_000);
    expect((await reminder(created.body.id)).status).toBe(ReminderStatus.Pending);
    const done = await settled(created.body.id, ReminderStatus.Delivered);
    expect(new Date(done.deliveredAt ?? 0).getTime()).toBeGreaterThanOrEqual(
      new Date(dueAt).getTime(),
    );
    await smtp.received('sysadmin@demo.samsyn.se', 1, 5_000);
    await sleep(2_000);
    expect(smtp.to('sysadmin@demo.samsyn.se')).toHaveLength(1);
    const page = await admin.get<NotificationPageDto>('/api/v1/notifications');
    expect(page.body.items.filter((n) => n.kind === ReminderKind.SystemTest)).toHaveLength(1);
  }, 30_000);

  it('fires a rescheduled reminder at the new time and never a cancelled one', async () => {
    const soon = Date.now() + 1_500;
    const moved = await admin.post<ReminderDto>('/api/v1/reminders/test', {
      dueAt: new Date(soon).toISOString(),
    });
    const cancelled = await admin.post<ReminderDto>('/api/v1/reminders/test', {
      dueAt: new Date(soon).toISOString(),
    });
    const newDue = new Date(soon + 3_000).toISOString();
    expectStatus(
      await admin.request('PATCH', `/api/v1/reminders/${moved.body.id}`, { dueAt: newDue }),
      200,
      'reschedule',
    );
    expectStatus(await admin.post(`/api/v1/reminders/${cancelled.body.id}/cancel`), 200, 'cancel');
    await sleep(Math.max(0, soon + 1_500 - Date.now()));
    expect((await reminder(moved.body.id)).status).toBe(ReminderStatus.Pending);
    const done = await settled(moved.body.id, ReminderStatus.Delivered);
    expect(new Date(done.deliveredAt ?? 0).getTime()).toBeGreaterThanOrEqual(
      new Date(newDue).getTime(),
    );
    expect((await reminder(cancelled.body.id)).status).toBe(ReminderStatus.Cancelled);
  }, 30_000);

  it('reminds a case handler of a consent about to expire, by an e-mail without personal data', async () => {
    const social = await ApiClient.signedIn('social.orebro', undefined, api?.url);
    const orgs = await social.get<{ items: { id: string; type: string }[] }>(
      '/api/v1/organisations?pageSize=100',
    );
    const region = orgs.body.items.find((o) => o.type === 'region')!;
    const today = swedishDate(new Date());
    const number = personnummer('1958-02-27', 377);
    const before = smtp.to('social.orebro@demo.samsyn.se').length;
    const kase = await social.post<CaseDto>('/api/v1/cases', {
      programme: 'SIP',
      participants: [
        {
          role: 'individual',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: number,
            firstName: 'Gunvor',
            lastName: 'Bäckström',
            address: 'Kvarngatan 12',
            city: 'Örebro',
          },
        },
      ],
      consents: [
        {
          participantIndex: 0,
          recipientOrganisationIds: [region.id],
          categories: ['identity', 'coordination'],
          form: 'oral',
          givenOn: today,
          validUntil: addDays(today, 3),
        },
      ],
    });
    expectStatus(kase, 201, 'open the case');
    const email = await waitFor(
      () =>
        Promise.resolve(
          smtp
            .to('social.orebro@demo.samsyn.se')
            .slice(before)
            .find((m) => m.subject.includes(kase.body.number)),
        ),
      15_000,
      'the consent e-mail',
    );
    expect(email.subject).toContain('Ett samtycke går snart ut');
    expect(email.text).toContain(`${PUBLIC_URL}/arenden/${kase.body.id}`);
    for (const word of ['Gunvor', 'Bäckström', 'Kvarngatan', number, number.replace('-', '')])
      expect({ word, found: email.raw.includes(word) || email.text.includes(word) }).toEqual({
        word,
        found: false,
      });
  }, 30_000);

  it('reports reminder counts in the health details', async () => {
    const res = await admin.get<{ details: Record<string, Record<string, unknown>> }>(
      '/api/health',
    );
    expect(res.body.details['reminders']).toMatchObject({ status: 'up', failed: 0 });
  });

  it('has no queue dashboard without Redis', async () => {
    const res = await admin.get('/api/v1/admin/queues');
    expect(res.status).toBe(404);
  });
});
