import {
  type CaseDto,
  type CoordinatorGroupDto,
  type CreateCaseDto,
  ErrorCode,
  OrganisationType,
  type Page,
  ParticipantRole,
  type ProblemDetails,
  Role,
  type UserSummaryDto,
} from '@samsyn/common';
import type { Pool } from 'pg';
import { sql } from './support/db';
import {
  createCase,
  createUsers,
  directory,
  e2ePool,
  expectStatus,
  PersonnummerGenerator,
} from './support/fixtures';
import { ApiClient } from './support/http';

const numbers = new PersonnummerGenerator(83);
/** Laxå: no other spec gives this municipality a koordinatorsgrupp. */
const MUNICIPALITY = '1860';
const GROUPS = '/api/v1/trygga-hem/groups';

async function groupRows(): Promise<number> {
  const [row] = await sql<{ n: string }>('SELECT count(*) AS n FROM coordinator_groups');
  return Number(row.n);
}

async function teamRoles(caseId: string, userId: string): Promise<string[]> {
  const rows = await sql<{ case_role: string }>(
    'SELECT case_role FROM case_team_members WHERE case_id = $1 AND user_id = $2',
    [caseId, userId],
  );
  return rows.map((r) => r.case_role);
}

function fieldCodes(body: unknown): Record<string, string> {
  const errors = (body as ProblemDetails).errors ?? [];
  return Object.fromEntries(errors.map((e) => [e.field, e.code]));
}

/**
 * Group management (issue 6, D2): a group manager sets up a municipality's koordinatorsgrupp,
 * edits its schedule with optimistic locking, and adds and removes members from the four
 * agencies; members join and leave the group's case teams with the group's own team role.
 */
