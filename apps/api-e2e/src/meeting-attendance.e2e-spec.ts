import {
  AuditAction,
  ErrorCode,
  IndicatorId,
  type CoordinatorGroupDto,
  type IndicatorTableDto,
  type MeetingDto,
  type ProblemDetails,
  SipAction,
  type SipMeetingDto,
  type StatisticsDto,
  TryggaHemAction,
} from '@samsyn/common';
import { addDays } from '@samsyn/domain';
import type { Pool } from 'pg';
import { count, sql } from './support/db';
import { e2ePool, expectStatus, PersonnummerGenerator } from './support/fixtures';
import { ApiClient } from './support/http';
import { inDays, openSipCase, sipParties, type SipParties, today } from './support/sip';

/**
 * Issue 17 §2: who took part in cooperation meetings — units and their people on SIP meetings
 * and koordinatorsgrupp meetings — and the agreement's §7 indicator built on it.
 */
describe('meeting attendance (issue 17 §2)', () => {
  const numbers = new PersonnummerGenerator(113);
  let db: Pool;
  let ids: SipParties;
  let vard: ApiClient;
  let social: ApiClient;
  let frivard: ApiClient;
  let users: Record<string, string>;

  const problem = (res: { body: unknown }) => res.body as ProblemDetails;
  const fields = (res: { body: unknown }) => problem(res).errors?.map((e) => [e.field, e.code]);

  beforeAll(async () => {
    db = e2ePool(2);
    ids = await sipParties(db);
    [vard, social, frivard] = await Promise.all(
      ['vard.psykiatri', 'social.orebro', 'frivard.orebro'].map((u) => ApiClient.signedIn(u)),
    );
    const rows = await sql<{ username: string; id: string }>(
      `SELECT username, id FROM users WHERE username IN
         ('vard.psykiatri', 'social.orebro', 'frivard.orebro', 'polis.orebro', 'social.karlskoga')`,
    );
    users = Object.fromEntries(rows.map((r) => [r.username, r.id]));
  });

  afterAll(async () => {
    await db.end();
  });

  describe('on a SIP meeting', () => {
    let meeting: SipMeetingDto;
    const path = () => `/api/v1/sip/meetings/${meeting.id}/attendance`;
    const put = (client: ApiClient, body: unknown) =>
      client.request<SipMeetingDto | ProblemDetails>('PUT', path(), body);

    beforeAll(async () => {
      const kase = await openSipCase(vard, numbers, {
        birthDate: '1979-06-21',
        firstName: 'Närvaro',
        lastName: 'Sipsson',
      });
      const res = await vard.post<SipMeetingDto>(`/api/v1/cases/${kase.id}/sip/meetings`, {
        startsAt: inDays(3),
        place: 'Psykiatriska kliniken, mötesrum 1',
        personParticipates: true,
        relativesParticipate: false,
        invitees: [
          { unitId: ids.socialUnit },
          { unitId: ids.frivardUnit },
          { externalActor: 'Försäkringskassan' },
        ],
      });
      expectStatus(res, 201, 'call meeting');
      meeting = res.body;
    });

    it('before the meeting: nothing recorded, nothing offered, and a write is refused (409)', async () => {
      expect(meeting.attendance).toEqual({
        units: [],
        recordedAt: null,
        recordedBy: null,
        candidates: null,
      });
      expect(meeting.allowedActions).not.toContain(SipAction.RecordAttendance);
      const res = await put(vard, {
        version: meeting.version,
        units: [{ unitId: ids.clinic, userIds: [users['vard.psykiatri']] }],
      });
      expectStatus(res, 409, 'not started');
      expect(await count('meeting_attendances', 'sip_meeting_id = $1', [meeting.id])).toBe(0);
    });

    it('once started, the caller is offered the calling and invited units and their people', async () => {
      await sql(
        `UPDATE sip_meetings SET starts_at = now() - interval '2 hours',
           ends_at = now() - interval '1 hour' WHERE id = $1`,
        [meeting.id],
      );
      const res = await vard.get<SipMeetingDto>(`/api/v1/sip/meetings/${meeting.id}`);
      expectStatus(res, 200, 'meeting');
      meeting = res.body;
      expect(meeting.allowedActions).toContain(SipAction.RecordAttendance);
      const candidates = meeting.attendance.candidates!;
      expect(candidates.map((c) => c.unit.id).sort()).toEqual(
        [ids.clinic, ids.socialUnit, ids.frivardUnit].sort(),
      );
      const clinic = candidates.find((c) => c.unit.id === ids.clinic)!;
      expect(clinic.organisation.type).toBe('region');
      expect(clinic.people.map((p) => p.id)).toContain(users['vard.psykiatri']);
      // The units' active users, as in the database.
      for (const c of candidates)
        expect(c.people.map((p) => p.id).sort()).toEqual(
          (
            await sql<{ id: string }>(`SELECT id FROM users WHERE unit_id = $1 AND active`, [
              c.unit.id,
            ])
          )
            .map((r) => r.id)
            .sort(),
        );
    });

    it('refuses those who may not change the meeting (403), writing nothing', async () => {
      const body = {
        version: meeting.version,
        units: [{ unitId: ids.socialUnit, userIds: [users['social.orebro']] }],
      };
      expectStatus(await put(social, body), 403, 'invited huvudman');
      expectStatus(await put(frivard, body), 403, 'Frivård');
      expect(await count('meeting_attendances', 'sip_meeting_id = $1', [meeting.id])).toBe(0);
    });

    it('refuses units not called or invited, people of another unit and empty units (400)', async () => {
      const bad = async (units: unknown, expected: [string, string][]) => {
        const res = await put(vard, { version: meeting.version, units });
        expectStatus(res, 400, JSON.stringify(units));
        expect(fields(res)).toEqual(expected);
      };
      await bad(
        [{ unitId: ids.policeUnit, userIds: [users['polis.orebro']] }],
        [['units.0.unitId', 'notAllowedUnit']],
      );
      await bad(
        [{ unitId: ids.clinic, userIds: [users['social.orebro']] }],
        [['units.0.userIds.0', 'notInUnit']],
      );
      await bad(
        [{ unitId: ids.clinic, userIds: [], otherParticipants: 0 }],
        [['units.0.userIds', 'nobody']],
      );
      await bad(
        [
          { unitId: ids.clinic, userIds: [users['vard.psykiatri']] },
          { unitId: ids.clinic, userIds: [users['vard.psykiatri']] },
        ],
        [['units.1.unitId', 'duplicate']],
      );
      // Malformed input is a field error from validation, never a 500.
      const malformed = await put(vard, {
        version: meeting.version,
        units: [{ unitId: 'x', userIds: 'y', otherParticipants: -1 }],
      });
      expectStatus(malformed, 400, 'malformed');
      expect(problem(malformed).errors?.length).toBeGreaterThan(0);
      expect(await count('meeting_attendances', 'sip_meeting_id = $1', [meeting.id])).toBe(0);
    });

    it('records the units and people, audited, and the meeting answers them; others are a count', async () => {
      const auditBefore = await count('audit_events', 'action = $1', [
        AuditAction.SipMeetingAttendance,
      ]);
      const res = await put(vard, {
        version: meeting.version,
        units: [
          { unitId: ids.clinic, userIds: [users['vard.psykiatri']] },
          { unitId: ids.socialUnit, userIds: [users['social.orebro']], otherParticipants: 1 },
          { unitId: ids.frivardUnit, userIds: [], otherParticipants: 2 },
        ],
      });
      expectStatus(res, 200, 'record');
      const saved = res.body as SipMeetingDto;
      expect(saved.version).toBe(meeting.version + 1);
      expect(
        saved.attendance.units
          .map((u) => [u.unit.id, u.people.map((p) => p.id), u.otherParticipants])
          .sort(),
      ).toEqual(
        [
          [ids.clinic, [users['vard.psykiatri']], 0],
          [ids.socialUnit, [users['social.orebro']], 1],
          [ids.frivardUnit, [], 2],
        ].sort(),
      );
      expect(saved.attendance.recordedBy?.id).toBe(users['vard.psykiatri']);
      const rows = await sql<{ unit_id: string; organisation_id: string; user_ids: string[] }>(
        `SELECT unit_id, organisation_id, user_ids FROM meeting_attendances
         WHERE sip_meeting_id = $1`,
        [meeting.id],
      );
      expect(rows).toHaveLength(3);
      expect(rows.find((r) => r.unit_id === ids.frivardUnit)?.organisation_id).toBe(ids.frivardOrg);
      const [event] = await sql<{ case_ids: string[] }>(
        `SELECT case_ids::text[] FROM audit_events WHERE action = $1 ORDER BY id DESC LIMIT 1`,
        [AuditAction.SipMeetingAttendance],
      );
      expect(event.case_ids).toEqual([meeting.caseId]);
      expect(await count('audit_events', 'action = $1', [AuditAction.SipMeetingAttendance])).toBe(
        auditBefore + 1,
      );
      meeting = saved;
    });

    it('a stale version is 409 VERSION_CONFLICT; a current one replaces the record', async () => {
      const stale = await put(vard, {
        version: meeting.version - 1,
        units: [{ unitId: ids.clinic, userIds: [users['vard.psykiatri']] }],
      });
      expectStatus(stale, 409, 'stale');
      expect(problem(stale).code).toBe(ErrorCode.VersionConflict);
      expect(await count('meeting_attendances', 'sip_meeting_id = $1', [meeting.id])).toBe(3);
      const res = await put(vard, {
        version: meeting.version,
        units: [{ unitId: ids.clinic, userIds: [users['vard.psykiatri']] }],
      });
      expectStatus(res, 200, 'replace');
      expect(await count('meeting_attendances', 'sip_meeting_id = $1', [meeting.id])).toBe(1);
    });
  });

  describe('on a koordinatorsgrupp meeting', () => {
    let group: CoordinatorGroupDto;
    let memberUnits: { unit_id: string; user_id: string }[];
    const put = (client: ApiClient, id: string, body: unknown) =>
      client.request<MeetingDto | ProblemDetails>(
        'PUT',
        `/api/v1/trygga-hem/meetings/${id}/attendance`,
        body,
      );
    const create = async (heldOn: string) => {
      const res = await social.post<MeetingDto>(`/api/v1/trygga-hem/groups/${group.id}/meetings`, {
        heldOn,
      });
      expectStatus(res, 201, 'meeting');
      return res.body;
    };

    beforeAll(async () => {
      const samordnare = await ApiClient.signedIn('samordnare.orebro');
      const res = await samordnare.get<CoordinatorGroupDto[]>('/api/v1/trygga-hem/groups');
      group = res.body.find((g) => g.municipalityCode === '1880')!;
      memberUnits = await sql<{ unit_id: string; user_id: string }>(
        `SELECT u.unit_id, u.id AS user_id FROM coordinator_group_members m
         JOIN users u ON u.id = m.user_id WHERE m.group_id = $1 AND u.unit_id IS NOT NULL`,
        [group.id],
      );
    });

    it('a meeting not yet held offers nothing and refuses a write (409)', async () => {
      const m = await create(addDays(today, 21));
      expect(m.allowedActions).not.toContain(TryggaHemAction.MeetingRecordAttendance);
      expect(m.attendance.candidates).toBeNull();
      const res = await put(social, m.id, {
        version: m.version,
        units: [{ unitId: ids.socialUnit, userIds: [users['social.orebro']] }],
      });
      expectStatus(res, 409, 'not held');
    });

    it("members record the members' units; others are refused; versions guard it", async () => {
      const m = await create(today);
      expect(m.allowedActions).toContain(TryggaHemAction.MeetingRecordAttendance);
      expect(m.attendance.candidates!.map((c) => c.unit.id).sort()).toEqual(
        [...new Set(memberUnits.map((u) => u.unit_id))].sort(),
      );
      const samordnare = await ApiClient.signedIn('samordnare.orebro');
      const body = {
        version: m.version,
        units: [
          { unitId: ids.socialUnit, userIds: [users['social.orebro']] },
          { unitId: ids.policeUnit, userIds: [users['polis.orebro']], otherParticipants: 1 },
        ],
      };
      expectStatus(await put(samordnare, m.id, body), 403, 'group manager, not a member');
      const outsider = await put(social, m.id, {
        version: m.version,
        units: [{ unitId: await nonMemberUnit(), userIds: [], otherParticipants: 1 }],
      });
      expectStatus(outsider, 400, 'unit of no member');
      expect(fields(outsider)).toContainEqual(['units.0.unitId', 'notAllowedUnit']);
      const ok = await put(social, m.id, body);
      expectStatus(ok, 200, 'record');
      const saved = ok.body as MeetingDto;
      expect(saved.version).toBe(m.version + 1);
      expect(saved.attendance.units.map((u) => u.unit.id).sort()).toEqual(
        [ids.socialUnit, ids.policeUnit].sort(),
      );
      expect(await count('meeting_attendances', 'coordinator_group_meeting_id = $1', [m.id])).toBe(
        2,
      );
      const stale = await put(social, m.id, body);
      expectStatus(stale, 409, 'stale');
      expect(problem(stale).code).toBe(ErrorCode.VersionConflict);
    });

    async function nonMemberUnit(): Promise<string> {
      const [row] = await sql<{ id: string }>(
        `SELECT id FROM units WHERE id <> ALL ($1::uuid[]) LIMIT 1`,
        [memberUnits.map((u) => u.unit_id)],
      );
      return row.id;
    }
  });

  /**
   * The §7 indicator on a data set of known answers, in a municipality of its own (a free code in
   * Örebro län, within the coordinator's county scope), seeded by SQL with fixed past dates.
   *
   * - January 2025: a SIP meeting with units 1–6 (a cancelled one the next day with unit 7).
   * - February 2025: a SIP meeting with units 1–5; a koordinatorsgrupp meeting with a case of the
   *   municipality on its agenda, with units 5–7.
   * - March 2025: a koordinatorsgrupp meeting with units 1–5 and no case in scope on its agenda.
   */
  describe('the cooperation meeting indicator', () => {
    let coordinator: ApiClient;
    let code: string;
    const period = 'from=2025-01-01&to=2025-03-31&period=month';

    beforeAll(async () => {
      coordinator = await ApiClient.signedIn('samordnare.orebro');
      const [free] = await sql<{ code: string }>(
        `SELECT n::text AS code FROM generate_series(1870, 1879) n
         WHERE n::text NOT IN (
           SELECT municipality_code FROM organisations WHERE municipality_code IS NOT NULL)
         LIMIT 1`,
      );
      code = free.code;
      const [org] = await sql<{ id: string }>(
        `INSERT INTO organisations (version, name, type, municipality_code)
         VALUES (1, $1, 'municipality', $2) RETURNING id`,
        [`Närvarokommun ${code}`, code],
      );
      const units = (
        await sql<{ id: string }>(
          `INSERT INTO units (version, organisation_id, name, kind)
           SELECT 1, $1, 'Enhet ' || n, 'social_services' FROM generate_series(1, 7) n
           RETURNING id`,
          [org.id],
        )
      ).map((u) => u.id);
      const [caller] = await sql<{ id: string }>(
        `SELECT id FROM users WHERE username = 'samordnare.orebro'`,
      );
      const cases = (
        await sql<{ id: string }>(
          `WITH p AS (
             INSERT INTO persons (version, personal_number_kind, personal_number, first_name,
                                  last_name, birth_date)
             SELECT 1, 'personnummer', '19710101' || $1 || n, 'Närvaro' || n, 'Testsson', '1971-01-01'
             FROM generate_series(1, 3) n RETURNING id, personal_number)
           INSERT INTO cases (version, number, programme, status, closed, municipality_code,
                              owning_organisation_id, owning_unit_id, subject_person_id, opened_at)
           SELECT 1, 'NV' || $2 || '-' || right(p.personal_number, 1),
                  CASE WHEN right(p.personal_number, 1) = '3' THEN 'TRYGGA_HEM' ELSE 'SIP' END,
                  'active', false, $2, $3, $4, p.id, '2025-01-05'::date
           FROM p ORDER BY p.personal_number RETURNING id`,
          [code.slice(1), code, org.id, units[0]],
        )
      ).map((c) => c.id);
      const meeting = async (caseId: string, on: string, state: string) =>
        (
          await sql<{ id: string }>(
            `INSERT INTO sip_meetings (version, case_id, kind, state, starts_at, ends_at,
               person_participates, relatives_participate, called_at, called_by_id,
               calling_organisation_id, calling_unit_id)
             VALUES (1, $1, 'first', $2, $3::date + time '09:00', $3::date + time '10:00', true,
                     false, $3::date - 5, $4, $5, $6) RETURNING id`,
            [caseId, state, on, caller.id, org.id, units[0]],
          )
        )[0].id;
      const [group] = await sql<{ id: string }>(
        `INSERT INTO coordinator_groups (version, name, municipality_code)
         VALUES (1, $1, $2) RETURNING id`,
        [`Närvarogruppen ${code}`, code],
      );
      const groupMeeting = async (on: string) =>
        (
          await sql<{ id: string }>(
            `INSERT INTO coordinator_group_meetings (version, group_id, held_on, status)
             VALUES (1, $1, $2, 'approved') RETURNING id`,
            [group.id, on],
          )
        )[0].id;
      const attend = async (column: string, meetingId: string, which: number[]) =>
        sql(
          `INSERT INTO meeting_attendances (${column}, unit_id, organisation_id, recorded_by_id)
           SELECT $1, u, $2, $3 FROM unnest($4::uuid[]) u`,
          [meetingId, org.id, caller.id, which.map((i) => units[i - 1])],
        );
      const [sip1, sip2, tryggaHem] = cases;
      const sips = 'sip_meeting_id';
      const groups = 'coordinator_group_meeting_id';
      await attend(sips, await meeting(sip1, '2025-01-20', 'called'), [1, 2, 3, 4, 5, 6]);
      await attend(sips, await meeting(sip1, '2025-01-21', 'cancelled'), [7]);
      await attend(sips, await meeting(sip2, '2025-02-15', 'called'), [1, 2, 3, 4, 5]);
      const february = await groupMeeting('2025-02-10');
      await sql(
        `INSERT INTO coordinator_group_agenda_items (version, meeting_id, case_id, position)
         VALUES (1, $1, $2, 1)`,
        [february, tryggaHem],
      );
      await attend(groups, february, [5, 6, 7]);
      await attend(groups, await groupMeeting('2025-03-05'), [1, 2, 3, 4, 5]);
    });

    const table = async (query: string): Promise<IndicatorTableDto> => {
      const res = await coordinator.get<StatisticsDto>(`/api/v1/statistics/indicators?${query}`);
      expectStatus(res, 200, 'indicators');
      const found = res.body.tables.find((t) => t.id === IndicatorId.CooperationMeetingUnits);
      if (!found) throw new Error('no cooperation meeting table');
      return found;
    };

    it('counts distinct units per period and kind of organisation, held meetings of cases in scope', async () => {
      const t = await table(`${period}&municipalityCode=${code}`);
      expect(t.rows).toEqual(['2025-01', '2025-02', '2025-03']);
      expect(t.columns).toEqual(['units_region', 'units_municipality', 'units_other']);
      expect(t.cells).toEqual([
        [0, 6, 0],
        [0, 7, 0],
        [0, 0, 0],
      ]);
      expect(t.rowTotals).toEqual([6, 7, 0]);
    });

    it('follows the programme filter, and hides small counts', async () => {
      const sip = await table(`${period}&municipalityCode=${code}&programme=SIP`);
      expect(sip.cells.map((r) => r[1])).toEqual([6, 5, 0]);
      const th = await table(`${period}&municipalityCode=${code}&programme=TRYGGA_HEM`);
      expect(th.cells[0][1]).toBe(0);
      expect(th.cells[1][1]).toEqual({ hidden: 'small' });
      expect(th.rowTotals?.[1]).toEqual(expect.objectContaining({ hidden: expect.any(String) }));
    });
  });
});
