import { Injectable } from '@nestjs/common';
import type { AuditVerifyDto } from '@samsyn/common';
import {
  AUDIT_GENESIS_HASH,
  AuditEventEntity,
  type AuditHashContent,
  auditHash,
} from '@samsyn/server';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditActor, AuditRecord } from './audit.types';
import { currentRequestId } from './request-context';

/**
 * The key of the transaction-level advisory lock that serialises appends, so that concurrent
 * requests form one chain instead of forking it. Any constant works as long as nothing else in
 * the database locks the same key.
 */
export const AUDIT_CHAIN_LOCK = 0x5a4d_a0d1;

/** Events appended in one transaction at most (group commit of concurrent requests). */
export const APPEND_BATCH_SIZE = 200;

/** Rows per query while verifying: bounded memory however long the log grows. */
export const VERIFY_BATCH_SIZE = 5_000;

/** The verify result, plus the chain's head for an operator to keep outside the database. */
export interface AuditVerifyResult extends AuditVerifyDto {
  /**
   * The last intact event and its hash. Cutting off the newest events leaves a valid chain; a
   * head recorded elsewhere (the CLI prints it) is what shows such a truncation later.
   */
  lastId: string | null;
  lastHash: string | null;
}

interface ChainRow {
  id: string;
  occurred_at: Date;
  /** Microseconds below the millisecond: always 0 for rows this service wrote. */
  sub_ms: number;
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
  prev_hash: string;
  hash: string;
}

// Arrays are cast to text[] so that the driver parses every one of them the same way.
const CHAIN_COLUMNS = `id::text AS id, occurred_at,
  (extract(microseconds FROM occurred_at)::bigint % 1000)::int AS sub_ms,
  user_id::text AS user_id, organisation_id::text AS organisation_id, unit_id::text AS unit_id,
  roles::text[] AS roles, action, outcome,
  case_ids::text[] AS case_ids, person_ids::text[] AS person_ids,
  categories::text[] AS categories, consent_ids::text[] AS consent_ids,
  disclosure_ids::text[] AS disclosure_ids,
  basis, relation, emergency, request_id, prev_hash, hash`;

function contentOf(row: ChainRow): AuditHashContent {
  return {
    occurredAt: row.occurred_at,
    userId: row.user_id,
    organisationId: row.organisation_id,
    unitId: row.unit_id,
    roles: row.roles,
    action: row.action,
    outcome: row.outcome,
    caseIds: row.case_ids,
    personIds: row.person_ids,
    categories: row.categories,
    consentIds: row.consent_ids,
    disclosureIds: row.disclosure_ids,
    basis: row.basis,
    relation: row.relation,
    emergency: row.emergency,
    requestId: row.request_id,
  };
}

/**
 * Appends audit events to the hash-chained, append-only log and verifies the chain (D19). Every
 * feature records through this service; nothing here logs the content of an event.
 */
