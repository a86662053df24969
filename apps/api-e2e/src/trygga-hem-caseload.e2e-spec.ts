import {
  type BoardRowDto,
  type CaseDto,
  type CaseloadExitDto,
  CaseloadOutcome,
  type CoordinatorGroupDto,
  type CreateCaseDto,
  ErrorCode,
  type MeetingSummaryDto,
  type Page,
  ParticipantRole,
  type ProblemDetails,
  ReminderKind,
  RiskInstrument,
  RiskLevel,
  TryggaHemAction,
  type TryggaHemCaseDto,
  type TryggaHemEnrolmentDto,
} from '@samsyn/common';
import { addDays, swedishDate } from '@samsyn/domain';
import { count, sql } from './support/db';
import { createCase, expectStatus, PersonnummerGenerator } from './support/fixtures';
import { ApiClient } from './support/http';

const today = swedishDate(new Date());
const numbers = new PersonnummerGenerator(97);
const TH = '/api/v1/trygga-hem';

function fieldCodes(body: unknown): Record<string, string> {
  const errors = (body as ProblemDetails).errors ?? [];
  return Object.fromEntries(errors.map((e) => [e.field, e.code]));
}

/**
 * Issue 15, item 1 and the allowed actions: the case owner enrols a Trygga hem case on the
 * Örebro koordinatorsgrupp's caseload, a group member takes it off with a reason (kept for
 * audit, reminders cancelled, off the board), and every answer lists what the caller may do —
 * computed by the rules that refuse the rest. Item 4: the samordnare calls a meeting and sees
 * the schedule without agenda sizes or case rows; chairing and approving stay with members.
 */
