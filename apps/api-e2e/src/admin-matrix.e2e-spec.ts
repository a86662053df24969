import { type OrganisationDto, Role } from '@samsyn/common';
import type { Pool } from 'pg';
import { createUsers, e2ePool, expectStatus } from './support/fixtures';
import { ApiClient } from './support/http';
import { mappedRoutes } from './support/routes';

/**
 * Issue 16's admin matrix: every administration route × each kind of caller × the caller's own
 * or another organisation → the answer the rules give (system_admin everywhere, org_admin in
 * their own organisation only, nobody else), and nothing written on a 403. Generated from the
 * routes Nest maps, as the 401 check is: a route under /admin/ (or a write under /organisations)
 * without a row in CASES fails the first test, so a new one cannot slip in unchecked.
 *
 * Everything happens in two organisations of its own (own = A, the callers' organisation, other
 * = B), so the writes that are allowed change nothing other specs look at.
 */

type Actor = 'system_admin' | 'org_admin' | 'social_worker';
type Target = 'own' | 'other';
const ACTORS: readonly Actor[] = ['system_admin', 'org_admin', 'social_worker'];

/** One organisation's fixtures: itself, a unit and a user to act on. */
interface Fixture {
  organisationId: string;
  unitId: string;
  userId: string;
}

interface Context {
  db: Pool;
  own: Fixture;
  other: Fixture;
  run: string;
}

interface Case {
  /** The concrete path for the target organisation. */
  path(ctx: Context, t: Fixture): string;
  /** A valid body (read fresh: versions move as allowed writes happen). */
  body?(ctx: Context, t: Fixture): Promise<unknown>;
  /** The answer when the caller may do it (past the guards: the route's own answer). */
  ok: number | readonly number[];
  /** Who may, per target: the rest get 403. */
  allowed: Record<Actor, readonly Target[]>;
  /** A route without a target organisation (creating one): run once. */
  targetless?: boolean;
}

const EVERYWHERE: readonly Target[] = ['own', 'other'];
const OWN: readonly Target[] = ['own'];
const NOWHERE: readonly Target[] = [];
/** The users administration: system_admin everywhere, org_admin in their own organisation. */
const USER_ADMIN = { system_admin: EVERYWHERE, org_admin: OWN, social_worker: NOWHERE };
/** Organisations and units: system_admin only. */
const SYSTEM_ONLY = { system_admin: EVERYWHERE, org_admin: NOWHERE, social_worker: NOWHERE };

