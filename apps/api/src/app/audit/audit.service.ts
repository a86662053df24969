import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AuditAction, type AuditVerifyDto } from '@samsyn/common';
import {
  AUDIT_CHAIN_LOCK,
  AUDIT_GENESIS_HASH,
  auditAppendRow,
  type AuditHashContent,
  auditHash,
  UNKNOWN_AUDIT_HEAD,
} from '@samsyn/server';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditActor, AuditRecord } from './audit.types';
import { currentRequestId } from './request-context';

/** The chain lock's key, shared with the gallring runner (libs/server audit-append). */
export { AUDIT_CHAIN_LOCK } from '@samsyn/server';

/** Events appended in one transaction at most (group commit of concurrent requests). */
export const APPEND_BATCH_SIZE = 200;

/** Tries of one append while other processes keep moving the chain's head. */
const APPEND_ATTEMPTS = 20;

/**
 * Rows per query while verifying: bounded memory however long the log grows. Large enough that
 * planning the query over every monthly partition (~60 for five years) is paid rarely.
 */
export const VERIFY_BATCH_SIZE = 20_000;

/** Months of partitions made ahead of time, beside the current one (docs/audit.md). */
export const PARTITION_MONTHS_AHEAD = 2;

/** How often a running API makes the coming months' partitions (the append makes them too). */
const PARTITION_CHECK_MS = 24 * 60 * 60 * 1000;

