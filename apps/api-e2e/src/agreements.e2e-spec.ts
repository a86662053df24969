import {
  type AgreementDto,
  AgreementKind,
  type AgreementSummaryDto,
  type CreateAgreementDto,
  ErrorCode,
  type NotificationPageDto,
  type Page,
  type ProblemDetails,
  ReminderKind,
  Role,
  type SipDeadlinesDto,
} from '@samsyn/common';
import {
  addDays,
  DEFAULT_REMINDER_LEAD_DAYS,
  DEFAULT_SIP_DEADLINE_RULES,
  reminderTimeOn,
  swedishDate,
} from '@samsyn/domain';
import { type RunningProcess, startProcess } from '@samsyn/testing';
import type { Pool } from 'pg';
import { count, sql } from './support/db';
import { e2eContext, REDIS_URL } from './support/env';
import { createUsers, directory, e2ePool, expectStatus } from './support/fixtures';
import { ApiClient } from './support/http';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { waitFor } from './support/wait';

/** Cooperation agreements (D25) with their reminders and the SIP deadlines they set (D10). */
describe('agreements', () => {
  const today = swedishDate(new Date());
  const lead = DEFAULT_REMINDER_LEAD_DAYS[ReminderKind.AgreementFollowUp];
  let db: Pool;
  let coordinator: ApiClient; // samordnare.orebro, Örebro kommun
  let karlskogaCoordinator: ApiClient;
  let policeCoordinator: ApiClient;
  let steering: ApiClient;
  let social: ApiClient;
  let orgs: {
    orebro: string;
    karlskoga: string;
    police: string;
    region: string;
    kumla: string;
    frivard: string;
  };

  const body = (over: Partial<CreateAgreementDto> = {}): CreateAgreementDto => ({
    title: 'Samverkansöverenskommelse Örebro–Karlskoga',
    kind: AgreementKind.Cooperation,
    validFrom: addDays(today, -10),
    validUntil: addDays(today, 400),
    partyOrganisationIds: [orgs.orebro, orgs.karlskoga],
    followUps: [
      { label: 'Uppföljning', dueOn: addDays(today, 100) },
      { label: 'Slutlig uppföljning', dueOn: addDays(today, 500) },
    ],
    ...over,
  });
  const create = async (client: ApiClient, dto: CreateAgreementDto) => {
    const res = await client.post<AgreementDto>('/api/v1/agreements', dto);
    expectStatus(res, 201, 'POST /agreements');
    return res.body;
  };
  const put = (client: ApiClient, id: string, dto: object) =>
    client.request<AgreementDto & Omit<ProblemDetails, 'status'>>(
      'PUT',
      `/api/v1/agreements/${id}`,
      dto,
    );
  const remindersOf = (agreementId: string) =>
    sql<{ id: string; status: string; due_at: Date; case_id: string | null; kind: string }>(
      `SELECT id, status, due_at, case_id, kind FROM reminders WHERE subject_id = $1 ORDER BY due_at`,
      [agreementId],
    );
  const followUpReminder = async (followUpId: string) => {
    const [row] = await sql<{ reminder_id: string | null }>(
      'SELECT reminder_id FROM agreement_follow_ups WHERE id = $1',
      [followUpId],
    );
    const [reminder] = await sql<{ id: string; status: string; due_at: Date }>(
      'SELECT id, status, due_at FROM reminders WHERE id = $1',
      [row.reminder_id],
    );
    return reminder;
  };

  beforeAll(async () => {
    db = e2ePool();
    const dir = await directory(db);
    orgs = {
      orebro: dir.organisation('Örebro kommun').id,
      karlskoga: dir.organisation('Karlskoga kommun').id,
      police: dir.organisation('Polisområde Örebro län').id,
      region: dir.organisation('Region Örebro län').id,
      kumla: dir.organisation('Kumla kommun').id,
      // A party to no demo agreement.
      frivard: dir.organisation('Kriminalvården Frivård Örebro').id,
    };
    const karlskogaSocial = dir.unit(
      'Karlskoga kommun',
      'Socialtjänsten, individ- och familjeomsorg',
    );
    const policeUnit = dir.unit('Polisområde Örebro län', 'Lokalpolisområde Örebro');
    await createUsers(db, [
      {
        username: 'agr.karlskoga',
        displayName: 'Samordnare Karlskoga',
        roles: [Role.Coordinator],
        organisationId: orgs.karlskoga,
        unitId: karlskogaSocial.id,
      },
      {
        username: 'agr.polis',
        displayName: 'Samordnare Polis',
        roles: [Role.Coordinator],
        organisationId: orgs.police,
        unitId: policeUnit.id,
      },
    ]);
    [coordinator, karlskogaCoordinator, policeCoordinator, steering, social] = await Promise.all(
      ['samordnare.orebro', 'agr.karlskoga', 'agr.polis', 'styrgrupp.lan', 'social.orebro'].map(
        (u) => ApiClient.signedIn(u),
      ),
    );
  }, 60_000);

  afterAll(async () => {
    await db?.end();
  });

  describe('create and read', () => {
    let created: AgreementDto;

    it('creates an agreement owned by the caller, version 1, with its parties and follow-ups', async () => {
      created = await create(coordinator, body({ summonsDaysAfterDischargeReady: 2 }));
      expect(created).toMatchObject({
        version: 1,
        status: 'in_force',
        owningOrganisation: { id: orgs.orebro },
        canManage: true,
        summonsDaysAfterDischargeReady: 2,
        firstMeetingDaysAfterRequest: null,
        effectiveSipDeadlines: {
          summonsDaysAfterDischargeReady: 2,
          firstMeetingDaysAfterRequest: DEFAULT_SIP_DEADLINE_RULES.firstMeetingDaysAfterRequest,
        },
      });
      expect(created.parties.map((p) => p.id).sort()).toEqual([orgs.orebro, orgs.karlskoga].sort());
      expect(created.followUps.map((f) => [f.label, f.dueOn, f.done])).toEqual([
        ['Uppföljning', addDays(today, 100), false],
        ['Slutlig uppföljning', addDays(today, 500), false],
      ]);
    });

    it('writes one reminder per follow-up and one before the end, about the agreement, without a case', async () => {
      const rows = await remindersOf(created.id);
      expect(rows).toHaveLength(3);
      for (const r of rows) {
        expect(r).toMatchObject({
          kind: ReminderKind.AgreementFollowUp,
          status: 'pending',
          case_id: null,
        });
      }
      expect(rows.map((r) => r.due_at.toISOString()).sort()).toEqual(
        [
          reminderTimeOn(addDays(today, 100 - lead)),
          reminderTimeOn(addDays(today, 400 - lead)),
          reminderTimeOn(addDays(today, 500 - lead)),
        ].map((d) => d.toISOString()),
      );
      const [{ recipient }] = await sql<{ recipient: string }>(
        `SELECT DISTINCT recipient_user_id AS recipient FROM reminders WHERE subject_id = $1`,
        [created.id],
      );
      const [{ id: samordnareId }] = await sql<{ id: string }>(
        `SELECT id FROM users WHERE username = 'samordnare.orebro'`,
      );
      expect(recipient).toBe(samordnareId);
    });

    it('shows it to every party (read-only to the other party) and to nobody else', async () => {
      const other = await karlskogaCoordinator.get<AgreementDto>(
        `/api/v1/agreements/${created.id}`,
      );
      expect(other.status).toBe(200);
      expect(other.body.canManage).toBe(false);
      const list = await karlskogaCoordinator.get<Page<AgreementSummaryDto>>(
        '/api/v1/agreements?pageSize=100',
      );
      expect(list.body.items.map((a) => a.id)).toContain(created.id);

      const police = await policeCoordinator.get<ProblemDetails>(
        `/api/v1/agreements/${created.id}`,
      );
      expect(police.status).toBe(404);
      const policeList = await policeCoordinator.get<Page<AgreementSummaryDto>>(
        '/api/v1/agreements?pageSize=100',
      );
      expect(policeList.body.items.map((a) => a.id)).not.toContain(created.id);
      // Steering reads agreements of its own organisation only; Länsstyrelsen is no party.
      expect((await steering.get(`/api/v1/agreements/${created.id}`)).status).toBe(404);
    });

    it('refuses roles without the agreement permissions', async () => {
      expect((await social.get('/api/v1/agreements')).status).toBe(403);
      expect((await steering.post('/api/v1/agreements', body())).status).toBe(403);
    });

    it('lets only the owning organisation change it', async () => {
      const res = await put(karlskogaCoordinator, created.id, {
        ...body(),
        expectedVersion: created.version,
      });
      expect(res.status).toBe(403);
      const res2 = await karlskogaCoordinator.post(
        `/api/v1/agreements/${created.id}/follow-ups/${created.followUps[0].id}/done`,
      );
      expect(res2.status).toBe(403);
    });
  });

  describe('list filters', () => {
    it('filters by in force, expiring and party', async () => {
      const expiring = await create(
        coordinator,
        body({
          title: 'Löper snart ut',
          partyOrganisationIds: [orgs.orebro, orgs.frivard],
          validFrom: addDays(today, -300),
          validUntil: addDays(today, 30),
          followUps: [],
        }),
      );
      const expired = await create(
        coordinator,
        body({
          title: 'Har löpt ut',
          partyOrganisationIds: [orgs.orebro, orgs.frivard],
          validFrom: addDays(today, -300),
          validUntil: addDays(today, -1),
          followUps: [],
        }),
      );
      const ids = async (query: string) =>
        (
          await coordinator.get<Page<AgreementSummaryDto>>(
            `/api/v1/agreements?pageSize=100&${query}`,
          )
        ).body.items.map((a) => a.id);
      const frivard = await ids(`partyId=${orgs.frivard}`);
      expect(frivard.sort()).toEqual([expiring.id, expired.id].sort());
      expect(await ids(`partyId=${orgs.frivard}&status=expiring`)).toEqual([expiring.id]);
      expect(await ids(`partyId=${orgs.frivard}&status=in_force`)).toEqual([expiring.id]);
      expect(await ids(`partyId=${orgs.frivard}&status=expired`)).toEqual([expired.id]);
      const page = await coordinator.get<Page<AgreementSummaryDto>>(
        `/api/v1/agreements?partyId=${orgs.frivard}&pageSize=1&page=2`,
      );
      expect(page.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(page.body.items).toHaveLength(1);
      // An expired agreement's end lies in the past: no reminder of it.
      expect(await remindersOf(expired.id)).toHaveLength(0);
      expect((await coordinator.get('/api/v1/agreements?status=soon')).status).toBe(400);
    });
  });

  describe('valid until further notice ("gäller tills vidare", issue 17 §6)', () => {
    it('creates one without an end date, lists and shows it so, and still reminds of its follow-ups', async () => {
      const open = await create(
        coordinator,
        body({
          title: 'Tills vidare Örebro–Frivården',
          partyOrganisationIds: [orgs.orebro, orgs.frivard],
          validFrom: addDays(today, -30),
          validUntil: null,
          // Follow-ups any time after the start: there is no end to be "too late" after.
          followUps: [
            { label: 'Uppföljning', dueOn: addDays(today, 100) },
            { label: 'Uppföljning om fem år', dueOn: addDays(today, 5 * 365) },
          ],
        }),
      );
      expect(open).toMatchObject({ validUntil: null, status: 'in_force', version: 1 });
      expect(
        (await coordinator.get<AgreementDto>(`/api/v1/agreements/${open.id}`)).body,
      ).toMatchObject({ validUntil: null, status: 'in_force' });
      const ids = async (query: string) =>
        (
          await coordinator.get<Page<AgreementSummaryDto>>(
            `/api/v1/agreements?pageSize=100&partyId=${orgs.frivard}&${query}`,
          )
        ).body.items;
      const listed = (await ids('status=in_force')).find((a) => a.id === open.id);
      expect(listed).toMatchObject({ validUntil: null, status: 'in_force' });
      expect((await ids('status=expiring')).map((a) => a.id)).not.toContain(open.id);
      expect((await ids('status=expired')).map((a) => a.id)).not.toContain(open.id);
      // Stored without an end; a reminder for each follow-up and none for an end.
      const [row] = await sql<{ valid_until: string | null }>(
        'SELECT valid_until FROM agreements WHERE id = $1',
        [open.id],
      );
      expect(row.valid_until).toBeNull();
      const reminders = await remindersOf(open.id);
      expect(reminders.map((r) => [r.status, r.due_at.toISOString()])).toEqual([
        ['pending', reminderTimeOn(addDays(today, 100 - lead)).toISOString()],
        ['pending', reminderTimeOn(addDays(today, 5 * 365 - lead)).toISOString()],
      ]);
      // Leaving the field out means the same.
      const omitted = { ...body({ partyOrganisationIds: [orgs.orebro, orgs.frivard] }) };
      delete (omitted as Partial<CreateAgreementDto>).validUntil;
      const second = await create(coordinator, { ...omitted, title: 'Utan slutdatum' });
      expect(second.validUntil).toBeNull();
    });

    it('gets an end date later (its reminder written) and loses it again (its reminder cancelled)', async () => {
      const a = await create(
        coordinator,
        body({
          validUntil: null,
          partyOrganisationIds: [orgs.orebro, orgs.frivard],
          followUps: [],
        }),
      );
      expect(await remindersOf(a.id)).toHaveLength(0);
      const ended = await put(coordinator, a.id, {
        ...body({
          validUntil: addDays(today, 200),
          partyOrganisationIds: [orgs.orebro, orgs.frivard],
          followUps: [],
        }),
        expectedVersion: a.version,
      });
      expectStatus(ended, 200, 'give an end');
      expect(ended.body.validUntil).toBe(addDays(today, 200));
      expect((await remindersOf(a.id)).map((r) => r.status)).toEqual(['pending']);
      const reopened = await put(coordinator, a.id, {
        ...body({
          validUntil: null,
          partyOrganisationIds: [orgs.orebro, orgs.frivard],
          followUps: [],
        }),
        expectedVersion: ended.body.version,
      });
      expectStatus(reopened, 200, 'until further notice again');
      expect(reopened.body.validUntil).toBeNull();
      expect((await remindersOf(a.id)).map((r) => r.status)).toEqual(['cancelled']);
    });

    it('sets SIP deadlines while in force, however far ahead', async () => {
      await create(
        coordinator,
        body({
          title: 'Tills vidare med SIP-frist',
          partyOrganisationIds: [orgs.orebro, orgs.kumla],
          // Far ahead, so that no SIP of another spec between these two comes under it.
          validFrom: addDays(today, 2000),
          validUntil: null,
          followUps: [],
          summonsDaysAfterDischargeReady: 7,
        }),
      );
      const res = await coordinator.get<SipDeadlinesDto>(
        `/api/v1/agreements/sip-deadlines?with=${orgs.kumla}&on=${addDays(today, 3000)}`,
      );
      expectStatus(res, 200, 'deadlines');
      expect(res.body.summonsDaysAfterDischargeReady).toBe(7);
    });
  });

  describe('validation writes nothing', () => {
    const cases: [string, () => object, string[]][] = [
      [
        'an end before the start',
        () => body({ validFrom: addDays(today, 10), validUntil: addDays(today, 9), followUps: [] }),
        ['validUntil'],
      ],
      [
        'follow-ups before the start and years after the end',
        () =>
          body({
            followUps: [
              { label: 'För tidig', dueOn: addDays(today, -11) },
              { label: 'För sen', dueOn: addDays(today, 400 + 800) },
            ],
          }),
        ['followUps.0.dueOn', 'followUps.1.dueOn'],
      ],
      [
        'parties without the owner',
        () => body({ partyOrganisationIds: [orgs.karlskoga, orgs.police] }),
        ['partyOrganisationIds'],
      ],
      [
        'a single party',
        () => body({ partyOrganisationIds: [orgs.orebro] }),
        ['partyOrganisationIds'],
      ],
      [
        'deadline days outside 0–90',
        () => body({ summonsDaysAfterDischargeReady: 91, firstMeetingDaysAfterRequest: -1 }),
        ['summonsDaysAfterDischargeReady', 'firstMeetingDaysAfterRequest'],
      ],
      ['an impossible date', () => body({ validUntil: '2025-02-30' }), ['validUntil']],
      ['an empty end date (no end is null)', () => body({ validUntil: '' }), ['validUntil']],
    ];

    it.each(cases)('rejects %s with field errors', async (_name, make, fields) => {
      const before = await count('agreements');
      const remindersBefore = await count('reminders');
      const res = await coordinator.post<ProblemDetails>('/api/v1/agreements', make());
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect([...new Set(res.body.errors?.map((e) => e.field))].sort()).toEqual([...fields].sort());
      expect(await count('agreements')).toBe(before);
      expect(await count('reminders')).toBe(remindersBefore);
    });
  });

  describe('update, conflicts and reminders', () => {
    let a: AgreementDto;

    beforeAll(async () => {
      a = await create(coordinator, body({ title: 'Att ändra' }));
    });

    it('moves the reminders of changed dates, keeps the others, and bumps the version', async () => {
      const first = await followUpReminder(a.followUps[0].id);
      const second = await followUpReminder(a.followUps[1].id);
      const res = await put(coordinator, a.id, {
        ...body({ title: 'Ändrad', validUntil: addDays(today, 450) }),
        followUps: [
          { id: a.followUps[0].id, label: 'Uppföljning', dueOn: addDays(today, 120) },
          { id: a.followUps[1].id, label: 'Slutlig uppföljning', dueOn: addDays(today, 500) },
        ],
        expectedVersion: a.version,
      });
      expectStatus(res, 200, 'PUT /agreements/:id');
      expect(res.body).toMatchObject({ title: 'Ändrad', version: a.version + 1 });
      const movedFirst = await followUpReminder(a.followUps[0].id);
      expect(movedFirst.id).toBe(first.id);
      expect(movedFirst.due_at.toISOString()).toBe(
        reminderTimeOn(addDays(today, 120 - lead)).toISOString(),
      );
      expect(await followUpReminder(a.followUps[1].id)).toEqual(second);
      const pending = (await remindersOf(a.id)).filter((r) => r.status === 'pending');
      expect(pending.map((r) => r.due_at.toISOString())).toContain(
        reminderTimeOn(addDays(today, 450 - lead)).toISOString(),
      );
      expect(pending).toHaveLength(3);
      a = res.body;
    });

    it('answers 409 with the current version to a stale write and changes nothing', async () => {
      const res = await put(coordinator, a.id, {
        ...body({ title: 'Gammal version' }),
        expectedVersion: a.version - 1,
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: ErrorCode.VersionConflict,
        currentVersion: a.version,
      });
      const now = await coordinator.get<AgreementDto>(`/api/v1/agreements/${a.id}`);
      expect(now.body.title).toBe('Ändrad');
      expect(now.body.version).toBe(a.version);
    });

    it('rejects an invalid update with nothing written', async () => {
      const res = await put(coordinator, a.id, {
        ...body({ validUntil: addDays(today, -20) }),
        expectedVersion: a.version,
      });
      expect(res.status).toBe(400);
      const now = await coordinator.get<AgreementDto>(`/api/v1/agreements/${a.id}`);
      expect(now.body).toMatchObject({ version: a.version, validUntil: a.validUntil });
    });

    it('cancels the reminder of a removed follow-up and writes one for a new follow-up', async () => {
      const removed = await followUpReminder(a.followUps[1].id);
      const res = await put(coordinator, a.id, {
        ...body({ title: 'Ändrad', validUntil: a.validUntil }),
        followUps: [
          { id: a.followUps[0].id, label: 'Uppföljning', dueOn: a.followUps[0].dueOn },
          { label: 'Extra uppföljning', dueOn: addDays(today, 200) },
        ],
        expectedVersion: a.version,
      });
      expectStatus(res, 200, 'PUT /agreements/:id');
      const [{ status }] = await sql<{ status: string }>(
        'SELECT status FROM reminders WHERE id = $1',
        [removed.id],
      );
      expect(status).toBe('cancelled');
      const added = res.body.followUps.find((f) => f.label === 'Extra uppföljning');
      expect(added).toBeDefined();
      const reminder = await followUpReminder(added?.id ?? '');
      expect(reminder).toMatchObject({ status: 'pending' });
      expect(reminder.due_at.toISOString()).toBe(
        reminderTimeOn(addDays(today, 200 - lead)).toISOString(),
      );
      a = res.body;
    });

    it('refuses a follow-up id of another agreement', async () => {
      const other = await create(coordinator, body({ title: 'Annan' }));
      const res = await put(coordinator, a.id, {
        ...body({ title: 'Ändrad' }),
        followUps: [{ id: other.followUps[0].id, label: 'Stulen', dueOn: addDays(today, 50) }],
        expectedVersion: a.version,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.field)).toEqual(['followUps.0.id']);
    });

    it('marks a follow-up done, cancels its reminder, and keeps it done through an update', async () => {
      const followUp = a.followUps[0];
      const reminder = await followUpReminder(followUp.id);
      const res = await coordinator.post<AgreementDto>(
        `/api/v1/agreements/${a.id}/follow-ups/${followUp.id}/done`,
      );
      expectStatus(res, 200, 'POST done');
      const done = res.body.followUps.find((f) => f.id === followUp.id);
      expect(done).toMatchObject({ done: true, doneBy: { displayName: 'Karin Nyström' } });
      const [{ status }] = await sql<{ status: string }>(
        'SELECT status FROM reminders WHERE id = $1',
        [reminder.id],
      );
      expect(status).toBe('cancelled');
      // Again: nothing changes.
      expectStatus(
        await coordinator.post(`/api/v1/agreements/${a.id}/follow-ups/${followUp.id}/done`),
        200,
        'POST done again',
      );
      const pendingBefore = await count('reminders', `subject_id = $1 AND status = 'pending'`, [
        a.id,
      ]);
      const updated = await put(coordinator, a.id, {
        ...body({ title: 'Ändrad', validUntil: a.validUntil }),
        followUps: a.followUps.map((f) => ({
          id: f.id,
          label: f.label,
          dueOn: addDays(f.dueOn, 1),
        })),
        expectedVersion: res.body.version,
      });
      expectStatus(updated, 200, 'PUT after done');
      expect(updated.body.followUps.find((f) => f.id === followUp.id)?.done).toBe(true);
      // The done follow-up's new date brings no reminder back.
      expect(await count('reminders', `subject_id = $1 AND status = 'pending'`, [a.id])).toBe(
        pendingBefore,
      );
      const unknown = await coordinator.post<ProblemDetails>(
        `/api/v1/agreements/${a.id}/follow-ups/${a.id}/done`,
      );
      expect(unknown.status).toBe(404);
    });
  });

  describe('SIP deadlines from agreements (D10)', () => {
    const deadlines = async (client: ApiClient, query: string) => {
      const res = await client.get<SipDeadlinesDto>(`/api/v1/agreements/sip-deadlines?${query}`);
      expectStatus(res, 200, 'GET sip-deadlines');
      return res.body;
    };

    it('uses the defaults when no agreement between the parties sets deadlines', async () => {
      expect(await deadlines(policeCoordinator, `with=${orgs.kumla}`)).toEqual(
        DEFAULT_SIP_DEADLINE_RULES,
      );
    });

    it('takes the in-force agreement of all parties that began most recently', async () => {
      const police = (
        await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'agr.polis'`)
      )[0].id;
      expect(police).toBeTruthy();
      const older = await create(
        policeCoordinator,
        body({
          title: 'Äldre',
          partyOrganisationIds: [orgs.police, orgs.kumla, orgs.region],
          validFrom: addDays(today, -200),
          validUntil: addDays(today, 200),
          followUps: [],
          summonsDaysAfterDischargeReady: 5,
          firstMeetingDaysAfterRequest: 20,
        }),
      );
      expect(older.id).toBeTruthy();
      await create(
        policeCoordinator,
        body({
          title: 'Nyare men sätter inga frister',
          partyOrganisationIds: [orgs.police, orgs.kumla, orgs.region],
          validFrom: addDays(today, -50),
          validUntil: addDays(today, 200),
          followUps: [],
        }),
      );
      await create(
        policeCoordinator,
        body({
          title: 'Nyare men bara två parter',
          partyOrganisationIds: [orgs.police, orgs.kumla],
          validFrom: addDays(today, -10),
          validUntil: addDays(today, 200),
          followUps: [],
          summonsDaysAfterDischargeReady: 1,
        }),
      );
      await create(
        policeCoordinator,
        body({
          title: 'Nyast men inte i kraft än',
          partyOrganisationIds: [orgs.police, orgs.kumla, orgs.region],
          validFrom: addDays(today, 30),
          validUntil: addDays(today, 200),
          followUps: [],
          summonsDaysAfterDischargeReady: 9,
        }),
      );
      expect(await deadlines(policeCoordinator, `with=${orgs.kumla}&with=${orgs.region}`)).toEqual({
        summonsDaysAfterDischargeReady: 5,
        firstMeetingDaysAfterRequest: 20,
      });
      // Between the police and Kumla alone, the two-party agreement (newer) applies; its open
      // value comes from the defaults.
      expect(await deadlines(policeCoordinator, `with=${orgs.kumla}`)).toEqual({
        summonsDaysAfterDischargeReady: 1,
        firstMeetingDaysAfterRequest: DEFAULT_SIP_DEADLINE_RULES.firstMeetingDaysAfterRequest,
      });
      // After every one of them has ended: the defaults.
      expect(
        await deadlines(
          policeCoordinator,
          `with=${orgs.kumla}&with=${orgs.region}&on=${addDays(today, 250)}`,
        ),
      ).toEqual(DEFAULT_SIP_DEADLINE_RULES);
      expect(
        await deadlines(
          policeCoordinator,
          `with=${orgs.kumla}&with=${orgs.region}&on=${addDays(today, 100)}`,
        ),
      ).toEqual({
        // From the one that began most recently; it leaves the first meeting to the default.
        summonsDaysAfterDischargeReady: 9,
        firstMeetingDaysAfterRequest: DEFAULT_SIP_DEADLINE_RULES.firstMeetingDaysAfterRequest,
      });
      expect((await policeCoordinator.get('/api/v1/agreements/sip-deadlines?with=x')).status).toBe(
        400,
      );
    });

    it('seeds the region–municipality agreement with the 3-day kallelse rule (demo)', async () => {
      expect(await deadlines(coordinator, `with=${orgs.region}`)).toMatchObject({
        summonsDaysAfterDischargeReady: 3,
      });
    });
  });

  describe('delivery of an agreement reminder (no case)', () => {
    const PUBLIC_URL = 'https://samsyn.agreements.test';
    let smtp: TestSmtpServer;
    let worker: RunningProcess | undefined;

    beforeAll(async () => {
      smtp = await startSmtpServer();
      worker = await startProcess(
        'worker',
        {
          DATABASE_URL: e2eContext().databaseUrl,
          REDIS_URL,
          QUEUE_PREFIX: e2eContext().queuePrefix,
          REMINDER_POLL_SECONDS: '1',
          SMTP_URL: smtp.url,
          MAIL_FROM: 'Samsyn <samsyn@e2e.samsyn.se>',
          PUBLIC_URL,
        },
        /Samsyn worker ready/,
      );
    }, 90_000);

    afterAll(async () => {
      await worker?.stop();
      await smtp?.stop();
    }, 30_000);

    it('notifies in the app and by e-mail, linking to the agreement', async () => {
      // A follow-up within the lead time: its reminder is due at once.
      const a = await create(
        karlskogaCoordinator,
        body({
          title: 'Snart uppföljning',
          partyOrganisationIds: [orgs.karlskoga, orgs.orebro],
          followUps: [{ label: 'Uppföljning nu', dueOn: addDays(today, 5) }],
        }),
      );
      const reminder = await followUpReminder(a.followUps[0].id);
      await waitFor(
        async () => {
          const [r] = await sql<{ status: string }>('SELECT status FROM reminders WHERE id = $1', [
            reminder.id,
          ]);
          return r.status === 'delivered' ? true : undefined;
        },
        20_000,
        'delivery',
      );
      const page = await karlskogaCoordinator.get<NotificationPageDto>(
        '/api/v1/notifications?pageSize=100',
      );
      const notification = page.body.items.find((n) => n.agreementId === a.id);
      expect(notification).toMatchObject({
        kind: ReminderKind.AgreementFollowUp,
        caseId: null,
        caseNumber: null,
        agreementId: a.id,
      });
      const [mail] = await smtp.received('agr.karlskoga@e2e.samsyn.se', 1, 15_000);
      expect(mail.text).toContain(`${PUBLIC_URL}/overenskommelser/${a.id}`);
      expect(mail.text).not.toContain('/arenden/');
      expect(mail.text).not.toContain('Snart uppföljning');
    }, 60_000);
  });
});
