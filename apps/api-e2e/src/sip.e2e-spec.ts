import {
  type CaseDto,
  type ProblemDetails,
  Role,
  SipAnswer,
  SipDeadlineKind,
  type SipDeadlinesDto,
  SipEndedBy,
  SipInvitationKind,
  SipInvitationState,
  SipMeasureStatus,
  SipMeetingKind,
  type SipMeetingDto,
  type SipOverviewDto,
  type SipPlanDiffDto,
  type SipPlanDto,
  SipPlanState,
  type SipReceivedInvitationDto,
  SipResponsibleKind,
} from '@samsyn/common';
import { addDays, reminderTimeOn } from '@samsyn/domain';
import type { Pool } from 'pg';
import { sql } from './support/db';
import {
  createUsers,
  e2ePool,
  expectStatus,
  PersonnummerGenerator,
  signInAll,
} from './support/fixtures';
import type { ApiClient } from './support/http';
import { pdfText } from '@samsyn/testing';
import { binary, inDays, openSipCase, type SipParties, sipParties, today } from './support/sip';

async function pendingReminders(caseId: string) {
  return sql<{
    kind: string;
    subject_id: string | null;
    recipient_unit_id: string | null;
    recipient_user_id: string | null;
    due_at: Date;
  }>(
    `SELECT kind, subject_id, recipient_unit_id, recipient_user_id, due_at FROM reminders
     WHERE case_id = $1 AND status = 'pending' ORDER BY kind, due_at`,
    [caseId],
  );
}

/**
 * Issue 4's journey (D7–D13) through the real API, PostgreSQL and reminder outbox: the
 * psychiatric clinic in Region Örebro län calls Örebro kommun's social services and Frivård,
 * consent is recorded, the invited answer, the plan is agreed, followed up and ended.
 */
