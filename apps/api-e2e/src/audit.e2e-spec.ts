import {
  type AccessExtractDto,
  AuditAction,
  type AuditEventDto,
  type AuditVerifyDto,
  type CaseDto,
  CaseRelation,
  type EmergencyAccessDto,
  type OrganisationDto,
  ErrorCode,
  type Page,
  type ProblemDetails,
  type VolumeOutlierDto,
} from '@samsyn/common';
import { type CommandResult, runApiCommand, startApi, tempDir } from '@samsyn/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { sql } from './support/db';
import { e2eContext } from './support/env';
import { ApiClient, type HttpResult } from './support/http';

const GENESIS = '0'.repeat(64);
const NOWHERE = '00000000-0000-4000-8000-000000000000';
/** The chain lock's key (AUDIT_CHAIN_LOCK in apps/api's audit.service.ts). */
const AUDIT_LOCK = 0x5a4d_a0d1;

/** The check digit of the nine digits YYMMDDNNN (Luhn). */
function luhn(nine: string): number {
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** `YYYYMMDD-NNNC` for a birth date (YYYY-MM-DD) and a three-digit serial. */
function personnummer(birth: string, serial: number): string {
  const [y, m, d] = birth.split('-');
  const nnn = String(serial).padStart(3, '0');
  return `${y}${m}${d}-${nnn}${luhn(`${y.slice(2)}${m}${d}${nnn}`)}`;
}

/** A valid personnummer nobody in the database has (born in 1930, which no other spec uses). */
function unknownPersonnummer(): string {
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  // Serial 000 is not a valid personnummer.
  return personnummer(`1930-${month}-${day}`, 1 + Math.floor(Math.random() * 999));
}

function expectStatus(res: HttpResult, status: number): void {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
}

/** Runs the built API's chain check against the e2e database. */
function runVerifyCli(): Promise<CommandResult> {
  return runApiCommand('audit:verify', [], { DATABASE_URL: e2eContext().databaseUrl });
}

/**
 * Rewrites a row as someone with database superuser rights could: the replica role skips the
 * append-only trigger. Only the hash chain can tell.
 */
async function forceAction(id: string, action: string): Promise<void> {
  if (!/^\d+$/.test(id)) throw new Error('not an id');
  await sql(
    `SET session_replication_role = replica;
     UPDATE audit_events SET action = '${action.replace(/'/g, "''")}' WHERE id = ${id};`,
  );
}

async function chainIsLinear(): Promise<void> {
  const rows = await sql<{ id: string; prev_hash: string; hash: string }>(
    'SELECT e.id::text AS id, e.prev_hash, e.hash FROM audit_events e ORDER BY e.id',
  );
  expect(rows.length).toBeGreaterThan(0);
  let prev = GENESIS;
  const forks: string[] = [];
  for (const row of rows) {
    if (row.prev_hash !== prev) forks.push(row.id);
    prev = row.hash;
  }
  expect(forks).toEqual([]);
}

async function userId(username: string): Promise<string> {
  const [row] = await sql<{ id: string }>('SELECT id::text AS id FROM users WHERE username = $1', [
    username,
  ]);
  return row.id;
}

/** A social worker of Örebro kommun without a unit: no relation to any case (D17 requires one). */
async function createUnitlessSocialWorker(username: string, displayName: string): Promise<void> {
  await sql(
    `INSERT INTO users (version, username, display_name, password_hash, roles, organisation_id,
                        unit_id, locale)
     SELECT 1, $1, $2, password_hash, roles, organisation_id, NULL, 'sv'
     FROM users WHERE username = 'social.orebro'`,
    [username, displayName],
  );
}

/** D17 and D19 through the real API: the hash-chained log, its check, review and loggutdrag. */
describe('audit log', () => {
  const run = Date.now().toString(36);
  let auditor: ApiClient;
  let social: ApiClient;

  beforeAll(async () => {
    [auditor, social] = await Promise.all(
      ['granskare.orebro', 'social.orebro'].map((u) => ApiClient.signedIn(u)),
    );
  });

  describe('the hash chain', () => {
    const requestIds = Array.from({ length: 30 }, (_, i) => `e2e-audit-${run}-${i}`);
    let ours: { id: string; action: string }[] = [];

    it('concurrent audited requests append to one linear chain', async () => {
      const results = await Promise.all(
        requestIds.map((rid) =>
          auditor.request<AccessExtractDto>(
            'GET',
            `/api/v1/audit/extract?personalNumber=${unknownPersonnummer()}`,
            undefined,
            { headers: { 'x-request-id': rid } },
          ),
        ),
      );
      for (const [i, res] of results.entries()) {
        expectStatus(res, 200);
        expect(res.body).toMatchObject({ found: false, rows: [] });
        expect(res.headers.get('x-request-id')).toBe(requestIds[i]);
      }

      // Each request is one event carrying its request id (to match it with the request's logs).
      ours = await sql<{ id: string; action: string }>(
        `SELECT e.id::text AS id, e.action FROM audit_events e WHERE e.request_id = ANY ($1)
         ORDER BY e.id`,
        [requestIds],
      );
      expect(ours).toHaveLength(30);
      expect(new Set(ours.map((r) => r.action))).toEqual(new Set([AuditAction.AuditExtract]));
      await chainIsLinear();
    });

    it("two API processes appending at once keep one chain (each hashes onto the other's head)", async () => {
      const second = await startApi({
        DATABASE_URL: e2eContext().databaseUrl,
        DATA_DIR: tempDir('samsyn-audit-second-'),
      });
      try {
        const there = await ApiClient.signedIn('social.orebro', undefined, second.url);
        const [{ before }] = await sql<{ before: string }>(
          'SELECT coalesce(max(id), 0)::text AS before FROM audit_events',
        );
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            (i % 2 ? there : social).get<Page<unknown>>('/api/v1/cases?page=1&pageSize=5'),
          ),
        );
        for (const res of results) expectStatus(res, 200);
        const [{ n }] = await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_events WHERE id > $1 AND action = $2`,
          [before, AuditAction.CaseList],
        );
        expect(n).toBe(40);
        await chainIsLinear();
      } finally {
        await second.stop();
      }
    }, 120_000);

    it("the append function writes nothing onto a head that is not the chain's, and needs READ COMMITTED", async () => {
      const [{ head }] = await sql<{ head: string }>(
        'SELECT hash AS head FROM audit_events ORDER BY id DESC LIMIT 1',
      );
      const before = await sql<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
      const event = {
        occurred_at: new Date().toISOString(),
        roles: [],
        action: 'case.read',
        outcome: 'allowed',
        case_ids: [],
        person_ids: [],
        categories: [],
        consent_ids: [],
        disclosure_ids: [],
        emergency: false,
        prev_hash: GENESIS,
        hash: 'f'.repeat(64),
      };
      const [answer] = await sql<{ appended: boolean; head: string }>(
        'SELECT appended, head FROM samsyn_audit_append($1, $2, $3)',
        [AUDIT_LOCK, GENESIS, JSON.stringify([event])],
      );
      expect(answer).toEqual({ appended: false, head });
      expect(await sql('SELECT count(*)::int AS n FROM audit_events')).toEqual(before);

      const client = new Client({ connectionString: e2eContext().databaseUrl });
      await client.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        await expect(
          client.query('SELECT * FROM samsyn_audit_append($1, $2, $3)', [
            AUDIT_LOCK,
            head,
            JSON.stringify([{ ...event, prev_hash: head }]),
          ]),
        ).rejects.toThrow(/READ COMMITTED/);
        await client.query('ROLLBACK');
      } finally {
        await client.end();
      }
      expect(await sql('SELECT count(*)::int AS n FROM audit_events')).toEqual(before);
    });

    it('verify finds the chain intact, for auditors and system administrators', async () => {
      const [{ n }] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
      const res = await auditor.get<AuditVerifyDto>('/api/v1/audit/verify');
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ ok: true, firstBrokenId: null });
      expect(res.body.checked).toBeGreaterThanOrEqual(n);
      expect(Date.parse(res.body.verifiedAt)).not.toBeNaN();

      const admin = await ApiClient.signedIn('sysadmin');
      const byAdmin = await admin.get<AuditVerifyDto>('/api/v1/audit/verify');
      expectStatus(byAdmin, 200);
      expect(byAdmin.body.ok).toBe(true);
      // Operating the system is not reviewing the log.
      expectStatus(await admin.get('/api/v1/audit/review/emergency-accesses'), 403);
    });

    it('refuses a plain UPDATE or DELETE of an event (append-only)', async () => {
      const id = ours[0].id;
      await expect(
        sql(`UPDATE audit_events SET action = 'case.list' WHERE id = $1`, [id]),
      ).rejects.toThrow(/append-only/);
      await expect(sql('DELETE FROM audit_events WHERE id = $1', [id])).rejects.toThrow(
        /append-only/,
      );
    });

    it('verify (endpoint and CLI) names the first event altered behind the trigger', async () => {
      const target = ours[15];
      expect(target.action).not.toBe('case.list');
      await forceAction(target.id, 'case.list');
      try {
        const res = await auditor.get<AuditVerifyDto>('/api/v1/audit/verify');
        expectStatus(res, 200);
        expect(res.body).toMatchObject({ ok: false, firstBrokenId: target.id });

        const cli = await runVerifyCli();
        expect({ code: cli.code, stderr: cli.stderr }).toEqual({ code: 1, stderr: '' });
        const lines = cli.stdout.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(JSON.parse(lines[0])).toMatchObject({ ok: false, firstBrokenId: target.id });
      } finally {
        // Other spec files of this run verify the chain too.
        await forceAction(target.id, target.action);
      }

      const after = await auditor.get<AuditVerifyDto>('/api/v1/audit/verify');
      expect(after.body).toMatchObject({ ok: true, firstBrokenId: null });
      const cli = await runVerifyCli();
      expect(cli.code).toBe(0);
      const result = JSON.parse(cli.stdout) as AuditVerifyDto & { lastHash: string };
      expect(result).toMatchObject({ ok: true, firstBrokenId: null });
      // The head, printed for the operator to keep outside the database.
      expect(result.lastHash).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('access to the log', () => {
    const routes: [method: string, path: string][] = [
      ['GET', '/api/v1/audit/verify'],
      ['GET', '/api/v1/audit/review/emergency-accesses'],
      ['POST', `/api/v1/audit/review/emergency-accesses/${NOWHERE}/review`],
      ['GET', '/api/v1/audit/review/outside-caseload'],
      ['GET', '/api/v1/audit/review/volume-outliers'],
      ['GET', `/api/v1/audit/cases/${NOWHERE}/events`],
      ['GET', `/api/v1/audit/extract?personalNumber=${personnummer('1930-01-01', 1)}`],
    ];

    it.each(routes)('%s %s answers 401 without a session', async (method, path) => {
      const res = await new ApiClient().request<ProblemDetails>(
        method,
        path,
        method === 'POST' ? {} : undefined,
      );
      expect(res.status).toBe(401);
      expect(res.body.code).toBe(ErrorCode.AuthenticationRequired);
    });

    it.each(routes)('%s %s answers 403 to a social worker', async (method, path) => {
      const res = await social.request<ProblemDetails>(
        method,
        path,
        method === 'POST' ? {} : undefined,
      );
      expect(res.status).toBe(403);
      expect(res.body.code).toBe(ErrorCode.Forbidden);
    });

    it('a personnummer with a wrong check digit is a 400 naming the field, not echoing it', async () => {
      const valid = personnummer('1979-11-23', 417);
      const wrong = `${valid.slice(0, -1)}${(Number(valid.slice(-1)) + 1) % 10}`;
      const res = await auditor.get<ProblemDetails>(
        `/api/v1/audit/extract?personalNumber=${wrong}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect(res.body.errors?.map((e) => e.field)).toContain('personalNumber');
      expect(JSON.stringify(res.body)).not.toContain(wrong.slice(0, 8));
    });

    it.each([
      ['/api/v1/audit/extract', 'personalNumber'],
      [
        `/api/v1/audit/extract?personalNumber=${personnummer('1930-01-01', 2)}&from=yesterday`,
        'from',
      ],
      [
        `/api/v1/audit/extract?personalNumber=${personnummer('1930-01-01', 3)}&from=2026-02-01&to=2026-01-01`,
        'to',
      ],
      [`/api/v1/audit/extract?personalNumber=${personnummer('1930-01-01', 4)}&name=x`, 'name'],
      ['/api/v1/audit/review/volume-outliers?days=0', 'days'],
      ['/api/v1/audit/review/outside-caseload?days=367', 'days'],
      ['/api/v1/audit/review/outside-caseload?page=0', 'page'],
      ['/api/v1/audit/review/emergency-accesses?reviewed=maybe', 'reviewed'],
      ['/api/v1/audit/cases/not-a-uuid/events', 'id'],
      [`/api/v1/audit/cases/${NOWHERE}/events?pageSize=1000`, 'pageSize'],
    ])('GET %s is a 400 naming %s', async (path, field) => {
      const res = await auditor.get<ProblemDetails>(path);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.ValidationFailed);
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    });

    it('a review note over 1000 characters is a 400', async () => {
      const res = await auditor.post<ProblemDetails>(
        `/api/v1/audit/review/emergency-accesses/${NOWHERE}/review`,
        { note: 'x'.repeat(1001) },
      );
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.field)).toContain('note');
    });
  });

  describe('review and loggutdrag', () => {
    const pnr = personnummer('1979-11-23', 901);
    const normalised = pnr.replace('-', '');
    const unitless = `e2e.audit.${run}`;
    let vard: ApiClient;
    let outsider: ApiClient;
    let kase: CaseDto;
    let personId: string;
    let outsiderGrant: EmergencyAccessDto;
    let regionGrant: EmergencyAccessDto;

    beforeAll(async () => {
      vard = await ApiClient.signedIn('vard.psykiatri');
      await createUnitlessSocialWorker(unitless, 'Utan Enhet');
      outsider = await ApiClient.signedIn(unitless);

      const created = await social.post<CaseDto>('/api/v1/cases', {
        programme: 'SIP',
        participants: [
          {
            role: 'individual',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: pnr,
              firstName: 'Astrid',
              lastName: 'Granskad',
            },
          },
        ],
      });
      expectStatus(created, 201);
      kase = created.body;
      expectStatus(await social.get(`/api/v1/cases/${kase.id}`), 200);
      [{ id: personId }] = await sql<{ id: string }>(
        'SELECT id::text AS id FROM persons WHERE personal_number = $1',
        [normalised],
      );

      // Nödåtkomst by a colleague in the same organisation without a relation, and by a user of
      // another organisation: both land in Örebro kommun's review queue.
      const reason = 'Akut ärende i socialjouren: behöver se pågående insatser nu.';
      const a = await outsider.post<EmergencyAccessDto>(
        `/api/v1/cases/${kase.id}/emergency-access`,
        { reason },
      );
      expectStatus(a, 201);
      outsiderGrant = a.body;
      expectStatus(await outsider.get(`/api/v1/cases/${kase.id}`), 200);
      const b = await vard.post<EmergencyAccessDto>(`/api/v1/cases/${kase.id}/emergency-access`, {
        reason,
      });
      expectStatus(b, 201);
      regionGrant = b.body;
      expectStatus(await vard.get(`/api/v1/cases/${kase.id}`), 200);
    });

    it("the loggutdrag lists the organisation's accesses to the person, oldest first", async () => {
      const res = await auditor.get<AccessExtractDto>(
        `/api/v1/audit/extract?personalNumber=${pnr}`,
      );
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ personalNumber: normalised, found: true });
      const rows = res.body.rows;
      const times = rows.map((r) => r.occurredAt);
      expect(times).toEqual([...times].sort());
      expect(rows).toContainEqual(
        expect.objectContaining({
          action: AuditAction.CaseRead,
          user: expect.objectContaining({ displayName: 'Anna Lindqvist' }) as unknown,
          organisation: 'Örebro kommun',
          unit: 'Socialtjänsten, individ- och familjeomsorg',
          caseNumbers: [kase.number],
          emergency: false,
        }),
      );
      expect(rows).toContainEqual(
        expect.objectContaining({
          action: AuditAction.CaseRead,
          user: expect.objectContaining({ displayName: 'Utan Enhet' }) as unknown,
          unit: null,
          emergency: true,
        }),
      );
      // Region Örebro län keeps its own log: its reads are not Örebro kommun's to hand out.
      expect(rows.filter((r) => r.organisation !== 'Örebro kommun')).toEqual([]);

      // The short form with a separator is the same person.
      const short = await auditor.get<AccessExtractDto>(
        `/api/v1/audit/extract?personalNumber=${pnr.slice(2)}`,
      );
      expect(short.body.rows).toEqual(rows);

      // A period after today holds nothing.
      const later = await auditor.get<AccessExtractDto>(
        `/api/v1/audit/extract?personalNumber=${pnr}&from=2999-01-01`,
      );
      expect(later.body).toMatchObject({ found: true, rows: [] });

      // The extract itself is an access to the person, logged with the auditor's name on it.
      const logged = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_events
         WHERE action = 'audit.extract' AND user_id = $1 AND person_ids @> ARRAY[$2]::uuid[]`,
        [await userId('granskare.orebro'), personId],
      );
      expect(logged[0].n).toBe(3);
    });

    it('emergency accesses by its users or to its cases are in the review queue, once', async () => {
      const queue = await auditor.get<Page<EmergencyAccessDto>>(
        '/api/v1/audit/review/emergency-accesses?reviewed=false&pageSize=100',
      );
      expectStatus(queue, 200);
      const ids = queue.body.items.map((i) => i.id);
      expect(ids).toEqual(expect.arrayContaining([outsiderGrant.id, regionGrant.id]));
      expect(queue.body.items.find((i) => i.id === regionGrant.id)).toMatchObject({
        caseId: kase.id,
        caseNumber: kase.number,
        user: { displayName: 'Sara Holm', organisationName: 'Region Örebro län' },
        reviewedAt: null,
        reviewedBy: null,
      });
      const granted = queue.body.items.map((i) => i.grantedAt);
      expect(granted).toEqual([...granted].sort().reverse());

      const note = 'Kontrollerad med enhetschefen; akut behov styrkt.';
      const path = `/api/v1/audit/review/emergency-accesses/${outsiderGrant.id}/review`;
      const reviewed = await auditor.post<EmergencyAccessDto>(path, { note });
      expectStatus(reviewed, 200);
      expect(reviewed.body).toMatchObject({
        id: outsiderGrant.id,
        reviewedBy: { displayName: 'Olof Wik' },
        reviewNote: note,
      });
      expect(reviewed.body.reviewedAt).not.toBeNull();

      const again = await auditor.post<ProblemDetails>(path, {});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(ErrorCode.Conflict);

      const open = await auditor.get<Page<EmergencyAccessDto>>(
        '/api/v1/audit/review/emergency-accesses?pageSize=100',
      );
      expect(open.body.items.map((i) => i.id)).not.toContain(outsiderGrant.id);
      const done = await auditor.get<Page<EmergencyAccessDto>>(
        '/api/v1/audit/review/emergency-accesses?reviewed=true&pageSize=100',
      );
      expect(done.body.items.map((i) => i.id)).toContain(outsiderGrant.id);

      const unknown = await auditor.post<ProblemDetails>(
        `/api/v1/audit/review/emergency-accesses/${randomUUID()}/review`,
        {},
      );
      expect(unknown.status).toBe(404);

      const events = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_events
         WHERE action = 'emergency.review' AND user_id = $1 AND case_ids @> ARRAY[$2]::uuid[]`,
        [await userId('granskare.orebro'), kase.id],
      );
      expect(events[0].n).toBe(1);
    });

    it("outside-caseload lists the organisation's accesses without a relation", async () => {
      const res = await auditor.get<Page<AuditEventDto>>(
        '/api/v1/audit/review/outside-caseload?days=1&pageSize=100',
      );
      expectStatus(res, 200);
      const items = res.body.items;
      expect(items).toContainEqual(
        expect.objectContaining({
          action: AuditAction.EmergencyAccess,
          user: expect.objectContaining({ displayName: 'Utan Enhet' }) as unknown,
          emergency: true,
          caseIds: [kase.id],
          caseNumbers: [kase.number],
        }),
      );
      for (const e of items) {
        expect(e.organisation?.name).toBe('Örebro kommun');
        expect(
          e.emergency || e.relation === CaseRelation.None || e.relation === CaseRelation.OwningUnit,
        ).toBe(true);
      }
      const times = items.map((e) => e.occurredAt);
      expect(times).toEqual([...times].sort().reverse());
    });

    it('administrative events concerning the organisation are in the review, with their target, whoever made them', async () => {
      const sysadmin = await ApiClient.signedIn('sysadmin');
      const orgs = await sysadmin.get<Page<OrganisationDto>>(
        `/api/v1/organisations?q=${encodeURIComponent('Örebro kommun')}`,
      );
      expectStatus(orgs, 200);
      const kommun = orgs.body.items.find((o) => o.name === 'Örebro kommun')!;
      // A system administrator of another organisation (the region) changes the municipality.
      const changed = await sysadmin.request<OrganisationDto>(
        'PATCH',
        `/api/v1/organisations/${kommun.id}`,
        { version: kommun.version, name: kommun.name },
      );
      expectStatus(changed, 200);
      // …and creates an organisation of its own, which is not the municipality's concern.
      const other = await sysadmin.post<OrganisationDto>('/api/v1/organisations', {
        kind: 'other',
        name: `Granskning test ${run}`,
      });
      expectStatus(other, 201);

      const res = await auditor.get<Page<AuditEventDto>>(
        '/api/v1/audit/review/admin-events?days=1&pageSize=100',
      );
      expectStatus(res, 200);
      expect(res.body.items).toContainEqual(
        expect.objectContaining({
          action: AuditAction.AdminOrganisation,
          user: expect.objectContaining({ displayName: 'Systemförvaltare' }) as unknown,
          organisation: expect.objectContaining({ name: 'Region Örebro län' }) as unknown,
          target: { kind: 'organisation', id: kommun.id, name: 'Örebro kommun' },
        }),
      );
      expect(res.body.items.map((e) => e.target?.id)).not.toContain(other.body.id);
      // The other organisation's event is in the log, with its target, for its own reviewers.
      const [row] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_events WHERE target_kind = 'organisation' AND target_id = $1`,
        [other.body.id],
      );
      expect(row.n).toBe(1);
      // A role that does not review the log is refused.
      expectStatus(await social.get('/api/v1/audit/review/admin-events?days=1'), 403);
    });

    it("the case log shows every organisation's events to the owning organisation's auditor", async () => {
      const res = await auditor.get<Page<AuditEventDto>>(
        `/api/v1/audit/cases/${kase.id}/events?pageSize=100`,
      );
      expectStatus(res, 200);
      const actions = res.body.items.map((e) => `${e.user?.displayName ?? '-'} ${e.action}`);
      expect(actions).toEqual(
        expect.arrayContaining([
          'Anna Lindqvist case.create',
          'Anna Lindqvist case.read',
          'Sara Holm emergency.grant',
          'Olof Wik emergency.review',
        ]),
      );
      expect(res.body.items.every((e) => e.caseIds.includes(kase.id))).toBe(true);

      expect((await auditor.get(`/api/v1/audit/cases/${randomUUID()}/events`)).status).toBe(404);

      // Another municipality's case: not Örebro kommun's log to read; the attempt is logged.
      const karlskoga = await ApiClient.signedIn('social.karlskoga');
      const other = await karlskoga.post<CaseDto>('/api/v1/cases', {
        programme: 'SIP',
        participants: [
          {
            role: 'individual',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: personnummer('1979-11-23', 902),
              firstName: 'Bo',
              lastName: 'Annan',
            },
          },
        ],
      });
      expectStatus(other, 201);
      const denied = await auditor.get<ProblemDetails>(
        `/api/v1/audit/cases/${other.body.id}/events`,
      );
      expect(denied.status).toBe(403);
      const logged = await sql<{ outcome: string }>(
        `SELECT outcome FROM audit_events
         WHERE action = 'access.denied' AND user_id = $1 AND case_ids @> ARRAY[$2]::uuid[]`,
        [await userId('granskare.orebro'), other.body.id],
      );
      expect(logged).toEqual([{ outcome: 'denied' }]);
    });

    it('volume outliers are the users reading over 3 × the median (and at least 20)', async () => {
      // Four colleagues who read once, and one who reads a lot.
      const quiet = Array.from({ length: 4 }, (_, i) => `e2e.audit.${run}.quiet${i}`);
      for (const username of quiet) {
        await createUnitlessSocialWorker(username, `Tyst ${username.slice(-1)}`);
        expectStatus(await (await ApiClient.signedIn(username)).get('/api/v1/cases'), 200);
      }
      for (let i = 0; i < 30; i++) expectStatus(await social.get('/api/v1/cases'), 200);

      const counts = await sql<{ user_id: string; display_name: string; reads: number }>(
        `SELECT e.user_id::text AS user_id, u.display_name, count(*)::int AS reads
         FROM audit_events e JOIN users u ON u.id = e.user_id
         WHERE e.organisation_id = (SELECT id FROM organisations WHERE name = 'Örebro kommun')
           AND e.occurred_at >= now() - interval '30 days' AND e.action = ANY ($1)
         GROUP BY 1, 2`,
        [['case.read', 'case.list', 'journal.list', 'consent.list', 'disclosure.list']],
      );
      const sorted = counts.map((c) => c.reads).sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
      const expected = counts
        .filter((c) => c.reads >= 20 && c.reads > 3 * median)
        .sort((a, b) => b.reads - a.reads)
        .map((c) => ({ name: c.display_name, reads: c.reads }));

      const res = await auditor.get<VolumeOutlierDto[]>('/api/v1/audit/review/volume-outliers');
      expectStatus(res, 200);
      expect(res.body.map((o) => ({ name: o.user.displayName, reads: o.reads }))).toEqual(expected);
      expect(res.body.every((o) => o.organisationMedian === median)).toBe(true);
      expect(expected.map((o) => o.name)).toContain('Anna Lindqvist');
    });

    it('each look at the log by the auditor is itself in the log, and the chain holds', async () => {
      const rows = await sql<{ action: string }>(
        `SELECT DISTINCT action FROM audit_events WHERE user_id = $1`,
        [await userId('granskare.orebro')],
      );
      expect(rows.map((r) => r.action)).toEqual(
        expect.arrayContaining([
          AuditAction.AuditExtract,
          AuditAction.AuditReview,
          AuditAction.AuditCaseLog,
          AuditAction.EmergencyReview,
          AuditAction.AccessDenied,
        ]),
      );
      await chainIsLinear();
      const res = await auditor.get<AuditVerifyDto>('/api/v1/audit/verify');
      expect(res.body).toMatchObject({ ok: true, firstBrokenId: null });
    });
  });
});
