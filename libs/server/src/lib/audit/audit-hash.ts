import { createHash } from 'node:crypto';

/** The `prev_hash` of the first event: there is nothing before it. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * Tags the serialisation. A future change of the covered fields gets a new tag, so an old chain
 * and a new one can never be confused with each other.
 */
export const AUDIT_HASH_FORMAT = 'samsyn.audit.v1';

const HASH = /^[0-9a-f]{64}$/;

/**
 * What an event's hash covers: every column of `audit_events` except `id` and the two hashes.
 * `id` is left out on purpose: it is assigned by the database after the hash is computed, and the
 * chain itself (each event names its predecessor's hash) already fixes the order.
 */
export interface AuditHashContent {
  occurredAt: Date;
  userId: string | null;
  organisationId: string | null;
  unitId: string | null;
  roles: readonly string[];
  action: string;
  outcome: string;
  caseIds: readonly string[];
  personIds: readonly string[];
  categories: readonly string[];
  consentIds: readonly string[];
  disclosureIds: readonly string[];
  basis: string | null;
  relation: string | null;
  emergency: boolean;
  requestId: string | null;
  /**
   * What an administrative event changed (issue 16): an organisation, a unit or a user. Hashed
   * only when present, so the events written before the field existed keep their hashes.
   */
  targetKind?: string | null;
  targetId?: string | null;
}

// PostgreSQL stores uuids in lower case whatever it was given; hashing that form means the hash
// computed at insert and the one recomputed from the stored row cannot differ by letter case.
const uuid = (value: string | null): string | null => (value === null ? null : value.toLowerCase());
const uuids = (values: readonly string[]): string[] => values.map((v) => v.toLowerCase());

/**
 * The canonical serialisation: a JSON array in a fixed field order (not an object, so that no
 * key order or key name is involved). Arrays keep their given order — the database keeps it too —
 * and the time is the ISO string with milliseconds, the precision the service writes.
 */
export function canonicalAuditContent(event: AuditHashContent): string {
  return JSON.stringify([
    AUDIT_HASH_FORMAT,
    event.occurredAt.toISOString(),
    uuid(event.userId),
    uuid(event.organisationId),
    uuid(event.unitId),
    [...event.roles],
    event.action,
    event.outcome,
    uuids(event.caseIds),
    uuids(event.personIds),
    [...event.categories],
    uuids(event.consentIds),
    uuids(event.disclosureIds),
    event.basis,
    event.relation,
    event.emergency,
    event.requestId,
    ...(event.targetKind ? [event.targetKind, uuid(event.targetId ?? null)] : []),
  ]);
}

/**
 * SHA-256 (hex) of the previous event's hash followed by this event's canonical content (D19:
 * the log cannot be altered unnoticed). `prevHash` has a fixed length, so the concatenation is
 * unambiguous.
 */
export function auditHash(prevHash: string, event: AuditHashContent): string {
  if (!HASH.test(prevHash)) throw new Error('prevHash must be 64 lower-case hex digits');
  return createHash('sha256')
    .update(prevHash, 'utf8')
    .update(canonicalAuditContent(event), 'utf8')
    .digest('hex');
}
