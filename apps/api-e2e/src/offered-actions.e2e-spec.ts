import {
  type AuditEventDto,
  CaseAction,
  type CaseDto,
  type ConsentDto,
  type CreateCaseDto,
  type Page,
  type ProblemDetails,
} from '@samsyn/common';
import { addDays, swedishDate } from '@samsyn/domain';
import type { Pool } from 'pg';
import {
  createCase,
  DEMO_USERS,
  directory,
  e2ePool,
  expectStatus,
  PersonnummerGenerator,
  signInAll,
} from './support/fixtures';
import type { ApiClient, HttpResult } from './support/http';
import { sipCaseDto } from './support/sip';

/*
 * Issue 15: the client must not offer what the server refuses. For every demo role and cases
 * shaped like the demo cases, each action the API lists in `allowedActions` succeeds when
 * attempted with a valid body, and each one it does not list is refused. A listed action is
 * attempted on a fresh case (writes would interfere); a refusal writes nothing, so refusals are
 * tried on one case per shape.
 */

const ROLES = DEMO_USERS;

const ACTIONS = [
  CaseAction.Update,
  CaseAction.ConsentRecord,
  CaseAction.ConsentWithdraw,
  CaseAction.ParticipantAdd,
  CaseAction.TeamAdd,
  CaseAction.JournalAdd,
] as const;
type TestedAction = (typeof ACTIONS)[number];

const BASE = '/api/v1';
const pnr = new PersonnummerGenerator(97);
const today = swedishDate(new Date());

interface Ids {
  region: string;
  police: string;
  probation: string;
  users: Map<string, string>;
}

/** A case shaped like one of the demo cases, opened by its owner with its team. */
interface Shape {
  name: string;
  owner: string;
  team: { username: string; caseRole: string }[];
  dto(ids: Ids): CreateCaseDto;
  /** A team role and a participant role of the programme, for the attempts. */
  teamRole: string;
  participantRole: string;
  participantBirthDate: string;
  journalCategory: string;
}

const person = (firstName: string, birthDate: string) => ({
  personalNumberKind: 'personnummer',
  personalNumber: pnr.forBirthDate(birthDate),
  firstName,
  lastName: 'Åtgärdsson',
});

const SHAPES: Shape[] = [
  {
    name: 'SIP case of Örebro kommun shared with psychiatry by consent',
    owner: 'social.orebro',
    team: [{ username: 'vard.psykiatri', caseRole: 'healthcare_contact' }],
    dto: ({ region }) =>
      sipCaseDto(pnr, {
        birthDate: '1985-04-12',
        firstName: 'Eva',
        lastName: 'Åtgärdsson',
        consent: {
          to: [region],
          categories: ['identity', 'health', 'coordination'],
          validDays: 365,
        },
      }),
    teamRole: 'other_actor',
    participantRole: 'relative',
    participantBirthDate: '1961-01-15',
    journalCategory: 'coordination',
  },
  {
    name: 'Trygga hem case with the police and Frivård on the team by consent',
    owner: 'social.orebro',
    team: [
      { username: 'polis.orebro', caseRole: 'police_contact' },
      { username: 'frivard.orebro', caseRole: 'probation_contact' },
    ],
    dto: ({ police, probation }) =>
      ({
        programme: 'TRYGGA_HEM',
        participants: [
          { role: 'offender', person: person('Johan', '1979-02-03') },
          { role: 'victim', person: person('Lina', '1983-07-21') },
        ],
        consents: [
          {
            participantIndex: 0,
            recipientOrganisationIds: [police, probation],
            categories: ['identity', 'coordination', 'criminal', 'risk'],
            form: 'written',
            givenOn: today,
            validUntil: addDays(today, 365),
          },
        ],
      }) as CreateCaseDto,
    teamRole: 'healthcare_contact',
    participantRole: 'child',
    participantBirthDate: '2015-03-01',
    journalCategory: 'coordination',
  },
  {
    name: 'SIP case of the region without consent',
    owner: 'vard.psykiatri',
    team: [],
    dto: () =>
      sipCaseDto(pnr, { birthDate: '1992-06-18', firstName: 'Amir', lastName: 'Åtgärdsson' }),
    teamRole: 'other_actor',
    participantRole: 'relative',
    participantBirthDate: '1961-01-15',
    journalCategory: 'health',
  },
];