const version = async (db: Pool, table: string, id: string) =>
  (await db.query<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id])).rows[0]
    .version;

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/** The expected answers of every administration route, keyed as the route table names them. */
const CASES: Record<string, Case> = {
  'GET /api/v1/admin/users': {
    path: (_c, t) => `/api/v1/admin/users?organisationId=${t.organisationId}`,
    ok: 200,
    allowed: USER_ADMIN,
  },
  'GET /api/v1/admin/users/:id': {
    path: (_c, t) => `/api/v1/admin/users/${t.userId}`,
    ok: 200,
    allowed: USER_ADMIN,
  },
  'GET /api/v1/admin/organisations/:id/user-options': {
    path: (_c, t) => `/api/v1/admin/organisations/${t.organisationId}/user-options`,
    ok: 200,
    allowed: USER_ADMIN,
  },
  'POST /api/v1/admin/users': {
    path: () => '/api/v1/admin/users',
    body: (c, t) =>
      Promise.resolve({
        organisationId: t.organisationId,
        username: `matrix.new.${unique()}`,
        displayName: 'Matris Ny',
        unitId: t.unitId,
        roles: [Role.SocialWorker],
      }),
    ok: 201,
    allowed: USER_ADMIN,
  },
  'PATCH /api/v1/admin/users/:id': {
    path: (_c, t) => `/api/v1/admin/users/${t.userId}`,
    body: async (c, t) => ({
      version: await version(c.db, 'users', t.userId),
      displayName: `Matris Offer ${unique()}`,
    }),
    ok: 200,
    allowed: USER_ADMIN,
  },
  'POST /api/v1/admin/users/:id/unlock': {
    path: (_c, t) => `/api/v1/admin/users/${t.userId}/unlock`,
    ok: 200,
    allowed: USER_ADMIN,
  },
  'POST /api/v1/admin/users/:id/password-reset': {
    path: (_c, t) => `/api/v1/admin/users/${t.userId}/password-reset`,
    ok: 200,
    allowed: USER_ADMIN,
  },
  'POST /api/v1/admin/users/:id/second-factor/reset': {
    path: (_c, t) => `/api/v1/admin/users/${t.userId}/second-factor/reset`,
    ok: 204,
    allowed: USER_ADMIN,
  },
  'POST /api/v1/organisations': {
    path: () => '/api/v1/organisations',
    body: () => Promise.resolve({ kind: 'other', name: `Matris Ny Organisation ${unique()}` }),
    ok: 201,
    allowed: SYSTEM_ONLY,
    targetless: true,
  },
  'PATCH /api/v1/organisations/:id': {
    path: (_c, t) => `/api/v1/organisations/${t.organisationId}`,
    body: async (c, t) => ({
      version: await version(c.db, 'organisations', t.organisationId),
      hsaId: null,
    }),
    ok: 200,
    allowed: SYSTEM_ONLY,
  },
  'POST /api/v1/organisations/:id/units': {
    path: (_c, t) => `/api/v1/organisations/${t.organisationId}/units`,
    body: () => Promise.resolve({ name: `Matrisenhet ${unique()}`, kind: 'other' }),
    ok: 201,
    allowed: SYSTEM_ONLY,
  },
  'PATCH /api/v1/organisations/:id/units/:unitId': {
    path: (_c, t) => `/api/v1/organisations/${t.organisationId}/units/${t.unitId}`,
    body: async (c, t) => ({ version: await version(c.db, 'units', t.unitId), kind: 'other' }),
    ok: 200,
    allowed: SYSTEM_ONLY,
  },
  // The where-to-get-help text is the org_admin's own (D13): a system_admin has no say in it.
  'PATCH /api/v1/organisations/:id/help-text': {
    path: (_c, t) => `/api/v1/organisations/${t.organisationId}/help-text`,
    body: () => Promise.resolve({ sv: 'Ring kommunens växel.', en: 'Call the switchboard.' }),
    ok: 200,
    allowed: { system_admin: NOWHERE, org_admin: OWN, social_worker: NOWHERE },
  },
};

/**
 * The queue dashboard (bull-board, system:operate): not an organisation's, so targetless. Its
 * deeper routes forward to the board, which answers 200 or its own 404 for a path it lacks; past
 * the guards either way.
 */
const QUEUE_DASHBOARD: Record<string, Case> = Object.fromEntries(
  [0, 1, 2, 3, 4, 5].map((depth) => [
    `GET /api/v1/admin/queues${Array.from({ length: depth }, (_, i) => `/:s${i + 1}`).join('')}`,
    {
      path: () =>
        `/api/v1/admin/queues${['queue', 'reminders', '1', 'x', 'y']
          .slice(0, depth)
          .map((s) => `/${s}`)
          .join('')}`,
      ok: depth === 0 ? 200 : [200, 404],
      allowed: SYSTEM_ONLY,
      targetless: true,
    } satisfies Case,
  ]),
);
Object.assign(CASES, QUEUE_DASHBOARD);

/** The administration routes: everything under /admin/, and the writes under /organisations. */
function adminRoutes(): string[] {
  return mappedRoutes()
    .filter(
      ({ method, path }) =>
        path.includes('/admin/') || (method !== 'GET' && path.startsWith('/api/v1/organisations')),
    )
    .map(({ method, path }) => `${method} ${path}`);
}

/**
 * What a refused request must leave as it was: the rows of both organisations (with their
 * versions), the number of users, units, organisations and codes, and the administration events.
 */
