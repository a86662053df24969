import {
  type BoardRowDto,
  ControlMeasureKind,
  type CaseDto,
  type CoordinatorGroupDto,
  type CreateCaseDto,
  ErrorCode,
  OrganisationType,
  type Page,
  ParticipantRole,
  type ProblemDetails,
  ReminderKind,
  type TryggaHemCaseDto,
  type TryggaHemStatisticsDto,
} from '@samsyn/common';
import { addDays, swedishDate } from '@samsyn/domain';
import { count, sql } from './support/db';
import { createCase, expectStatus, PersonnummerGenerator } from './support/fixtures';
import { ApiClient } from './support/http';

const today = swedishDate(new Date());
const numbers = new PersonnummerGenerator(67);
/** A municipality of its own, so this spec's figures and board meet no other spec's data. */
const MUNICIPALITY = '1864';
/** A day no other record of the municipality is dated, for the figures. */
const FIGURES_DAY = addDays(today, -200);

/** What must never reach a user who works only with the offender (D3). */
const VICTIM_ADDRESS = 'Lönngången 12';
const VICTIM_PHONE = '070-555 44 33';
const SAFETY_PLAN = 'SKYDDSPLAN: kodord Vitsippa, larmtelefon';
const WHEREABOUTS = 'Skyddat boende Norrsken';
const SECRETS = [VICTIM_ADDRESS, VICTIM_PHONE, '0705554433', SAFETY_PLAN, WHEREABOUTS];