describe('offered actions (issue 15): allowedActions is exactly what the API accepts', () => {
  let db: Pool;
  let clients: Map<string, ApiClient>;
  let ids: Ids;

  beforeAll(async () => {
    db = e2ePool(2);
    const dir = await directory(db);
    const users = new Map(
      (
        await db.query<{ username: string; id: string }>(
          'SELECT username, id::text AS id FROM users WHERE username = ANY ($1)',
          [[...ROLES]],
        )
      ).rows.map((r) => [r.username, r.id] as const),
    );
    ids = {
      region: dir.organisation('Region Örebro län').id,
      police: dir.organisation('Polisområde Örebro län').id,
      probation: dir.organisation('Kriminalvården Frivård Örebro').id,
      users,
    };
    clients = await signInAll(ROLES);
  });

  afterAll(() => db.end());

  const client = (username: string) => {
    const c = clients.get(username);
    if (!c) throw new Error(`not signed in: ${username}`);
    return c;
  };

  /** Opens a case of the shape as its owner, with its team; answers the owner's view. */
  async function open(shape: Shape): Promise<CaseDto> {
    const owner = client(shape.owner);
    let kase = await createCase(owner, shape.dto(ids));
    for (const m of shape.team) {
      const res = await owner.post<CaseDto>(`${BASE}/cases/${kase.id}/team`, {
        userId: ids.users.get(m.username),
        caseRole: m.caseRole,
      });
      expectStatus(res, 201, `team add ${m.username}`);
      kase = res.body;
    }
    return kase;
  }

  /** What the API says the caller may do: on the case (or its 403), or on the consent record. */
  async function allowed(
    username: string,
    kase: CaseDto,
    action: TestedAction,
    consentId: string | null,
  ): Promise<boolean> {
    const caller = client(username);
    const res = await caller.get<CaseDto & ProblemDetails>(`${BASE}/cases/${kase.id}`);
    if (res.status === 403) {
      const listed = res.body.details?.['allowedActions'];
      return Array.isArray(listed) && listed.includes(action);
    }
    expectStatus(res, 200, `GET case as ${username}`);
    if (action !== CaseAction.ConsentWithdraw) return res.body.allowedActions.includes(action);
    // Per record: the consent row says whether this record may be withdrawn.
    const consents = await caller.get<ConsentDto[]>(`${BASE}/cases/${kase.id}/consents`);
    expectStatus(consents, 200, `GET consents as ${username}`);
    const row = consents.body.find((c) => c.id === consentId);
    return !!row?.allowedActions.includes(CaseAction.ConsentWithdraw);
  }

  /** Takes the action with a valid body. */
  function attempt(
    username: string,
    shape: Shape,
    kase: CaseDto,
    action: TestedAction,
    consentId: string | null,
  ): Promise<HttpResult> {
    const caller = client(username);
    const subject = kase.participants[0].person.id;
    switch (action) {
      case CaseAction.Update:
        return caller.request('PATCH', `${BASE}/cases/${kase.id}`, {
          version: kase.version,
          description: `Ändrad av ${username}`,
        });
      case CaseAction.ConsentRecord:
        return caller.post(`${BASE}/cases/${kase.id}/consents`, {
          personId: subject,
          recipientOrganisationIds: [ids.probation],
          categories: ['coordination'],
          form: 'oral',
          givenOn: today,
          validUntil: addDays(today, 90),
        });
      case CaseAction.ConsentWithdraw:
        return caller.post(`${BASE}/consents/${consentId}/withdraw`, { reason: 'Test' });
      case CaseAction.ParticipantAdd:
        return caller.post(`${BASE}/cases/${kase.id}/participants`, {
          role: shape.participantRole,
          person: person('Deltagare', shape.participantBirthDate),
        });
      case CaseAction.TeamAdd:
        return caller.post(`${BASE}/cases/${kase.id}/team`, {
          userId: ids.users.get('social.karlskoga'),
          caseRole: shape.teamRole,
        });
      case CaseAction.JournalAdd:
        return caller.post(`${BASE}/cases/${kase.id}/journal`, {
          category: shape.journalCategory,
          text: `Anteckning av ${username}`,
        });
    }
  }

  for (const shape of SHAPES) {
    describe(shape.name, () => {
      let shared: CaseDto;
      let sharedConsent: string | null;

      beforeAll(async () => {
        shared = await open(shape);
        const rows = await client(shape.owner).get<ConsentDto[]>(
          `${BASE}/cases/${shared.id}/consents`,
        );
        sharedConsent = rows.body[0]?.id ?? null;
      });

      it.each(ROLES.map((r) => [r]))('as %s', async (username) => {
        const outcomes: string[] = [];
        for (const action of ACTIONS) {
          if (action === CaseAction.ConsentWithdraw && sharedConsent === null) continue;
          const mayTake = await allowed(username, shared, action, sharedConsent);
          let kase = shared;
          let consentId = sharedConsent;
          if (mayTake) {
            // A fresh case, so the write does not change what the next attempt meets.
            kase = await open(shape);
            consentId =
              (await client(shape.owner).get<ConsentDto[]>(`${BASE}/cases/${kase.id}/consents`))
                .body[0]?.id ?? null;
            // And it is listed there too: the list does not depend on which copy is asked.
            expect(await allowed(username, kase, action, consentId)).toBe(true);
            // The owner's view carries the version the edit starts from.
            const own = await client(shape.owner).get<CaseDto>(`${BASE}/cases/${kase.id}`);
            kase = own.body;
          } else if (action === CaseAction.Update) {
            const own = await client(shape.owner).get<CaseDto>(`${BASE}/cases/${shared.id}`);
            kase = own.body;
          }
          const res = await attempt(username, shape, kase, action, consentId);
          outcomes.push(`${action}: ${mayTake ? 'listed' : 'not listed'} → ${res.status}`);
          if (mayTake) {
            if (res.status < 200 || res.status >= 300)
              throw new Error(
                `${username} was offered ${action} on "${shape.name}" but got ${res.status}: ${JSON.stringify(res.body)}`,
              );
          } else if (res.status !== 403)
            throw new Error(
              `${username} was not offered ${action} on "${shape.name}" but got ${res.status}: ${JSON.stringify(res.body)}`,
            );
        }
        expect(outcomes.length).toBeGreaterThan(0);
      });
    });
  }

  it('the review page links a case log outside the caseload only where the reviewer may open it', async () => {
    // An Örebro user's emergency access to a region case: in Örebro's list, but not Örebro's log.
    const regionCase = await open(SHAPES[2]);
    expectStatus(
      await client('social.orebro').post(`${BASE}/cases/${regionCase.id}/emergency-access`, {
        reason: 'Akut: hot mot den enskilde, behöver se samordningen.',
      }),
      201,
      'emergency access',
    );
    const reviewer = client('granskare.orebro');
    const res = await reviewer.get<Page<AuditEventDto>>(
      `${BASE}/audit/review/outside-caseload?days=1&pageSize=100`,
    );
    expectStatus(res, 200, 'outside caseload');
    const checked = new Map<string, boolean>();
    for (const e of res.body.items)
      e.caseIds.forEach((id, i) =>
        checked.set(id, !!e.caseAllowedActions?.[i]?.includes(CaseAction.CaseLogRead)),
      );
    expect(checked.get(regionCase.id)).toBe(false);
    // Every case of the list: offered exactly when the log answers.
    for (const [id, offered] of checked) {
      const log = await reviewer.get(`${BASE}/audit/cases/${id}/events`);
      expect({ id, status: log.status }).toEqual({ id, status: offered ? 200 : 403 });
    }
  });

  it('the police see none of the owner actions the issue names on their Trygga hem case', async () => {
    const kase = await open(SHAPES[1]);
    const res = await client('polis.orebro').get<CaseDto>(`${BASE}/cases/${kase.id}`);
    expectStatus(res, 200, 'GET case as polis.orebro');
    for (const refused of [
      CaseAction.Update,
      CaseAction.ConsentRecord,
      CaseAction.ConsentReplace,
      CaseAction.ParticipantAdd,
      CaseAction.TeamAdd,
      CaseAction.DisclosureRecord,
    ])
      expect(res.body.allowedActions).not.toContain(refused);
    expect(res.body.allowedActions).toContain(CaseAction.JournalAdd);
    const consents = await client('polis.orebro').get<ConsentDto[]>(
      `${BASE}/cases/${kase.id}/consents`,
    );
    expect(consents.body.map((c) => c.allowedActions)).toEqual([[CaseAction.ConsentWithdraw]]);
  });
});
