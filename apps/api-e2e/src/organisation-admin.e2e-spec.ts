import {
  AuditAction,
  ErrorCode,
  type OrganisationDto,
  type Page,
  type ProblemDetails,
} from '@samsyn/common';
import { sql } from './support/db';
import { expectStatus } from './support/fixtures';
import { ApiClient } from './support/http';

/**
 * Issue 16 §2: a system administrator keeps the organisations and their units — creates, edits,
 * deactivates, reactivates, never deletes. Nobody else may; every change is audited.
 */
const unique = () => Date.now().toString(36);

describe('organisations and units (system_admin)', () => {
  let sysadmin: ApiClient;

  beforeAll(async () => {
    sysadmin = await ApiClient.signedIn('sysadmin');
  });

  async function createRegion(name: string): Promise<OrganisationDto> {
    const res = await sysadmin.post<OrganisationDto>('/api/v1/organisations', {
      kind: 'region',
      name,
      organisationNumber: '2321000164',
      hsaId: 'SE2321000164-0001',
    });
    expectStatus(res, 201, 'create organisation');
    return res.body;
  }

  it('creates an organisation with its codes, adds a unit, edits both with the version read', async () => {
    const name = `Region Test ${unique()}`;
    const org = await createRegion(name);
    expect(org).toMatchObject({
      name,
      type: 'region',
      organisationNumber: '232100-0164',
      hsaId: 'SE2321000164-0001',
      municipalityCode: null,
      active: true,
      units: [],
    });

    const listed = await sysadmin.get<Page<OrganisationDto>>(
      `/api/v1/organisations?q=${encodeURIComponent(name)}`,
    );
    expect(listed.body.items.map((o) => o.id)).toEqual([org.id]);

    const withUnit = await sysadmin.post<OrganisationDto>(`/api/v1/organisations/${org.id}/units`, {
      name: 'Psykiatriska kliniken',
      kind: 'psychiatry',
    });
    expectStatus(withUnit, 201, 'add unit');
    const [unit] = withUnit.body.units;
    expect(unit).toMatchObject({ name: 'Psykiatriska kliniken', kind: 'psychiatry', active: true });

    const renamed = await sysadmin.request<OrganisationDto>(
      'PATCH',
      `/api/v1/organisations/${org.id}`,
      {
        version: org.version,
        name: `${name} (ny)`,
        hsaId: null,
      },
    );
    expectStatus(renamed, 200, 'rename');
    expect(renamed.body).toMatchObject({ name: `${name} (ny)`, hsaId: null });

    // The version read before the rename is stale now: 409, nothing changed.
    const stale = await sysadmin.request<ProblemDetails>(
      'PATCH',
      `/api/v1/organisations/${org.id}`,
      {
        version: org.version,
        name: `${name} (krock)`,
      },
    );
    expect([stale.status, stale.body.code]).toEqual([409, ErrorCode.VersionConflict]);
    const unitRenamed = await sysadmin.request<OrganisationDto>(
      'PATCH',
      `/api/v1/organisations/${org.id}/units/${unit.id}`,
      { version: unit.version, name: 'Allmänpsykiatrin' },
    );
    expectStatus(unitRenamed, 200, 'rename unit');
    const staleUnit = await sysadmin.request<ProblemDetails>(
      'PATCH',
      `/api/v1/organisations/${org.id}/units/${unit.id}`,
      { version: unit.version, name: 'Krock' },
    );
    expect(staleUnit.status).toBe(409);
    const one = await sysadmin.get<OrganisationDto>(`/api/v1/organisations/${org.id}`);
    expect(one.body.name).toBe(`${name} (ny)`);
    expect(one.body.units.map((u) => u.name)).toEqual(['Allmänpsykiatrin']);

    const events = await sql<{ action: AuditAction; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_events
        WHERE user_id = (SELECT id FROM users WHERE username = 'sysadmin') AND action LIKE 'admin.%'
        GROUP BY action ORDER BY action`,
    );
    expect(
      events.find((e) => e.action === AuditAction.AdminOrganisation)?.n,
    ).toBeGreaterThanOrEqual(2);
    expect(events.find((e) => e.action === AuditAction.AdminUnit)?.n).toBeGreaterThanOrEqual(2);
  });

  it('refuses duplicates with 409 and bad input with 400 naming each field, writing nothing', async () => {
    const name = `Region Dubblett ${unique()}`;
    const org = await createRegion(name);
    const twice = await sysadmin.post<ProblemDetails>('/api/v1/organisations', {
      kind: 'municipality',
      name: name.toUpperCase(),
    });
    expect([twice.status, twice.body.code]).toEqual([409, ErrorCode.Conflict]);

    const bad = await sysadmin.post<ProblemDetails & { errors: { field: string }[] }>(
      '/api/v1/organisations',
      { kind: 'kingdom', name: 'X', organisationNumber: '202100-0077', hsaId: 'nope' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(
      ['hsaId', 'kind', 'name', 'organisationNumber'].sort(),
    );

    const codeOnRegion = await sysadmin.post<ProblemDetails & { errors: { code: string }[] }>(
      '/api/v1/organisations',
      { kind: 'region', name: `Region Kod ${unique()}`, municipalityCode: '1880' },
    );
    expect(codeOnRegion.status).toBe(400);
    expect(codeOnRegion.body.errors[0].code).toBe('municipalitiesOnly');

    await sysadmin.post(`/api/v1/organisations/${org.id}/units`, {
      name: 'Enhet A',
      kind: 'psychiatry',
    });
    const unitTwice = await sysadmin.post<ProblemDetails>(`/api/v1/organisations/${org.id}/units`, {
      name: 'Enhet A',
      kind: 'psychiatry',
    });
    expect(unitTwice.status).toBe(409);
    const badUnit = await sysadmin.post<ProblemDetails>(`/api/v1/organisations/${org.id}/units`, {
      name: 'Enhet B',
      kind: 'Not A Kind',
    });
    expect(badUnit.status).toBe(400);
    const [{ n }] = await sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM units WHERE organisation_id = $1',
      [org.id],
    );
    expect(n).toBe(1);
  });

  it('deactivation hides an organisation from the directory, ends its users’ sessions and refuses their sign-in; reactivation restores both', async () => {
    const [county] = await sql<{ id: string }>(
      `SELECT id::text AS id FROM organisations WHERE name = 'Länsstyrelsen Örebro län'`,
    );
    const steering = await ApiClient.signedIn('styrgrupp.lan');
    const before = await sysadmin.get<OrganisationDto>(`/api/v1/organisations/${county.id}`);
    const off = await sysadmin.request<OrganisationDto>(
      'PATCH',
      `/api/v1/organisations/${county.id}`,
      {
        version: before.body.version,
        active: false,
      },
    );
    try {
      expectStatus(off, 200, 'deactivate');
      expect((await steering.get('/api/v1/me')).status).toBe(401);
      expect((await new ApiClient().login('styrgrupp.lan', 'samsyn-demo')).status).toBe(401);
      const directory = await sysadmin.get<Page<OrganisationDto>>(
        '/api/v1/organisations?q=L%C3%A4nsstyrelsen',
      );
      expect(directory.body.items).toEqual([]);
      const all = await sysadmin.get<Page<OrganisationDto>>(
        '/api/v1/organisations?q=L%C3%A4nsstyrelsen&includeInactive=true',
      );
      expect(all.body.items.map((o) => [o.id, o.active])).toEqual([[county.id, false]]);
    } finally {
      const on = await sysadmin.request<OrganisationDto>(
        'PATCH',
        `/api/v1/organisations/${county.id}`,
        {
          version: off.body.version,
          active: true,
        },
      );
      expectStatus(on, 200, 'reactivate');
    }
    expect((await ApiClient.signedIn('styrgrupp.lan')).cookies.size).toBeGreaterThan(0);
  });

  it('refuses to deactivate the administrator’s own organisation', async () => {
    const me = await sysadmin.get<{ organisation: { id: string } }>('/api/v1/me');
    const own = await sysadmin.get<OrganisationDto>(
      `/api/v1/organisations/${me.body.organisation.id}`,
    );
    const res = await sysadmin.request<ProblemDetails>(
      'PATCH',
      `/api/v1/organisations/${own.body.id}`,
      { version: own.body.version, active: false },
    );
    expect(res.status).toBe(400);
  });

  it('gives every other role 403 on each administration route, and nothing is written', async () => {
    const [org] = await sql<{ id: string; version: number }>(
      `SELECT id::text AS id, version FROM organisations WHERE name = 'Örebro kommun'`,
    );
    const [unit] = await sql<{ id: string; version: number }>(
      'SELECT id::text AS id, version FROM units WHERE organisation_id = $1 LIMIT 1',
      [org.id],
    );
    for (const username of [
      'admin.orebro',
      'social.orebro',
      'samordnare.orebro',
      'granskare.orebro',
    ]) {
      const client = await ApiClient.signedIn(username);
      const answers = [
        await client.post('/api/v1/organisations', { kind: 'other', name: `Nej ${unique()}` }),
        await client.request('PATCH', `/api/v1/organisations/${org.id}`, {
          version: org.version,
          name: 'Kapad kommun',
        }),
        await client.post(`/api/v1/organisations/${org.id}/units`, { name: 'Nej', kind: 'other' }),
        await client.request('PATCH', `/api/v1/organisations/${org.id}/units/${unit.id}`, {
          version: unit.version,
          active: false,
        }),
      ].map((r) => r.status);
      expect([username, answers]).toEqual([username, [403, 403, 403, 403]]);
    }
    const [after] = await sql<{ name: string; version: number }>(
      'SELECT name, version FROM organisations WHERE id = $1',
      [org.id],
    );
    expect(after).toEqual({ name: 'Örebro kommun', version: org.version });
  });
});
