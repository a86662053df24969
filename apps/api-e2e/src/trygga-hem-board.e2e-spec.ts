import {
  type BoardRowDto,
  type BoardSort,
  BOARD_SORTS,
  type CaseDto,
  type CoordinatorGroupDto,
  type CreateCaseDto,
  type Page,
  ParticipantRole,
  Role,
  TryggaHemPriority,
} from '@samsyn/common';
import { addDays, type AgendaSignals, priorityRank, swedishDate } from '@samsyn/domain';
import type { Pool } from 'pg';
import {
  createCase,
  createUsers,
  directory,
  e2ePool,
  expectStatus,
  PersonnummerGenerator,
} from './support/fixtures';
import { ApiClient } from './support/http';

const today = swedishDate(new Date());
const numbers = new PersonnummerGenerator(79);
/** Kumla: no other spec gives this municipality a koordinatorsgrupp. */
const MUNICIPALITY = '1881';
const CASES = 15;
const PAGE_SIZE = 4;

type Category = 'identity' | 'coordination' | 'risk' | 'criminal' | 'social';

/** What a case was given, so the test can work out every page on its own (the oracle). */
interface Fixture {
  index: number;
  kase: CaseDto;
  priority: TryggaHemPriority;
  referredOn: string;
  newIncidents: number;
  repeat: boolean;
  highRisk: boolean;
  reviewDue: boolean;
  overdueActions: number;
  /** The categories the police member's consent grants; null: no consent, out of scope. */
  police: Category[] | null;
  closed: boolean;
}

interface Query {
  sort: BoardSort;
  priority?: TryggaHemPriority;
  repeat?: boolean;
  overdueActions?: boolean;
  highRisk?: boolean;
  newIncidents?: boolean;
}

const FILTERS: Omit<Query, 'sort'>[] = [
  {},
  { priority: TryggaHemPriority.D },
  { priority: TryggaHemPriority.A },
  { repeat: true },
  { repeat: false },
  { overdueActions: true },
  { overdueActions: false },
  { highRisk: true },
  { highRisk: false },
  { newIncidents: true },
  { newIncidents: false },
  { highRisk: false, newIncidents: false, priority: TryggaHemPriority.B },
];

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The rows a caller should get, in order, computed from the fixtures alone. */
function expected(fixtures: readonly Fixture[], who: 'owner' | 'police', q: Query): string[] {
  const rows = fixtures
    .filter((f) => !f.closed && (who === 'owner' || f.police !== null))
    .map((f) => {
      const sees = (c: Category) => who === 'owner' || f.police!.includes(c);
      const signals: AgendaSignals = {
        caseId: f.kase.id,
        caseNumber: f.kase.number,
        priority: f.priority,
        newIncidents: f.newIncidents,
        repeat: f.repeat,
        highRisk: f.highRisk,
        reviewDue: f.reviewDue,
        overdueActions: f.overdueActions,
        daysSinceReview: daysBetween(f.referredOn, today),
      };
      // The agenda order counts only the signals the caller sees (a hidden one cannot move a
      // case up): the reason rank of compareAgenda over the visible signals.
      const agendaRank =
        sees('criminal') && f.newIncidents > 0
          ? 0
          : sees('coordination') && f.repeat
            ? 1
            : sees('risk') && f.highRisk
              ? 2
              : sees('risk') && f.reviewDue
                ? 3
                : sees('coordination') && f.overdueActions > 0
                  ? 4
                  : 5;
      return {
        signals,
        agendaRank,
        priority: sees('coordination') ? f.priority : null,
        repeat: sees('coordination') && f.repeat,
        overdue: sees('coordination') && f.overdueActions > 0,
        highRisk: sees('risk') && f.highRisk,
        newIncidents: sees('criminal') && f.newIncidents > 0,
      };
    })
    .filter(
      (r) =>
        (q.priority === undefined || r.priority === q.priority) &&
        (q.repeat === undefined || r.repeat === q.repeat) &&
        (q.overdueActions === undefined || r.overdue === q.overdueActions) &&
        (q.highRisk === undefined || r.highRisk === q.highRisk) &&
        (q.newIncidents === undefined || r.newIncidents === q.newIncidents),
    );
  const byNumber = (a: (typeof rows)[0], b: (typeof rows)[0]) =>
    a.signals.caseNumber < b.signals.caseNumber ? -1 : 1;
  const byVisiblePriority = (a: (typeof rows)[0], b: (typeof rows)[0]) =>
    (b.priority ? priorityRank(b.priority) : -1) - (a.priority ? priorityRank(a.priority) : -1);
  rows.sort((a, b) =>
    q.sort === 'agenda'
      ? a.agendaRank - b.agendaRank ||
        byVisiblePriority(a, b) ||
        b.signals.daysSinceReview - a.signals.daysSinceReview ||
        byNumber(a, b)
      : q.sort === 'priority'
        ? byVisiblePriority(a, b) || byNumber(a, b)
        : q.sort === 'daysSinceReview'
          ? b.signals.daysSinceReview - a.signals.daysSinceReview || byNumber(a, b)
          : byNumber(a, b),
  );
  return rows.map((r) => r.signals.caseId);
}

