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

/**
 * An in-memory stand-in for the database: enough SQL recognition to append and to page through
 * the chain the way the service does. The real thing is exercised by apps/api-e2e.
 */
class FakeDb {
  rows: Row[] = [];
  isolation = 'read committed';
  readonly statements: string[] = [];
  subMs = new Map<string, number>();

  manager(inTransaction: boolean): EntityManager {
    const em = {
      queryRunner: { isTransactionActive: inTransaction },
      query: (sql: string, params: unknown[] = []) => Promise.resolve(this.query(sql, params)),
      insert: (_: unknown, rows: Omit<Row, 'id'>[]) => {
        this.statements.push(`insert ${rows.length}`);
        for (const row of rows) this.rows.push({ ...row, id: String(this.rows.length + 1) });
        return Promise.resolve();
      },
      transaction: <T>(work: (tx: EntityManager) => Promise<T>) => {
        this.statements.push('begin');
        return work(this.manager(true));
      },
    };
    return em as unknown as EntityManager;
  }

  dataSource(): DataSource {
    return {
      manager: this.manager(false),
      query: (sql: string, params: unknown[] = []) => Promise.resolve(this.query(sql, params)),
    } as unknown as DataSource;
  }

  private query(sql: string, params: unknown[]): unknown[] {
    if (sql.includes('pg_advisory_xact_lock')) {
      this.statements.push(`lock ${String(params[0])}`);
      return [{ locked: '', isolation: this.isolation }];
    }
    if (sql.includes('ORDER BY id DESC LIMIT 1')) {
      this.statements.push('head');
      return this.rows.slice(-1).map((r) => ({ hash: r.hash }));
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
    it('locks the chain, reads its head, then appends an event linked to it', async () => {
      await append(2);
      expect(db.statements).toEqual([
        'begin',
        `lock ${AUDIT_CHAIN_LOCK}`,
        'head',
        'insert 1',
        'begin',
        `lock ${AUDIT_CHAIN_LOCK}`,
        'head',
        'insert 1',
      ]);
      const [first, second] = db.rows;
      expect(first.prevHash).toBe(AUDIT_GENESIS_HASH);
      expect(first.hash).toBe(auditHash(AUDIT_GENESIS_HASH, first));
      expect(second.prevHash).toBe(first.hash);
      expect(second.hash).toBe(auditHash(first.hash, second));
      expect(first).toMatchObject({
        userId: actor.id,
        organisationId: actor.organisation.id,
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

    it("joins the caller's transaction instead of opening one", async () => {
      await service.record(actor, { action: AuditAction.CaseCreate }, db.manager(true));
      expect(db.statements).toEqual([`lock ${AUDIT_CHAIN_LOCK}`, 'head', 'insert 1']);
    });

    it('appends the events of concurrent requests in one transaction, chained in order', async () => {
      await Promise.all(
        ['a', 'b', 'c', 'd'].map((requestId) =>
          runWithRequestContext({ requestId }, () =>
            service.record(actor, { action: AuditAction.CaseList }),
          ),
        ),
      );
      expect(db.statements).toEqual(['begin', `lock ${AUDIT_CHAIN_LOCK}`, 'head', 'insert 4']);
      expect(db.rows.map((r) => r.requestId)).toEqual(['a', 'b', 'c', 'd']);
      let prev = AUDIT_GENESIS_HASH;
      for (const row of db.rows) {
        expect(row.prevHash).toBe(prev);
        expect(row.hash).toBe(auditHash(prev, row));
        prev = row.hash;
      }
    });

    it('when a batch fails, appends its events one by one so only the bad one fails', async () => {
      let failOnce = true;
      type Insert = EntityManager['insert'];
      const original = db.manager.bind(db);
      db.manager = (inTransaction: boolean) => {
        const em = original(inTransaction);
        (em as unknown as { insert: Insert }).insert = (target, rows) => {
          const list = rows as unknown as { requestId: string }[];
          if (list.length > 1 && failOnce) {
            failOnce = false;
            return Promise.reject(new Error('batch failed'));
          }
          if (list.some((r) => r.requestId === 'bad'))
            return Promise.reject(new Error('bad event'));
          return original(inTransaction).insert(target, rows);
        };
        return em;
      };
      service = new AuditService(db.dataSource());
      const results = await Promise.allSettled(
        ['ok-1', 'bad', 'ok-2'].map((requestId) =>
          runWithRequestContext({ requestId }, () =>
            service.record(actor, { action: AuditAction.CaseList }),
          ),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(db.rows.map((r) => r.requestId)).toEqual(['ok-1', 'ok-2']);
      expect(db.rows[1].prevHash).toBe(db.rows[0].hash);
    });

    it('opens a transaction on a manager that is not in one (the lock needs one)', async () => {
      await service.record(actor, { action: AuditAction.CaseCreate }, db.manager(false));
      expect(db.statements[0]).toBe('begin');
    });

    it('takes the request id from the request context', async () => {
      await runWithRequestContext({ requestId: 'req-42' }, () =>
        service.record(actor, { action: AuditAction.CaseList }),
      );
      expect(db.rows[0].requestId).toBe('req-42');
    });

    it('refuses a transaction whose snapshot could predate the lock', async () => {
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

    it('names an event whose time was moved below the millisecond the hash covers', async () => {
      await append(3);
      db.subMs.set('2', 417);
      await expect(service.verify()).resolves.toMatchObject({ ok: false, firstBrokenId: '2' });
    });
  });
});