describe('Koordinatorsgrupp management (D2)', () => {
  let db: Pool;
  let samordnare: ApiClient;
  let admin: ApiClient;
  let social: ApiClient;
  let laxa: ApiClient;
  let group: CoordinatorGroupDto;
  let kase: CaseDto;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    db = e2ePool(2);
    const dir = await directory(db);
    const created = await createUsers(db, [
      {
        username: 'e2e.groups.laxa',
        displayName: 'Laxå Socialsekreterare',
        roles: [Role.SocialWorker],
        organisationId: dir.organisation('Laxå kommun').id,
        unitId: dir.unit('Laxå kommun', 'Socialtjänsten, individ- och familjeomsorg').id,
      },
    ]);
    for (const [k, v] of created) ids.set(k, v);
    for (const username of ['polis.orebro', 'frivard.orebro', 'social.orebro', 'samordnare.orebro'])
      ids.set(
        username,
        (await sql<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]))[0].id,
      );
    [samordnare, admin, social, laxa] = await Promise.all(
      ['samordnare.orebro', 'admin.orebro', 'social.orebro', 'e2e.groups.laxa'].map((u) =>
        ApiClient.signedIn(u),
      ),
    );
  });

  afterAll(async () => {
    await db?.end();
  });

  describe('create', () => {
    it('bad input: a field message for each bad field and nothing written', async () => {
      const before = await groupRows();
      const res = await samordnare.post<ProblemDetails>(GROUPS, {
        name: '   ',
        municipalityCode: '18x0',
        meetingSchedule: 'x'.repeat(501),
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect(Object.keys(fieldCodes(res.body)).sort()).toEqual(
        ['meetingSchedule', 'municipalityCode', 'name'].sort(),
      );
      const unknown = await samordnare.post<ProblemDetails>(GROUPS, {
        name: 'Ingen kommun',
        municipalityCode: '9999',
      });
      expect(unknown.status).toBe(400);
      expect(fieldCodes(unknown.body)).toEqual({ municipalityCode: 'unknownMunicipality' });
      expect(await groupRows()).toBe(before);
    });

    it('403 without coordinator_group:manage, nothing written', async () => {
      const before = await groupRows();
      const res = await social.post<ProblemDetails>(GROUPS, {
        name: 'Koordinatorsgruppen Laxå',
        municipalityCode: MUNICIPALITY,
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe(ErrorCode.Forbidden);
      expect(await groupRows()).toBe(before);
    });

    it('a group manager creates the group; a second one for the municipality is a 409', async () => {
      const res = await samordnare.post<CoordinatorGroupDto>(GROUPS, {
        name: '  Koordinatorsgruppen Laxå ',
        municipalityCode: MUNICIPALITY,
        meetingSchedule: 'Första måndagen i månaden 13.00',
      });
      expectStatus(res, 201, 'create group');
      group = res.body;
      expect(group).toMatchObject({
        name: 'Koordinatorsgruppen Laxå',
        municipalityCode: MUNICIPALITY,
        meetingSchedule: 'Första måndagen i månaden 13.00',
        members: [],
        caseCount: 0,
        isMember: false,
        version: 1,
      });
      const again = await admin.post<ProblemDetails>(GROUPS, {
        name: 'En till',
        municipalityCode: MUNICIPALITY,
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.Conflict);
      // The organisation admin (the other role with the permission) sees it in the list.
      const list = await admin.get<CoordinatorGroupDto[]>(GROUPS);
      expect(list.body.map((g) => g.id)).toContain(group.id);
    });
  });

  describe('edit details and schedule', () => {
    it('saves with the current version and answers the next version', async () => {
      const res = await samordnare.request<CoordinatorGroupDto>('PATCH', `${GROUPS}/${group.id}`, {
        version: group.version,
        meetingSchedule: 'Varannan tisdag 09.00–11.00',
      });
      expectStatus(res, 200, 'patch group');
      expect(res.body.meetingSchedule).toBe('Varannan tisdag 09.00–11.00');
      expect(res.body.name).toBe(group.name);
      expect(res.body.version).toBe(group.version + 1);
      group = res.body;
    });

    it('a stale version is a 409 VERSION_CONFLICT and changes nothing', async () => {
      const res = await admin.request<ProblemDetails>('PATCH', `${GROUPS}/${group.id}`, {
        version: group.version - 1,
        name: 'Gammal version',
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(ErrorCode.VersionConflict);
      expect(res.body.currentVersion).toBe(group.version);
      const [row] = await sql<{ name: string; version: number }>(
        'SELECT name, version FROM coordinator_groups WHERE id = $1',
        [group.id],
      );
      expect(row).toEqual({ name: group.name, version: group.version });
    });

    it('bad input: a 400 with field messages and nothing written', async () => {
      const res = await samordnare.request<ProblemDetails>('PATCH', `${GROUPS}/${group.id}`, {
        version: 'one',
        name: '',
        meetingSchedule: 'x'.repeat(501),
      });
      expect(res.status).toBe(400);
      expect(Object.keys(fieldCodes(res.body)).sort()).toEqual(
        ['meetingSchedule', 'name', 'version'].sort(),
      );
      const [row] = await sql<{ version: number }>(
        'SELECT version FROM coordinator_groups WHERE id = $1',
        [group.id],
      );
      expect(row.version).toBe(group.version);
    });

    it('403 for a case worker', async () => {
      const res = await social.request('PATCH', `${GROUPS}/${group.id}`, {
        version: group.version,
        name: 'Kapad',
      });
      expect(res.status).toBe(403);
    });
  });

  describe('members', () => {
    beforeAll(async () => {
      // A case in the group before anyone joins: members join its team when they join the group.
      kase = await createCase(laxa, {
        programme: 'TRYGGA_HEM',
        participants: [
          {
            role: ParticipantRole.Offender,
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: numbers.forBirthDate('1975-06-06'),
              firstName: 'Grupp',
              lastName: 'Utövare',
            },
          },
        ],
      } as unknown as CreateCaseDto);
      expectStatus(
        await laxa.post('/api/v1/trygga-hem/cases', {
          caseId: kase.id,
          groupId: group.id,
          priority: 'C',
          priorityBasis: 'Hot mot partner.',
        }),
        201,
        'enrol',
      );
      // Frivård is on the case in its own right before it joins the group.
      expectStatus(
        await laxa.post(`/api/v1/cases/${kase.id}/team`, {
          userId: ids.get('frivard.orebro'),
          caseRole: 'probation_contact',
        }),
        [200, 201],
        'team member',
      );
    });

    it('candidates: active case workers of the four agencies; the municipality’s own only', async () => {
      // Searched by name: other specs in the same run add users of their own.
      const search = async (q: string) => {
        const res = await samordnare.get<Page<UserSummaryDto>>(
          `${GROUPS}/${group.id}/candidates?pageSize=100&q=${encodeURIComponent(q)}`,
        );
        expectStatus(res, 200, 'candidates');
        expect(res.body.total).toBe(res.body.items.length);
        return res.body.items;
      };
      expect((await search('Laxå Socialsekreterare')).map((u) => u.id)).toContain(
        ids.get('e2e.groups.laxa'),
      );
      const police = await search('Mikael Strand');
      expect(police.map((u) => u.id)).toContain(ids.get('polis.orebro'));
      expect(police.find((u) => u.id === ids.get('polis.orebro'))!.organisation.type).toBe(
        OrganisationType.Police,
      );
      expect((await search('Lena Berg')).map((u) => u.id)).toContain(ids.get('frivard.orebro'));
      // Another municipality's social worker, and a coordinator without case work, are not.
      expect((await search('Anna Lindqvist')).map((u) => u.id)).not.toContain(
        ids.get('social.orebro'),
      );
      expect((await search('Karin Nyström')).map((u) => u.id)).not.toContain(
        ids.get('samordnare.orebro'),
      );
      const all = await samordnare.get<Page<UserSummaryDto>>(
        `${GROUPS}/${group.id}/candidates?pageSize=100`,
      );
      expect(
        all.body.items.every(
          (u) =>
            [OrganisationType.Police, OrganisationType.Probation, OrganisationType.Region].includes(
              u.organisation.type,
            ) || u.organisation.name === 'Laxå kommun',
        ),
      ).toBe(true);
      expect((await social.get(`${GROUPS}/${group.id}/candidates`)).status).toBe(403);
      const bad = await samordnare.get<ProblemDetails>(
        `${GROUPS}/${group.id}/candidates?q=${'x'.repeat(101)}`,
      );
      expect(bad.status).toBe(400);
      expect(fieldCodes(bad.body)).toHaveProperty('q');
    });

    it('adds members, who act for their organisation and join the group’s case teams', async () => {
      for (const username of ['e2e.groups.laxa', 'polis.orebro', 'frivard.orebro']) {
        const res = await samordnare.post<CoordinatorGroupDto>(`${GROUPS}/${group.id}/members`, {
          userId: ids.get(username),
        });
        expectStatus(res, 201, `add ${username}`);
        group = res.body;
      }
      expect(group.members.map((m) => m.organisation.type).sort()).toEqual(
        [OrganisationType.Municipality, OrganisationType.Police, OrganisationType.Probation].sort(),
      );
      expect(await teamRoles(kase.id, ids.get('polis.orebro')!)).toEqual(['coordinator_group']);
      // Already on the team with a role of its own: that role is kept, not replaced.
      expect(await teamRoles(kase.id, ids.get('frivard.orebro')!)).toEqual(['probation_contact']);
      // A member no longer appears among the candidates.
      const res = await samordnare.get<Page<UserSummaryDto>>(
        `${GROUPS}/${group.id}/candidates?q=${encodeURIComponent('Mikael Strand')}`,
      );
      expect(res.body.items.map((u) => u.id)).not.toContain(ids.get('polis.orebro'));
    });

    it('bad members: 400 with a field message, 409 for a second time, nothing written', async () => {
      const count = async () =>
        Number(
          (
            await sql<{ n: string }>(
              'SELECT count(*) AS n FROM coordinator_group_members WHERE group_id = $1',
              [group.id],
            )
          )[0].n,
        );
      const before = await count();
      const notUuid = await samordnare.post<ProblemDetails>(`${GROUPS}/${group.id}/members`, {
        userId: 'polis.orebro',
      });
      expect(notUuid.status).toBe(400);
      expect(fieldCodes(notUuid.body)).toHaveProperty('userId');
      const coordinator = await samordnare.post<ProblemDetails>(`${GROUPS}/${group.id}/members`, {
        userId: ids.get('samordnare.orebro'),
      });
      expect(coordinator.status).toBe(400);
      expect(fieldCodes(coordinator.body)).toEqual({ userId: 'notCaseWorker' });
      const twice = await samordnare.post<ProblemDetails>(`${GROUPS}/${group.id}/members`, {
        userId: ids.get('polis.orebro'),
      });
      expect(twice.status).toBe(409);
      const forbidden = await social.post(`${GROUPS}/${group.id}/members`, {
        userId: ids.get('social.orebro'),
      });
      expect(forbidden.status).toBe(403);
      expect(await count()).toBe(before);
    });

    it('removes a member, who leaves the group’s case teams but keeps a role given on the case', async () => {
      const polis = group.members.find((m) => m.user.id === ids.get('polis.orebro'))!;
      const frivard = group.members.find((m) => m.user.id === ids.get('frivard.orebro'))!;
      const forbidden = await social.request('DELETE', `${GROUPS}/${group.id}/members/${polis.id}`);
      expect(forbidden.status).toBe(403);
      expect(await teamRoles(kase.id, ids.get('polis.orebro')!)).toEqual(['coordinator_group']);

      const res = await samordnare.request<CoordinatorGroupDto>(
        'DELETE',
        `${GROUPS}/${group.id}/members/${polis.id}`,
      );
      expectStatus(res, 200, 'remove member');
      expect(res.body.members.map((m) => m.id)).not.toContain(polis.id);
      expect(await teamRoles(kase.id, ids.get('polis.orebro')!)).toEqual([]);

      const res2 = await samordnare.request<CoordinatorGroupDto>(
        'DELETE',
        `${GROUPS}/${group.id}/members/${frivard.id}`,
      );
      expectStatus(res2, 200, 'remove member');
      expect(await teamRoles(kase.id, ids.get('frivard.orebro')!)).toEqual(['probation_contact']);
      group = res2.body;

      const gone = await samordnare.request<ProblemDetails>(
        'DELETE',
        `${GROUPS}/${group.id}/members/${polis.id}`,
      );
      expect(gone.status).toBe(404);
    });
  });
});
