import {
  type CaseDto,
  type ProblemDetails,
  SipAction,
  type SipAwaitingApprovalDto,
  SipAnswer,
  SipCallBlockReason,
  SipMeasureStatus,
  type SipMeetingDto,
  type SipOverviewDto,
  type SipPlanDto,
  type SipReceivedInvitationDto,
  SipResponsibleKind,
} from '@samsyn/common';
import { addDays } from '@samsyn/domain';
import type { Pool } from 'pg';
import { count } from './support/db';
import { e2ePool, expectStatus, PersonnummerGenerator, signInAll } from './support/fixtures';
import type { ApiClient } from './support/http';
import { inDays as inDaysAt, openSipCase, type SipParties, sipParties, today } from './support/sip';

const inDays = (days: number) => inDaysAt(days, 9);

/**
 * Issue 15: either huvudman calls the SIP (D7), the draft blocker, sending for approval, and the
 * allowed actions that the API answers with agreeing with what it actually does.
 */
describe('SIP: either huvudman calls, answers and approves; allowed actions agree with the API', () => {
  let db: Pool;
  let social: ApiClient;
  let vard: ApiClient;
  let polis: ApiClient;
  let ids: SipParties;
  const numbers = new PersonnummerGenerator(151);

  /** A SIP case of Örebro kommun with the clinic and the police on the team; consent as given. */
  async function municipalCase(consentTo: string[]): Promise<CaseDto> {
    const kase = await openSipCase(social, numbers, {
      birthDate: '1984-04-04',
      firstName: 'Alma',
      lastName: 'Huvudsson',
      person: { city: 'Örebro' },
      consent: consentTo.length
        ? { to: consentTo, categories: ['identity', 'coordination'] }
        : undefined,
    });
    for (const [unitId, caseRole] of [
      [ids.clinic, 'healthcare_contact'],
      [ids.policeUnit, 'other_actor'],
    ])
      expectStatus(
        await social.post(`/api/v1/cases/${kase.id}/team`, { unitId, caseRole }),
        201,
        'add team unit',
      );
    return kase;
  }

  const callBy = (client: ApiClient, kase: CaseDto, invitees: object[], days = 4) =>
    client.post<SipMeetingDto & ProblemDetails>(`/api/v1/cases/${kase.id}/sip/meetings`, {
      startsAt: inDays(days),
      place: 'Psykiatriska kliniken, rum 2',
      personParticipates: true,
      relativesParticipate: false,
      invitees,
    });

  const overview = async (client: ApiClient, kase: CaseDto) => {
    const res = await client.get<SipOverviewDto>(`/api/v1/cases/${kase.id}/sip`);
    return res.status === 200 ? res.body : null;
  };

  const complete = (plan: SipPlanDto) => ({
    version: plan.version,
    needs: [{ text: 'Stöd i vardagen' }],
    goals: [{ text: 'Jag vill må bättre', ownWords: true }],
    measures: [
      {
        description: 'Samtalsstöd',
        responsibleKind: SipResponsibleKind.Region,
        organisationId: ids.region,
        startDate: addDays(today, 5),
        endDate: addDays(today, 60),
        status: SipMeasureStatus.Planned,
      },
    ],
    leadPrincipalOrganisationId: ids.kommun,
    followUpDate: addDays(today, 90),
  });

  beforeAll(async () => {
    db = e2ePool(2);
    ids = await sipParties(db);
    const clients = await signInAll(['social.orebro', 'vard.psykiatri', 'polis.orebro']);
    [social, vard, polis] = ['social.orebro', 'vard.psykiatri', 'polis.orebro'].map((u) =>
      clients.get(u)!,
    );
  });

  afterAll(async () => {
    await db.end();
  });

  it('D7: healthcare with consent calls a meeting on a municipality-owned SIP case (201)', async () => {
    const kase = await municipalCase([ids.region, ids.police]);
    const seen = await overview(vard, kase);
    expect(seen?.allowedActions).toContain(SipAction.Call);
    expect(seen?.allowedActions).not.toContain(SipAction.End);
    const res = await callBy(vard, kase, [{ unitId: ids.socialUnit }]);
    expectStatus(res, 201, 'healthcare calls');
    expect(res.body.callingOrganisation.id).toBe(ids.region);
    expect(res.body.invitations).toEqual([
      expect.objectContaining({
        kind: 'summons',
        unit: expect.objectContaining({ id: ids.socialUnit }),
      }),
    ]);
    // The caller moves and cancels its own meeting; the owner may too.
    expect(res.body.allowedActions).toEqual([SipAction.Move, SipAction.Cancel]);
  });

  it('D7: without consent the other huvudman is refused (403), and is offered nothing', async () => {
    const kase = await municipalCase([]);
    expect(await overview(vard, kase)).toBeNull();
    const res = await callBy(vard, kase, [{ unitId: ids.socialUnit }]);
    expect(res.status).toBe(403);
    expect(await count('sip_meetings', 'case_id = $1', [kase.id])).toBe(0);
  });

  it('D7: the police are no huvudman — refused even with consent, and offered no call', async () => {
    const kase = await municipalCase([ids.region, ids.police]);
    const seen = await overview(polis, kase);
    expect(seen?.allowedActions ?? []).toEqual([]);
    const res = await callBy(polis, kase, [{ unitId: ids.socialUnit }]);
    expect(res.status).toBe(403);
    expect(await count('sip_meetings', 'case_id = $1', [kase.id])).toBe(0);
  });

  it('a draft blocks the next call: the overview names it and the 409 has its own code', async () => {
    const kase = await municipalCase([ids.region]);
    const first = await callBy(vard, kase, [{ unitId: ids.socialUnit }]);
    expectStatus(first, 201, 'first call');
    for (const client of [vard, social]) {
      const seen = (await overview(client, kase))!;
      expect(seen.allowedActions).not.toContain(SipAction.Call);
      expect(seen.callBlockedBy).toEqual({
        reason: SipCallBlockReason.DraftPlan,
        meetingId: first.body.id,
        planVersionId: first.body.planVersionId,
        planNumber: 1,
      });
    }
    const again = await callBy(social, kase, [{ unitId: ids.clinic }], 6);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'SIP_DRAFT_PLAN_EXISTS',
      details: { reason: 'draft_plan', planVersionId: first.body.planVersionId },
    });
    // The way out: the owner cancels the draft's meeting, and the call is offered again.
    const meeting = first.body;
    expectStatus(
      await social.post(`/api/v1/sip/meetings/${meeting.id}/cancel`, {
        version: meeting.version,
        reason: 'Fel tid',
      }),
      200,
      'cancel',
    );
    const after = (await overview(social, kase))!;
    expect(after.callBlockedBy).toBeNull();
    expect(after.allowedActions).toContain(SipAction.Call);
  });

  it('allowed actions agree with attempts: call, answer, send for approval, approve, for each role', async () => {
    const kase = await municipalCase([ids.region, ids.police]);
    // Call: the attempt of every role succeeds exactly when the overview offers it.
    const callers: [string, ApiClient][] = [
      ['polis', polis],
      ['vard', vard],
    ];
    let meeting: SipMeetingDto | null = null;
    for (const [who, client] of callers) {
      const offered = (await overview(client, kase))?.allowedActions.includes(SipAction.Call);
      const res = await callBy(client, kase, [
        { unitId: ids.socialUnit },
        { unitId: ids.policeUnit },
      ]);
      expect({ who, status: res.status }).toEqual({ who, status: offered ? 201 : 403 });
      if (res.status === 201) meeting = res.body;
    }
    expect(meeting).not.toBeNull();

    // Answer: each invited unit is offered the answer and it succeeds; the caller is not invited.
    for (const client of [social, polis]) {
      const inbox = (await client.get<SipReceivedInvitationDto[]>('/api/v1/sip/invitations')).body;
      const mine = inbox.find((i) => i.meetingId === meeting!.id)!;
      expect(mine.allowedActions).toEqual([SipAction.Answer]);
      const res = await client.post(`/api/v1/sip/invitations/${mine.id}/answer`, {
        version: mine.version,
        answer: SipAnswer.Accept,
      });
      expect(res.status).toBe(200);
    }
    const vardInbox = (await vard.get<SipReceivedInvitationDto[]>('/api/v1/sip/invitations')).body;
    expect(vardInbox.some((i) => i.meetingId === meeting!.id)).toBe(false);

    // An incomplete draft: no approve, no sending, and the attempt is refused for the missing items.
    let plan = (await vard.get<SipPlanDto>(`/api/v1/sip/plans/${meeting!.planVersionId}`)).body;
    expect(plan.allowedActions).not.toContain(SipAction.Approve);
    expect(plan.allowedActions).not.toContain(SipAction.SendForApproval);
    expect(plan.agreementProblems.map((p) => p.field)).toEqual(
      expect.arrayContaining(['needs', 'measures', 'leadPrincipalOrganisationId', 'followUpDate']),
    );
    const early = await vard.post<ProblemDetails>(`/api/v1/sip/plans/${plan.id}/approvals`, {
      version: plan.version,
    });
    expect(early.status).toBe(400);
    expect(
      (await vard.post(`/api/v1/sip/plans/${plan.id}/send-for-approval`, { version: plan.version }))
        .status,
    ).toBe(400);

    // Healthcare (R3) fills the plan in and sends it: social services gets a notification.
    const edited = await vard.request<SipPlanDto>(
      'PUT',
      `/api/v1/sip/plans/${plan.id}`,
      complete(plan),
    );
    expectStatus(edited, 200, 'complete the draft');
    plan = edited.body;
    expect(plan.allowedActions).toEqual(
      expect.arrayContaining([SipAction.SendForApproval, SipAction.Approve]),
    );
    const sent = await vard.post<SipPlanDto>(`/api/v1/sip/plans/${plan.id}/send-for-approval`, {
      version: plan.version,
    });
    expectStatus(sent, 200, 'send for approval');
    expect(sent.body.approvalRequest?.sentBy.displayName).toBe('Sara Holm');
    plan = sent.body;
    expect(
      await count(
        'reminders',
        "kind = 'sip_plan_approval' AND subject_id = $1 AND recipient_unit_id = $2",
        [plan.id, ids.socialUnit],
      ),
    ).toBe(1);
    // Due at once: the reminder pipeline (tested in reminders.e2e-spec) turns it into a
    // notification for each active member of the unit.
    expect(
      await count(
        'reminders',
        "kind = 'sip_plan_approval' AND status = 'pending' AND due_at <= now() AND subject_id = $1",
        [plan.id],
      ),
    ).toBe(1);

    // The SIP inbox of social services lists the version awaiting it.
    const awaiting = (await social.get<SipAwaitingApprovalDto[]>('/api/v1/sip/approvals')).body;
    const item = awaiting.find((a) => a.planId === plan.id)!;
    expect(item).toMatchObject({ awaitsYourOrganisation: true, awaitsPerson: true });
    expect(item.allowedActions).toContain(SipAction.Approve);
    expect((await polis.get<SipAwaitingApprovalDto[]>('/api/v1/sip/approvals')).body).toEqual([]);

    // Approve: the police are offered nothing and refused; both huvudmän are offered it and succeed.
    const polisPlan = (await polis.get<SipPlanDto>(`/api/v1/sip/plans/${plan.id}`)).body;
    // R3 lets them edit the draft and record the person's agreement (as before); never approve.
    expect(polisPlan.allowedActions).toEqual([SipAction.Edit, SipAction.PersonAgreement]);
    expect(
      (await polis.post(`/api/v1/sip/plans/${plan.id}/approvals`, { version: plan.version }))
        .status,
    ).toBe(403);
    for (const client of [vard, social]) {
      const mine = (await client.get<SipPlanDto>(`/api/v1/sip/plans/${plan.id}`)).body;
      expect(mine.allowedActions).toContain(SipAction.Approve);
      const res = await client.post<SipPlanDto>(`/api/v1/sip/plans/${plan.id}/approvals`, {
        version: mine.version,
      });
      expectStatus(res, 201, 'approve');
      expect(res.body.allowedActions).not.toContain(SipAction.Approve);
      const twice = await client.post(`/api/v1/sip/plans/${plan.id}/approvals`, {
        version: res.body.version,
      });
      expect(twice.status).toBe(409);
    }
    const last = (await social.get<SipPlanDto>(`/api/v1/sip/plans/${plan.id}`)).body;
    expect(last.allowedActions).toContain(SipAction.PersonAgreement);
    const agreed = await social.post<SipPlanDto>(`/api/v1/sip/plans/${plan.id}/person-agreement`, {
      version: last.version,
    });
    expectStatus(agreed, 201, 'person agrees');
    expect(agreed.body.state).toBe('agreed');
    expect(agreed.body.allowedActions).toEqual([]);
    expect((await social.get<SipAwaitingApprovalDto[]>('/api/v1/sip/approvals')).body).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ planId: plan.id })]),
    );
  });
});