describe('SIP journey: kallelse, answers, plan, approval, follow-up, end', () => {
  let db: Pool;
  let vard: ApiClient;
  let social: ApiClient;
  let frivard: ApiClient;
  let kase: CaseDto;
  let ids: SipParties;
  let meeting: SipMeetingDto;
  let plan: SipPlanDto;
  /** The SIP time limits in force for the region (D10: per agreement, so other specs' agreements count). */
  let rules: SipDeadlinesDto;
  const numbers = new PersonnummerGenerator(41);

  beforeAll(async () => {
    db = e2ePool(2);
    ids = await sipParties(db);
    await createUsers(db, [
      {
        username: 'sip.regionadmin',
        displayName: 'Regionens administratör',
        roles: [Role.OrgAdmin],
        organisationId: ids.region,
        unitId: null,
      },
    ]);
    const clients = await signInAll([
      'vard.psykiatri',
      'social.orebro',
      'frivard.orebro',
      'sip.regionadmin',
    ]);
    const applicable = await clients
      .get('sip.regionadmin')!
      .get<SipDeadlinesDto>(`/api/v1/agreements/sip-deadlines?on=${today}`);
    expectStatus(applicable, 200, 'SIP deadline rules');
    rules = applicable.body;
    [vard, social, frivard] = ['vard.psykiatri', 'social.orebro', 'frivard.orebro'].map((u) =>
      clients.get(u)!,
    );
    kase = await openSipCase(vard, numbers, {
      description: 'Utskrivningsklar patient med behov av insatser från socialtjänsten',
      birthDate: '1984-02-17',
      firstName: 'Nora',
      lastName: 'Sipström',
      person: { address: 'Drottninggatan 40', postalCode: '70222', city: 'Örebro' },
    });
  });

  afterAll(async () => {
    await db.end();
  });

  it('D10: settings give the kallelse and first-meeting deadlines, and the kallelse deadline reminds', async () => {
    const res = await vard.request<SipOverviewDto>('PUT', `/api/v1/cases/${kase.id}/sip`, {
      requestedOn: today,
      dischargeReadyOn: today,
      violenceRelated: true,
    });
    expectStatus(res, 200, 'PUT sip settings');
    expect(res.body.deadlines).toEqual([
      expect.objectContaining({
        kind: SipDeadlineKind.Summons,
        dueOn: addDays(today, rules.summonsDaysAfterDischargeReady),
        metOn: null,
      }),
      expect.objectContaining({
        kind: SipDeadlineKind.FirstMeeting,
        dueOn: addDays(today, rules.firstMeetingDaysAfterRequest),
        metOn: null,
      }),
    ]);
    expect((await pendingReminders(kase.id)).map((r) => r.kind)).toContain('summons_deadline');
  });

  it('D7: the clinic calls a meeting — kallelse to social services, inbjudan to Frivård and Försäkringskassan', async () => {
    const res = await vard.post<SipMeetingDto>(`/api/v1/cases/${kase.id}/sip/meetings`, {
      startsAt: inDays(5),
      endsAt: inDays(5, 11),
      place: 'Psykiatriska kliniken, mötesrum 2',
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
    expect(meeting.kind).toBe('first');
    expect(meeting.callingUnit).toEqual({
      id: ids.clinic,
      name: 'Psykiatriska kliniken, Universitetssjukhuset Örebro',
    });
    expect(
      meeting.invitations.map((i) => [
        i.unit?.name ?? i.externalActor,
        i.kind,
        i.state,
        i.consentInForce,
      ]),
    ).toEqual([
      [
        'Socialtjänsten, individ- och familjeomsorg',
        SipInvitationKind.Summons,
        SipInvitationState.Pending,
        false,
      ],
      ['Frivården Örebro', SipInvitationKind.Invitation, SipInvitationState.Pending, false],
      ['Försäkringskassan', SipInvitationKind.Invitation, SipInvitationState.Pending, false],
    ]);
    expect(meeting.planVersionId).toEqual(expect.any(String));
    const reminders = await pendingReminders(kase.id);
    // The caller and both units before the meeting; both units until they answer; the kallelse deadline is met.
    expect(reminders.filter((r) => r.kind === 'sip_meeting')).toHaveLength(3);
    expect(
      reminders
        .filter((r) => r.kind === 'invitation_unanswered')
        .map((r) => r.recipient_unit_id)
        .sort(),
    ).toEqual([ids.socialUnit, ids.frivardUnit].sort());
    expect(reminders.some((r) => r.kind === 'summons_deadline')).toBe(false);
    const overview = (await vard.get<SipOverviewDto>(`/api/v1/cases/${kase.id}/sip`)).body;
    expect(overview.status).toBe('summoned');
    expect(overview.deadlines[0]).toMatchObject({
      kind: SipDeadlineKind.Summons,
      metOn: today,
      state: 'met',
    });
  });

  it('an invited unit without consent in force sees the kallelse but no personal data', async () => {
    const res = await social.get<SipReceivedInvitationDto[]>('/api/v1/sip/invitations');
    expectStatus(res, 200, 'list invitations');
    const mine = res.body.find((i) => i.caseId === kase.id)!;
    expect(mine).toMatchObject({
      kind: SipInvitationKind.Summons,
      person: null,
      personWithheld: true,
      caseNumber: kase.number,
    });
    expect(mine.meeting.callingOrganisation.name).toBe('Region Örebro län');
    expect(JSON.stringify(res.body)).not.toMatch(/Sipström|Drottninggatan/);
    expect((await social.get(`/api/v1/cases/${kase.id}`)).status).toBe(403);
  });

  it('D14: once consent is recorded the invited unit sees what it covers', async () => {
    const consent = await vard.post(`/api/v1/cases/${kase.id}/consents`, {
      personId: kase.participants[0].person.id,
      recipientOrganisationIds: [ids.kommun, ids.frivardOrg],
      categories: ['identity', 'coordination', 'social'],
      form: 'written',
      givenOn: today,
      validUntil: addDays(today, 365),
    });
    expectStatus(consent, 201, 'record consent');
    const mine = (
      await social.get<SipReceivedInvitationDto[]>('/api/v1/sip/invitations')
    ).body.find((i) => i.caseId === kase.id)!;
    expect(mine.person).toMatchObject({ firstName: 'Nora', lastName: 'Sipström', address: null });
    expect(mine.consentInForce).toBe(true);
  });

  it('answers: accept, propose another time; the caller sees every state; answering cancels its reminder', async () => {
    const [socialInv, frivardInv] = meeting.invitations;
    const accepted = await social.post<SipReceivedInvitationDto>(
      `/api/v1/sip/invitations/${socialInv.id}/answer`,
      {
        version: socialInv.version,
        answer: SipAnswer.Accept,
      },
    );
    expectStatus(accepted, 200, 'accept');
    const proposed = await frivard.post(`/api/v1/sip/invitations/${frivardInv.id}/answer`, {
      version: frivardInv.version,
      answer: SipAnswer.ProposeTime,
      reason: 'Handläggaren är på utbildning',
      proposedStartsAt: inDays(6),
    });
    expectStatus(proposed, 200, 'propose');
    const stranger = await vard.post<ProblemDetails>(
      `/api/v1/sip/invitations/${socialInv.id}/answer`,
      {
        version: 2,
        answer: SipAnswer.Decline,
        reason: 'x',
      },
    );
    expect(stranger.status).toBe(404);
    const seen = (await vard.get<SipMeetingDto>(`/api/v1/sip/meetings/${meeting.id}`)).body;
    expect(seen.invitations.map((i) => i.state)).toEqual([
      SipInvitationState.Accepted,
      SipInvitationState.ProposedTime,
      SipInvitationState.Pending,
    ]);
    expect(seen.invitations[0].answeredBy?.displayName).toBe('Anna Lindqvist');
    const unanswered = (await pendingReminders(kase.id)).filter(
      (r) => r.kind === 'invitation_unanswered',
    );
    expect(unanswered).toHaveLength(0);
  });

  it('invited users add the meeting to their calendar (.ics without personal data)', async () => {
    const res = await binary(social, `/api/v1/sip/meetings/${meeting.id}/calendar`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/calendar/);
    const text = res.body.toString('utf8');
    expect(text).toContain('BEGIN:VEVENT');
    expect(text).toContain(kase.number);
    expect(text).toContain('mötesrum 2');
    expect(text).not.toMatch(/Sipström|Drottninggatan/);
  });

  it('D8: the plan gets needs, own goals, measures with owners, huvudansvar and a follow-up date; D12 timeline', async () => {
    const draft = (await vard.get<SipPlanDto>(`/api/v1/sip/plans/${meeting.planVersionId}`)).body;
    expect(draft).toMatchObject({ number: 1, state: SipPlanState.Draft });
    const res = await vard.request<SipPlanDto>('PUT', `/api/v1/sip/plans/${draft.id}`, {
      version: draft.version,
      needs: [{ text: 'Stöd i boendet efter utskrivning' }],
      goals: [{ text: 'Jag vill klara min vardag själv', ownWords: true }],
      measures: [
        {
          description: 'Öppenvårdskontakt varje vecka',
          responsibleKind: SipResponsibleKind.Region,
          organisationId: ids.region,
          unitId: ids.clinic,
          startDate: addDays(today, 6),
          endDate: addDays(today, 90),
          status: SipMeasureStatus.Planned,
        },
        {
          description: 'Boendestödjare två gånger i veckan',
          responsibleKind: SipResponsibleKind.Municipality,
          organisationId: ids.kommun,
          unitId: ids.socialUnit,
          startDate: addDays(today, 10),
          endDate: addDays(today, 120),
          status: SipMeasureStatus.Planned,
        },
        {
          description: 'Påverkansprogram inom frivården',
          responsibleKind: SipResponsibleKind.Other,
          organisationId: ids.frivardOrg,
          startDate: addDays(today, 20),
          status: SipMeasureStatus.Planned,
        },
      ],
      leadPrincipalOrganisationId: ids.kommun,
      followUpDate: addDays(today, 45),
    });
    expectStatus(res, 200, 'edit plan');
    plan = res.body;
    expect(plan.agreementProblems).toEqual([]);
    expect(plan.leadPrincipal).toEqual({ id: ids.kommun, name: 'Örebro kommun' });
    expect(plan.approvals.map((a) => [a.organisation.name, a.approvedAt])).toEqual([
      ['Region Örebro län', null],
      ['Örebro kommun', null],
    ]);
    expect(plan.timeline.lanes.map((l) => l.label)).toEqual([
      'Region Örebro län',
      'Örebro kommun',
      'Kriminalvården Frivård Örebro',
    ]);
    expect(plan.timeline.overlaps).toHaveLength(3);
    const timeline = await vard.get(`/api/v1/sip/plans/${plan.id}/timeline`);
    expect(timeline.body).toEqual(plan.timeline);
  });

  it('D9: agreed once both huvudmän approved and the person agreed; the follow-up date and measure ends remind', async () => {
    let res = await vard.post<SipPlanDto>(`/api/v1/sip/plans/${plan.id}/approvals`, {
      version: plan.version,
    });
    expectStatus(res, 201, 'region approves');
    res = await social.post<SipPlanDto>(`/api/v1/sip/plans/${plan.id}/approvals`, {
      version: res.body.version,
    });
    expectStatus(res, 201, 'municipality approves');
    expect(res.body.state).toBe(SipPlanState.Draft);
    expect(res.body.approvals.every((a) => a.approvedAt !== null)).toBe(true);
    res = await vard.post<SipPlanDto>(`/api/v1/sip/plans/${plan.id}/person-agreement`, {
      version: res.body.version,
      note: 'Undertecknad på mötet',
    });
    expectStatus(res, 201, 'person agrees');
    plan = res.body;
    expect(plan.state).toBe(SipPlanState.Agreed);
    expect(plan.personAgreement?.recordedBy.displayName).toBe('Sara Holm');
    const reminders = await pendingReminders(kase.id);
    const followUp = reminders.filter((r) => r.kind === 'plan_follow_up');
    expect(followUp).toHaveLength(1);
    expect(followUp[0].subject_id).toBe(plan.id);
    expect(followUp[0].due_at.toISOString()).toBe(reminderTimeOn(addDays(today, 45)).toISOString());
    expect(
      reminders
        .filter((r) => r.kind === 'measure_ending')
        .map((r) => r.recipient_unit_id)
        .sort(),
    ).toEqual([ids.clinic, ids.socialUnit].sort());
    expect((await vard.get<SipOverviewDto>(`/api/v1/cases/${kase.id}/sip`)).body.status).toBe(
      'planned',
    );
  });

  it('D13: the agreed plan prints in Swedish and English with its measures and huvudansvar', async () => {
    const sv = await binary(vard, `/api/v1/sip/plans/${plan.id}/pdf?lang=sv`);
    expect(sv.status).toBe(200);
    expect(sv.type).toBe('application/pdf');
    const text = pdfText(sv.body);
    expect(text).toContain('Samordnad individuell plan');
    expect(text).toContain('Huvudansvar: Örebro kommun');
    expect(text).toContain('Boendestödjare två gånger i veckan');
    expect(text).toContain('Påverkansprogram inom frivården');
    expect(text).toContain('Jag vill klara min vardag själv');
    expect(text).toContain('Drottninggatan 40');
    const en = pdfText((await binary(vard, `/api/v1/sip/plans/${plan.id}/pdf?lang=en`)).body);
    expect(en).toContain('Measures');
    expect(en).toContain('Overall responsibility (huvudansvar): Örebro kommun');
  });

  it('an agreed version is never edited: 409 with a clear message', async () => {
    const res = await vard.request<ProblemDetails>('PUT', `/api/v1/sip/plans/${plan.id}`, {
      version: plan.version,
      needs: [],
      goals: [],
      measures: [],
    });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/Version 1 of the plan is agreed and is never edited/);
    const [row] = await sql<{ needs: unknown[] }>(
      `SELECT needs FROM sip_plan_versions WHERE id = $1`,
      [plan.id],
    );
    expect(row.needs).toHaveLength(1);
  });

  it('a follow-up meeting starts version 2 from the agreed content; the diff shows what changed', async () => {
    const res = await vard.post<SipMeetingDto>(`/api/v1/cases/${kase.id}/sip/meetings`, {
      startsAt: inDays(40),
      videoLink: 'https://mote.example.se/sip-uppfoljning',
      personParticipates: true,
      relativesParticipate: true,
      invitees: [{ unitId: ids.socialUnit }],
    });
    expectStatus(res, 201, 'call follow-up');
    expect(res.body.kind).toBe('follow_up');
    const v2 = (await vard.get<SipPlanDto>(`/api/v1/sip/plans/${res.body.planVersionId}`)).body;
    expect(v2).toMatchObject({
      number: 2,
      state: SipPlanState.Draft,
      basedOnId: plan.id,
      followUpDate: null,
    });
    expect(v2.measures.map((m) => m.id)).toEqual(plan.measures.map((m) => m.id));
    const measures = v2.measures.map((m) => ({
      id: m.id,
      description: m.description,
      responsibleKind: m.responsibleKind,
      organisationId: m.organisation?.id,
      unitId: m.unit?.id,
      startDate: m.startDate,
      endDate: m.endDate ?? undefined,
      status: m.status,
    }));
    measures[0].status = SipMeasureStatus.Ongoing;
    const edited = await vard.request<SipPlanDto>('PUT', `/api/v1/sip/plans/${v2.id}`, {
      version: v2.version,
      needs: v2.needs,
      goals: v2.goals,
      measures: [
        ...measures.slice(0, 2),
        {
          description: 'Stöd från Försäkringskassan vid sjukskrivning',
          responsibleKind: SipResponsibleKind.Other,
          actorName: 'Försäkringskassan',
          startDate: addDays(today, 41),
          status: SipMeasureStatus.Planned,
        },
      ],
      leadPrincipalOrganisationId: ids.kommun,
      followUpDate: addDays(today, 100),
    });
    expectStatus(edited, 200, 'edit v2');
    const diff = (await vard.get<SipPlanDiffDto>(`/api/v1/sip/plans/${v2.id}/diff`)).body;
    expect(diff.from).toEqual({ id: plan.id, number: 1 });
    expect(diff.measures.added.map((m) => m.actorName)).toEqual(['Försäkringskassan']);
    expect(diff.measures.removed.map((m) => m.description)).toEqual([
      'Påverkansprogram inom frivården',
    ]);
    expect(diff.measures.changed.map((c) => [c.before.status, c.after.status])).toEqual([
      ['planned', 'ongoing'],
    ]);
    expect(diff.followUpDate).toEqual({ before: addDays(today, 45), after: addDays(today, 100) });
    const overview = (await vard.get<SipOverviewDto>(`/api/v1/cases/${kase.id}/sip`)).body;
    expect(overview.plans.map((p) => [p.number, p.state])).toEqual([
      [2, 'draft'],
      [1, 'agreed'],
    ]);
    expect(overview.currentPlanId).toBe(plan.id);
    expect(overview.status).toBe('follow_up');
  });

  it('D9: the person ends the SIP at any time; the reason is kept and every reminder is cancelled', async () => {
    const res = await vard.post<SipOverviewDto>(`/api/v1/cases/${kase.id}/sip/end`, {
      endedBy: SipEndedBy.Person,
      reason: 'Vill inte längre ha en samordnad plan',
    });
    expectStatus(res, 200, 'end SIP');
    expect(res.body).toMatchObject({ status: 'closed', closed: true });
    expect(res.body.ended).toMatchObject({
      endedBy: 'person',
      reason: 'Vill inte längre ha en samordnad plan',
      recordedBy: { displayName: 'Sara Holm' },
    });
    expect(res.body.meetings.find((m) => m.kind === SipMeetingKind.FollowUp)?.state).toBe(
      'cancelled',
    );
    expect(await pendingReminders(kase.id)).toEqual([]);
    const again = await vard.post<ProblemDetails>(`/api/v1/cases/${kase.id}/sip/end`, {
      endedBy: SipEndedBy.Closed,
      reason: 'igen',
    });
    expect(again.status).toBe(403);
  });

  it('D19: the SIP reads and writes are in the audit log', async () => {
    const actions = (
      await sql<{ action: string }>(
        `SELECT DISTINCT action FROM audit_events WHERE $1 = ANY(case_ids)`,
        [kase.id],
      )
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'sip.settings',
        'sip.meeting_call',
        'sip.invitation_read',
        'sip.invitation_answer',
        'sip.calendar',
        'sip.plan_update',
        'sip.plan_approve',
        'sip.person_agreement',
        'sip.plan_print',
        'sip.end',
      ]),
    );
  });
});
