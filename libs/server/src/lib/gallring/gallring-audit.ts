import type { QueryRunner } from 'typeorm';
import { AUDIT_CHAIN_LOCK, auditAppendRow, UNKNOWN_AUDIT_HEAD } from '../audit/audit-append';
import { AUDIT_GENESIS_HASH, type AuditHashContent, auditHash } from '../audit/audit-hash';

/**
 * Appends events, in order, to the hash-chained audit log inside the caller's open transaction,
 * through `samsyn_audit_append` as the API does. The function takes the chain lock on the first
 * call, so the second try (onto the head it answered) always succeeds. Call it last in the
 * transaction: the chain lock is then held only while the transaction commits. Returns the new
 * head.
 */
export async function appendAuditEvents(
  runner: QueryRunner,
  contents: readonly AuditHashContent[],
  knownHead?: string | null,
): Promise<string | null | undefined> {
  if (contents.length === 0) return knownHead;
  let expected: string | null | undefined = knownHead;
  for (let attempt = 1; attempt <= 3; attempt++) {
    let prevHash = expected ?? AUDIT_GENESIS_HASH;
    const rows = contents.map((content) => {
      const hash = auditHash(prevHash, content);
      const row = auditAppendRow(content, prevHash, hash);
      prevHash = hash;
      return row;
    });
    const [result] = (await runner.query(
      'SELECT appended, head FROM samsyn_audit_append($1, $2, $3)',
      [
        AUDIT_CHAIN_LOCK,
        expected === undefined ? UNKNOWN_AUDIT_HEAD : expected,
        JSON.stringify(rows),
      ],
    )) as { appended: boolean; head: string | null }[];
    if (result.appended) return prevHash;
    expected = result.head;
  }
  throw new Error('the audit chain head moved while the chain lock was held');
}
