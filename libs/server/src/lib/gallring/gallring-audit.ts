import type { QueryRunner } from 'typeorm';
import { AUDIT_CHAIN_LOCK, auditAppendRow, UNKNOWN_AUDIT_HEAD } from '../audit/audit-append';
import { AUDIT_GENESIS_HASH, type AuditHashContent, auditHash } from '../audit/audit-hash';

/**
 * Appends one event to the hash-chained audit log inside the caller's open transaction, through
 * `samsyn_audit_append` as the API does. The function takes the chain lock on the first call, so
 * the second try (onto the head it answered) always succeeds. Call it last in the transaction.
 */
export async function appendAuditEvent(
  runner: QueryRunner,
  content: AuditHashContent,
  knownHead?: string | null,
): Promise<string> {
  let expected: string | null | undefined = knownHead;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const prevHash = expected ?? AUDIT_GENESIS_HASH;
    const hash = auditHash(prevHash, content);
    const row = auditAppendRow(content, prevHash, hash);
    const [result] = (await runner.query(
      'SELECT appended, head FROM samsyn_audit_append($1, $2, $3)',
      [
        AUDIT_CHAIN_LOCK,
        expected === undefined ? UNKNOWN_AUDIT_HEAD : expected,
        JSON.stringify([row]),
      ],
    )) as { appended: boolean; head: string | null }[];
    if (result.appended) return hash;
    expected = result.head;
  }
  throw new Error('the audit chain head moved while the chain lock was held');
}
