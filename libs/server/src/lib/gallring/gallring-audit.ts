import { escapeLiteral } from 'pg';
import type { QueryRunner } from 'typeorm';
import { AUDIT_CHAIN_LOCK, auditAppendRow } from '../audit/audit-append';
import {
  AUDIT_GENESIS_HASH,
  type AuditHashContent,
  canonicalAuditContent,
} from '../audit/audit-hash';

/**
 * Appends events, in order, to the hash-chained audit log as the last statements of the caller's
 * open READ COMMITTED transaction (begun with BEGIN), and commits it — all in one message to the
 * database, so that the audit chain's lock, which every audited API request waits for, is held
 * only while the database appends and commits, never while this process (perhaps waiting for a
 * busy CPU) reads an answer and sends the next statement.
 *
 * The chain is the API's (`samsyn_audit_append`, the same lock): each event's hash is SHA-256 of
 * the previous event's hash followed by the event's canonical content (`auditHash`). The canonical
 * content does not depend on the head, so it is serialised here, by `canonicalAuditContent` as
 * for every event; the database, holding the lock, reads the head and chains the hashes onto it
 * (`sha256` of the UTF-8 text, as `auditHash`). The verification (`GET /audit/verify`, the CLI)
 * recomputes every hash from the stored row, so any difference would show there.
 *
 * node-postgres sends a query without parameters by the simple protocol, which allows several
 * statements in one message: the values are inlined as literals. When a statement fails, the ones
 * after it (the COMMIT) do not run: the caller rolls back.
 */
export async function appendAuditEventsAndCommit(
  runner: QueryRunner,
  contents: readonly AuditHashContent[],
): Promise<void> {
  if (contents.length === 0) {
    await runner.query('COMMIT');
    return;
  }
  // The row's prev_hash and hash are the database's to compute.
  const events = JSON.stringify(contents.map((content) => auditAppendRow(content, '', '')));
  const canonical = JSON.stringify(contents.map((content) => canonicalAuditContent(content)));
  await runner.query(
    `SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK});
     WITH RECURSIVE
       e AS (SELECT * FROM jsonb_populate_recordset(NULL::audit_events, ${escapeLiteral(events)}::jsonb)
                           WITH ORDINALITY AS e),
       c AS (SELECT c.value AS content, c.n
             FROM jsonb_array_elements_text(${escapeLiteral(canonical)}::jsonb) WITH ORDINALITY AS c(value, n)),
       chain AS (
         SELECT 0::bigint AS n, NULL::text AS prev_hash,
                coalesce((SELECT h.hash::text FROM audit_chain_head h),
                         '${AUDIT_GENESIS_HASH}') AS hash
         UNION ALL
         SELECT c.n, chain.hash, encode(sha256(convert_to(chain.hash || c.content, 'UTF8')), 'hex')
         FROM chain JOIN c ON c.n = chain.n + 1)
     INSERT INTO audit_events (occurred_at, user_id, organisation_id, unit_id, roles, action,
       outcome, case_ids, person_ids, categories, consent_ids, disclosure_ids, basis, relation,
       emergency, request_id, target_kind, target_id, prev_hash, hash)
     SELECT e.occurred_at, e.user_id, e.organisation_id, e.unit_id, e.roles, e.action,
       e.outcome, e.case_ids, e.person_ids, e.categories, e.consent_ids, e.disclosure_ids,
       e.basis, e.relation, e.emergency, e.request_id, e.target_kind, e.target_id,
       chain.prev_hash, chain.hash
     FROM e JOIN chain ON chain.n = e.ordinality
     ORDER BY e.ordinality;
     COMMIT`,
  );
}