/** Records every response body the client receives, so a test can search them all. */
function recording(client: ApiClient): string[] {
  const seen: string[] = [];
  const original = client.request.bind(client);
  client.request = async <T>(...args: Parameters<ApiClient['request']>) => {
    const res = await original<T>(...args);
    seen.push(`${args[0]} ${args[1]} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  };
  return seen;
}

const TH = '/api/v1/trygga-hem';

/**
 * Corrections and removals of notifications, control measures and incidents (D21, issue 6):
 * history kept, version checked, a reason required, only the recording organisation, and what
 * follows — the repeat flag, reassessment marks, `measure_ending`, the board and the figures.
 */
describe('Trygga hem: correcting and removing recorded facts (D21)', () => {
  let social: ApiClient;
  let polis: ApiClient;
  let samordnare: ApiClient;
  let policeSeen: string[];
  let group: CoordinatorGroupDto;
  let kase: CaseDto;
  let victimId: string;
  let socialName: string;

  const profile = async (client: ApiClient, query = '') =>
    (await client.get<TryggaHemCaseDto>(`${TH}/cases/${kase.id}${query}`)).body;
  const revisionCount = (recordId: string) =>
    count('trygga_hem_record_revisions', 'record_id = $1', [recordId]);
  const auditWrites = () =>
    count('audit_events', `action = 'trygga_hem.write' AND $1 = ANY(case_ids)`, [kase.id]);

  beforeAll(async () => {
    [social, polis, samordnare] = await Promise.all(
      ['social.orebro', 'polis.orebro', 'samordnare.orebro'].map((u) => ApiClient.signedIn(u)),
    );
    policeSeen = recording(polis);
    const [row] = await sql<{ display_name: string }>(
      `SELECT display_name FROM users WHERE username = 'social.orebro'`,
    );
    socialName = row.display_name;
    const policeOrg = (
      await sql<{ id: string }>(
        `SELECT organisation_id AS id FROM users WHERE username = 'polis.orebro'`,
      )
    )[0].id;

    // A koordinatorsgrupp of its own, with the social worker and the police officer as members.
    const created = await samordnare.post<CoordinatorGroupDto>(`${TH}/groups`, {
      name: 'Koordinatorsgruppen Ljusnarsberg',
      municipalityCode: MUNICIPALITY,
    });
    expectStatus(created, 201, 'group');
    group = created.body;
    for (const username of ['social.orebro', 'polis.orebro']) {
      const [user] = await sql<{ id: string }>('SELECT id FROM users WHERE username = $1', [
        username,
      ]);
      expectStatus(
        await samordnare.post(`${TH}/groups/${group.id}/members`, { userId: user.id }),
        201,
        'member',
      );
    }

    const consent = (participantIndex: number, categories: string[]) => ({
      participantIndex,
      recipientOrganisationIds: [policeOrg],
      categories,
      form: 'written',
      givenOn: today,
      validUntil: addDays(today, 365),
    });
    kase = await createCase(social, {
      programme: 'TRYGGA_HEM',
      municipalityCode: MUNICIPALITY,
      teamRole: 'victim_support',
      participants: [
        {
          role: 'offender',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: numbers.forBirthDate('1977-04-04'),
            firstName: 'Rolf',
            lastName: 'Sandgren',
          },
        },
        {
          role: 'victim',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: numbers.forBirthDate('1981-06-06'),
            firstName: 'Lena',
            lastName: 'Sandgren',
            address: VICTIM_ADDRESS,
            city: 'Kopparberg',
            phone: VICTIM_PHONE,
          },
        },
      ],
      consents: [
        consent(0, ['identity', 'contact', 'coordination', 'criminal', 'risk']),
        consent(1, ['identity', 'contact', 'safety']),
      ],
    } as unknown as CreateCaseDto);
    victimId = kase.participants.find((p) => p.role === ParticipantRole.Victim)!.person.id;
    expectStatus(
      await social.post(`${TH}/cases`, {
        caseId: kase.id,
        groupId: group.id,
        priority: 'C',
        priorityBasis: 'Hot och våld mot partner.',
      }),
      201,
      'enrol',
    );
    expectStatus(
      await social.request('PUT', `${TH}/cases/${kase.id}/safety-plans/${victimId}`, {
        plan: SAFETY_PLAN,
        whereabouts: WHEREABOUTS,
      }),
      200,
      'safety plan',
    );
    for (const [client, instrument] of [
      [social, 'freda'],
      [polis, 'sara_sv'],
    ] as const)
      expectStatus(
        await client.post(`${TH}/cases/${kase.id}/risk-assessments`, {
          instrument,
          assessedOn: today,
          level: 'medium',
          reviewOn: addDays(today, 60),
        }),
        201,
        'assessment',
      );
  });

  describe('a notification', () => {
    let id: string;

    it('is recorded with version 1, its recording organisation and who may correct it', async () => {
      const res = await social.post<TryggaHemCaseDto>(`${TH}/cases/${kase.id}/notifications`, {
        method: 'letter',
        deliveredOn: addDays(today, -2),
        deliveredBy: 'Socialsekreterare',
      });
      expectStatus(res, 201, 'notification');
      const n = res.body.notifications![0];
      id = n.id;
      expect(n).toMatchObject({ version: 1, canCorrect: true, revisions: [], removal: null });
      expect(n.recordedByOrganisation.type).toBe(OrganisationType.Municipality);
      // The police see it (coordination by consent) but may not correct another agency's record.
      const seenByPolice = (await profile(polis)).notifications!.find((x) => x.id === id)!;
      expect(seenByPolice.canCorrect).toBe(false);
    });

    it('a correction keeps the previous values, reason, who and when, and bumps the version', async () => {
      const audits = await auditWrites();
      const res = await social.request<TryggaHemCaseDto>('PATCH', `${TH}/notifications/${id}`, {
        version: 1,
        reason: 'Fel sätt angivet: det var ett hembesök.',
        method: 'home_visit',
        outcome: 'Personen tog emot budskapet.',
      });
      expectStatus(res, 200, 'correction');
      const n = res.body.notifications!.find((x) => x.id === id)!;
      expect(n).toMatchObject({
        version: 2,
        method: 'home_visit',
        outcome: 'Personen tog emot budskapet.',
        deliveredBy: 'Socialsekreterare',
      });
      expect(n.revisions).toEqual([
        expect.objectContaining({
          kind: 'correction',
          reason: 'Fel sätt angivet: det var ett hembesök.',
          previous: { method: 'letter', outcome: null },
          changedBy: expect.objectContaining({ displayName: socialName }),
          changedByOrganisationName: 'Örebro kommun',
        }),
      ]);
      expect(Date.parse(n.revisions[0].changedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(await revisionCount(id)).toBe(1);
      expect(await auditWrites()).toBe(audits + 1);
    });

    it('a stale version is 409 VERSION_CONFLICT and nothing is written', async () => {
      const res = await social.request<ProblemDetails>('PATCH', `${TH}/notifications/${id}`, {
        version: 1,
        reason: 'Samtidig ändring',
        method: 'call_in_meeting',
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(ErrorCode.VersionConflict);
      expect(res.body.currentVersion).toBe(2);
      const [row] = await sql<{ method: string; version: number }>(
        'SELECT method, version FROM trygga_hem_notifications WHERE id = $1',
        [id],
      );
      expect(row).toEqual({ method: 'home_visit', version: 2 });
      expect(await revisionCount(id)).toBe(1);
      // Two corrections from the same version: one wins, the other gets 409.
      const race = await Promise.all(
        ['Brev', 'Telefon'].map((customMethod) =>
          social.request<ProblemDetails>('PATCH', `${TH}/notifications/${id}`, {
            version: 2,
            reason: `Rättat till ${customMethod}`,
            method: 'custom',
            customMethod,
          }),
        ),
      );
      expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await revisionCount(id)).toBe(2);
    });

    it('bad input: no reason, an empty reason, a date in the future → 400 with the field, nothing written', async () => {
      const before = await sql('SELECT * FROM trygga_hem_notifications WHERE id = $1', [id]);
      const attempts = [
        ['POST', `${TH}/notifications/${id}/remove`, { version: 3 }, 'reason'],
        ['POST', `${TH}/notifications/${id}/remove`, { version: 3, reason: '   ' }, 'reason'],
        ['PATCH', `${TH}/notifications/${id}`, { version: 3, outcome: 'x' }, 'reason'],
        [
          'PATCH',
          `${TH}/notifications/${id}`,
          { version: 3, reason: 'Datum', deliveredOn: addDays(today, 3) },
          'deliveredOn',
        ],
        ['POST', `${TH}/notifications/${id}/remove`, { reason: 'Fel ärende' }, 'version'],
      ] as const;
      for (const [method, path, body, field] of attempts) {
        const res = await social.request<ProblemDetails>(method, path, body);
        expect({ path, body, status: res.status }).toEqual({ path, body, status: 400 });
        expect(res.body.code).toBe(ErrorCode.ValidationFailed);
        expect(res.body.errors?.map((e) => e.field)).toContain(field);
      }
      const nothing = await social.request<ProblemDetails>('PATCH', `${TH}/notifications/${id}`, {
        version: 3,
        reason: 'Ingen ändring',
      });
      expect([409, 422]).toContain(nothing.status);
      expect(await sql('SELECT * FROM trygga_hem_notifications WHERE id = $1', [id])).toEqual(
        before,
      );
      expect(await revisionCount(id)).toBe(2);
    });

    it('another agency may neither correct nor remove it (403), and nothing is written', async () => {
      const attempts = [
        polis.request<ProblemDetails>('PATCH', `${TH}/notifications/${id}`, {
          version: 3,
          reason: 'Polisen rättar',
          outcome: 'Ändrat av polisen',
        }),
        polis.post<ProblemDetails>(`${TH}/notifications/${id}/remove`, {
          version: 3,
          reason: 'Polisen tar bort',
        }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe(ErrorCode.Forbidden);
      }
      const [row] = await sql<{ version: number; removed_at: Date | null }>(
        'SELECT version, removed_at FROM trygga_hem_notifications WHERE id = $1',
        [id],
      );
      expect(row).toEqual({ version: 3, removed_at: null });
      expect(await revisionCount(id)).toBe(2);
    });

    it('a removal hides it from the case but keeps it, with who, when and why', async () => {
      const res = await social.post<TryggaHemCaseDto>(`${TH}/notifications/${id}/remove`, {
        version: 3,
        reason: 'Registrerad på fel ärende.',
      });
      expectStatus(res, 200, 'removal');
      expect(res.body.notifications!.map((n) => n.id)).not.toContain(id);
      const all = await profile(social, '?includeRemoved=true');
      const removed = all.notifications!.find((n) => n.id === id)!;
      expect(removed.removal).toMatchObject({
        reason: 'Registrerad på fel ärende.',
        removedBy: { displayName: socialName },
      });
      expect(removed).toMatchObject({ version: 4, canCorrect: false });
      expect(removed.revisions.map((r) => r.kind)).toEqual(['correction', 'correction', 'removal']);
      // A removed record is not changed any more.
      const again = await social.request<ProblemDetails>('PATCH', `${TH}/notifications/${id}`, {
        version: 4,
        reason: 'Ångrar',
        outcome: 'x',
      });
      expect(again.status).toBe(409);
      // The history itself cannot be rewritten, not even by SQL (append-only trigger).
      await expect(
        sql(`UPDATE trygga_hem_record_revisions SET reason = 'x' WHERE record_id = $1`, [id]),
      ).rejects.toThrow();
    });
  });

  describe('a control measure', () => {
    let id: string;
    const measureReminders = (status: string) =>
      sql<{ due_at: Date }>(
        `SELECT due_at FROM reminders WHERE kind = $1 AND subject_id = $2 AND status = $3`,
        [ReminderKind.MeasureEnding, id, status],
      );

    it('a corrected end moves its measure_ending reminder', async () => {
      const res = await polis.post<TryggaHemCaseDto>(`${TH}/cases/${kase.id}/control-measures`, {
        kind: 'kontaktforbud',
        startsOn: today,
        endsOn: addDays(today, 60),
      });
      expectStatus(res, 201, 'control measure');
      id = res.body.controlMeasures![0].id;
      expect(await measureReminders('pending')).toHaveLength(1);

      const bad = await polis.request<ProblemDetails>('PATCH', `${TH}/control-measures/${id}`, {
        version: 1,
        reason: 'Fel slutdatum',
        endsOn: addDays(today, -1),
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([
        expect.objectContaining({ field: 'endsOn', code: 'beforeStart' }),
      ]);

      const corrected = await polis.request<TryggaHemCaseDto>(
        'PATCH',
        `${TH}/control-measures/${id}`,
        { version: 1, reason: 'Domen gäller i 90 dagar.', endsOn: addDays(today, 90) },
      );
      expectStatus(corrected, 200, 'correction');
      const m = corrected.body.controlMeasures!.find((x) => x.id === id)!;
      expect(m).toMatchObject({ version: 2, endsOn: addDays(today, 90), active: true });
      expect(m.revisions[0].previous).toEqual({ endsOn: addDays(today, 60) });
      const pending = await measureReminders('pending');
      expect(pending).toHaveLength(1);
      expect(swedishDate(new Date(pending[0].due_at))).toBe(addDays(today, 83));
      expect(await measureReminders('cancelled')).toHaveLength(1);
    });

    it('the social worker may not remove the police’s measure', async () => {
      const res = await social.post<ProblemDetails>(`${TH}/control-measures/${id}/remove`, {
        version: 2,
        reason: 'Fel',
      });
      expect(res.status).toBe(403);
      expect(await measureReminders('pending')).toHaveLength(1);
    });

    it('a removal cancels its reminder in the same write', async () => {
      const res = await polis.post<TryggaHemCaseDto>(`${TH}/control-measures/${id}/remove`, {
        version: 2,
        reason: 'Kontaktförbudet hävdes av åklagaren.',
      });
      expectStatus(res, 200, 'removal');
      expect(res.body.controlMeasures!.map((m) => m.id)).not.toContain(id);
      expect(await measureReminders('pending')).toHaveLength(0);
      expect(await measureReminders('cancelled')).toHaveLength(2);
    });

    it('a correction to "until further notice" (endsOn null) cancels the reminder too', async () => {
      const res = await polis.post<TryggaHemCaseDto>(`${TH}/cases/${kase.id}/control-measures`, {
        kind: 'electronic_monitoring',
        startsOn: today,
        endsOn: addDays(today, 30),
      });
      expectStatus(res, 201, 'control measure');
      id = res.body.controlMeasures!.find(
        (m) => m.kind === ControlMeasureKind.ElectronicMonitoring,
      )!.id;
      expect(await measureReminders('pending')).toHaveLength(1);
      const corrected = await polis.request<TryggaHemCaseDto>(
        'PATCH',
        `${TH}/control-measures/${id}`,
        { version: 1, reason: 'Gäller tills vidare enligt beslutet.', endsOn: null },
      );
      expectStatus(corrected, 200, 'correction');
      const m = corrected.body.controlMeasures!.find((x) => x.id === id)!;
      expect(m).toMatchObject({ endsOn: null, active: true, version: 2 });
      expect(m.revisions[0].previous).toEqual({ endsOn: addDays(today, 30) });
      expect(await measureReminders('pending')).toHaveLength(0);
    });
  });

  describe('an incident', () => {
    const boardRow = async () => {
      const board = await social.get<Page<BoardRowDto>>(`${TH}/groups/${group.id}/board`);
      return board.body.items.find((r) => r.caseId === kase.id)!;
    };
    const reviewReminders = () =>
      sql<{ due_at: Date }>(
        `SELECT due_at FROM reminders WHERE kind = $1 AND case_id = $2 AND status = 'pending'
         AND escalation_of_id IS NULL`,
        [ReminderKind.RiskReview, kase.id],
      );

    it('flags a repeat and calls for reassessment; removing it takes both back', async () => {
      const added = await polis.post<TryggaHemCaseDto>(`${TH}/cases/${kase.id}/incidents`, {
        occurredOn: today,
        kind: 'threat',
        victimPersonId: victimId,
      });
      expectStatus(added, 201, 'incident');
      const incident = added.body.incidents![0];
      expect(incident).toMatchObject({ repeat: true, version: 1, canCorrect: true });
      expect(added.body.repeat).toBe(true);
      expect(added.body.riskAssessments!.every((a) => a.reviewDue)).toBe(true);
      expect(await boardRow()).toMatchObject({ repeat: true, newIncidents: 1 });

      const removed = await polis.post<TryggaHemCaseDto>(`${TH}/incidents/${incident.id}/remove`, {
        version: 1,
        reason: 'Anmälan avsåg ett annat ärende.',
      });
      expectStatus(removed, 200, 'removal');
      expect(removed.body.incidents).toEqual([]);
      expect(removed.body.repeat).toBe(false);
      for (const a of removed.body.riskAssessments!)
        expect({ reviewDue: a.reviewDue, requested: a.reassessmentRequestedAt }).toEqual({
          reviewDue: false,
          requested: null,
        });
      // The review reminders are back at their own date: 7 days before the review date.
      const due = await reviewReminders();
      expect(due).toHaveLength(2);
      for (const r of due) expect(swedishDate(new Date(r.due_at))).toBe(addDays(today, 53));
      expect(await boardRow()).toMatchObject({ repeat: false, newIncidents: 0 });
      // Kept for audit.
      const [row] = await sql<{ removal_reason: string }>(
        'SELECT removal_reason FROM trygga_hem_incidents WHERE id = $1',
        [incident.id],
      );
      expect(row.removal_reason).toBe('Anmälan avsåg ett annat ärende.');
    });

    it('a correction that names the victim makes it a repeat; the previous values are kept', async () => {
      const added = await polis.post<TryggaHemCaseDto>(`${TH}/cases/${kase.id}/incidents`, {
        occurredOn: today,
        kind: 'physical_violence',
      });
      expectStatus(added, 201, 'incident');
      const incident = added.body.incidents![0];
      expect(incident.repeat).toBe(false);
      expect(added.body.repeat).toBe(false);

      const corrected = await polis.request<TryggaHemCaseDto>(
        'PATCH',
        `${TH}/incidents/${incident.id}`,
        {
          version: 1,
          reason: 'Brottsoffret var den våldsutsatta i ärendet.',
          victimPersonId: victimId,
        },
      );
      expectStatus(corrected, 200, 'correction');
      const i = corrected.body.incidents![0];
      expect(i).toMatchObject({ version: 2, repeat: true, victimPersonId: victimId });
      expect(i.revisions[0].previous).toEqual({ victimPersonId: null, repeat: false });
      expect(corrected.body.repeat).toBe(true);

      // Only the recording organisation: the social worker is refused.
      const refused = await social.request<ProblemDetails>('PATCH', `${TH}/incidents/${i.id}`, {
        version: 2,
        reason: 'Socialtjänsten rättar',
        kind: 'threat',
      });
      expect(refused.status).toBe(403);

      const removed = await polis.post<TryggaHemCaseDto>(`${TH}/incidents/${i.id}/remove`, {
        version: 2,
        reason: 'Dubbelregistrerad.',
      });
      expectStatus(removed, 200, 'removal');
      expect(removed.body.repeat).toBe(false);
      expect((await boardRow()).newIncidents).toBe(0);
    });
  });

  it('D1, D6: the figures do not count removed records', async () => {
    const figures = async () => {
      const res = await samordnare.get<TryggaHemStatisticsDto>(
        `${TH}/statistics?municipalityCode=${MUNICIPALITY}&from=${FIGURES_DAY}&to=${FIGURES_DAY}`,
      );
      expect(res.status).toBe(200);
      return res.body.municipalities.find((m) => m.municipalityCode === MUNICIPALITY)!;
    };
    let latest: TryggaHemCaseDto | undefined;
    for (let i = 0; i < 6; i++) {
      const n = await social.post<TryggaHemCaseDto>(`${TH}/cases/${kase.id}/notifications`, {
        method: 'letter',
        deliveredOn: FIGURES_DAY,
        deliveredBy: 'Socialsekreterare',
      });
      expectStatus(n, 201, 'notification');
      const res = await polis.post<TryggaHemCaseDto>(`${TH}/cases/${kase.id}/incidents`, {
        occurredOn: FIGURES_DAY,
        kind: 'threat',
      });
      expectStatus(res, 201, 'incident');
      latest = res.body;
    }
    expect(await figures()).toMatchObject({ notifications: 6, incidents: 6 });

    const incident = latest!.incidents!.find((i) => i.occurredOn === FIGURES_DAY)!;
    expectStatus(
      await polis.post(`${TH}/incidents/${incident.id}/remove`, {
        version: incident.version,
        reason: 'Dubbelregistrerad.',
      }),
      200,
      'remove incident',
    );
    const notification = (await profile(social)).notifications!.find(
      (n) => n.deliveredOn === FIGURES_DAY,
    )!;
    expectStatus(
      await social.post(`${TH}/notifications/${notification.id}/remove`, {
        version: notification.version,
        reason: 'Dubbelregistrerad.',
      }),
      200,
      'remove notification',
    );
    expect(await figures()).toMatchObject({ notifications: 5, incidents: 5 });
  });

  it('D3: the police, on the offender side, never received the victim’s address, phone or safety plan', async () => {
    for (const path of [
      `${TH}/cases/${kase.id}`,
      `${TH}/cases/${kase.id}?includeRemoved=true`,
      `${TH}/groups/${group.id}/board`,
      `/api/v1/cases/${kase.id}`,
    ])
      expect((await polis.get(path)).status).toBe(200);
    const th = await profile(polis, '?includeRemoved=true');
    expect(th.safetyPlans).toBeNull();
    expect(th.incidents!.some((i) => i.removal !== null)).toBe(true);
    expect(policeSeen.length).toBeGreaterThan(15);
    const leaks = policeSeen.filter((body) => SECRETS.some((s) => body.includes(s)));
    expect(leaks).toEqual([]);
  });
});
