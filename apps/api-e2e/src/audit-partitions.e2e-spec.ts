import { type AccessExtractDto, AuditAction } from '@samsyn/common';
import {
  AUDIT_CHAIN_LOCK,
  AUDIT_GENESIS_HASH,
  auditAppendRow,
  type AuditHashContent,
  auditHash,
} from '@samsyn/server';
import { type CommandResult, runApiCommand, startApi, tempDir } from '@samsyn/testing';
import { Client } from 'pg';
import { sql } from './support/db';
import { databaseUrl, PG_ADMIN_URL } from './support/env';
import { ApiClient } from './support/http';

/** `YYYY_MM` of this month in UTC: the partition the API's events go to now. */
function thisMonth(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}_${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Issue 18 §2: the audit log partitioned by month, its chain and its loggutdrag across them. */
describe('the partitioned audit log', () => {
  describe('on the shared e2e database', () => {
    it('is partitioned by month, with a default partition and the months ahead', async () => {
      const parents = await sql<{ table: string; strategy: string; key: string }>(
        `SELECT c.relname AS table, p.partstrat AS strategy,
                pg_get_partkeydef(c.oid) AS key
         FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
         WHERE c.relname IN ('audit_events', 'audit_event_persons') ORDER BY 1`,
      );
      expect(parents).toEqual([
        { table: 'audit_event_persons', strategy: 'r', key: 'RANGE (occurred_at)' },
        { table: 'audit_events', strategy: 'r', key: 'RANGE (occurred_at)' },
      ]);
      const partitions = (
        await sql<{ name: string }>(
          `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'audit_events'::regclass`,
        )
      ).map((r) => r.name);
      expect(partitions).toEqual(
        expect.arrayContaining(['audit_events_default', `audit_events_${thisMonth()}`]),
      );
      // This month and the next two are made ahead (migration, API start-up).
      expect(
        partitions.filter((p) => /^audit_events_\d{4}_\d{2}$/.test(p)).length,
      ).toBeGreaterThanOrEqual(3);
      // The key holds the partition column; every event of the API is in a month's partition.
      const [pk] = await sql<{ def: string }>(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
         WHERE conrelid = 'audit_events'::regclass AND contype = 'p'`,
      );
      expect(pk.def).toBe('PRIMARY KEY (id, occurred_at)');
      const [{ n }] = await sql<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_events_default',
      );
      expect(n).toBe(0);
    });

    it('refuses UPDATE, DELETE and TRUNCATE on the partitions directly, not only on the parent', async () => {
      const partition = `audit_events_${thisMonth()}`;
      const [row] = await sql<{ id: string }>(
        `SELECT id::text AS id FROM ${partition} ORDER BY id LIMIT 1`,
      );
      expect(row).toBeDefined();
      await expect(
        sql(`UPDATE ${partition} SET action = 'case.list' WHERE id = $1`, [row.id]),
      ).rejects.toThrow(/append-only/);
      await expect(sql(`DELETE FROM ${partition} WHERE id = $1`, [row.id])).rejects.toThrow(
        /append-only/,
      );
      for (const table of [
        partition,
        'audit_events_default',
        'audit_events',
        `audit_event_persons_${thisMonth()}`,
        'audit_event_persons',
        'audit_checkpoints',
      ])
        await expect(sql(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
      // Every partition, present and future, carries the row trigger (cloned from the parent)
      // and a TRUNCATE trigger of its own.
      const missing = await sql<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent IN ('audit_events'::regclass, 'audit_event_persons'::regclass)
           AND (NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid
                              AND t.tgname LIKE '%append_only' AND t.tgenabled <> 'D')
             OR NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid
                              AND t.tgname LIKE '%no_truncate' AND t.tgenabled <> 'D'))`,
      );
      expect(missing).toEqual([]);
      const [again] = await sql<{ action: string }>(
        `SELECT action FROM ${partition} WHERE id = $1`,
        [row.id],
      );
      expect(again).toBeDefined();
    });

    it('keeps the chain head for the append function: the newest event by id', async () => {
      const auditor = await ApiClient.signedIn('granskare.orebro');
      expect((await auditor.get('/api/v1/audit/verify')).status).toBe(200);
      const [head] = await sql<{ id: string; hash: string }>(
        'SELECT last_id::text AS id, hash FROM audit_chain_head',
      );
      const [newest] = await sql<{ id: string; hash: string }>(
        'SELECT e.id::text AS id, e.hash FROM audit_events e ORDER BY e.id DESC LIMIT 1',
      );
      // Other spec files append too: the head is at least as new as what was read before it.
      expect(BigInt(head.id)).toBeLessThanOrEqual(BigInt(newest.id));
      const [atHead] = await sql<{ hash: string }>('SELECT hash FROM audit_events WHERE id = $1', [
        head.id,
      ]);
      expect(atHead.hash).toBe(head.hash);
    });

    it('gives the same loggutdrag as the query on the whole table did, with a summary per user', async () => {
      const auditor = await ApiClient.signedIn('granskare.orebro');
      const [org] = await sql<{ id: string }>(
        `SELECT organisation_id::text AS id FROM users WHERE username = 'granskare.orebro'`,
      );
      const persons = await sql<{ id: string; personal_number: string }>(
        `SELECT p.id::text AS id, p.personal_number FROM persons p
         WHERE EXISTS (SELECT 1 FROM audit_events e WHERE e.person_ids @> ARRAY[p.id]
                         AND e.organisation_id = $1 AND e.action NOT LIKE 'audit.%')
         ORDER BY p.personal_number LIMIT 15`,
        [org.id],
      );
      expect(persons.length).toBeGreaterThan(0);
      for (const person of persons) {
        // Other spec files keep writing: compare what was logged before the request.
        const [{ before }] = await sql<{ before: Date }>('SELECT now() AS before');
        const res = await auditor.get<AccessExtractDto>(
          `/api/v1/audit/extract?personalNumber=${person.personal_number}&pageSize=1000`,
        );
        expect(res.status).toBe(200);
        // The extract before this change: every event of the organisation naming the person,
        // but the log reviewers' own, from the whole table through the GIN index.
        const old = await sql<{
          occurred_at: Date;
          user_id: string | null;
          action: string;
          emergency: boolean;
          case_numbers: string[];
        }>(
          `SELECT e.occurred_at, e.user_id::text AS user_id, e.action, e.emergency,
                  ARRAY(SELECT c.number::text FROM unnest(e.case_ids) WITH ORDINALITY AS x(id, n)
                        JOIN cases c ON c.id = x.id ORDER BY x.n) AS case_numbers
           FROM audit_events e
           WHERE e.person_ids @> ARRAY[$1]::uuid[] AND e.organisation_id = $2
             AND e.action NOT LIKE 'audit.%' AND e.occurred_at < $3
           ORDER BY e.occurred_at, e.id`,
          [person.id, org.id, before],
        );
        const cut = before.toISOString();
        const rows = res.body.rows.filter((r) => r.occurredAt < cut);
        expect(
          rows.map((r) => [r.occurredAt, r.user?.id ?? null, r.action, r.emergency, r.caseNumbers]),
        ).toEqual(
          old.map((o) => [
            o.occurred_at.toISOString(),
            o.user_id,
            o.action,
            o.emergency,
            o.case_numbers,
          ]),
        );
        expect(res.body.total).toBe(res.body.rows.length);
        expect(res.body.summary.reduce((n, s) => n + s.accesses, 0)).toBe(res.body.total);
        for (const s of res.body.summary) {
          const mine = res.body.rows.filter((r) => (r.user?.id ?? null) === (s.user?.id ?? null));
          expect(mine).toHaveLength(s.accesses);
          expect(s.first).toBe(mine[0].occurredAt);
          expect(s.last).toBe(mine[mine.length - 1].occurredAt);
        }
      }
    });

    it('pages the rows of a loggutdrag, oldest first, and refuses a page size over 1000', async () => {
      const auditor = await ApiClient.signedIn('granskare.orebro');
      const [org] = await sql<{ id: string }>(
        `SELECT organisation_id::text AS id FROM users WHERE username = 'granskare.orebro'`,
      );
      const [busiest] = await sql<{ personal_number: string }>(
        `SELECT p.personal_number FROM audit_event_persons ap JOIN persons p ON p.id = ap.person_id
         WHERE ap.organisation_id = $1 GROUP BY p.personal_number
         ORDER BY count(*) DESC, p.personal_number LIMIT 1`,
        [org.id],
      );
      const path = `/api/v1/audit/extract?personalNumber=${busiest.personal_number}&to=${new Date(Date.now() - 1000).toISOString()}`;
      const whole = await auditor.get<AccessExtractDto>(`${path}&pageSize=1000`);
      expect(whole.status).toBe(200);
      expect(whole.body.total).toBeGreaterThanOrEqual(1);
      const pages: AccessExtractDto[] = [];
      for (let page = 1; page <= Math.min(whole.body.total, 5); page++) {
        const res = await auditor.get<AccessExtractDto>(`${path}&pageSize=1&page=${page}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ page, pageSize: 1, total: whole.body.total });
        pages.push(res.body);
      }
      expect(pages.flatMap((p) => p.rows)).toEqual(whole.body.rows.slice(0, pages.length));
      expect(pages.every((p) => p.summary.length === whole.body.summary.length)).toBe(true);
      const past = await auditor.get<AccessExtractDto>(`${path}&page=1000`);
      expect(past.body).toMatchObject({ found: true, rows: [], total: whole.body.total });
      const tooBig = await auditor.get<{ errors: { field: string }[] }>(`${path}&pageSize=1001`);
      expect(tooBig.status).toBe(400);
      expect(tooBig.body.errors.map((e) => e.field)).toContain('pageSize');
    });
  });

  describe('a log of its own over six years, months dropped past retention', () => {
    const database = `samsyn_e2e_audit_parts_${Date.now().toString(36)}_${process.pid}`;
    const url = databaseUrl(database);
    let db: Client;
    let head: string | null = null;
    /** Ids and hashes of the events appended here, by their time. */
    const appended: { at: string; id: string; hash: string }[] = [];

    const run = (command: string, args: string[] = []): Promise<CommandResult> =>
      runApiCommand(command, args, { DATABASE_URL: url, NODE_ENV: 'test' });

    async function append(at: string, action = AuditAction.CaseRead): Promise<void> {
      const content: AuditHashContent = {
        occurredAt: new Date(at),
        userId: null,
        organisationId: null,
        unitId: null,
        roles: [],
        action,
        outcome: 'allowed',
        caseIds: [],
        personIds: ['11111111-1111-4111-8111-111111111111'],
        categories: [],
        consentIds: [],
        disclosureIds: [],
        basis: null,
        relation: null,
        emergency: false,
        requestId: `e2e-${at}`,
      };
      const prev = head ?? AUDIT_GENESIS_HASH;
      const hash = auditHash(prev, content);
      const {
        rows: [result],
      } = await db.query<{ appended: boolean; head: string }>(
        'SELECT appended, head FROM samsyn_audit_append($1, $2, $3)',
        [AUDIT_CHAIN_LOCK, head, JSON.stringify([auditAppendRow(content, prev, hash)])],
      );
      expect(result).toEqual({ appended: true, head: hash });
      head = hash;
      const {
        rows: [row],
      } = await db.query<{ id: string }>(
        'SELECT id::text AS id FROM audit_events WHERE hash = $1',
        [hash],
      );
      appended.push({ at, id: row.id, hash });
    }

    async function verify(): Promise<{
      ok: boolean;
      checked: number;
      firstBrokenId: string | null;
      startedAfter: { id: string; hash: string } | null;
      lastHash: string | null;
    }> {
      const res = await run('audit:verify');
      expect(res.stderr).toBe('');
      return JSON.parse(res.stdout) as Awaited<ReturnType<typeof verify>>;
    }

    beforeAll(async () => {
      const admin = new Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${database}"`);
      await admin.end();
      // The built API migrates the empty database (no demo: the log stays empty), then stops.
      const api = await startApi({
        DATABASE_URL: url,
        NODE_ENV: 'test',
        DATA_DIR: tempDir('samsyn-audit-parts-'),
      });
      await api.stop();
      db = new Client({ connectionString: url });
      await db.connect();
    }, 120_000);

    afterAll(async () => {
      await db?.end();
      const admin = new Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    });

    it('chains events across month boundaries, making the old months as they come', async () => {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
      expect(rows[0].n).toBe(0);
      for (const at of [
        '2019-01-15T10:00:00.000Z',
        '2019-01-31T23:59:59.999Z',
        '2019-02-01T00:00:00.000Z',
        '2019-02-14T12:00:00.000Z',
        '2019-03-01T00:00:00.000Z',
        '2023-05-05T05:05:05.005Z',
        new Date().toISOString(),
      ])
        await append(at);
      const where = await db.query<{ id: string; partition: string }>(
        `SELECT e.id::text AS id, e.tableoid::regclass::text AS partition FROM audit_events e ORDER BY e.id`,
      );
      expect(where.rows.map((r) => r.partition)).toEqual([
        'audit_events_2019_01',
        'audit_events_2019_01',
        'audit_events_2019_02',
        'audit_events_2019_02',
        'audit_events_2019_03',
        'audit_events_2023_05',
        `audit_events_${thisMonth()}`,
      ]);
      expect(await verify()).toMatchObject({
        ok: true,
        checked: 7,
        firstBrokenId: null,
        startedAfter: null,
        lastHash: head,
      });
      // The person index of the loggutdrag follows the same months.
      const persons = await db.query<{ partition: string }>(
        `SELECT tableoid::regclass::text AS partition FROM audit_event_persons ORDER BY event_id`,
      );
      expect(persons.rows.map((r) => r.partition)).toEqual(
        where.rows.map((r) => r.partition.replace('audit_events_', 'audit_event_persons_')),
      );
    });

    it('refuses to drop a month within retention, or one with older months still held', async () => {
      const young = await run('audit:drop-partition', ['2023-05']);
      expect(young.code).toBe(2);
      expect(young.stderr).toMatch(/kept until/);
      const notOldest = await run('audit:drop-partition', ['2019-02']);
      expect(notOldest.code).toBe(2);
      expect(notOldest.stderr).toMatch(/older than 2019_02/);
      const bad = await run('audit:drop-partition', ['2019-13']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/usage/);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
      expect(rows[0].n).toBe(7);
    });

    it('drops the oldest month behind a checkpoint: the chain verifies and the drop is in the log', async () => {
      const res = await run('audit:drop-partition', ['2019-01']);
      expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
      const printed = JSON.parse(res.stdout) as {
        month: string;
        checkpoint: { lastId: string; lastHash: string; events: string; partitionName: string };
      };
      expect(printed).toMatchObject({
        month: '2019-01',
        checkpoint: {
          partitionName: 'audit_events_2019_01',
          events: '2',
          lastId: appended[1].id,
          lastHash: appended[1].hash,
        },
      });
      const tables = await db.query(
        `SELECT 1 FROM pg_class WHERE relname IN ('audit_events_2019_01', 'audit_event_persons_2019_01')`,
      );
      expect(tables.rowCount).toBe(0);
      const drops = await db.query<{ action: string; user_id: string | null }>(
        `SELECT action, user_id FROM audit_events WHERE action = $1`,
        [AuditAction.AuditRetentionDrop],
      );
      expect(drops.rows).toEqual([{ action: AuditAction.AuditRetentionDrop, user_id: null }]);

      const result = await verify();
      expect(result).toMatchObject({
        ok: true,
        // The five events left and the drop's own event.
        checked: 6,
        firstBrokenId: null,
        startedAfter: { id: appended[1].id, hash: appended[1].hash },
      });

      // The next month goes the same way; the walk starts at its checkpoint.
      const next = await run('audit:drop-partition', ['2019-02']);
      expect(next.code).toBe(0);
      expect(await verify()).toMatchObject({
        ok: true,
        checked: 5,
        startedAfter: { id: appended[3].id, hash: appended[3].hash },
      });
    });

    it('keeps the checkpoints append-only, and a removed event after one still breaks the chain', async () => {
      await expect(db.query(`UPDATE audit_checkpoints SET last_hash = last_hash`)).rejects.toThrow(
        /append-only/,
      );
      await expect(db.query(`DELETE FROM audit_checkpoints`)).rejects.toThrow(/append-only/);
      // Someone with superuser rights removes the oldest event left: the next no longer chains
      // onto the checkpoint, and verification names it.
      const oldest = appended[4];
      await db.query(
        `SET session_replication_role = replica;
         DELETE FROM audit_events WHERE id = ${Number(oldest.id)};
         SET session_replication_role = origin`,
      );
      const broken = await verify();
      expect(broken).toMatchObject({ ok: false, firstBrokenId: appended[5].id });
    });
  });
});
