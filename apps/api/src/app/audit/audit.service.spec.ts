import { AuditAction } from '@samsyn/common';
import { AUDIT_GENESIS_HASH, type AuditEventEntity, auditHash } from '@samsyn/server';
import type { DataSource, EntityManager } from 'typeorm';
import { AUDIT_CHAIN_LOCK, AuditService } from './audit.service';
import type { AuditActor } from './audit.types';
import { runWithRequestContext } from './request-context';

const actor: AuditActor = {
  id: '6f1c2a4e-1b8d-4c5e-9a77-0d2b3c4d5e6f',
  roles: ['social_worker'],
  organisation: { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
  unit: { id: '44444444-4444-4444-8444-444444444444' },
};

type Row = Omit<AuditEventEntity, 'id'> & { id: string };

/** An event as the service sends it to `samsyn_audit_append` (snake_case, ISO times). */
interface SentRow {
  occurred_at: string;
  user_id: string | null;
  organisation_id: string | null;
  unit_id: string | null;
  roles: string[];
  action: string;
  outcome: string;
  case_ids: string[];
  person_ids: string[];
  categories: string[];
  consent_ids: string[];
  disclosure_ids: string[];
  basis: string | null;
  relation: string | null;
  emergency: boolean;
  request_id: string | null;
  target_kind: string | null;
  target_id: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * An in-memory stand-in for the database, for the service's own logic: what it hashes onto which
 * head, how it retries and batches. It answers `samsyn_audit_append` as the SQL function does
 * (insert only onto the expected head, else answer the head); the function itself, its lock and
 * its snapshot, are exercised against PostgreSQL by apps/api-e2e (audit.e2e-spec.ts).
 */
class FakeDb {
  rows: Row[] = [];
  isolation = 'read committed';
  readonly statements: string[] = [];
  subMs = new Map<string, number>();
  /** Another process's append, run just before the next append reads the head. */
  interloper: (() => void) | null = null;
  /** A failure for an append of these rows, as the database would raise it. */
  failAppend: (rows: SentRow[]) => Error | null = () => null;
  /** `audit_checkpoints`: the last id and hash of each month dropped past retention. */
  checkpoints: { lastId: string; lastHash: string }[] = [];

  /** Drops the oldest `n` events as `samsyn_audit_drop_partition` does, behind a checkpoint. */
  dropPrefix(n: number): void {
    const last = this.rows[n - 1];
    this.checkpoints.push({ lastId: last.id, lastHash: last.hash });
    this.rows.splice(0, n);
  }

  manager(inTransaction: boolean): EntityManager {
    const em = {
      queryRunner: { isTransactionActive: inTransaction },
      query: (sql: string, params: unknown[] = []) =>
        Promise.resolve().then(() => this.query(sql, params)),
    };
    return em as unknown as EntityManager;
  }

  dataSource(): DataSource {
    return {
      manager: this.manager(false),
      query: (sql: string, params: unknown[] = []) =>
        Promise.resolve().then(() => this.query(sql, params)),
    } as unknown as DataSource;
  }

  head(): string | null {
    return this.rows.at(-1)?.hash ?? null;
  }

  /** Appends a row as another process would (chained onto the current head). */
  appendForeign(): void {
    const prevHash = this.head() ?? AUDIT_GENESIS_HASH;
    const content = {
      occurredAt: new Date('2026-11-24T08:00:00.000Z'),
      userId: null,
      organisationId: null,
      unitId: null,
      roles: [],
      action: 'case.read',
      outcome: 'allowed',
      caseIds: [],
      personIds: [],
      categories: [],
      consentIds: [],
      disclosureIds: [],
      basis: null,
      relation: null,
      emergency: false,
      requestId: 'foreign',
      targetKind: null,
      targetId: null,
    };
    this.rows.push({
      ...content,
      prevHash,
      hash: auditHash(prevHash, content),
      id: String(this.rows.length + 1),
    });
  }

  private query(sql: string, params: unknown[]): unknown[] {
    if (sql.includes('samsyn_audit_append')) {
      const [lock, expected, json] = params as [number, string | null, string];
      const sent = JSON.parse(json) as SentRow[];
      this.statements.push(`append ${sent.length} lock ${lock}`);
      if (this.isolation !== 'read committed')
        throw new Error(
          `audit events must be recorded in a READ COMMITTED transaction, not ${this.isolation}`,
        );
      if (this.interloper) {
        const run = this.interloper;
        this.interloper = null;
        run();
      }
      const head = this.head();
      if (head !== expected) return [{ appended: false, head }];
      const failure = this.failAppend(sent);
      if (failure) throw failure;
      for (const r of sent)
        this.rows.push({
          id: String(this.rows.length + 1),
          occurredAt: new Date(r.occurred_at),
          userId: r.user_id,
          organisationId: r.organisation_id,
          unitId: r.unit_id,
          roles: r.roles,
          action: r.action,
          outcome: r.outcome,
          caseIds: r.case_ids,
          personIds: r.person_ids,
          categories: r.categories,
          consentIds: r.consent_ids,
          disclosureIds: r.disclosure_ids,
          basis: r.basis,
          relation: r.relation,
          emergency: r.emergency,
          requestId: r.request_id,
          targetKind: r.target_kind,
          targetId: r.target_id,
          prevHash: r.prev_hash,
          hash: r.hash,
        });
      return [{ appended: true, head: this.head() }];
    }
    if (sql.includes('FROM audit_checkpoints c')) {
      const oldest = this.rows.length ? Number(this.rows[0].id) : Infinity;
      return this.checkpoints
        .filter((c) => Number(c.lastId) < oldest)
        .sort((a, b) => Number(b.lastId) - Number(a.lastId))
        .slice(0, 1)
        .map((c) => ({ id: c.lastId, hash: c.lastHash }));
    }
    if (sql.includes('WHERE e.id > $1 ORDER BY e.id LIMIT $2')) {
      const [after, limit] = [Number(params[0]), Number(params[1])];
      return this.rows
        .filter((r) => Number(r.id) > after)
        .slice(0, limit)
        .map((r) => ({
          id: r.id,
          occurred_at: r.occurredAt,
          sub_ms: this.subMs.get(r.id) ?? 0,
          user_id: r.userId,
          organisation_id: r.organisationId,
          unit_id: r.unitId,
          roles: r.roles,
          action: r.action,
          outcome: r.outcome,
          case_ids: r.caseIds,
          person_ids: r.personIds,
          categories: r.categories,
          consent_ids: r.consentIds,
          disclosure_ids: r.disclosureIds,
          basis: r.basis,
          relation: r.relation,
          emergency: r.emergency,
          request_id: r.requestId,
          target_kind: r.targetKind,
          target_id: r.targetId,
          prev_hash: r.prevHash,
          hash: r.hash,
        }));
    }
    throw new Error(`unexpected SQL: ${sql}`);
  }
}

describe('AuditService', () => {
  let db: FakeDb;
  let service: AuditService;

  beforeEach(() => {
    db = new FakeDb();
    service = new AuditService(db.dataSource());
  });

  const append = (n: number) =>
    Array.from({ length: n }).reduce<Promise<void>>(
      (prev, _, i) =>
        prev.then(() =>
          service.record(actor, {
            action: AuditAction.CaseRead,
            caseIds: [`11111111-1111-4111-8111-${String(i).padStart(12, '0')}`],
          }),
        ),
      Promise.resolve(),
    );

  describe('record', () => {
    it('learns the head on its first append, then appends linked events in one statement each', async () => {
      await append(2);
      // The first try sends a head no hash can be: the function answers the real (empty) head.
      expect(db.statements).toEqual([
        `append 1 lock ${AUDIT_CHAIN_LOCK}`,
        `append 1 lock ${AUDIT_CHAIN_LOCK}`,
        `append 1 lock ${AUDIT_CHAIN_LOCK}`,
      ]);
      const [first, second] = db.rows;
      expect(first.prevHash).toBe(AUDIT_GENESIS_HASH);
      expect(first.hash).toBe(auditHash(AUDIT_GENESIS_HASH, first));
      expect(second.prevHash).toBe(first.hash);
      expect(second.hash).toBe(auditHash(first.hash, second));
      expect(first).toMatchObject({
        userId: actor.id,
        organisationId: actor.organisation?.id,
        unitId: actor.unit?.id,
        roles: ['social_worker'],
        action: 'case.read',
        outcome: 'allowed',
        emergency: false,
        basis: null,
        relation: null,
        requestId: null,
      });
    });

    it('hashes again onto the head another process moved, and links to its event', async () => {
      await append(1);
      db.statements.length = 0;
      db.interloper = () => db.appendForeign();
      await append(1);
      expect(db.statements).toHaveLength(2);
      expect(db.rows.map((r) => r.requestId)).toEqual([null, 'foreign', null]);
      expect(db.rows[2].prevHash).toBe(db.rows[1].hash);
      expect(db.rows[2].hash).toBe(auditHash(db.rows[1].hash, db.rows[2]));
    });

    it('gives up with an error when the head keeps moving, writing nothing of its own', async () => {
      await append(1);
      const moving = () => {
        db.appendForeign();
        db.interloper = moving;
      };
      db.interloper = moving;
      await expect(service.record(actor, { action: AuditAction.CaseList })).rejects.toThrow(
        /head moved/,
      );
      db.interloper = null;
      expect(db.rows.filter((r) => r.requestId !== 'foreign')).toHaveLength(1);
    });

    it("appends inside the caller's transaction, not in a group commit", async () => {
      await append(1);
      db.statements.length = 0;
      await service.record(actor, { action: AuditAction.CaseCreate }, db.manager(true));
      expect(db.statements).toEqual([`append 1 lock ${AUDIT_CHAIN_LOCK}`]);
      expect(db.rows[1].action).toBe('case.create');
    });

    it('appends the events of concurrent requests in one statement, chained in order', async () => {
      await append(1);
      db.statements.length = 0;
      await Promise.all(
        ['a', 'b', 'c', 'd'].map((requestId) =>
          runWithRequestContext({ requestId }, () =>
            service.record(actor, { action: AuditAction.CaseList }),
          ),
        ),
      );
      expect(db.statements).toEqual([`append 4 lock ${AUDIT_CHAIN_LOCK}`]);
      expect(db.rows.slice(1).map((r) => r.requestId)).toEqual(['a', 'b', 'c', 'd']);
      let prev = AUDIT_GENESIS_HASH;
      for (const row of db.rows) {
        expect(row.prevHash).toBe(prev);
        expect(row.hash).toBe(auditHash(prev, row));
        prev = row.hash;
      }
    });

    it('when a batch fails, appends its events one by one so only the bad one fails', async () => {
      await append(1);
      let failOnce = true;
      db.failAppend = (rows) => {
        if (rows.length > 1 && failOnce) {
          failOnce = false;
          return new Error('batch failed');
        }
        return rows.some((r) => r.request_id === 'bad') ? new Error('bad event') : null;
      };
      const results = await Promise.allSettled(
        ['ok-1', 'bad', 'ok-2'].map((requestId) =>
          runWithRequestContext({ requestId }, () =>
            service.record(actor, { action: AuditAction.CaseList }),
          ),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(db.rows.slice(1).map((r) => r.requestId)).toEqual(['ok-1', 'ok-2']);
      expect(db.rows[2].prevHash).toBe(db.rows[1].hash);
    });

    it('takes the request id from the request context', async () => {
      await runWithRequestContext({ requestId: 'req-42' }, () =>
        service.record(actor, { action: AuditAction.CaseList }),
      );
      expect(db.rows[0].requestId).toBe('req-42');
    });

    it('passes on the refusal of a transaction whose snapshot could predate the lock', async () => {
      db.isolation = 'repeatable read';
      await expect(service.record(actor, { action: AuditAction.CaseList })).rejects.toThrow(
        /READ COMMITTED/,
      );
      expect(db.rows).toEqual([]);
    });
  });

  describe('verify', () => {
    it('accepts an intact chain, across batches', async () => {
      await append(7);
      const result = await service.verify(3);
      expect(result).toMatchObject({
        ok: true,
        checked: 7,
        firstBrokenId: null,
        lastId: '7',
        lastHash: db.rows[6].hash,
      });
      expect(Date.parse(result.verifiedAt)).not.toBeNaN();
    });

    it('accepts an empty log', async () => {
      await expect(service.verify()).resolves.toMatchObject({
        ok: true,
        checked: 0,
        firstBrokenId: null,
        lastId: null,
        lastHash: null,
      });
    });

    it('names the first event whose content was altered', async () => {
      await append(7);
      db.rows[4] = { ...db.rows[4], action: 'case.list' };
      await expect(service.verify(3)).resolves.toMatchObject({
        ok: false,
        checked: 5,
        firstBrokenId: '5',
        lastId: '4',
        lastHash: db.rows[3].hash,
      });
    });

    it('records the target of an administrative event and notices when it is altered', async () => {
      const target = { kind: 'user' as const, id: '77777777-7777-4777-8777-777777777777' };
      await service.record(actor, { action: AuditAction.AdminFirstRun, target });
      await append(2);
      expect(db.rows[0]).toMatchObject({ targetKind: 'user', targetId: target.id });
      expect(db.rows[1]).toMatchObject({ targetKind: null, targetId: null });
      await expect(service.verify()).resolves.toMatchObject({ ok: true, checked: 3 });
      db.rows[0] = { ...db.rows[0], targetId: '88888888-8888-4888-8888-888888888888' };
      await expect(service.verify()).resolves.toMatchObject({ ok: false, firstBrokenId: '1' });
    });

    it('names the event after a removed one', async () => {
      await append(5);
      db.rows.splice(2, 1);
      await expect(service.verify(2)).resolves.toMatchObject({ ok: false, firstBrokenId: '4' });
    });

    it('names an event whose hashes were recomputed in place, through its successor', async () => {
      await append(4);
      const altered = { ...db.rows[1], action: 'case.list' };
      altered.hash = auditHash(altered.prevHash, altered);
      db.rows[1] = altered;
      await expect(service.verify()).resolves.toMatchObject({ ok: false, firstBrokenId: '3' });
    });

    it('starts after the newest checkpoint when months were dropped past retention', async () => {
      await append(9);
      db.dropPrefix(3);
      db.dropPrefix(2);
      const result = await service.verify(2);
      expect(result).toMatchObject({
        ok: true,
        checked: 4,
        firstBrokenId: null,
        startedAfter: { id: '5', hash: db.checkpoints[1].lastHash },
        lastId: '9',
      });
      // Without its checkpoint the cut is what it is: the first event left does not chain.
      db.checkpoints = [];
      await expect(service.verify()).resolves.toMatchObject({
        ok: false,
        firstBrokenId: '6',
        startedAfter: null,
      });
    });

    it('still names a removed event after the checkpoint', async () => {
      await append(6);
      db.dropPrefix(2);
      db.rows.splice(1, 1);
      await expect(service.verify()).resolves.toMatchObject({ ok: false, firstBrokenId: '5' });
    });

    it('names an event whose time was moved below the millisecond the hash covers', async () => {
      await append(3);
      db.subMs.set('2', 417);
      await expect(service.verify()).resolves.toMatchObject({ ok: false, firstBrokenId: '2' });
    });
  });
});
