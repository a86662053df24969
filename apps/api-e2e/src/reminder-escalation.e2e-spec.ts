import {
  type CaseDto,
  type NotificationPageDto,
  type OverdueSummaryDto,
  ReminderKind,
  ReminderStatus,
  type SipMeetingDto,
} from '@samsyn/common';
import { REMINDERS_QUEUE } from '@samsyn/server';
import { type RunningProcess, startProcess } from '@samsyn/testing';
import { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { count, sql } from './support/db';
import { e2eContext, REDIS_URL } from './support/env';
import { e2ePool, expectStatus, PersonnummerGenerator, signInAll } from './support/fixtures';
import type { ApiClient } from './support/http';
import { inDays, openSipCase, sipParties } from './support/sip';
import { waitFor } from './support/wait';

/**
 * Issue 15 §6 and §7 through the API, PostgreSQL, Redis and the built worker: a called meeting
 * notifies the invited unit at once; an unread case-level reminder escalates to people on the
 * case who can act (never to coordinators, D1); coordinators get counts per unit and kind only.
 */
describe('immediate kallelse notification, escalation on the case, the overdue summary', () => {
  let worker: RunningProcess | undefined;
  let queue: Queue;
  let db: Pool;
  let vard: ApiClient;
  let social: ApiClient;
  let samordnare: ApiClient;
  let kase: CaseDto;
  let meeting: SipMeetingDto;
  let socialUnit: string;
  const numbers = new PersonnummerGenerator(93);
  const userId = async (username: string) =>
    (await sql<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]))[0].id;
  const reminderOf = async (kind: ReminderKind, unitId: string) =>
    (
      await sql<{ id: string; status: string }>(
        `SELECT id, status FROM reminders WHERE case_id = $1 AND kind = $2
           AND recipient_unit_id = $3 AND escalation_of_id IS NULL`,
        [kase.id, kind, unitId],
      )
    )[0];
  const statusOf = async (id: string) =>
    (await sql<{ status: ReminderStatus }>('SELECT status FROM reminders WHERE id = $1', [id]))[0]
      ?.status;
  const until = (id: string, status: ReminderStatus) =>
    waitFor(async () => ((await statusOf(id)) === status ? true : undefined), 20_000, status);
  /** Makes a pending reminder due now and runs its job now. */
  const dueNow = async (id: string) => {
    await sql('UPDATE reminders SET due_at = now() WHERE id = $1', [id]);
    const job = await waitFor(async () => queue.getJob(id), 5_000, 'the job');
    await job.promote().catch(() => undefined);
  };
  const escalationCheck = (id: string) =>
    waitFor(
      async () =>
        (
          await sql<{ id: string }>('SELECT id FROM reminders WHERE escalation_of_id = $1', [id])
        )[0],
      15_000,
      'the escalation check',
    );

  beforeAll(async () => {
    db = e2ePool(2);
    socialUnit = (await sipParties(db)).socialUnit;
    const clients = await signInAll(['vard.psykiatri', 'social.orebro', 'samordnare.orebro']);
    [vard, social, samordnare] = ['vard.psykiatri', 'social.orebro', 'samordnare.orebro'].map((u) =>
      clients.get(u)!,
    );
    queue = new Queue(REMINDERS_QUEUE, {
      connection: { url: REDIS_URL },
      prefix: e2eContext().queuePrefix,
    });
    worker = await startProcess(
      'worker',
      {
        DATABASE_URL: e2eContext().databaseUrl,
        REDIS_URL,
        QUEUE_PREFIX: e2eContext().queuePrefix,
        REMINDER_POLL_SECONDS: '1',
        REMINDER_ESCALATION_HOURS: '1',
      },
      /Samsyn worker ready/,
    );
    kase = await openSipCase(vard, numbers, {
      description: 'Eskaleringstest',
      birthDate: '1988-09-03',
      firstName: 'Eska',
      lastName: 'Lerström',
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await queue?.close();
    await db?.end();
  }, 30_000);

  it('§6: calling a meeting notifies the invited unit at once, linking to the meeting', async () => {
    const res = await vard.post<SipMeetingDto>(`/api/v1/cases/${kase.id}/sip/meetings`, {
      startsAt: inDays(8),
      endsAt: inDays(8, 11),
      place: 'Psykiatriska kliniken, mötesrum 1',
      personParticipates: true,
      relativesParticipate: false,
      invitees: [{ unitId: socialUnit }],
    });
    expectStatus(res, 201, 'call meeting');
    meeting = res.body;
    const page = await waitFor(
      async () => {
        const p = await social.get<NotificationPageDto>('/api/v1/notifications');
        return p.body.items.find((n) => n.kind === ReminderKind.SipCalled && n.caseId === kase.id)
          ? p.body
          : undefined;
      },
      20_000,
      'the sip_called notification',
    );
    expect(page.items.find((n) => n.kind === ReminderKind.SipCalled)).toEqual(
      expect.objectContaining({ meetingId: meeting.id, escalation: false, readAt: null }),
    );
    // Exactly once per user, written by the worker from a due row in the same transaction as the call.
    const called = await reminderOf(ReminderKind.SipCalled, socialUnit);
    expect(called.status).toBe(ReminderStatus.Delivered);
    expect(
      await count('notifications', 'reminder_id = $1 AND user_id = $2', [
        called.id,
        await userId('social.orebro'),
      ]),
    ).toBe(1);
  }, 60_000);

  it('§7: an unanswered invitation nobody read escalates to the calling huvudman on the case, not to coordinators', async () => {
    const unanswered = await reminderOf(ReminderKind.InvitationUnanswered, socialUnit);
    await dueNow(unanswered.id);
    await until(unanswered.id, ReminderStatus.Delivered);
    const check = await escalationCheck(unanswered.id);
    await dueNow(check.id);
    await until(check.id, ReminderStatus.Delivered);

    const escalated = await sql<{ username: string }>(
      `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id
       WHERE n.reminder_id = $1 AND n.escalation ORDER BY u.username`,
      [check.id],
    );
    const names = escalated.map((r) => r.username);
    // The other huvudman (the region's handler on the team) and the owning unit before a plan.
    expect(names).toContain('vard.psykiatri');
    expect(names).not.toContain('samordnare.orebro');
    expect(names).not.toContain('social.orebro');
    const page = await vard.get<NotificationPageDto>('/api/v1/notifications');
    expect(page.body.items).toContainEqual(
      expect.objectContaining({
        kind: ReminderKind.InvitationUnanswered,
        escalation: true,
        caseId: kase.id,
      }),
    );
    // An escalation never escalates again.
    expect(await count('reminders', 'escalation_of_id = $1', [check.id])).toBe(0);
  }, 90_000);

  it('§7: coordinators get counts per unit and kind, never a case', async () => {
    const unanswered = await reminderOf(ReminderKind.InvitationUnanswered, socialUnit);
    // Past REMINDER_ESCALATION_HOURS (48 in the API under test) since delivery, still unread.
    await sql(`UPDATE reminders SET delivered_at = now() - interval '49 hours' WHERE id = $1`, [
      unanswered.id,
    ]);
    const res = await samordnare.get<OverdueSummaryDto>('/api/v1/reminders/overdue-summary');
    expectStatus(res, 200, 'overdue summary');
    expect(res.body.items).toContainEqual({
      unit: { id: socialUnit, name: 'Socialtjänsten, individ- och familjeomsorg' },
      kind: ReminderKind.InvitationUnanswered,
      count: expect.any(Number),
    });
    const raw = JSON.stringify(res.body);
    expect(raw).not.toContain(kase.number);
    expect(raw).not.toContain(kase.id);
    expect(Object.keys(res.body.items[0]).sort()).toEqual(['count', 'kind', 'unit']);
    // Case workers and other roles do not get it.
    expectStatus(await social.get('/api/v1/reminders/overdue-summary'), 403, 'case worker');

    // Once someone reads it, it is no longer overdue.
    const before = res.body.items.find(
      (i) => i.unit.id === socialUnit && i.kind === ReminderKind.InvitationUnanswered,
    )!.count;
    const [n] = await sql<{ id: string }>(
      `SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id
       WHERE n.reminder_id = $1 AND u.username = 'social.orebro'`,
      [unanswered.id],
    );
    expectStatus(await social.post(`/api/v1/notifications/${n.id}/read`), 200, 'mark read');
    const after = await samordnare.get<OverdueSummaryDto>('/api/v1/reminders/overdue-summary');
    const left =
      after.body.items.find(
        (i) => i.unit.id === socialUnit && i.kind === ReminderKind.InvitationUnanswered,
      )?.count ?? 0;
    expect(left).toBe(before - 1);
  }, 60_000);

  it('§7: a reminder read in time does not escalate', async () => {
    const res = await vard.post<SipMeetingDto>(`/api/v1/sip/meetings/${meeting.id}/cancel`, {
      version: meeting.version,
      reason: 'Ny tid behövs',
    });
    expectStatus(res, 200, 'cancel meeting');
    const again = await vard.post<SipMeetingDto>(`/api/v1/cases/${kase.id}/sip/meetings`, {
      startsAt: inDays(9),
      place: 'Psykiatriska kliniken, mötesrum 2',
      personParticipates: true,
      relativesParticipate: false,
      invitees: [{ unitId: socialUnit }],
    });
    expectStatus(again, 201, 'call again');
    const [unanswered] = await sql<{ id: string }>(
      `SELECT id FROM reminders WHERE case_id = $1 AND kind = 'invitation_unanswered'
         AND status = 'pending' AND escalation_of_id IS NULL`,
      [kase.id],
    );
    await dueNow(unanswered.id);
    await until(unanswered.id, ReminderStatus.Delivered);
    const check = await escalationCheck(unanswered.id);
    const [n] = await sql<{ id: string }>(
      `SELECT id FROM notifications WHERE reminder_id = $1 LIMIT 1`,
      [unanswered.id],
    );
    await sql('UPDATE notifications SET read_at = now() WHERE id = $1', [n.id]);
    await dueNow(check.id);
    await until(check.id, ReminderStatus.Cancelled);
    expect(await count('notifications', 'reminder_id = $1', [check.id])).toBe(0);
  }, 90_000);
});
