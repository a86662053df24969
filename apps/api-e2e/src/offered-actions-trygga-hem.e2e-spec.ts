import {
  type ActionDto,
  ActionStatus,
  type CaseDto,
  CaseloadOutcome,
  type CoordinatorGroupDto,
  type CreateCaseDto,
  type MeetingDto,
  ParticipantRole,
  type TryggaHemCaseDto,
  TryggaHemAction as A,
} from '@samsyn/common';
import { addDays, swedishDate } from '@samsyn/domain';
import { sql } from './support/db';
import {
  createCase,
  DEMO_USERS,
  expectStatus,
  PersonnummerGenerator,
  signInAll,
} from './support/fixtures';
import type { ApiClient, HttpResult } from './support/http';

/*
 * Issue 15 for Trygga hem: for every demo role, each action the API lists on a case in a
 * caseload — on the case (record a notification, offer, control measure, incident, risk
 * assessment, skyddsplan; a new priority; leave) and per record (correct and remove a
 * notification, control measure or incident; an offer's uptake; an action's status) — is
 * accepted when attempted, and each action it does not list is refused with 403. Every role
 * meets a fresh case with the same records, so one role's writes do not change another's.
 */

const ROLES = DEMO_USERS;

const TH = '/api/v1/trygga-hem';
/** A municipality of its own, with a group of its own (no other spec's board or figures). */
const MUNICIPALITY = '1861';
const pnr = new PersonnummerGenerator(41);
const today = swedishDate(new Date());

/** A case in the caseload with one record of each kind, and who recorded what. */
interface Fixture {
  kase: CaseDto;
  victimId: string;
  /** Recorded by the owner (social.orebro). */
  notificationId: string;
  /** Recorded by the police. */
  controlMeasureId: string;
  incidentId: string;
  offerId: string;
  actionId: string;
}

type Attempt = (caller: ApiClient, f: Fixture) => Promise<HttpResult>;