async function snapshot(c: Context): Promise<unknown> {
  const ids = [c.own.organisationId, c.other.organisationId];
  const { rows } = await c.db.query(
    `SELECT
       (SELECT count(*)::int FROM users) AS users,
       (SELECT count(*)::int FROM units) AS units,
       (SELECT count(*)::int FROM organisations) AS organisations,
       (SELECT count(*)::int FROM password_reset_tokens) AS codes,
       (SELECT count(*)::int FROM audit_events
         WHERE action LIKE 'admin.%' OR action LIKE 'organisation.%') AS admin_events,
       (SELECT json_agg(json_build_object('id', id, 'v', version, 'name', name, 'help', help_text_sv)
          ORDER BY id) FROM organisations WHERE id = ANY($1)) AS orgs,
       (SELECT json_agg(json_build_object('id', id, 'v', version) ORDER BY id)
          FROM units WHERE organisation_id = ANY($1)) AS unit_rows,
       (SELECT json_agg(json_build_object('id', id, 'v', version, 'locked', locked_until)
          ORDER BY id) FROM users WHERE organisation_id = ANY($1)) AS user_rows`,
    [ids],
  );
  return rows[0];
}

describe('admin matrix: every administration route × role × own or other organisation', () => {
  const routes = adminRoutes();
  const ctx = {} as Context;
  const clients = {} as Record<Actor, ApiClient>;

  beforeAll(async () => {
    ctx.db = e2ePool();
    ctx.run = unique();
    const sysadmin = await ApiClient.signedIn('sysadmin');
    const fixture = async (letter: string): Promise<Fixture> => {
      const org = await sysadmin.post<OrganisationDto>('/api/v1/organisations', {
        kind: 'municipality',
        name: `Matriskommun ${letter} ${ctx.run}`,
      });
      expectStatus(org, 201, 'matrix organisation');
      const withUnit = await sysadmin.post<OrganisationDto>(
        `/api/v1/organisations/${org.body.id}/units`,
        { name: 'Socialtjänsten', kind: 'social_services' },
      );
      expectStatus(withUnit, 201, 'matrix unit');
      const unitId = withUnit.body.units[0].id;
      const users = await createUsers(ctx.db, [
        {
          username: `matrix.offer.${letter}.${ctx.run}`,
          displayName: `Matris Offer ${letter}`,
          roles: [Role.SocialWorker],
          organisationId: org.body.id,
          unitId,
        },
      ]);
      return { organisationId: org.body.id, unitId, userId: [...users.values()][0] };
    };
    ctx.own = await fixture('A');
    ctx.other = await fixture('B');
    const callers = await createUsers(
      ctx.db,
      ACTORS.map((actor) => ({
        username: `matrix.${actor}.${ctx.run}`,
        displayName: `Matris ${actor}`,
        roles: [actor as Role],
        organisationId: ctx.own.organisationId,
        unitId: ctx.own.unitId,
      })),
    );
    expect(callers.size).toBe(ACTORS.length);
    for (const actor of ACTORS)
      clients[actor] = await ApiClient.signedIn(`matrix.${actor}.${ctx.run}`);
  });

  afterAll(() => ctx.db?.end());

  it('has a case for every administration route, and none for a route that is gone', () => {
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(CASES).length);
    expect(routes.filter((r) => !CASES[r])).toEqual([]);
    expect(Object.keys(CASES).filter((k) => !routes.includes(k))).toEqual([]);
  });

  for (const key of Object.keys(CASES)) {
    const c = CASES[key];
    const [method] = key.split(' ');
    const targets: Target[] = c.targetless ? ['own'] : ['own', 'other'];
    for (const actor of ACTORS) {
      for (const target of targets) {
        const allowed = c.allowed[actor].includes(target);
        const where = c.targetless ? '' : ` in the ${target} organisation`;
        it(`${key}: ${actor}${where} → ${allowed ? [c.ok].flat().join(' or ') : 403}`, async () => {
          const t = target === 'own' ? ctx.own : ctx.other;
          const path = c.path(ctx, t);
          const body = c.body ? await c.body(ctx, t) : method === 'GET' ? undefined : {};
          const before = allowed ? null : await snapshot(ctx);
          const res = await clients[actor].request(method, path, body);
          const expected = allowed ? [c.ok].flat() : [403];
          expect({ route: key, actor, target, status: res.status }).toEqual({
            route: key,
            actor,
            target,
            status: expected.includes(res.status) ? res.status : expected.join(' or '),
          });
          if (!allowed) expect(await snapshot(ctx)).toEqual(before);
        });
      }
    }
  }
});