describe('Trygga hem caseload: enrol, leave and allowed actions (issue 15)', () => {
  let social: ApiClient;
  let polis: ApiClient;
  let samordnare: ApiClient;
  let karlskoga: ApiClient;
  let group: CoordinatorGroupDto;
  let kase: CaseDto;

  const newCase = (client: ApiClient, firstName: string) =>
    createCase(client, {
      programme: 'TRYGGA_HEM',
      participants: [
        {
          role: ParticipantRole.Offender,
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: numbers.forBirthDate('1979-03-03'),
            firstName,
            lastName: 'Listsson',
          },
        },
      ],
    } as unknown as CreateCaseDto);

  beforeAll(async () => {
    [social, polis, samordnare, karlskoga] = await Promise.all(
      ['social.orebro', 'polis.orebro', 'samordnare.orebro', 'social.karlskoga'].map((u) =>
        ApiClient.signedIn(u),
      ),
    );
    const groups = await samordnare.get<CoordinatorGroupDto[]>(`${TH}/groups`);
    group = groups.body.find((g) => g.municipalityCode === '1880')!;
    kase = await newCase(social, 'Enrol');
  });

  describe('enrol (item 1)', () => {
    it('the owner is offered the enrolment with the group of the case municipality', async () => {
      const res = await social.get<TryggaHemEnrolmentDto>(`${TH}/cases/${kase.id}/enrolment`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ enrolled: false, exit: null });
      expect(res.body.allowedActions).toEqual([TryggaHemAction.Enrol]);
      expect(res.body.groups.map((g) => g.id)).toEqual([group.id]);
    });

    it('refused: no relation (403), and another organisation is offered nothing', async () => {
      const other = await karlskoga.get<ProblemDetails>(`${TH}/cases/${kase.id}/enrolment`);
      expect(other.status).toBe(403);
      const res = await karlskoga.post<ProblemDetails>(`${TH}/cases`, {
        caseId: kase.id,
        groupId: group.id,
        priority: 'B',
        priorityBasis: 'Försök utifrån.',
      });
      expect(res.status).toBe(403);
      expect(await count('trygga_hem_cases', 'case_id = $1', [kase.id])).toBe(0);
    });

    it('validation: a priority and its basis are required (400, nothing written)', async () => {
      const res = await social.post<ProblemDetails>(`${TH}/cases`, {
        caseId: kase.id,
        groupId: group.id,
        priority: 'Q',
        priorityBasis: '',
      });
      expect(res.status).toBe(400);
      expect(Object.keys(fieldCodes(res.body)).sort()).toEqual(['priority', 'priorityBasis']);
      expect(await count('trygga_hem_cases', 'case_id = $1', [kase.id])).toBe(0);
    });

    it('enrols: the case is on the board with actions for the member; enrolling again is 409', async () => {
      const res = await social.post<TryggaHemCaseDto>(`${TH}/cases`, {
        caseId: kase.id,
        groupId: group.id,
        priority: 'C',
        priorityBasis: 'Upprepat hot mot partner.',
      });
      expect(res.status).toBe(201);
      // social.orebro owns the case and is a member of the group; off the victim side, no
      // skyddsplan (D3).
      expect(res.body.allowedActions).toEqual([
        TryggaHemAction.SetPriority,
        TryggaHemAction.Leave,
        TryggaHemAction.AddNotification,
        TryggaHemAction.AddOffer,
        TryggaHemAction.AddControlMeasure,
        TryggaHemAction.AddIncident,
        TryggaHemAction.AddRiskAssessment,
      ]);
      const again = await social.post<ProblemDetails>(`${TH}/cases`, {
        caseId: kase.id,
        groupId: group.id,
        priority: 'C',
        priorityBasis: 'Igen.',
      });
      expect(again.status).toBe(409);
      const offered = await social.get<TryggaHemEnrolmentDto>(`${TH}/cases/${kase.id}/enrolment`);
      expect(offered.body).toMatchObject({ enrolled: true, allowedActions: [], groups: [] });
      const board = await social.get<Page<BoardRowDto>>(
        `${TH}/groups/${group.id}/board?pageSize=100`,
      );
      expect(board.body.items.map((r) => r.caseId)).toContain(kase.id);
    });
  });

  describe('leave (item 1)', () => {
    let profile: TryggaHemCaseDto;

    beforeAll(async () => {
      // A risk assessment gives the case a pending Trygga hem reminder (risk_review).
      const res = await social.post<TryggaHemCaseDto>(`${TH}/cases/${kase.id}/risk-assessments`, {
        instrument: RiskInstrument.Freda,
        assessedOn: today,
        level: RiskLevel.Medium,
        reviewOn: addDays(today, 60),
      });
      expectStatus(res, 201, 'risk assessment');
      profile = res.body;
      expect(
        await count('reminders', `kind = $1 AND case_id = $2 AND status = 'pending'`, [
          ReminderKind.RiskReview,
          kase.id,
        ]),
      ).toBe(1);
    });

    it('refused: a group member without the case coordination data is not offered it (403)', async () => {
      // The police officer is a member but has no consent or legal basis on this case.
      const res = await polis.post<ProblemDetails>(`${TH}/cases/${kase.id}/leave`, {
        outcome: CaseloadOutcome.Removed,
        reason: 'Fel grupp.',
        version: profile.version,
      });
      expect(res.status).toBe(403);
    });

    it('validation: a reason and a known outcome are required (400)', async () => {
      const res = await social.post<ProblemDetails>(`${TH}/cases/${kase.id}/leave`, {
        outcome: 'vanished',
        reason: '',
        version: profile.version,
      });
      expect(res.status).toBe(400);
      expect(Object.keys(fieldCodes(res.body)).sort()).toEqual(['outcome', 'reason']);
      const blank = await social.post<ProblemDetails>(`${TH}/cases/${kase.id}/leave`, {
        outcome: CaseloadOutcome.Closed,
        reason: '   ',
        version: profile.version,
      });
      expect(blank.status).toBe(400);
      expect(fieldCodes(blank.body)).toEqual({ reason: 'required' });
    });

    it('409 VERSION_CONFLICT on a stale version, nothing written', async () => {
      const res = await social.post<ProblemDetails>(`${TH}/cases/${kase.id}/leave`, {
        outcome: CaseloadOutcome.Closed,
        reason: 'Avslutat.',
        version: profile.version - 1 || 999,
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(ErrorCode.VersionConflict);
      expect(await count('trygga_hem_cases', 'case_id = $1 AND left_at IS NULL', [kase.id])).toBe(
        1,
      );
    });

    it('a member closes it with a reason: kept, audited, reminders cancelled, off the board', async () => {
      const auditBefore = await count(
        'audit_events',
        `action = 'trygga_hem.write' AND $1 = ANY (case_ids)`,
        [kase.id],
      );
      const res = await social.post<CaseloadExitDto>(`${TH}/cases/${kase.id}/leave`, {
        outcome: CaseloadOutcome.Closed,
        reason: 'Insatserna avslutade, ingen ny incident på ett år.',
        version: profile.version,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        group: { id: group.id },
        outcome: CaseloadOutcome.Closed,
        reason: 'Insatserna avslutade, ingen ny incident på ett år.',
      });
      const [row] = await sql<{ left_outcome: string; left_reason: string }>(
        'SELECT left_outcome, left_reason FROM trygga_hem_cases WHERE case_id = $1',
        [kase.id],
      );
      expect(row).toEqual({
        left_outcome: 'closed',
        left_reason: 'Insatserna avslutade, ingen ny incident på ett år.',
      });
      // The case's Trygga hem reminders go; the case's own (e.g. inactivity) are not the group's.
      expect(
        await count('reminders', `case_id = $1 AND status = 'pending' AND kind = ANY ($2)`, [
          kase.id,
          [ReminderKind.RiskReview, ReminderKind.ActionDue, ReminderKind.MeasureEnding],
        ]),
      ).toBe(0);
      expect(
        await count('reminders', `case_id = $1 AND kind = $2 AND status = 'cancelled'`, [
          kase.id,
          ReminderKind.RiskReview,
        ]),
      ).toBe(1);
      expect(
        await count('case_team_members', `case_id = $1 AND case_role = 'coordinator_group'`, [
          kase.id,
        ]),
      ).toBe(0);
      expect(
        await count('audit_events', `action = 'trygga_hem.write' AND $1 = ANY (case_ids)`, [
          kase.id,
        ]),
      ).toBe(auditBefore + 1);
      const board = await social.get<Page<BoardRowDto>>(
        `${TH}/groups/${group.id}/board?pageSize=100`,
      );
      expect(board.body.items.map((r) => r.caseId)).not.toContain(kase.id);
      // The tab now answers with the exit and offers a new enrolment; it cannot be left twice.
      expect((await social.get(`${TH}/cases/${kase.id}`)).status).toBe(404);
      const offered = await social.get<TryggaHemEnrolmentDto>(`${TH}/cases/${kase.id}/enrolment`);
      expect(offered.body).toMatchObject({
        enrolled: false,
        allowedActions: [TryggaHemAction.Enrol],
        exit: { outcome: CaseloadOutcome.Closed },
      });
      expect(offered.body.groups.map((g) => g.id)).toEqual([group.id]);
      const twice = await social.post(`${TH}/cases/${kase.id}/leave`, {
        outcome: CaseloadOutcome.Removed,
        reason: 'Igen.',
        version: profile.version + 1,
      });
      expect(twice.status).toBe(404);
    });
  });

  describe('enrolled again after leaving', () => {
    const enrol = (priority: string) =>
      social.post<TryggaHemCaseDto & ProblemDetails>(`${TH}/cases`, {
        caseId: kase.id,
        groupId: group.id,
        priority,
        priorityBasis: 'Ny incident efter avslut.',
      });
    const exits = () =>
      sql<{ outcome: string; reason: string }>(
        'SELECT outcome, reason FROM trygga_hem_caseload_exits WHERE case_id = $1 ORDER BY left_at',
        [kase.id],
      );

    it('a case that left comes back as a new enrolment; its exit is kept; 409 only while enrolled', async () => {
      const res = await enrol('A');
      expectStatus(res, 201, 're-enrol');
      expect(res.body).toMatchObject({ priority: 'A', repeat: false, lastReviewedOn: null });
      expect(res.body.allowedActions).toContain(TryggaHemAction.Leave);
      // Every priority so far, newest first: the history of the first enrolment stays.
      expect(res.body.priorityHistory!.map((h) => h.priority)).toEqual(['A', 'C']);
      expect(await exits()).toEqual([
        { outcome: 'closed', reason: 'Insatserna avslutade, ingen ny incident på ett år.' },
      ]);
      expect(await count('trygga_hem_cases', 'case_id = $1 AND left_at IS NULL', [kase.id])).toBe(
        1,
      );
      const offered = await social.get<TryggaHemEnrolmentDto>(`${TH}/cases/${kase.id}/enrolment`);
      expect(offered.body).toMatchObject({ enrolled: true, exit: null, allowedActions: [] });
      const board = await social.get<Page<BoardRowDto>>(
        `${TH}/groups/${group.id}/board?pageSize=100`,
      );
      expect(board.body.items.map((r) => r.caseId)).toContain(kase.id);
      const again = await enrol('B');
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/already in a koordinatorsgrupp's caseload/);
    });

    it('it may leave and come back again: every exit is kept', async () => {
      const profile = (await social.get<TryggaHemCaseDto>(`${TH}/cases/${kase.id}`)).body;
      const left = await social.post(`${TH}/cases/${kase.id}/leave`, {
        outcome: CaseloadOutcome.Removed,
        reason: 'Fel grupp.',
        version: profile.version,
      });
      expectStatus(left, 200, 'leave again');
      expectStatus(await enrol('D'), 201, 'enrol a third time');
      expect((await exits()).map((e) => e.outcome)).toEqual(['closed', 'removed']);
    });
  });

  describe('the samordnare and the meetings (item 4)', () => {
    it('D1: the group lists manage and call actions for the samordnare, no board', async () => {
      const res = await samordnare.get<CoordinatorGroupDto>(`${TH}/groups/${group.id}`);
      expect(res.body.allowedActions).toEqual([
        TryggaHemAction.GroupEdit,
        TryggaHemAction.GroupManageMembers,
        TryggaHemAction.GroupCallMeeting,
      ]);
      expect((await samordnare.get(`${TH}/groups/${group.id}/board`)).status).toBe(403);
      const member = await social.get<CoordinatorGroupDto>(`${TH}/groups/${group.id}`);
      expect(member.body.allowedActions).toEqual([
        TryggaHemAction.GroupCallMeeting,
        TryggaHemAction.GroupViewBoard,
        TryggaHemAction.GroupOpenMeetings,
      ]);
    });

    it('the samordnare calls a meeting and sees the schedule without agenda sizes; members chair it', async () => {
      const heldOn = addDays(today, 14);
      const called = await samordnare.post<MeetingSummaryDto>(
        `${TH}/groups/${group.id}/meetings/call`,
        { heldOn },
      );
      expect(called.status).toBe(201);
      expect(called.body).toMatchObject({ heldOn, status: 'open', itemCount: null });
      const schedule = await samordnare.get<MeetingSummaryDto[]>(
        `${TH}/groups/${group.id}/meetings`,
      );
      expect(schedule.status).toBe(200);
      expect(schedule.body.find((m) => m.id === called.body.id)).toBeDefined();
      expect(schedule.body.every((m) => m.itemCount === null)).toBe(true);
      // The agenda and the minutes are the members'.
      expect((await samordnare.get(`${TH}/meetings/${called.body.id}`)).status).toBe(403);
      const approve = await samordnare.post(`${TH}/meetings/${called.body.id}/approve`, {
        version: called.body.version,
      });
      expect(approve.status).toBe(403);
      const meeting = await social.get<{ allowedActions: string[] }>(
        `${TH}/meetings/${called.body.id}`,
      );
      expect(meeting.body.allowedActions).toEqual([
        TryggaHemAction.MeetingEditAgenda,
        TryggaHemAction.MeetingApprove,
      ]);
      const memberSchedule = await social.get<MeetingSummaryDto[]>(
        `${TH}/groups/${group.id}/meetings`,
      );
      expect(memberSchedule.body.every((m) => typeof m.itemCount === 'number')).toBe(true);
    });

    it('a user who neither manages nor belongs to the group may not call its meeting (403)', async () => {
      const res = await karlskoga.post<ProblemDetails>(`${TH}/groups/${group.id}/meetings/call`, {
        heldOn: addDays(today, 7),
      });
      expect(res.status).toBe(403);
    });
  });
});