function queryString(q: Query, page: number, pageSize: number): string {
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
  return params.toString();
}

/**
 * The caseload board's paging in SQL (issue 6 §5): with more cases than fit a page, every sort
 * and filter gives the same total on every page and, page after page, exactly the order the
 * rules give — for the owner, who sees everything, and for a police member who sees some cases
 * by consent (some with fewer categories) and must never have the others counted.
 */
describe('Trygga hem board: filtering, sorting and paging in SQL', () => {
  let db: Pool;
  let social: ApiClient;
  let polis: ApiClient;
  let vard: ApiClient;
  let group: CoordinatorGroupDto;
  const fixtures: Fixture[] = [];

  beforeAll(async () => {
    db = e2ePool(2);
    const dir = await directory(db);
    const kumla = dir.organisation('Kumla kommun');
    const policeOrg = dir.organisations.find((o) => o.type === 'police')!;
    const region = dir.organisations.find((o) => o.type === 'region')!;
    const ids = await createUsers(db, [
      {
        username: 'e2e.board.social',
        displayName: 'Board Socialsekreterare',
        roles: [Role.SocialWorker],
        organisationId: kumla.id,
        unitId: dir.unit('Kumla kommun', 'Socialtjänsten, individ- och familjeomsorg').id,
      },
      {
        username: 'e2e.board.polis',
        displayName: 'Board Polis',
        roles: [Role.PoliceOfficer],
        organisationId: policeOrg.id,
        unitId: null,
      },
      {
        username: 'e2e.board.vard',
        displayName: 'Board Vård',
        roles: [Role.HealthcareStaff],
        organisationId: region.id,
        unitId: null,
      },
    ]);
    const samordnare = await ApiClient.signedIn('samordnare.orebro');
    [social, polis, vard] = await Promise.all(
      ['e2e.board.social', 'e2e.board.polis', 'e2e.board.vard'].map((u) => ApiClient.signedIn(u)),
    );
    const created = await samordnare.post<CoordinatorGroupDto>('/api/v1/trygga-hem/groups', {
      name: 'Koordinatorsgruppen Kumla',
      municipalityCode: MUNICIPALITY,
    });
    expectStatus(created, 201, 'create group');
    group = created.body;
    for (const username of ['e2e.board.social', 'e2e.board.polis', 'e2e.board.vard']) {
      const added = await samordnare.post<CoordinatorGroupDto>(
        `/api/v1/trygga-hem/groups/${group.id}/members`,
        { userId: ids.get(username) },
      );
      expectStatus(added, 201, 'add member');
    }

    for (let i = 0; i < CASES; i++) {
      // Police: full coordination view, identity only, or nothing at all (out of scope).
      const police =
        i % 3 === 0
          ? (['identity', 'coordination', 'risk', 'criminal'] as Category[])
          : i % 3 === 1
            ? (['identity'] as Category[])
            : null;
      const kase = await createCase(social, {
        programme: 'TRYGGA_HEM',
        municipalityCode: MUNICIPALITY,
        participants: [
          {
            role: ParticipantRole.Offender,
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: numbers.forBirthDate('1979-03-03'),
              firstName: 'Board',
              lastName: `Utövare ${i}`,
            },
          },
          {
            role: ParticipantRole.Victim,
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: numbers.forBirthDate('1983-04-04'),
              firstName: 'Board',
              lastName: `Utsatt ${i}`,
            },
          },
        ],
        consents: police
          ? [
              {
                participantIndex: 0,
                recipientOrganisationIds: [policeOrg.id],
                categories: police,
                form: 'written',
                givenOn: today,
                validUntil: addDays(today, 365),
              },
            ]
          : [],
      } as unknown as CreateCaseDto);
      const f: Fixture = {
        index: i,
        kase,
        priority: [
          TryggaHemPriority.A,
          TryggaHemPriority.B,
          TryggaHemPriority.C,
          TryggaHemPriority.D,
        ][i % 4],
        // Several cases share a referral day, so ties must fall back on the case number.
        referredOn: addDays(today, -(20 + (i % 5) * 7)),
        newIncidents: 0,
        repeat: false,
        highRisk: i % 5 === 2,
        reviewDue: i % 7 === 3,
        overdueActions: i % 4 === 3 ? 1 + (i % 2) : 0,
        police,
        closed: i === CASES - 1,
      };
      const enrolled = await social.post('/api/v1/trygga-hem/cases', {
        caseId: kase.id,
        groupId: group.id,
        priority: f.priority,
        priorityBasis: 'Bedömning vid aktualisering.',
        referredOn: f.referredOn,
      });
      expectStatus(enrolled, 201, 'enrol');

      const victimId = kase.participants.find((p) => p.role === ParticipantRole.Victim)!.person.id;
      const incident = (victim: boolean) =>
        social.post(`/api/v1/trygga-hem/cases/${kase.id}/incidents`, {
          occurredOn: addDays(today, -1),
          kind: 'threat',
          ...(victim ? { victimPersonId: victimId } : {}),
        });
      if (i % 4 === 1) {
        expectStatus(await incident(false), 201, 'incident');
        f.newIncidents++;
      }
      if (i % 6 === 0) {
        // Against the case's own victim within the window: a repeat (issue 6 §4).
        expectStatus(await incident(true), 201, 'repeat incident');
        f.newIncidents++;
        f.repeat = true;
      }
      // Assessments after the incidents, so no incident has asked for their review.
      if (f.reviewDue)
        expectStatus(
          await social.post(`/api/v1/trygga-hem/cases/${kase.id}/risk-assessments`, {
            instrument: 'b_safer',
            assessedOn: addDays(today, -90),
            level: 'low',
            reviewOn: addDays(today, -1),
          }),
          201,
          'overdue assessment',
        );
      if (f.highRisk)
        expectStatus(
          await social.post(`/api/v1/trygga-hem/cases/${kase.id}/risk-assessments`, {
            instrument: 'freda',
            assessedOn: addDays(today, -2),
            level: 'high',
            reviewOn: addDays(today, 60),
          }),
          201,
          'high risk assessment',
        );
      // The API refuses a due date in the past: these actions were due days ago (time passed).
      for (let a = 0; a < f.overdueActions; a++)
        await db.query(
          `INSERT INTO trygga_hem_actions (version, case_id, description, owner_organisation_id,
                                           owner_user_id, due_on, status)
           VALUES (1, $1, 'Uppföljning', $2, $3, $4, 'open')`,
          [kase.id, kumla.id, ids.get('e2e.board.social'), addDays(today, -3)],
        );
      // An open action that is not yet due counts as open, never as overdue.
      if (i % 5 === 0)
        await db.query(
          `INSERT INTO trygga_hem_actions (version, case_id, description, owner_organisation_id,
                                           owner_user_id, due_on, status)
           VALUES (1, $1, 'Samtal', $2, $3, $4, 'open')`,
          [kase.id, kumla.id, ids.get('e2e.board.social'), addDays(today, 10)],
        );
      fixtures.push(f);
    }
    // A closed case stays in the group's table but never on its board.
    const last = fixtures[CASES - 1];
    const closing = await social.post(`/api/v1/cases/${last.kase.id}/status`, {
      version: (await social.get<CaseDto>(`/api/v1/cases/${last.kase.id}`)).body.version,
      status: 'closed',
      reason: 'Avslutat',
    });
    expectStatus(closing, 200, 'close case');
  }, 120_000);

  afterAll(async () => {
    await db?.end();
  });

  /** Every page of a query, checking that each page agrees on the total and is full but the last. */
  async function allPages(client: ApiClient, q: Query): Promise<{ ids: string[]; total: number }> {
    const first = await client.get<Page<BoardRowDto>>(
      `/api/v1/trygga-hem/groups/${group.id}/board?${queryString(q, 1, PAGE_SIZE)}`,
    );
    expectStatus(first, 200, 'board');
    const total = first.body.total;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const ids = first.body.items.map((r) => r.caseId);
    expect(first.body.items.length).toBe(Math.min(PAGE_SIZE, total));
    for (let page = 2; page <= pages + 1; page++) {
      const res = await client.get<Page<BoardRowDto>>(
        `/api/v1/trygga-hem/groups/${group.id}/board?${queryString(q, page, PAGE_SIZE)}`,
      );
      expectStatus(res, 200, 'board');
      expect({ page, total: res.body.total, pageNo: res.body.page }).toEqual({
        page,
        total,
        pageNo: page,
      });
      // Full pages, a partial last one, then (one past the end) nothing but the same total.
      expect(res.body.items.length).toBe(
        Math.max(0, Math.min(PAGE_SIZE, total - (page - 1) * PAGE_SIZE)),
      );
      ids.push(...res.body.items.map((r) => r.caseId));
    }
    return { ids, total };
  }

  const name = (q: Omit<Query, 'sort'>) => JSON.stringify(q);

  it('has more cases than one page, for both callers', async () => {
    const owner = await allPages(social, { sort: 'agenda' });
    const police = await allPages(polis, { sort: 'agenda' });
    expect(owner.total).toBe(CASES - 1);
    expect(owner.total).toBeGreaterThan(2 * PAGE_SIZE);
    expect(police.total).toBe(fixtures.filter((f) => f.police && !f.closed).length);
    expect(police.total).toBeGreaterThan(PAGE_SIZE);
  });

  describe.each(BOARD_SORTS.map((sort) => [sort]))('sorted by %s', (sort) => {
    it.each(FILTERS.map((filter) => [name(filter), filter]))(
      'the owner gets every page in order with %s',
      async (_label, filter) => {
        const q: Query = { sort, ...filter };
        const got = await allPages(social, q);
        const want = expected(fixtures, 'owner', q);
        expect(got.total).toBe(want.length);
        expect(got.ids).toEqual(want);
      },
    );

    it.each(FILTERS.map((filter) => [name(filter), filter]))(
      'a police member gets only cases in their scope, filtered on what they see, with %s',
      async (_label, filter) => {
        const q: Query = { sort, ...filter };
        const got = await allPages(polis, q);
        const want = expected(fixtures, 'police', q);
        expect(got.total).toBe(want.length);
        expect(got.ids).toEqual(want);
        const outOfScope = new Set(fixtures.filter((f) => !f.police).map((f) => f.kase.id));
        expect(got.ids.filter((id) => outOfScope.has(id))).toEqual([]);
      },
    );
  });

  it('a case the police see with identity only shows no signals and matches no signal filter', async () => {
    const res = await polis.get<Page<BoardRowDto>>(
      `/api/v1/trygga-hem/groups/${group.id}/board?sort=caseNumber&pageSize=100`,
    );
    const identityOnly = fixtures.filter((f) => f.police?.length === 1 && !f.closed);
    expect(identityOnly.length).toBeGreaterThan(0);
    for (const f of identityOnly) {
      const row = res.body.items.find((r) => r.caseId === f.kase.id)!;
      expect(row).toMatchObject({
        priority: null,
        repeat: false,
        highRisk: null,
        overdueActions: null,
        newIncidents: null,
        reasons: [],
      });
    }
  });

  it('the rows show the signals the filters used (owner view)', async () => {
    const res = await social.get<Page<BoardRowDto>>(
      `/api/v1/trygga-hem/groups/${group.id}/board?sort=caseNumber&pageSize=100`,
    );
    for (const f of fixtures.filter((x) => !x.closed)) {
      const row = res.body.items.find((r) => r.caseId === f.kase.id)!;
      expect({ n: f.index, row }).toMatchObject({
        n: f.index,
        row: {
          priority: f.priority,
          repeat: f.repeat,
          highRisk: f.highRisk,
          reviewDue: f.reviewDue,
          overdueActions: f.overdueActions,
          openActions: f.overdueActions + (f.index % 5 === 0 ? 1 : 0),
          newIncidents: f.newIncidents,
          daysSinceReview: daysBetween(f.referredOn, today),
        },
      });
      expect(row.risk!.length).toBe(f.highRisk || f.reviewDue ? 1 : 0);
    }
  });

  it('a member whose organisation has no consent counts nothing', async () => {
    const res = await vard.get<Page<BoardRowDto>>(
      `/api/v1/trygga-hem/groups/${group.id}/board?page=2&pageSize=${PAGE_SIZE}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: [], total: 0, page: 2 });
  });

  it('only the categories of the board are shown to a police member who may see them', async () => {
    const full = fixtures.find((f) => f.police?.includes('coordination') && !f.closed)!;
    const res = await polis.get<Page<BoardRowDto>>(
      `/api/v1/trygga-hem/groups/${group.id}/board?sort=caseNumber&pageSize=100`,
    );
    const row = res.body.items.find((r) => r.caseId === full.kase.id)!;
    expect(row.priority).toBe(full.priority);
    // Social data (offers) is not in the police consent.
    expect(row.openOffers).toBeNull();
  });
});
