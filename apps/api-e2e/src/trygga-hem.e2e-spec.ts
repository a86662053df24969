import {
  type ActionDto,
  AgendaReason,
  type BoardRowDto,
  type CaseDto,
  type CoordinatorGroupDto,
  type CreateCaseDto,
  ErrorCode,
  type MeetingDto,
  MeetingStatus,
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
const numbers = new PersonnummerGenerator(61);

/** What must never reach a user who works only with the offender (D3). */
const VICTIM_ADDRESS = 'Hemliga gränd 7';
const VICTIM_PHONE = '070-999 11 22';
const SAFETY_PLAN = 'SKYDDSPLAN: larmpaket, kodord med skolan';
const WHEREABOUTS = 'Skyddat boende Vallby';
const SECRETS = [VICTIM_ADDRESS, VICTIM_PHONE, '0709991122', SAFETY_PLAN, WHEREABOUTS];

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

async function userId(username: string): Promise<string> {
  const [row] = await sql<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  return row.id;
}

/**
 * Issue 6 through the real API, PostgreSQL and Redis: the Örebro koordinatorsgrupp, a Trygga hem
 * case with an offender, a victim and a child, victim-side separation (D3), per-agency risk
 * assessments (D5), repeat detection, meeting mode with reminders, and the figures (D1, D6).
 */
describe('Trygga hem and the koordinatorsgrupp (issue 6)', () => {
  let social: ApiClient;
  let polis: ApiClient;
  let frivard: ApiClient;
  let vard: ApiClient;
  let samordnare: ApiClient;
  let styrgrupp: ApiClient;
  let policeSeen: string[];
  let group: CoordinatorGroupDto;
  let kase: CaseDto;
  let victimId: string;
  let orgIds: Record<string, string>;
  let polisId: string;

  beforeAll(async () => {
    [social, polis, frivard, vard, samordnare, styrgrupp] = await Promise.all(
      [
        'social.orebro',
        'polis.orebro',
        'frivard.orebro',
        'vard.psykiatri',
        'samordnare.orebro',
        'styrgrupp.lan',
      ].map((u) => ApiClient.signedIn(u)),
    );
    policeSeen = recording(polis);
    // The demo users' own organisations: other specs add more regions and police areas.
    const orgs = await sql<{ id: string; type: string }>(
      `SELECT o.id, o.type::text AS type FROM organisations o
       JOIN users u ON u.organisation_id = o.id
       WHERE u.username IN ('polis.orebro', 'vard.psykiatri', 'frivard.orebro', 'styrgrupp.lan')`,
    );
    orgIds = Object.fromEntries(orgs.map((o) => [o.type, o.id]));
    polisId = await userId('polis.orebro');
  });

  it('D2: the Örebro koordinatorsgrupp has four members from four agencies', async () => {
    const res = await samordnare.get<CoordinatorGroupDto[]>('/api/v1/trygga-hem/groups');
    expect(res.status).toBe(200);
    group = res.body.find((g) => g.municipalityCode === '1880')!;
    expect(group).toBeDefined();
    expect(group.members).toHaveLength(4);
    expect(group.members.map((m) => m.organisation.type).sort()).toEqual(
      [
        OrganisationType.Municipality,
        OrganisationType.Police,
        OrganisationType.Probation,
        OrganisationType.Region,
      ].sort(),
    );
    expect(group.members.every((m) => m.user.displayName.length > 0)).toBe(true);
    // A member sees the group too, and knows they are one.
    const mine = await polis.get<CoordinatorGroupDto[]>('/api/v1/trygga-hem/groups');
    // Other specs may make the same police officer a member of their own groups.
    expect(mine.body.map((g) => g.id)).toContain(group.id);
    expect(mine.body.every((g) => g.isMember)).toBe(true);
  });

  it('D3: a case with an offender, a victim and a child; police by consent, Frivård by legal basis', async () => {
    const consent = (participantIndex: number, categories: string[], recipients: string[]) => ({
      participantIndex,
      recipientOrganisationIds: recipients,
      categories,
      form: 'written',
      givenOn: today,
      validUntil: addDays(today, 365),
    });
    kase = await createCase(social, {
      programme: 'TRYGGA_HEM',
      // The social worker supports the victim: the victim side of the case (D3).
      teamRole: 'victim_support',
      description: 'Aktualiserad via polisanmälan.',
      participants: [
        {
          role: 'offender',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: numbers.forBirthDate('1980-05-05'),
            firstName: 'Kent',
            lastName: 'Ekholm',
            address: 'Norra vägen 1',
            city: 'Örebro',
          },
        },
        {
          role: 'victim',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: numbers.forBirthDate('1984-08-08'),
            firstName: 'Maja',
            lastName: 'Ekholm',
            address: VICTIM_ADDRESS,
            postalCode: '70211',
            city: 'Örebro',
            phone: VICTIM_PHONE,
          },
        },
        {
          role: 'child',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: numbers.forBirthDate('2016-02-02'),
            firstName: 'Alva',
            lastName: 'Ekholm',
            address: VICTIM_ADDRESS,
            city: 'Örebro',
          },
        },
      ],
      consents: [
        consent(0, ['identity', 'contact', 'coordination', 'criminal', 'risk'], [orgIds.police]),
        // Even a victim who agrees that the police may see contact and safety data does not
        // make an offender-side user victim side (R5).
        consent(1, ['identity', 'contact', 'safety'], [orgIds.police]),
      ],
    } as unknown as CreateCaseDto);
    victimId = kase.participants.find((p) => p.role === ParticipantRole.Victim)!.person.id;
    // Frivård acts on its own legal ground: the disclosure is recorded with its provision (D16).
    const disclosed = await social.post(`/api/v1/cases/${kase.id}/disclosures`, {
      recipientOrganisationId: orgIds.probation,
      categories: ['identity', 'coordination', 'criminal', 'risk'],
      provision: 'osl_10_18c',
      justification: 'Verkställighet av skyddstillsyn; samverkan mot fortsatt våld.',
      validUntil: addDays(today, 60),
    });
    expectStatus(disclosed, 201, 'disclosure');

    const enrolled = await social.post<TryggaHemCaseDto>('/api/v1/trygga-hem/cases', {
      caseId: kase.id,
      groupId: group.id,
      priority: 'B',
      priorityBasis: 'Upprepat våld, barn i hushållet.',
    });
    expectStatus(enrolled, 201, 'enrol');
    expect(enrolled.body.priority).toBe('B');
    expect(enrolled.body.priorityHistory).toHaveLength(1);
    expect(enrolled.body.priorityHistory![0].changedBy.displayName).toBeTruthy();

    const plan = await social.request<TryggaHemCaseDto>(
      'PUT',
      `/api/v1/trygga-hem/cases/${kase.id}/safety-plans/${victimId}`,
      { plan: SAFETY_PLAN, whereabouts: WHEREABOUTS, support: 'Stödsamtal varje vecka' },
    );
    expectStatus(plan, 200, 'safety plan');
    expect(plan.body.safetyPlans).toHaveLength(1);
    expect(plan.body.safetyPlans![0].whereabouts).toBe(WHEREABOUTS);
  });

  it('D3: the police, on the offender side, are refused the safety plan when they try to write one', async () => {
    const res = await polis.request<ProblemDetails>(
      'PUT',
      `/api/v1/trygga-hem/cases/${kase.id}/safety-plans/${victimId}`,
      { plan: 'x' },
    );
    expect(res.status).toBe(403);
  });

  it('a Trygga hem case has no SIP: reading it answers 404 problem details, not 409 (issue 18)', async () => {
    const res = await social.get<ProblemDetails>(`/api/v1/cases/${kase.id}/sip`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, code: ErrorCode.NotFound });
    expect(res.body.detail).toContain('This case has no SIP');
  });

  it('D5: risk assessments from two agencies stay separate', async () => {
    const byPolice = await polis.post<TryggaHemCaseDto>(
      `/api/v1/trygga-hem/cases/${kase.id}/risk-assessments`,
      {
        instrument: 'sara_sv',
        instrumentVersion: '3',
        assessedOn: today,
        level: 'high',
        reviewOn: addDays(today, 90),
      },
    );
    expectStatus(byPolice, 201, 'police assessment');
    const bySocial = await social.post<TryggaHemCaseDto>(
      `/api/v1/trygga-hem/cases/${kase.id}/risk-assessments`,
      { instrument: 'freda', assessedOn: today, level: 'medium', reviewOn: addDays(today, 60) },
    );
    expectStatus(bySocial, 201, 'social assessment');
    const assessments = bySocial.body.riskAssessments!;
    expect(assessments).toHaveLength(2);
    const police = assessments.find((a) => a.organisation.type === OrganisationType.Police)!;
    const municipality = assessments.find(
      (a) => a.organisation.type === OrganisationType.Municipality,
    )!;
    expect([police.instrument, police.level]).toEqual(['sara_sv', 'high']);
    expect([municipality.instrument, municipality.level]).toEqual(['freda', 'medium']);
    expect(assessments.every((a) => a.current && !a.reviewDue)).toBe(true);

    const board = await social.get<Page<BoardRowDto>>(
      `/api/v1/trygga-hem/groups/${group.id}/board`,
    );
    const row = board.body.items.find((r) => r.caseId === kase.id)!;
    expect(row.risk!.map((r) => `${r.organisation.type}:${r.level}`).sort()).toEqual([
      'municipality:medium',
      'police:high',
    ]);
    expect(row.highRisk).toBe(true);
    // Each assessment has its review reminder, to its own assessor.
    expect(
      await count('reminders', `kind = $1 AND case_id = $2 AND status = 'pending'`, [
        ReminderKind.RiskReview,
        kase.id,
      ]),
    ).toBe(2);
  });

  it('issue 6 §4, D5: an incident against the same victim flags a repeat and calls for reassessment', async () => {
    const res = await polis.post<TryggaHemCaseDto>(
      `/api/v1/trygga-hem/cases/${kase.id}/incidents`,
      { occurredOn: today, kind: 'contact_ban_violation', victimPersonId: victimId },
    );
    expectStatus(res, 201, 'incident');
    expect(res.body.repeat).toBe(true);
    expect(res.body.incidents![0]).toMatchObject({ repeat: true, kind: 'contact_ban_violation' });
    expect(res.body.incidents![0].reportingOrganisation.type).toBe(OrganisationType.Police);
    expect(res.body.riskAssessments!.every((a) => a.reviewDue && a.reassessmentRequestedAt)).toBe(
      true,
    );
    // The review reminders now fall due at once.
    const due = await sql<{ due_at: Date }>(
      `SELECT due_at FROM reminders WHERE kind = $1 AND case_id = $2 AND status IN ('pending', 'delivered')`,
      [ReminderKind.RiskReview, kase.id],
    );
    expect(due).toHaveLength(2);
    for (const r of due) expect(new Date(r.due_at).getTime()).toBeLessThanOrEqual(Date.now());

    const board = await social.get<Page<BoardRowDto>>(
      `/api/v1/trygga-hem/groups/${group.id}/board?repeat=true`,
    );
    const row = board.body.items.find((r) => r.caseId === kase.id)!;
    expect(row.repeat).toBe(true);
    expect(row.newIncidents).toBe(1);
    expect(row.reasons.slice(0, 2)).toEqual([AgendaReason.NewIncident, AgendaReason.Repeat]);
  });

  it('D4, issue 5: a control measure with an end date reminds the recorder before it ends', async () => {
    const endsOn = addDays(today, 60);
    const res = await polis.post<TryggaHemCaseDto>(
      `/api/v1/trygga-hem/cases/${kase.id}/control-measures`,
      { kind: 'kontaktforbud', startsOn: today, endsOn },
    );
    expectStatus(res, 201, 'control measure');
    const open = await polis.post<TryggaHemCaseDto>(
      `/api/v1/trygga-hem/cases/${kase.id}/control-measures`,
      { kind: 'supervision_conditions', startsOn: today },
    );
    expectStatus(open, 201, 'control measure without an end');
    const rows = await sql<{ recipient_user_id: string; due_at: Date; subject_id: string }>(
      `SELECT recipient_user_id, due_at, subject_id FROM reminders
       WHERE kind = $1 AND case_id = $2 AND status = 'pending'`,
      [ReminderKind.MeasureEnding, kase.id],
    );
    // One reminder: the measure without an end date has none.
    expect(rows).toHaveLength(1);
    expect(rows[0].recipient_user_id).toBe(polisId);
    // Seven days' lead (REMINDER_LEAD_DAYS_MEASURE_ENDING) before the end, at 08:00 Stockholm.
    expect(swedishDate(new Date(rows[0].due_at))).toBe(addDays(endsOn, -7));
    const [measure] = await sql<{ ends_on: string }>(
      `SELECT to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM trygga_hem_control_measures WHERE id = $1`,
      [rows[0].subject_id],
    );
    expect(measure.ends_on).toBe(endsOn);
  });

  it('D16: Frivård sees what its legal basis covers; the region member without one sees nothing', async () => {
    const res = await frivard.get<TryggaHemCaseDto>(`/api/v1/trygga-hem/cases/${kase.id}`);
    expect(res.status).toBe(200);
    expect(res.body.riskAssessments).toHaveLength(2);
    expect(res.body.offers).toBeNull();
    expect(res.body.safetyPlans).toBeNull();
    const region = await vard.get(`/api/v1/trygga-hem/cases/${kase.id}`);
    expect(region.status).toBe(403);
    const board = await vard.get<Page<BoardRowDto>>(`/api/v1/trygga-hem/groups/${group.id}/board`);
    expect(board.status).toBe(200);
    expect(board.body.items.map((r) => r.caseId)).not.toContain(kase.id);
  });

  it('D1: coordinators and the steering group see no case data', async () => {
    for (const client of [samordnare, styrgrupp]) {
      expect((await client.get(`/api/v1/trygga-hem/cases/${kase.id}`)).status).toBe(403);
      expect((await client.get(`/api/v1/trygga-hem/groups/${group.id}/board`)).status).toBe(403);
    }
  });

  describe('bad input: a field message and nothing written', () => {
    it('a priority outside A–D', async () => {
      const before = await count('trygga_hem_priority_changes', 'case_id = $1', [kase.id]);
      const current = (await social.get<TryggaHemCaseDto>(`/api/v1/trygga-hem/cases/${kase.id}`))
        .body;
      const res = await social.request<ProblemDetails>(
        'PATCH',
        `/api/v1/trygga-hem/cases/${kase.id}/priority`,
        { version: current.version, priority: 'E', basis: 'Fel nivå' },
      );
      expect([400, 422]).toContain(res.status);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect(res.body.errors?.map((e) => e.field)).toContain('priority');
      expect(res.body.errors?.find((e) => e.field === 'priority')?.message).toMatch(/A, B, C, D/);
      expect(await count('trygga_hem_priority_changes', 'case_id = $1', [kase.id])).toBe(before);
      const [row] = await sql<{ priority: string; version: number }>(
        'SELECT priority, version FROM trygga_hem_cases WHERE case_id = $1',
        [kase.id],
      );
      expect(row).toEqual({ priority: 'B', version: current.version });
    });

    it('an assessment whose review date is before its date', async () => {
      const before = await count('trygga_hem_risk_assessments', 'case_id = $1', [kase.id]);
      const reminders = await count('reminders', 'case_id = $1', [kase.id]);
      const res = await social.post<ProblemDetails>(
        `/api/v1/trygga-hem/cases/${kase.id}/risk-assessments`,
        {
          instrument: 'freda',
          assessedOn: today,
          level: 'low',
          reviewOn: addDays(today, -1),
        },
      );
      expect([400, 422]).toContain(res.status);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'reviewOn', code: 'beforeAssessment' }),
      ]);
      expect(await count('trygga_hem_risk_assessments', 'case_id = $1', [kase.id])).toBe(before);
      expect(await count('reminders', 'case_id = $1', [kase.id])).toBe(reminders);
    });
  });

  it('concurrency: two priority changes from the same version → the second gets 409', async () => {
    const current = (await social.get<TryggaHemCaseDto>(`/api/v1/trygga-hem/cases/${kase.id}`))
      .body;
    const change = (client: ApiClient, priority: string) =>
      client.request<ProblemDetails>('PATCH', `/api/v1/trygga-hem/cases/${kase.id}/priority`, {
        version: current.version,
        priority,
        basis: `Ändrad till ${priority}`,
      });
    const [a, b] = await Promise.all([change(social, 'C'), change(polis, 'D')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.code).toBe(ErrorCode.VersionConflict);
    expect(loser.body.currentVersion).toBe(current.version + 1);
    const after = (await social.get<TryggaHemCaseDto>(`/api/v1/trygga-hem/cases/${kase.id}`)).body;
    expect(after.priorityHistory).toHaveLength(2);
    expect(after.priority).toBe(a.status === 200 ? 'C' : 'D');
  });

  describe('meeting mode (issue 6 §6)', () => {
    let meeting: MeetingDto;
    let action: ActionDto;

    it('proposes an agenda from the board with new incidents and repeats first', async () => {
      const res = await social.post<MeetingDto>(`/api/v1/trygga-hem/groups/${group.id}/meetings`, {
        heldOn: today,
      });
      expectStatus(res, 201, 'meeting');
      meeting = res.body;
      expect(meeting.status).toBe(MeetingStatus.Open);
      const item = meeting.items.find((i) => i.caseId === kase.id)!;
      expect(item.reasons).toEqual(
        expect.arrayContaining([AgendaReason.NewIncident, AgendaReason.Repeat]),
      );
      // Nothing without a new incident comes before a case with one.
      const firstRoutine = meeting.items.findIndex(
        (i) => !i.withheld && !i.reasons.includes(AgendaReason.NewIncident),
      );
      const lastIncident = meeting.items
        .map((i) => i.reasons.includes(AgendaReason.NewIncident))
        .lastIndexOf(true);
      if (firstRoutine >= 0) expect(lastIncident).toBeLessThan(firstRoutine);
    });

    it('the group edits the agenda', async () => {
      const res = await social.request<MeetingDto>(
        'PUT',
        `/api/v1/trygga-hem/meetings/${meeting.id}/agenda`,
        {
          version: meeting.version,
          caseIds: [kase.id],
        },
      );
      expectStatus(res, 200, 'agenda');
      expect(res.body.items.map((i) => [i.caseId, i.position])).toEqual([[kase.id, 1]]);
      expect(res.body.version).toBe(meeting.version + 1);
      meeting = res.body;
    });

    it('records a decision; the case counts as reviewed and the repeat flag has been seen', async () => {
      const item = meeting.items[0];
      const res = await social.request<MeetingDto>(
        'PATCH',
        `/api/v1/trygga-hem/meetings/${meeting.id}/items/${item.id}`,
        { version: item.version, decision: 'Polisen följer upp kontaktförbudet; nytt hembesök.' },
      );
      expectStatus(res, 200, 'decision');
      expect(res.body.items[0].decision).toMatch(/kontaktförbudet/);
      expect(res.body.items[0].decidedBy?.displayName).toBeTruthy();
      meeting = res.body;
      const th = (await social.get<TryggaHemCaseDto>(`/api/v1/trygga-hem/cases/${kase.id}`)).body;
      expect(th.lastReviewedOn).toBe(today);
      expect(th.repeat).toBe(false);
    });

    it('bad input: an action without an owner is refused and nothing is written', async () => {
      const before = await count('trygga_hem_actions', 'case_id = $1', [kase.id]);
      const reminders = await count('reminders', 'kind = $1', [ReminderKind.ActionDue]);
      const res = await social.post<ProblemDetails>(
        `/api/v1/trygga-hem/meetings/${meeting.id}/items/${meeting.items[0].id}/actions`,
        { description: 'Hembesök', dueOn: addDays(today, 7) },
      );
      expect([400, 422]).toContain(res.status);
      const fields = res.body.errors?.map((e) => e.field) ?? [];
      expect(fields).toEqual(expect.arrayContaining(['ownerOrganisationId', 'ownerUserId']));
      expect(res.body.errors?.find((e) => e.field === 'ownerUserId')?.message).toMatch(/person/);
      expect(await count('trygga_hem_actions', 'case_id = $1', [kase.id])).toBe(before);
      expect(await count('reminders', 'kind = $1', [ReminderKind.ActionDue])).toBe(reminders);
    });

    it('an action with owner organisation, person and due date creates a reminder in the same write', async () => {
      const res = await social.post<ActionDto>(
        `/api/v1/trygga-hem/meetings/${meeting.id}/items/${meeting.items[0].id}/actions`,
        {
          description: 'Följ upp kontaktförbudet',
          ownerOrganisationId: orgIds.police,
          ownerUserId: polisId,
          dueOn: addDays(today, 14),
        },
      );
      expectStatus(res, 201, 'action');
      action = res.body;
      expect(action).toMatchObject({
        status: 'open',
        overdue: false,
        caseNumber: kase.number,
        ownerOrganisation: { id: orgIds.police },
        owner: { id: polisId },
      });
      expect(action.owner.displayName).toBeTruthy();
      const rows = await sql<{ recipient_user_id: string; status: string; due_at: Date }>(
        `SELECT recipient_user_id, status, due_at FROM reminders WHERE kind = $1 AND subject_id = $2`,
        [ReminderKind.ActionDue, action.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].recipient_user_id).toBe(polisId);
      expect(rows[0].status).toBe('pending');
      // Two days' lead (REMINDER_LEAD_DAYS_ACTION_DUE) before the due date, at 08:00 Stockholm.
      expect(swedishDate(new Date(rows[0].due_at))).toBe(addDays(today, 12));
    });

    it('the group approves the minutes; they can no longer be edited', async () => {
      const approved = await social.post<MeetingDto>(
        `/api/v1/trygga-hem/meetings/${meeting.id}/approve`,
        { version: meeting.version },
      );
      // Adding the action bumped the meeting's version: the version read before it is stale.
      expect(approved.status).toBe(409);
      const fresh = (await social.get<MeetingDto>(`/api/v1/trygga-hem/meetings/${meeting.id}`))
        .body;
      const ok = await social.post<MeetingDto>(
        `/api/v1/trygga-hem/meetings/${meeting.id}/approve`,
        {
          version: fresh.version,
        },
      );
      expectStatus(ok, 200, 'approve');
      expect(ok.body.status).toBe(MeetingStatus.Approved);
      expect(ok.body.approvedBy?.displayName).toBeTruthy();
      const item = ok.body.items[0];
      const edits = [
        await social.request<ProblemDetails>(
          'PATCH',
          `/api/v1/trygga-hem/meetings/${meeting.id}/items/${item.id}`,
          { version: item.version, decision: 'Ändrat i efterhand' },
        ),
        await social.request<ProblemDetails>(
          'PUT',
          `/api/v1/trygga-hem/meetings/${meeting.id}/agenda`,
          {
            version: ok.body.version,
            caseIds: [],
          },
        ),
        await social.post<ProblemDetails>(
          `/api/v1/trygga-hem/meetings/${meeting.id}/items/${item.id}/actions`,
          {
            description: 'Sent tillagd',
            ownerOrganisationId: orgIds.police,
            ownerUserId: polisId,
            dueOn: addDays(today, 3),
          },
        ),
      ];
      for (const res of edits) {
        expect([409, 422]).toContain(res.status);
        expect(res.body.code).toBe(ErrorCode.RuleViolation);
      }
      const [row] = await sql<{ decision: string }>(
        'SELECT decision FROM coordinator_group_agenda_items WHERE id = $1',
        [item.id],
      );
      expect(row.decision).toMatch(/kontaktförbudet/);
    });

    it('open actions are shown at the next meeting; done cancels the reminder', async () => {
      const next = await social.post<MeetingDto>(`/api/v1/trygga-hem/groups/${group.id}/meetings`, {
        heldOn: addDays(today, 14),
      });
      expectStatus(next, 201, 'next meeting');
      expect(next.body.carriedOverActions.map((a) => a.id)).toContain(action.id);
      const done = await polis.request<TryggaHemCaseDto>(
        'PATCH',
        `/api/v1/trygga-hem/actions/${action.id}`,
        {
          version: action.version,
          status: 'done',
        },
      );
      expectStatus(done, 200, 'done');
      expect(done.body.actions!.find((a) => a.id === action.id)?.status).toBe('done');
      const [row] = await sql<{ status: string }>(
        'SELECT status FROM reminders WHERE kind = $1 AND subject_id = $2',
        [ReminderKind.ActionDue, action.id],
      );
      expect(row.status).toBe('cancelled');
    });
  });

  it('D3: the police user never received the victim’s address, phone or safety plan', async () => {
    // Every endpoint the police user can reach about this case, besides those called above.
    const paths = [
      `/api/v1/cases/${kase.id}`,
      `/api/v1/cases/${kase.id}/journal`,
      `/api/v1/cases/${kase.id}/consents`,
      `/api/v1/cases/${kase.id}/disclosures`,
      `/api/v1/cases?programme=TRYGGA_HEM`,
      `/api/v1/trygga-hem/cases/${kase.id}`,
      `/api/v1/trygga-hem/groups`,
      `/api/v1/trygga-hem/groups/${group.id}`,
      `/api/v1/trygga-hem/groups/${group.id}/board`,
      `/api/v1/trygga-hem/groups/${group.id}/meetings`,
    ];
    for (const path of paths) await polis.get(path);
    const meetings = (
      await polis.get<{ id: string }[]>(`/api/v1/trygga-hem/groups/${group.id}/meetings`)
    ).body;
    for (const m of meetings) await polis.get(`/api/v1/trygga-hem/meetings/${m.id}`);
    // The police did read the case (so the check is not vacuous) …
    const th = (await polis.get<TryggaHemCaseDto>(`/api/v1/trygga-hem/cases/${kase.id}`)).body;
    expect(th.riskAssessments?.length).toBe(2);
    expect(th.safetyPlans).toBeNull();
    const read = (await polis.get<CaseDto>(`/api/v1/cases/${kase.id}`)).body;
    const victim = read.participants.find((p) => p.role === ParticipantRole.Victim)!.person;
    expect(victim.address).toBeNull();
    expect(victim.suppressed).toContain('contact');
    // … and no response of the whole spec held a victim-side secret.
    expect(policeSeen.length).toBeGreaterThan(20);
    const leaks = policeSeen.filter((body) => SECRETS.some((s) => body.includes(s)));
    expect(leaks).toEqual([]);
  });

  describe('figures for the styrgrupp (D1, D6)', () => {
    it('returns counts only, with counts below 5 hidden', async () => {
      for (let i = 0; i < 5; i++) {
        const res = await social.post(`/api/v1/trygga-hem/cases/${kase.id}/notifications`, {
          method: i === 0 ? 'call_in_meeting' : 'letter',
          deliveredOn: today,
          deliveredBy: 'Kommunpolis och socialsekreterare',
        });
        expectStatus(res, 201, 'notification');
      }
      const res = await styrgrupp.get<TryggaHemStatisticsDto>(
        `/api/v1/trygga-hem/statistics?municipalityCode=1880&from=${addDays(today, -365)}&to=${today}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.smallCellThreshold).toBe(5);
      const orebro = res.body.municipalities.find((m) => m.municipalityCode === '1880')!;
      expect(Object.keys(orebro).sort()).toEqual(
        [
          'casesByPriority',
          'casesTotal',
          'controlMeasures',
          'incidents',
          'municipalityCode',
          'notifications',
          'offersMade',
          'offersTakenUp',
          'repeatIncidents',
        ].sort(),
      );
      expect(orebro.notifications).toBeGreaterThanOrEqual(5);
      // Two cases (the demo's and this one), two incidents: each cell below 5 is hidden.
      expect(orebro.incidents).toEqual({ hidden: 'small' });
      expect(orebro.repeatIncidents).toEqual({ hidden: 'small' });
      expect(orebro.casesTotal).toEqual({ hidden: 'small' });
      for (const v of Object.values(orebro.casesByPriority))
        expect(typeof v !== 'number' || v === 0 || v >= 5).toBe(true);
      // No personal data: no names, numbers, ids of people or cases.
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/Ekholm|Berg|\d{8}-\d{4}|TH-\d{4}|[0-9a-f]{8}-[0-9a-f]{4}-/i);
      expect(text).not.toContain(kase.id);
    });

    it('is refused to case workers (Permission.StatisticsRead)', async () => {
      expect((await social.get('/api/v1/trygga-hem/statistics')).status).toBe(403);
      expect((await samordnare.get('/api/v1/trygga-hem/statistics')).status).toBe(200);
    });

    it('shows an org_admin only their own organisation’s cases, and 403 for another municipality', async () => {
      const admin = await ApiClient.signedIn('admin.orebro');
      const [mine] = await sql<{ organisation_id: string }>(
        `SELECT organisation_id FROM users WHERE username = 'admin.orebro'`,
      );
      // A Trygga hem case in Örebro that the police own, with five notifications: the
      // styrgrupp counts them, Örebro kommun's org_admin must not.
      const [police] = await sql<{ organisation_id: string; unit_id: string }>(
        `SELECT organisation_id, unit_id FROM users WHERE username = 'polis.orebro'`,
      );
      const [other] = await sql<{ id: string }>(
        `INSERT INTO cases (version, number, programme, status, closed, municipality_code,
                            owning_organisation_id, owning_unit_id, subject_person_id, opened_at)
         SELECT 1, 'TH-SCOPE-' || substr(md5(random()::text), 1, 8), programme, status, closed,
                municipality_code, $2, $3, subject_person_id, opened_at
         FROM cases WHERE id = $1 RETURNING id`,
        [kase.id, police.organisation_id, police.unit_id],
      );
      await sql(
        `INSERT INTO trygga_hem_notifications (case_id, method, delivered_on, delivered_by,
           recorded_by_id, recorded_by_name, recorded_by_organisation_id, version)
         SELECT $1, 'letter', $2::date, 'Kommunpolis', u.id, u.display_name, u.organisation_id, 1
         FROM users u, generate_series(1, 5) WHERE u.username = 'polis.orebro'`,
        [other.id, today],
      );
      const from = addDays(today, -365);
      const notifications = `trygga_hem_notifications x JOIN cases c ON c.id = x.case_id`;
      const where = `x.delivered_on BETWEEN $1::date AND $2::date AND x.removed_at IS NULL
        AND c.municipality_code = '1880'`;
      const all = await count(notifications, where, [from, today]);
      const own = await count(notifications, `${where} AND c.owning_organisation_id = $3`, [
        from,
        today,
        mine.organisation_id,
      ]);
      expect(all - own).toBeGreaterThanOrEqual(5);
      const path = `/api/v1/trygga-hem/statistics?from=${from}&to=${today}`;
      const steering = await styrgrupp.get<TryggaHemStatisticsDto>(`${path}&municipalityCode=1880`);
      expect(steering.body.municipalities[0].notifications).toBe(all);
      const figures = await admin.get<TryggaHemStatisticsDto>(path);
      expectStatus(figures, 200, 'org_admin figures');
      expect(figures.body.municipalities.map((m) => m.municipalityCode)).toEqual(['1880']);
      const [orebro] = figures.body.municipalities;
      expect(orebro.notifications).not.toEqual(all);
      if (typeof orebro.notifications === 'number') expect(orebro.notifications).toBe(own);
      else expect(own).toBeLessThan(5);

      const outside = await admin.get<ProblemDetails>(`${path}&municipalityCode=1883`);
      expect(outside.status).toBe(403);
      expect(outside.body.errors).toEqual([
        expect.objectContaining({ field: 'municipalityCode', code: 'outOfScope' }),
      ]);
    });
  });
});