describe('offered actions on Trygga hem (issue 15): what is listed is accepted, the rest 403', () => {
  let clients: Map<string, ApiClient>;
  let group: CoordinatorGroupDto;
  let ids: { police: string; probation: string; socialUser: string };
  let meetingDay = 0;

  const client = (username: string) => {
    const c = clients.get(username);
    if (!c) throw new Error(`not signed in: ${username}`);
    return c;
  };
  const userId = async (username: string) =>
    (await sql<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]))[0].id;
  const orgId = async (name: string) =>
    (await sql<{ id: string }>('SELECT id FROM organisations WHERE name = $1', [name]))[0].id;

  beforeAll(async () => {
    clients = await signInAll(ROLES);
    ids = {
      police: await orgId('Polisområde Örebro län'),
      probation: await orgId('Kriminalvården Frivård Örebro'),
      socialUser: await userId('social.orebro'),
    };
    const samordnare = client('samordnare.orebro');
    const created = await samordnare.post<CoordinatorGroupDto>(`${TH}/groups`, {
      name: 'Koordinatorsgruppen Hallsberg',
      municipalityCode: MUNICIPALITY,
    });
    expectStatus(created, 201, 'group');
    group = created.body;
    for (const username of ['social.orebro', 'polis.orebro'])
      expectStatus(
        await samordnare.post(`${TH}/groups/${group.id}/members`, {
          userId: await userId(username),
        }),
        201,
        `member ${username}`,
      );
  });

  /**
   * The owner (social.orebro, victim side) opens a case with the police and Frivård on the team
   * by the offender's consent, enrols it, and records; the police record a control measure; a
   * meeting gives it an action.
   */
  async function fixture(): Promise<Fixture> {
    const social = client('social.orebro');
    const polis = client('polis.orebro');
    const person = (firstName: string, birthDate: string) => ({
      personalNumberKind: 'personnummer',
      personalNumber: pnr.forBirthDate(birthDate),
      firstName,
      lastName: 'Erbjudandesson',
    });
    let kase = await createCase(social, {
      programme: 'TRYGGA_HEM',
      municipalityCode: MUNICIPALITY,
      teamRole: 'victim_support',
      participants: [
        { role: 'offender', person: person('Olof', '1976-01-02') },
        { role: 'victim', person: person('Vera', '1982-02-03') },
      ],
      consents: [
        {
          participantIndex: 0,
          recipientOrganisationIds: [ids.police, ids.probation],
          categories: ['identity', 'coordination', 'criminal', 'risk'],
          form: 'written',
          givenOn: today,
          validUntil: addDays(today, 365),
        },
      ],
    } as unknown as CreateCaseDto);
    for (const [username, caseRole] of [
      ['polis.orebro', 'police_contact'],
      ['frivard.orebro', 'probation_contact'],
    ]) {
      const res = await social.post<CaseDto>(`/api/v1/cases/${kase.id}/team`, {
        userId: await userId(username),
        caseRole,
      });
      expectStatus(res, 201, `team ${username}`);
      kase = res.body;
    }
    const victimId = kase.participants.find((p) => p.role === ParticipantRole.Victim)!.person.id;
    expectStatus(
      await social.post(`${TH}/cases`, {
        caseId: kase.id,
        groupId: group.id,
        priority: 'B',
        priorityBasis: 'Hot mot partner.',
      }),
      201,
      'enrol',
    );
    const write = async (caller: ApiClient, path: string, body: object, what: string) => {
      const res = await caller.post<TryggaHemCaseDto>(`${TH}/cases/${kase.id}/${path}`, body);
      expectStatus(res, 201, what);
      return res.body;
    };
    await write(
      social,
      'notifications',
      { method: 'letter', deliveredOn: today, deliveredBy: 'Socialsekreterare' },
      'notification',
    );
    await write(social, 'incidents', { occurredOn: today, kind: 'threat' }, 'incident');
    await write(
      social,
      'offers',
      { kind: 'counselling', description: 'Stödsamtal', offeredOn: today },
      'offer',
    );
    const profile = await write(
      polis,
      'control-measures',
      { kind: 'kontaktforbud', startsOn: today },
      'control measure',
    );
    const meeting = await social.post<MeetingDto>(`${TH}/groups/${group.id}/meetings`, {
      heldOn: addDays(today, ++meetingDay),
    });
    expectStatus(meeting, 201, 'meeting');
    const agenda = await social.request<MeetingDto>(
      'PUT',
      `${TH}/meetings/${meeting.body.id}/agenda`,
      {
        version: meeting.body.version,
        caseIds: [kase.id],
      },
    );
    expectStatus(agenda, 200, 'agenda');
    const action = await social.post<ActionDto>(
      `${TH}/meetings/${meeting.body.id}/items/${agenda.body.items[0].id}/actions`,
      {
        description: 'Boka uppföljning',
        ownerOrganisationId: kase.owningOrganisation.id,
        ownerUserId: ids.socialUser,
        dueOn: addDays(today, 7),
      },
    );
    expectStatus(action, 201, 'action');
    const own = (await social.get<TryggaHemCaseDto>(`${TH}/cases/${kase.id}`)).body;
    return {
      kase,
      victimId,
      notificationId: own.notifications![0].id,
      controlMeasureId: profile.controlMeasures![0].id,
      incidentId: own.incidents![0].id,
      offerId: own.offers![0].id,
      actionId: action.body.id,
    };
  }

  /** The owner's view: the versions each attempt starts from. */
  const ownView = async (f: Fixture) =>
    (await client('social.orebro').get<TryggaHemCaseDto>(`${TH}/cases/${f.kase.id}`)).body;

  const change = { reason: 'Fel uppgift.' };

  /** Each action with where its listing is read from and a valid attempt; `th.leave` last. */
  const ACTIONS: {
    action: A;
    listed: (p: TryggaHemCaseDto, f: Fixture) => boolean;
    attempt: Attempt;
  }[] = [
    {
      action: A.AddNotification,
      listed: (p) => p.allowedActions.includes(A.AddNotification),
      attempt: (c, f) =>
        c.post(`${TH}/cases/${f.kase.id}/notifications`, {
          method: 'home_visit',
          deliveredOn: today,
          deliveredBy: 'Handläggare',
        }),
    },
    {
      action: A.AddOffer,
      listed: (p) => p.allowedActions.includes(A.AddOffer),
      attempt: (c, f) =>
        c.post(`${TH}/cases/${f.kase.id}/offers`, {
          kind: 'housing',
          description: 'Boende',
          offeredOn: today,
        }),
    },
    {
      action: A.AddControlMeasure,
      listed: (p) => p.allowedActions.includes(A.AddControlMeasure),
      attempt: (c, f) =>
        c.post(`${TH}/cases/${f.kase.id}/control-measures`, {
          kind: 'electronic_monitoring',
          startsOn: today,
        }),
    },
    {
      action: A.AddIncident,
      listed: (p) => p.allowedActions.includes(A.AddIncident),
      attempt: (c, f) =>
        c.post(`${TH}/cases/${f.kase.id}/incidents`, { occurredOn: today, kind: 'threat' }),
    },
    {
      action: A.AddRiskAssessment,
      listed: (p) => p.allowedActions.includes(A.AddRiskAssessment),
      attempt: (c, f) =>
        c.post(`${TH}/cases/${f.kase.id}/risk-assessments`, {
          instrument: 'freda',
          assessedOn: today,
          level: 'low',
          reviewOn: addDays(today, 90),
        }),
    },
    {
      action: A.SaveSafetyPlan,
      // Per person: the case's action covers each victim and child it lists.
      listed: (p, f) =>
        p.allowedActions.includes(A.SaveSafetyPlan) &&
        (p.safetyPlanPersonIds ?? []).includes(f.victimId),
      attempt: (c, f) =>
        c.request('PUT', `${TH}/cases/${f.kase.id}/safety-plans/${f.victimId}`, {
          plan: 'Kodord och larmtelefon.',
        }),
    },
    {
      action: A.SetPriority,
      listed: (p) => p.allowedActions.includes(A.SetPriority),
      attempt: async (c, f) =>
        c.request('PATCH', `${TH}/cases/${f.kase.id}/priority`, {
          version: (await ownView(f)).version,
          priority: 'A',
          basis: 'Ny incident.',
        }),
    },
    ...(
      [
        ['notifications', 'notificationId', (p: TryggaHemCaseDto) => p.notifications],
        ['control-measures', 'controlMeasureId', (p: TryggaHemCaseDto) => p.controlMeasures],
        ['incidents', 'incidentId', (p: TryggaHemCaseDto) => p.incidents],
      ] as const
    ).flatMap(([path, key, list]) => {
      const record = (p: TryggaHemCaseDto, f: Fixture) => list(p)?.find((r) => r.id === f[key]);
      const version = async (f: Fixture) => record(await ownView(f), f)!.version;
      return [
        {
          action: A.CorrectRecord,
          listed: (p: TryggaHemCaseDto, f: Fixture) =>
            !!record(p, f)?.allowedActions.includes(A.CorrectRecord),
          attempt: async (c: ApiClient, f: Fixture) =>
            c.request('PATCH', `${TH}/${path}/${f[key]}`, {
              ...change,
              version: await version(f),
              ...(path === 'notifications'
                ? { deliveredBy: 'Rättad avsändare' }
                : path === 'incidents'
                  ? { note: 'Rättad anteckning' }
                  : { description: 'Rättad beskrivning' }),
            }),
        },
        {
          action: A.RemoveRecord,
          listed: (p: TryggaHemCaseDto, f: Fixture) =>
            !!record(p, f)?.allowedActions.includes(A.RemoveRecord),
          attempt: async (c: ApiClient, f: Fixture) =>
            c.post(`${TH}/${path}/${f[key]}/remove`, { ...change, version: await version(f) }),
        },
      ];
    }),
    {
      action: A.ChangeOfferUptake,
      listed: (p, f) =>
        !!p.offers?.find((o) => o.id === f.offerId)?.allowedActions.includes(A.ChangeOfferUptake),
      attempt: async (c, f) =>
        c.request('PATCH', `${TH}/offers/${f.offerId}`, {
          version: (await ownView(f)).offers!.find((o) => o.id === f.offerId)!.version,
          uptake: 'accepted',
        }),
    },
    {
      action: A.SetActionStatus,
      listed: (p, f) =>
        !!p.actions?.find((a) => a.id === f.actionId)?.allowedActions.includes(A.SetActionStatus),
      attempt: async (c, f) =>
        c.request('PATCH', `${TH}/actions/${f.actionId}`, {
          version: (await ownView(f)).actions!.find((a) => a.id === f.actionId)!.version,
          status: ActionStatus.Done,
        }),
    },
    {
      action: A.Leave,
      listed: (p) => p.allowedActions.includes(A.Leave),
      attempt: async (c, f) =>
        c.post(`${TH}/cases/${f.kase.id}/leave`, {
          outcome: CaseloadOutcome.Removed,
          reason: 'Fel grupp.',
          version: (await ownView(f)).version,
        }),
    },
  ];

  it.each(ROLES.map((r) => [r]))('as %s', async (username) => {
    const f = await fixture();
    const caller = client(username);
    const view = await caller.get<TryggaHemCaseDto>(`${TH}/cases/${f.kase.id}`);
    // Kept out of the case (403), a caller is offered nothing.
    expectStatus(view, [200, 403], `GET the case as ${username}`);
    const outcomes: string[] = [];
    for (const { action, listed, attempt } of ACTIONS) {
      // Read again before each attempt: an earlier write may have changed the record.
      const now = await caller.get<TryggaHemCaseDto>(`${TH}/cases/${f.kase.id}`);
      const mayTake = now.status === 200 && listed(now.body, f);
      const res = await attempt(caller, f);
      outcomes.push(`${action}: ${mayTake ? 'listed' : 'not listed'} → ${res.status}`);
      if (mayTake ? res.status < 200 || res.status >= 300 : res.status !== 403)
        throw new Error(
          `${username}: ${action} was ${mayTake ? 'offered' : 'not offered'} but answered ${res.status}: ${JSON.stringify(res.body)}\n${outcomes.join('\n')}`,
        );
    }
    expect(outcomes).toHaveLength(ACTIONS.length);
  });

  it('the owner is offered every action; the police their own record’s, not the owner’s', async () => {
    const f = await fixture();
    const own = await ownView(f);
    expect(own.allowedActions).toEqual([
      A.SetPriority,
      A.Leave,
      A.AddNotification,
      A.AddOffer,
      A.AddControlMeasure,
      A.AddIncident,
      A.AddRiskAssessment,
      A.SaveSafetyPlan,
    ]);
    expect(own.notifications![0].allowedActions).toEqual([A.CorrectRecord, A.RemoveRecord]);
    expect(own.controlMeasures![0].allowedActions).toEqual([]);
    const police = (await client('polis.orebro').get<TryggaHemCaseDto>(`${TH}/cases/${f.kase.id}`))
      .body;
    expect(police.allowedActions).toEqual([
      A.SetPriority,
      A.Leave,
      A.AddNotification,
      A.AddControlMeasure,
      A.AddIncident,
      A.AddRiskAssessment,
    ]);
    expect(police.controlMeasures![0].allowedActions).toEqual([A.CorrectRecord, A.RemoveRecord]);
    expect(police.notifications![0].allowedActions).toEqual([]);
    expect(police.incidents![0].allowedActions).toEqual([]);
    expect(police.offers).toBeNull();
    expect(police.actions![0].allowedActions).toEqual([A.SetActionStatus]);
  });
});
