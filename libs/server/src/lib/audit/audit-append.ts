import type { AuditHashContent } from './audit-hash';

/**
 * The key of the transaction-level advisory lock that serialises appends to the audit chain, so
 * that concurrent writers (API processes, the gallring runner) form one chain instead of forking
 * it. Any constant works as long as nothing else in the database locks the same key.
 */
export const AUDIT_CHAIN_LOCK = 0x5a4d_a0d1;

/** Sent as the expected head when the writer does not know it yet; never a real hash. */
export const UNKNOWN_AUDIT_HEAD = 'unknown';

/**
 * An event as `samsyn_audit_append` reads it (migrations 1795486000000 and 1796618671352): the
 * table's column names, times in ISO 8601, with the hashes that chain it.
 */
export function auditAppendRow(content: AuditHashContent, prevHash: string, hash: string) {
  return {
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
}
