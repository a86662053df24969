import type { QueryRunner } from 'typeorm';
import { AUDIT_GENESIS_HASH, type AuditHashContent, auditHash } from '../audit/audit-hash';

/**
 * The audit chain's lock key: the same constant as the API's AuditService (AUDIT_CHAIN_LOCK; a
 * unit test in apps/api checks they agree), so a clearing's event joins the one chain.
 */
export const GALLRING_AUDIT_CHAIN_LOCK = 0x5a4d_a0d1;

/** Sent when the head is not known yet: no hash has this value, so the function answers it. */
const UNKNOWN_HEAD = 'unknown';

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
    const row = {
      occurred_at: content.occurredAt.toISOString(),
      user_id: content.userId,
      organisation_id: content.organisationId,
      unit_id: content.unitId,
      roles: content.roles,
      action: content.action,
      outcome: content.outcome,
      case_ids: content.caseIds,
      person_ids: content.personIds,
      categories: content.categories,
      consent_ids: content.consentIds,
      disclosure_ids: content.disclosureIds,
      basis: content.basis,
      relation: content.relation,
      emergency: content.emergency,
      request_id: content.requestId,
      target_kind: content.targetKind ?? null,
      target_id: content.targetId ?? null,
      prev_hash: prevHash,
      hash,
    };
    const [result] = (await runner.query(
      'SELECT appended, head FROM samsyn_audit_append($1, $2, $3)',
      [
        GALLRING_AUDIT_CHAIN_LOCK,
        expected === undefined ? UNKNOWN_HEAD : expected,
        JSON.stringify([row]),
      ],
    )) as { appended: boolean; head: string | null }[];
    if (result.appended) return hash;
    expected = result.head;
  }
  throw new Error('the audit chain head moved while the chain lock was held');
}
