import {
  type ActionDto,
  type CaseDto,
  type CoordinatorGroupDto,
  type CreateCaseDto,
  ErrorCode,
  type MeetingDto,
  ParticipantRole,
  type ProblemDetails,
  type TryggaHemCaseDto,
} from '@samsyn/common';
import { addDays, swedishDate } from '@samsyn/domain';
import { sql } from './support/db';
import { createCase, expectStatus, PersonnummerGenerator } from './support/fixtures';
import { ApiClient } from './support/http';

const today = swedishDate(new Date());
const numbers = new PersonnummerGenerator(67);

async function userId(username: string): Promise<string> {
  const [row] = await sql<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  return row.id;
}

/**
 * What the Trygga hem case page's forms need from the API (issue 6 §3–§5): whose skyddsplan a
 * victim-side user may write (D3, per person under consent), and marking an action done or open
 * again with optimistic locking and an audit event.
 */
describe('Trygga hem: skyddsplan persons and action status (issue 6)', () => {
  let social: ApiClient;
  let polis: ApiClient;
  let vard: ApiClient;
  let kase: CaseDto;
  let victimId: string;
  let childId: string;
  let action: ActionDto;

  beforeAll(async () => {
    [social, polis, vard] = await Promise.all(
      ['social.orebro', 'polis.orebro', 'vard.psykiatri'].map((u) => ApiClient.signedIn(u)),
    );
    // The demo users' own organisations: other specs add more regions and police areas.
    const orgs = await sql<{ id: string; type: string }>(
      `SELECT o.id, o.type::text AS type FROM organisations o
       JOIN users u ON u.organisation_id = o.id
       WHERE u.username IN ('polis.orebro', 'vard.psykiatri')`,
    );
    const orgIds = Object.fromEntries(orgs.map((o) => [o.type, o.id]));
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
      teamRole: 'victim_support',
      participants: [
        {
          role: 'offender',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: numbers.forBirthDate('1977-07-17'),
            firstName: 'Rolf',
            lastName: 'Sandgren',
          },
        },
        {
          role: 'victim',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: numbers.forBirthDate('1987-09-19'),
            firstName: 'Eva',
            lastName: 'Sandgren',
          },
        },
        {
          role: 'child',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: numbers.forBirthDate('2018-04-14'),
            firstName: 'Ted',
            lastName: 'Sandgren',
          },
        },
      ],
      consents: [
        consent(0, ['identity', 'coordination', 'risk', 'safety'], [orgIds.police, orgIds.region]),
        // The victim lets the region's victim support see her skyddsplan; the child's is not shared.
        consent(1, ['identity', 'safety'], [orgIds.police, orgIds.region]),
      ],
    } as unknown as CreateCaseDto);
    victimId = kase.participants.find((p) => p.role === ParticipantRole.Victim)!.person.id;
    childId = kase.participants.find((p) => p.role === ParticipantRole.Child)!.person.id;
    // The region's member supports the victim on this case (victim side, R5) …
    const vardTeam = await social.post(`/api/v1/cases/${kase.id}/team`, {
      userId: await userId('vard.psykiatri'),
      caseRole: 'victim_support',
    });
    expectStatus(vardTeam, 201, 'region victim support');
    // … the police work with the offender (offender side).
    const polisTeam = await social.post(`/api/v1/cases/${kase.id}/team`, {
      userId: await userId('polis.orebro'),
      caseRole: 'police_contact',
    });
    expectStatus(polisTeam, 201, 'police contact');
    const groups = await social.get<CoordinatorGroupDto[]>('/api/v1/trygga-hem/groups');
    const group = groups.body.find((g) => g.municipalityCode === '1880')!;
    const enrolled = await social.post<TryggaHemCaseDto>('/api/v1/trygga-hem/cases', {
      caseId: kase.id,
      groupId: group.id,
      priority: 'B',
      priorityBasis: 'Hot mot partner, barn i hushållet.',
    });
    expectStatus(enrolled, 201, 'enrol');

    const meeting = await social.post<MeetingDto>(
      `/api/v1/trygga-hem/groups/${group.id}/meetings`,
      { heldOn: today },
    );
    expectStatus(meeting, 201, 'meeting');
    const agenda = await social.request<MeetingDto>(
      'PUT',
      `/api/v1/trygga-hem/meetings/${meeting.body.id}/agenda`,
      { version: meeting.body.version, caseIds: [kase.id] },
    );
    expectStatus(agenda, 200, 'agenda');
    const added = await social.post<ActionDto>(
      `/api/v1/trygga-hem/meetings/${meeting.body.id}/items/${agenda.body.items[0].id}/actions`,
      {
        description: 'Boka stödsamtal',
        ownerOrganisationId: kase.owningOrganisation.id,
        ownerUserId: await userId('social.orebro'),
        dueOn: addDays(today, 7),
      },
    );
    expectStatus(added, 201, 'action');
    action = added.body;
  });

  it('D3: the owner on the victim side may write a skyddsplan for the victim and the child', async () => {
    const res = await social.get<TryggaHemCaseDto>(`/api/v1/trygga-hem/cases/${kase.id}`);
    expect(res.status).toBe(200);
    expect(res.body.safetyPlans).toEqual([]);
    expect(res.body.safetyPlanPersonIds).toEqual([victimId, childId]);
  });

  it('D3, R3: victim support by consent gets only the persons whose consent covers the plan', async () => {
    const res = await vard.get<TryggaHemCaseDto>(`/api/v1/trygga-hem/cases/${kase.id}`);
    expect(res.status).toBe(200);
    expect(res.body.safetyPlanPersonIds).toEqual([victimId]);
    // The list is what the server enforces: the child's plan is refused, the victim's saved.
    const child = await vard.request<ProblemDetails>(
      'PUT',
      `/api/v1/trygga-hem/cases/${kase.id}/safety-plans/${childId}`,
      { plan: 'Skolan informerad' },
    );
    expect(child.status).toBe(403);
    const victim = await vard.request<TryggaHemCaseDto>(
      'PUT',
      `/api/v1/trygga-hem/cases/${kase.id}/safety-plans/${victimId}`,
      { plan: 'Larmpaket beställt', whereabouts: 'Skyddat boende' },
    );
    expectStatus(victim, 200, 'victim plan');
    expect(victim.body.safetyPlans!.map((p) => p.personId)).toEqual([victimId]);
  });

  it('D3, R5: the police, on the offender side, get no persons even with the victim’s consent', async () => {
    const res = await polis.get<TryggaHemCaseDto>(`/api/v1/trygga-hem/cases/${kase.id}`);
    expect(res.status).toBe(200);
    expect(res.body.safetyPlans).toBeNull();
    expect(res.body.safetyPlanPersonIds).toBeNull();
    expect(JSON.stringify(res.body)).not.toContain('Skyddat boende');
  });

  it('a skyddsplan saved from a stale version is refused with 409 and not changed', async () => {
    const current = (await social.get<TryggaHemCaseDto>(`/api/v1/trygga-hem/cases/${kase.id}`)).body
      .safetyPlans![0];
    const saved = await social.request<TryggaHemCaseDto>(
      'PUT',
      `/api/v1/trygga-hem/cases/${kase.id}/safety-plans/${victimId}`,
      { version: current.version, plan: 'Larmpaket levererat' },
    );
    expectStatus(saved, 200, 'plan change');
    const stale = await vard.request<ProblemDetails>(
      'PUT',
      `/api/v1/trygga-hem/cases/${kase.id}/safety-plans/${victimId}`,
      { version: current.version, plan: 'Gammal text' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe(ErrorCode.VersionConflict);
    const [row] = await sql<{ plan: string }>(
      'SELECT plan FROM trygga_hem_safety_plans WHERE case_id = $1 AND person_id = $2',
      [kase.id, victimId],
    );
    expect(row.plan).toBe('Larmpaket levererat');
  });

  it('marks an action done and open again; each change is audited', async () => {
    const before = await auditWrites();
    const done = await polis.request<TryggaHemCaseDto>(
      'PATCH',
      `/api/v1/trygga-hem/actions/${action.id}`,
      { version: action.version, status: 'done' },
    );
    expectStatus(done, 200, 'done');
    const doneAction = done.body.actions!.find((a) => a.id === action.id)!;
    expect(doneAction.status).toBe('done');
    expect(doneAction.doneAt).not.toBeNull();
    expect(doneAction.version).toBeGreaterThan(action.version);

    const reopened = await social.request<TryggaHemCaseDto>(
      'PATCH',
      `/api/v1/trygga-hem/actions/${action.id}`,
      { version: doneAction.version, status: 'open' },
    );
    expectStatus(reopened, 200, 'reopen');
    const open = reopened.body.actions!.find((a) => a.id === action.id)!;
    expect([open.status, open.doneAt]).toEqual(['open', null]);
    expect(await auditWrites()).toBe(before + 2);
    action = open;
  });

  it('an action changed from a stale version is refused with 409 and nothing is written', async () => {
    const before = await auditWrites();
    const stale = await polis.request<ProblemDetails>(
      'PATCH',
      `/api/v1/trygga-hem/actions/${action.id}`,
      { version: action.version - 1, status: 'done' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe(ErrorCode.VersionConflict);
    const [row] = await sql<{ status: string; version: number }>(
      'SELECT status::text AS status, version FROM trygga_hem_actions WHERE id = $1',
      [action.id],
    );
    expect(row).toEqual({ status: 'open', version: action.version });
    expect(await auditWrites()).toBe(before);
  });

  it('bad input: an unknown status is a 400 with a field message', async () => {
    const res = await polis.request<ProblemDetails>(
      'PATCH',
      `/api/v1/trygga-hem/actions/${action.id}`,
      { version: action.version, status: 'finished' },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.field)).toEqual(['status']);
  });

  async function auditWrites(): Promise<number> {
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events
       WHERE action = 'trygga_hem.write' AND $1 = ANY (case_ids)`,
      [kase.id],
    );
    return n;
  }
});