@Injectable()
export class AuditService {
  /** Events of requests waiting for the next group commit. */
  private readonly waiting: {
    content: AuditHashContent;
    resolve: () => void;
    reject: (error: unknown) => void;
  }[] = [];
  private flushing = false;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one event. With `em`, inside that transaction (a write and its audit commit or roll
   * back together); without, in its own transaction.
   *
   * The append holds the chain lock until the transaction ends, so every other append waits for
   * it: call `record` as the LAST statement of a write transaction, and never while holding row
   * locks that an audited request in another transaction may wait for.
   */
  async record(actor: AuditActor, event: AuditRecord, em?: EntityManager): Promise<void> {
    const content: AuditHashContent = {
      // Milliseconds: what a JS Date holds, so the stored value hashes back to the same string.
      occurredAt: new Date(),
      userId: actor.id,
      organisationId: actor.organisation.id,
      unitId: actor.unit?.id ?? null,
      roles: [...actor.roles],
      action: event.action,
      outcome: event.outcome ?? 'allowed',
      caseIds: [...(event.caseIds ?? [])],
      personIds: [...(event.personIds ?? [])],
      categories: [...(event.categories ?? [])],
      consentIds: [...(event.consentIds ?? [])],
      disclosureIds: [...(event.disclosureIds ?? [])],
      basis: event.basis ?? null,
      relation: event.relation ?? null,
      emergency: event.emergency ?? false,
      requestId: currentRequestId(),
    };
    if (em?.queryRunner?.isTransactionActive) {
      await this.append(em, [content]);
      return;
    }
    // Outside a write transaction (reads, lists, denials): group commit. The events of requests
    // that arrive while an append is in flight go into the next one, one lock, one head read and
    // one commit for all of them; each caller still waits until its event is committed, so no
    // response leaves before its audit event is durable.
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ content, resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      // Let callers of the same tick join the first batch.
      await Promise.resolve();
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, APPEND_BATCH_SIZE);
        try {
          await this.inTransaction(batch.map((w) => w.content));
          for (const w of batch) w.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // One bad event must not fail the others: append them one by one.
          for (const w of batch) await this.inTransaction([w.content]).then(w.resolve, w.reject);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** A transaction-level lock outside a transaction would be released at once: open one. */
  private inTransaction(contents: AuditHashContent[]): Promise<void> {
    return this.dataSource.manager.transaction((tx) => this.append(tx, contents));
  }

  private async append(em: EntityManager, contents: AuditHashContent[]): Promise<void> {
    const [lock] = await em.query<{ isolation: string }[]>(
      `SELECT pg_advisory_xact_lock($1) AS locked, current_setting('transaction_isolation') AS isolation`,
      [AUDIT_CHAIN_LOCK],
    );
    // Under READ COMMITTED the next statement sees the head the previous holder committed. A
    // snapshot taken before the lock (REPEATABLE READ and up) could see an old head and fork.
    if (lock?.isolation !== 'read committed')
      throw new Error(
        `audit events must be recorded in a READ COMMITTED transaction, not ${lock?.isolation ?? 'unknown'}`,
      );
    const [head] = await em.query<{ hash: string }[]>(
      'SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1',
    );
    let prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
    // One multi-row INSERT: rows get their ids in list order, so the chain follows the ids.
    const rows = contents.map((content) => {
      const hash = auditHash(prevHash, content);
      const row = {
        ...content,
        roles: [...content.roles],
        caseIds: [...content.caseIds],
        personIds: [...content.personIds],
        categories: [...content.categories],
        consentIds: [...content.consentIds],
        disclosureIds: [...content.disclosureIds],
        prevHash,
        hash,
      };
      prevHash = hash;
      return row;
    });
    await em.insert(AuditEventEntity, rows);
  }

  /**
   * Walks the whole chain in id order (keyset pages of `batchSize`) and stops at the first event
   * whose `prev_hash` is not its predecessor's hash or whose hash does not match its content.
   */
  async verify(batchSize = VERIFY_BATCH_SIZE): Promise<AuditVerifyResult> {
    let prevHash = AUDIT_GENESIS_HASH;
    let lastId: string | null = null;
    let checked = 0;
    for (;;) {
      const rows: ChainRow[] = await this.dataSource.query<ChainRow[]>(
        // Qualified: a bare `id` in ORDER BY would be the text alias, sorting "10" before "2".
        `SELECT ${CHAIN_COLUMNS} FROM audit_events e WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
        [lastId ?? '0', batchSize],
      );
      for (const row of rows) {
        checked++;
        const intact =
          row.prev_hash === prevHash &&
          row.sub_ms === 0 &&
          row.hash === auditHash(prevHash, contentOf(row));
        if (!intact) return this.result(false, checked, row.id, lastId, prevHash);
        prevHash = row.hash;
        lastId = row.id;
      }
      if (rows.length < batchSize) break;
    }
    return this.result(true, checked, null, lastId, lastId === null ? null : prevHash);
  }

  private result(
    ok: boolean,
    checked: number,
    firstBrokenId: string | null,
    lastId: string | null,
    lastHash: string | null,
  ): AuditVerifyResult {
    return { ok, checked, firstBrokenId, verifiedAt: new Date().toISOString(), lastId, lastHash };
  }
}
