import {
  type CaseDto,
  type ProblemDetails,
  SipMeasureStatus,
  type SipIndicatorDto,
  type SipMeetingDto,
  type SipPlanDto,
  SipPlanState,
  type SipReceivedInvitationDto,
  SipResponsibleKind,
} from '@samsyn/common';
import { addDays } from '@samsyn/domain';
import type { Pool } from 'pg';
import { count } from './support/db';
import { e2ePool, expectStatus, PersonnummerGenerator, signInAll } from './support/fixtures';
import { ApiClient } from './support/http';
import { pdfText } from '@samsyn/testing';
import {
  binary,
  inDays as inDaysAt,
  openSipCase,
  type SipParties,
  sipParties,
  today,
} from './support/sip';

const inDays = (days: number) => inDaysAt(days, 9);

/** Issue 4's rules at the edges: bad input writes nothing, protected data never leaks, stale edits lose. */
describe('SIP rules: bad input, protected identity, concurrency, indicator', () => {
  let db: Pool;
  let vard: ApiClient;
  let social: ApiClient;
  let styrgrupp: ApiClient;
  let ids: SipParties;
  const numbers = new PersonnummerGenerator(43);

  const openCase = (person: Record<string, unknown> = {}, consent = true): Promise<CaseDto> =>
    openSipCase(vard, numbers, {
      birthDate: '1979-09-09',
      firstName: 'Tove',
      lastName: 'Regelsson',
      person: { address: 'Kungsgatan 5', city: 'Örebro', ...person },
      consent: consent
        ? { to: [ids.kommun], categories: ['identity', 'contact', 'coordination'] }
        : undefined,
    });

  const call = (kase: CaseDto, extra: Record<string, unknown> = {}) =>
    vard.post<SipMeetingDto>(`/api/v1/cases/${kase.id}/sip/meetings`, {
      startsAt: inDays(3),
      place: 'Vårdcentralen, rum 4',
      personParticipates: true,
      relativesParticipate: false,
      invitees: [{ unitId: ids.socialUnit }],
      ...extra,
    });

  const measure = (over: Record<string, unknown> = {}) => ({
    description: 'Samtalsstöd',
    responsibleKind: SipResponsibleKind.Region,
    organisationId: ids.region,
    startDate: addDays(today, 5),
    endDate: addDays(today, 60),
    status: SipMeasureStatus.Planned,
    ...over,
  });

  /** A case with a called meeting and its draft plan. */
  async function withDraft(person: Record<string, unknown> = {}) {
    const kase = await openCase(person);
    const meeting = await call(kase);
    expectStatus(meeting, 201, 'call');
    const plan = (await vard.get<SipPlanDto>(`/api/v1/sip/plans/${meeting.body.planVersionId}`))
      .body;
    return { kase, meeting: meeting.body, plan };
  }

  beforeAll(async () => {
    db = e2ePool(2);
    ids = await sipParties(db);
    const clients = await signInAll(['vard.psykiatri', 'social.orebro', 'styrgrupp.lan']);
    [vard, social, styrgrupp] = ['vard.psykiatri', 'social.orebro', 'styrgrupp.lan'].map((u) =>
      clients.get(u)!,
    );
  });

  afterAll(async () => {
    await db.end();
  });

  describe('bad input: a 400 with a field message, and nothing written', () => {
    it('a meeting in the past', async () => {
      const kase = await openCase();
      const res = await call(kase, { startsAt: new Date(Date.now() - 3_600_000).toISOString() });
      expect(res.status).toBe(400);
      expect((res.body as unknown as ProblemDetails).errors).toEqual([
        expect.objectContaining({ field: 'startsAt', code: 'inPast' }),
      ]);
      expect(await count('sip_meetings', 'case_id = $1', [kase.id])).toBe(0);
      expect(await count('sip_plan_versions', 'case_id = $1', [kase.id])).toBe(0);
      expect(await count('reminders', "case_id = $1 AND kind LIKE 'sip%'", [kase.id])).toBe(0);
    });

    it('an invitation to an unknown unit', async () => {
      const kase = await openCase();
      const teamBefore = await count('case_team_members', 'case_id = $1', [kase.id]);
      const res = await call(kase, {
        invitees: [{ unitId: ids.socialUnit }, { unitId: '00000000-0000-4000-8000-00000000abcd' }],
      });
      expect(res.status).toBe(400);
      expect((res.body as unknown as ProblemDetails).errors).toEqual([
        expect.objectContaining({ field: 'invitees.1.unitId', code: 'unknownUnit' }),
      ]);
      expect(await count('sip_meetings', 'case_id = $1', [kase.id])).toBe(0);
      expect(await count('sip_invitations', 'case_id = $1', [kase.id])).toBe(0);
      expect(await count('case_team_members', 'case_id = $1', [kase.id])).toBe(teamBefore);
    });

    it('a deadline in the past: a follow-up date that has passed', async () => {
      const { plan } = await withDraft();
      const res = await vard.request<ProblemDetails>('PUT', `/api/v1/sip/plans/${plan.id}`, {
        version: plan.version,
        needs: [{ text: 'Stöd' }],
        goals: [],
        measures: [measure()],
        followUpDate: addDays(today, -1),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'followUpDate', code: 'inPast' }),
      ]);
      expect(
        await count('sip_plan_versions', 'id = $1 AND version = $2', [plan.id, plan.version]),
      ).toBe(1);
    });

    it('a measure ending before it starts', async () => {
      const { plan } = await withDraft();
      const res = await vard.request<ProblemDetails>('PUT', `/api/v1/sip/plans/${plan.id}`, {
        version: plan.version,
        needs: [{ text: 'Stöd' }],
        goals: [],
        measures: [
          measure(),
          measure({ startDate: addDays(today, 30), endDate: addDays(today, 10) }),
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'measures.1.endDate', code: 'beforeStart' }),
      ]);
      expect(
        await count('sip_plan_versions', "id = $1 AND version = $2 AND measures = '[]'::jsonb", [
          plan.id,
          plan.version,
        ]),
      ).toBe(1);
    });

    it('D8: a plan without huvudansvar or follow-up date cannot be agreed', async () => {
      const { plan } = await withDraft();
      const saved = await vard.request<SipPlanDto>('PUT', `/api/v1/sip/plans/${plan.id}`, {
        version: plan.version,
        needs: [{ text: 'Stöd' }],
        goals: [{ text: 'Må bättre', ownWords: true }],
        measures: [measure()],
      });
      expectStatus(saved, 200, 'save draft');
      expect(saved.body.agreementProblems.map((p) => p.field)).toEqual([
        'leadPrincipalOrganisationId',
        'followUpDate',
      ]);
      const approve = await vard.post<ProblemDetails>(`/api/v1/sip/plans/${plan.id}/approvals`, {
        version: saved.body.version,
      });
      expect(approve.status).toBe(400);
      expect(approve.body.errors?.map((e) => e.field)).toEqual([
        'leadPrincipalOrganisationId',
        'followUpDate',
      ]);
      const agree = await vard.post<ProblemDetails>(
        `/api/v1/sip/plans/${plan.id}/person-agreement`,
        { version: saved.body.version },
      );
      expect(agree.status).toBe(400);
      expect(await count('sip_plan_approvals', 'plan_version_id = $1', [plan.id])).toBe(0);
      expect(
        await count('sip_plan_versions', 'id = $1 AND person_agreed_at IS NULL AND state = $2', [
          plan.id,
          'draft',
        ]),
      ).toBe(1);
    });

    it('unknown fields and malformed values are refused by validation', async () => {
      const kase = await openCase();
      const res = await call(kase, { startsAt: 'tomorrow', invitees: [], extra: 1 });
      expect(res.status).toBe(400);
      const fields = (res.body as unknown as ProblemDetails).errors!.map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['startsAt', 'invitees']));
    });
  });

  describe('D18: a protected person', () => {
    let kase: CaseDto;
    let meeting: SipMeetingDto;
    let plan: SipPlanDto;

    beforeAll(async () => {
      kase = await openCase({
        protectedLevel: 'skyddad_folkbokforing',
        address: 'Hemliga gränd 7',
        phone: '070-9999999',
      });
    });

    it('the address cannot be named as the meeting place', async () => {
      const res = await call(kase, { place: 'Hemma hos personen, Hemliga gränd 7' });
      expect(res.status).toBe(400);
      expect((res.body as unknown as ProblemDetails).errors).toEqual([
        expect.objectContaining({ field: 'place', code: 'protectedAddress' }),
      ]);
      expect(JSON.stringify(res.body)).not.toContain('Hemliga');
    });

    it('the kallelse and the invitation list never show the address', async () => {
      const res = await call(kase);
      expectStatus(res, 201, 'call');
      meeting = res.body;
      const list = await social.get<SipReceivedInvitationDto[]>('/api/v1/sip/invitations');
      const mine = list.body.find((i) => i.caseId === kase.id)!;
      expect(mine.person).toMatchObject({
        firstName: 'Tove',
        protectedIdentity: true,
        address: null,
        phone: null,
        personalNumber: null,
      });
      const one = await social.get<SipReceivedInvitationDto>(`/api/v1/sip/invitations/${mine.id}`);
      expect(one.status).toBe(200);
      for (const body of [list.body, one.body, meeting]) {
        expect(JSON.stringify(body)).not.toMatch(/Hemliga|070-9999999/);
      }
    });

    it('the calendar file never shows it', async () => {
      const ics = await binary(social, `/api/v1/sip/meetings/${meeting.id}/calendar`);
      expect(ics.status).toBe(200);
      const text = ics.body.toString('utf8');
      expect(text).toContain('BEGIN:VCALENDAR');
      expect(text).not.toMatch(/Hemliga|Tove|Regelsson/);
    });

    it('the PDF has the measures and huvudansvar but not the address or personnummer', async () => {
      const draft = (await vard.get<SipPlanDto>(`/api/v1/sip/plans/${meeting.planVersionId}`)).body;
      let res = await vard.request<SipPlanDto>('PUT', `/api/v1/sip/plans/${draft.id}`, {
        version: draft.version,
        needs: [{ text: 'Skydd och stöd' }],
        goals: [{ text: 'Att få vara trygg', ownWords: true }],
        measures: [
          measure({ description: 'Traumabehandling', unitId: ids.clinic }),
          measure({
            description: 'Skyddat boende',
            responsibleKind: SipResponsibleKind.Municipality,
            organisationId: ids.kommun,
          }),
        ],
        leadPrincipalOrganisationId: ids.region,
        followUpDate: addDays(today, 30),
      });
      expectStatus(res, 200, 'edit');
      res = await vard.post<SipPlanDto>(`/api/v1/sip/plans/${draft.id}/approvals`, {
        version: res.body.version,
      });
      res = await social.post<SipPlanDto>(`/api/v1/sip/plans/${draft.id}/approvals`, {
        version: res.body.version,
      });
      expectStatus(res, 201, 'approve');
      // A read: a draft has no printed plan (404; issue 18: no read answers 409).
      const early = await binary(vard, `/api/v1/sip/plans/${draft.id}/pdf`);
      expect(early.status).toBe(404);
      res = await vard.post<SipPlanDto>(`/api/v1/sip/plans/${draft.id}/person-agreement`, {
        version: res.body.version,
      });
      expectStatus(res, 201, 'agree');
      plan = res.body;
      expect(plan.state).toBe(SipPlanState.Agreed);
      const pdf = await binary(vard, `/api/v1/sip/plans/${plan.id}/pdf?lang=sv`);
      expect(pdf.status).toBe(200);
      const text = pdfText(pdf.body);
      expect(text).toContain('Traumabehandling');
      expect(text).toContain('Skyddat boende');
      expect(text).toContain('Huvudansvar: Region Örebro län');
      expect(text).toContain('Skyddade personuppgifter');
      expect(text).not.toMatch(/Hemliga|070-9999999|1979/);
    });
  });

  it('concurrency: two edits of the same draft with the same version — the second gets 409', async () => {
    const { plan } = await withDraft();
    const edit = (text: string) =>
      vard.request<ProblemDetails>('PUT', `/api/v1/sip/plans/${plan.id}`, {
        version: plan.version,
        needs: [{ text }],
        goals: [],
        measures: [measure()],
      });
    const results = await Promise.all([edit('Först'), edit('Sedan')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = results.find((r) => r.status === 409)!;
    expect(lost.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: plan.version + 1 });
    expect(
      await count('sip_plan_versions', 'id = $1 AND version = $2', [plan.id, plan.version + 1]),
    ).toBe(1);
  });

  it('only one draft at a time: calling another meeting before agreeing is a 409', async () => {
    const { kase } = await withDraft();
    const res = await call(kase, { startsAt: inDays(9) });
    expect(res.status).toBe(409);
    expect(await count('sip_meetings', 'case_id = $1', [kase.id])).toBe(1);
  });

  it('moving a meeting reschedules its reminders; cancelling cancels them and the draft', async () => {
    const { kase, meeting } = await withDraft();
    const moved = await vard.request<SipMeetingDto>('PATCH', `/api/v1/sip/meetings/${meeting.id}`, {
      version: meeting.version,
      startsAt: inDays(12),
    });
    expectStatus(moved, 200, 'move');
    expect(
      await count(
        'reminders',
        "subject_id = $1 AND kind = 'sip_meeting' AND status = 'pending' AND due_at::date = $2::date - 1",
        [meeting.id, addDays(today, 12)],
      ),
    ).toBe(2);
    const cancelled = await vard.post<SipMeetingDto>(`/api/v1/sip/meetings/${meeting.id}/cancel`, {
      version: moved.body.version,
      reason: 'Personen är sjuk',
    });
    expectStatus(cancelled, 200, 'cancel');
    expect(cancelled.body.invitations.map((i) => i.state)).toEqual(['cancelled']);
    expect(
      await count(
        'reminders',
        "case_id = $1 AND kind IN ('sip_meeting','invitation_unanswered') AND status = 'pending'",
        [kase.id],
      ),
    ).toBe(0);
    expect(await count('sip_plan_versions', 'case_id = $1', [kase.id])).toBe(0);
  });

  it('D11: the indicator counts violence cases and those with a SIP per municipality, without personal data', async () => {
    const indicator = async (code = '1880') =>
      (
        await styrgrupp.get<SipIndicatorDto>(
          `/api/v1/statistics/sip-indicator?from=${today}&to=${today}&municipalityCode=${code}`,
        )
      ).body.rows[0];
    const violenceCase = async (called: boolean) => {
      const created = await openCase();
      expectStatus(
        await vard.request('PUT', `/api/v1/cases/${created.id}/sip`, {
          requestedOn: today,
          violenceRelated: true,
        }),
        200,
        'settings',
      );
      if (called) expect(await call(created)).toMatchObject({ status: 201 });
      return created;
    };
    // Counts of 1–4 are hidden (small-counts rule): enough cases first that both parts show.
    // A hidden "with a SIP" is small itself, or hidden because "without" is (secondary).
    for (let i = 0; i < 14; i++) {
      const r = await indicator();
      const withSip = r.withSip;
      if (typeof withSip !== 'number' && withSip.hidden === 'small') await violenceCase(true);
      else if (
        typeof withSip !== 'number' ||
        typeof r.violenceCases !== 'number' ||
        r.violenceCases - withSip < 6
      )
        await violenceCase(false);
      else break;
    }
    const kase = await violenceCase(false);
    const before = { rows: [await indicator()] };
    expect(typeof before.rows[0].withSip).toBe('number');
    expect(typeof before.rows[0].violenceCases).toBe('number');
    expect(await call(kase)).toMatchObject({ status: 201 });
    const res = await styrgrupp.get<SipIndicatorDto>(
      `/api/v1/statistics/sip-indicator?from=${today}&to=${today}&municipalityCode=1880`,
    );
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(1);
    const [row] = res.body.rows;
    expect(row.municipalityName).toBe('Örebro kommun');
    expect(row.withSip).toBe((before.rows[0].withSip as number) + 1);
    expect(row.violenceCases).toBe(before.rows[0].violenceCases);
    // The share is published rounded to two decimals (1/8 is 0.13, not 0.125).
    expect(row.share).toBe(
      Math.round(((row.withSip as number) / (row.violenceCases as number)) * 100) / 100,
    );
    // Across municipalities no count of 1–4 is published, and no share beside a hidden count.
    const all = (
      await styrgrupp.get<SipIndicatorDto>(
        `/api/v1/statistics/sip-indicator?from=${addDays(today, -365)}&to=${today}`,
      )
    ).body.rows;
    for (const r of all) {
      for (const n of [r.violenceCases, r.withSip])
        expect(typeof n !== 'number' || n === 0 || n >= 5).toBe(true);
      if (typeof r.violenceCases !== 'number' || typeof r.withSip !== 'number')
        expect(r.share).toBeNull();
    }
    expect(JSON.stringify(res.body)).not.toMatch(/Regelsson|Tove/);
    expect(
      (await social.get('/api/v1/statistics/sip-indicator?from=2026-01-01&to=2026-12-31')).status,
    ).toBe(403);
    const bad = await styrgrupp.get<ProblemDetails>(
      `/api/v1/statistics/sip-indicator?from=${today}&to=${addDays(today, -5)}`,
    );
    expect(bad.status).toBe(400);
  });

  it('D11 for org_admin: only their own organisation’s cases, and 403 for another municipality', async () => {
    // Runs after the test above, which made violence cases in Örebro owned by the region (vård).
    const admin = await ApiClient.signedIn('admin.orebro');
    const [{ id: adminOrg }] = (
      await db.query<{ id: string }>(
        `SELECT organisation_id AS id FROM users WHERE username = 'admin.orebro'`,
      )
    ).rows;
    // Violence cases open today in Örebro (1880), as the indicator defines them.
    const violence = `cases c LEFT JOIN sip_details d ON d.case_id = c.id`;
    const where = `(c.programme = 'TRYGGA_HEM' OR (c.programme = 'SIP' AND d.violence_related))
      AND c.opened_at < ($1::date + 1)::timestamptz
      AND (c.closed_at IS NULL OR c.closed_at >= $1::date::timestamptz)
      AND c.municipality_code = '1880'`;
    const all = await count(violence, where, [today]);
    const own = await count(violence, `${where} AND c.owning_organisation_id = $2`, [
      today,
      adminOrg,
    ]);
    expect(all - own).toBeGreaterThanOrEqual(5);

    const path = `/api/v1/statistics/sip-indicator?from=${today}&to=${today}`;
    const steering = await styrgrupp.get<SipIndicatorDto>(`${path}&municipalityCode=1880`);
    expect(steering.body.rows[0].violenceCases).toBe(all);
    const mine = await admin.get<SipIndicatorDto>(path);
    expectStatus(mine, 200, 'org_admin indicator');
    // Their municipality only, and only the cases their organisation owns.
    expect(mine.body.rows.map((r) => r.municipalityCode)).toEqual(['1880']);
    const [row] = mine.body.rows;
    expect(row.violenceCases).not.toEqual(all);
    if (typeof row.violenceCases === 'number') expect(row.violenceCases).toBe(own);
    else expect(own).toBeLessThan(5);

    const outside = await admin.get<ProblemDetails>(`${path}&municipalityCode=1883`);
    expect(outside.status).toBe(403);
    expect(outside.body.errors).toEqual([
      expect.objectContaining({ field: 'municipalityCode', code: 'outOfScope' }),
    ]);
  });
});