/** A checkpoint left by a month dropped past retention (`audit_checkpoints`). */
export interface AuditCheckpoint {
  id: string;
  partitionName: string;
  rangeFrom: string;
  rangeTo: string;
  events: string;
  firstId: string;
  lastId: string;
  lastHash: string;
}

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
  target_kind: string | null;
  target_id: string | null;
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
  basis, relation, emergency, request_id, target_kind, target_id::text AS target_id,
  prev_hash, hash`;

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
    targetKind: row.target_kind,
    targetId: row.target_id,
  };
}

/**
 * Appends audit events to the hash-chained, append-only log and verifies the chain (D19). Every
 * feature records through this service; nothing here logs the content of an event.
 */
@Injectable()
export class AuditService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditService.name);
  private partitionTimer: NodeJS.Timeout | undefined;
  /** Events of requests waiting for the next group commit. */
  private readonly waiting: {
    content: AuditHashContent;
    resolve: () => void;
    reject: (error: unknown) => void;
  }[] = [];
  private flushing = false;
  /** The chain's head as this process last saw it: `null` for an empty log, `undefined` unknown. */
  private head: string | null | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Makes this month's partitions of the log and the next ones, at start-up and daily: so that
   * the append rarely has to (it would, for a month without one) and the DEFAULT partition stays
   * empty. A failure here costs nothing but a warning: the append still finds or makes its month.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.ensurePartitions();
    this.partitionTimer = setInterval(() => void this.ensurePartitions(), PARTITION_CHECK_MS);
    this.partitionTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.partitionTimer);
  }

  async ensurePartitions(): Promise<void> {
    try {
      await this.dataSource.query('SELECT samsyn_audit_ensure_partitions($1)', [
        PARTITION_MONTHS_AHEAD,
      ]);
    } catch (error) {
      this.logger.warn(
        `could not make the audit log's coming partitions: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Drops the month of the log that holds `month` (`YYYY-MM`, UTC) once it is past retention
   * (`samsyn_audit_drop_partition`: at least five years, the oldest month first, a prefix of the
   * chain), leaving its last id and hash as a checkpoint, and records the drop in the log in the
   * same transaction. Answers the checkpoint, or null for a month without events.
   */
  async dropPartition(
    actor: AuditActor,
    month: string,
    retentionYears = 5,
  ): Promise<AuditCheckpoint | null> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      const [row] = await em.query<
        {
          id: string;
          partition_name: string;
          range_from: Date;
          range_to: Date;
          events: string;
          first_id: string;
          last_id: string;
          last_hash: string;
        }[]
      >(
        `SELECT id::text AS id, partition_name, range_from, range_to, events::text AS events,
                first_id::text AS first_id, last_id::text AS last_id, last_hash
         FROM samsyn_audit_drop_partition($1, ($2 || '-01T00:00:00Z')::timestamptz,
                                          $3::int * interval '1 year')`,
        [AUDIT_CHAIN_LOCK, month, retentionYears],
      );
      const checkpoint: AuditCheckpoint | null = row
        ? {
            id: row.id,
            partitionName: row.partition_name,
            rangeFrom: row.range_from.toISOString(),
            rangeTo: row.range_to.toISOString(),
            events: row.events,
            firstId: row.first_id,
            lastId: row.last_id,
            lastHash: row.last_hash,
          }
        : null;
      await this.record(actor, { action: AuditAction.AuditRetentionDrop }, em);
      return checkpoint;
    });
  }

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
      organisationId: actor.organisation?.id ?? null,
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
      targetKind: event.target?.kind ?? null,
      targetId: event.target?.id ?? null,
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
          await this.appendAlone(batch.map((w) => w.content));
          for (const w of batch) w.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // One bad event must not fail the others: append them one by one.
          for (const w of batch) await this.appendAlone([w.content]).then(w.resolve, w.reject);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Outside a transaction: the append is one statement, atomic on its own. */
  private appendAlone(contents: AuditHashContent[]): Promise<void> {
    return this.append(this.dataSource.manager, contents);
  }

  /**
   * Hashes the events onto the head this process last saw and appends them in one statement
   * (`samsyn_audit_append`, migration 1795486000000), which takes the chain lock and inserts only
   * when that head is still the chain's head. When another process (or a rolled-back
   * transaction) moved it, nothing is written and the function answers the actual head: hash
   * again onto that. Inside a transaction the lock is then already held, so the second try
   * succeeds; outside, another process may move the head in between, hence a few tries.
   */
  private async append(em: EntityManager, contents: AuditHashContent[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const expected = this.head;
      let prevHash = expected ?? AUDIT_GENESIS_HASH;
      const rows = contents.map((content) => {
        const hash = auditHash(prevHash, content);
        const row = auditAppendRow(content, prevHash, hash);
        prevHash = hash;
        return row;
      });
      const [result] = await em.query<{ appended: boolean; head: string | null }[]>(
        'SELECT appended, head FROM samsyn_audit_append($1, $2, $3)',
        // An unknown head is a value no hash can have, so the first append learns the head.
        [
          AUDIT_CHAIN_LOCK,
          expected === undefined ? UNKNOWN_AUDIT_HEAD : expected,
          JSON.stringify(rows),
        ],
      );
      this.head = result.head;
      if (result.appended) return;
      if (attempt >= APPEND_ATTEMPTS)
        throw new Error(`the audit chain's head moved ${attempt} times during one append`);
    }
  }

  /**
   * Walks the whole chain in id order (keyset pages of `batchSize`) and stops at the first event
   * whose `prev_hash` is not its predecessor's hash or whose hash does not match its content.
   */
  async verify(batchSize = VERIFY_BATCH_SIZE): Promise<AuditVerifyResult> {
    // Months dropped past retention left the hash of their last event: the walk starts after the
    // newest checkpoint that precedes every event still held (or from the genesis).
    const [start] = await this.dataSource.query<{ id: string; hash: string }[]>(
      `SELECT c.last_id::text AS id, c.last_hash AS hash FROM audit_checkpoints c
       WHERE c.last_id < coalesce((SELECT min(e.id) FROM audit_events e), c.last_id + 1)
       ORDER BY c.last_id DESC LIMIT 1`,
    );
    const startedAfter = start ? { id: start.id, hash: start.hash } : null;
    let prevHash = start?.hash ?? AUDIT_GENESIS_HASH;
    let lastId: string | null = start?.id ?? null;
    let checked = 0;
    const page = (after: string | null): Promise<ChainRow[]> =>
      this.dataSource.query<ChainRow[]>(
        // Qualified: a bare `id` in ORDER BY would be the text alias, sorting "10" before "2".
        `SELECT ${CHAIN_COLUMNS} FROM audit_events e WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
        [after ?? '0', batchSize],
      );
    let next = page(lastId);
    for (;;) {
      const rows = await next;
      // The next page is read while this one is hashed.
      const more = rows.length === batchSize;
      if (more) next = page(rows[rows.length - 1].id);
      for (const row of rows) {
        checked++;
        const intact =
          row.prev_hash === prevHash &&
          row.sub_ms === 0 &&
          row.hash === auditHash(prevHash, contentOf(row));
        if (!intact) {
          // The page already asked for is not needed; let it settle unobserved.
          if (more) next.catch(() => undefined);
          return this.result(false, checked, row.id, lastId, prevHash, startedAfter);
        }
        prevHash = row.hash;
        lastId = row.id;
      }
      if (!more) break;
    }
    return this.result(
      true,
      checked,
      null,
      lastId,
      lastId === null ? null : prevHash,
      startedAfter,
    );
  }

  private result(
    ok: boolean,
    checked: number,
    firstBrokenId: string | null,
    lastId: string | null,
    lastHash: string | null,
    startedAfter: { id: string; hash: string } | null,
  ): AuditVerifyResult {
    return {
      ok,
      checked,
      firstBrokenId,
      verifiedAt: new Date().toISOString(),
      startedAfter,
      lastId,
      lastHash,
    };
  }
}
