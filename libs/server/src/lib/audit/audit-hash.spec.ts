import { createHash } from 'node:crypto';
import {
  AUDIT_GENESIS_HASH,
  type AuditHashContent,
  auditHash,
  canonicalAuditContent,
} from './audit-hash';

const event: AuditHashContent = {
  occurredAt: new Date('2026-03-01T09:15:30.123Z'),
  userId: '6f1c2a4e-1b8d-4c5e-9a77-0d2b3c4d5e6f',
  organisationId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  unitId: null,
  roles: ['social_worker'],
  action: 'case.read',
  outcome: 'allowed',
  caseIds: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
  personIds: ['33333333-3333-4333-8333-333333333333'],
  categories: ['identity', 'social'],
  consentIds: [],
  disclosureIds: [],
  basis: 'owner',
  relation: 'handler',
  emergency: false,
  requestId: 'req-1',
};

/** The fields every event has; the optional target has tests of its own. */
type RequiredField = Exclude<keyof AuditHashContent, 'targetKind' | 'targetId'>;

/** One changed value for every field every event has. */
const changes: { [K in RequiredField]: AuditHashContent[K] } = {
  occurredAt: new Date('2026-03-01T09:15:30.124Z'),
  userId: '6f1c2a4e-1b8d-4c5e-9a77-0d2b3c4d5e60',
  organisationId: null,
  unitId: '44444444-4444-4444-8444-444444444444',
  roles: ['auditor'],
  action: 'case.list',
  outcome: 'denied',
  caseIds: ['22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111'],
  personIds: [],
  categories: ['identity'],
  consentIds: ['55555555-5555-4555-8555-555555555555'],
  disclosureIds: ['66666666-6666-4666-8666-666666666666'],
  basis: null,
  relation: 'none',
  emergency: true,
  requestId: null,
};

describe('auditHash', () => {
  it('is SHA-256 hex of the previous hash followed by the canonical content', () => {
    const expected = createHash('sha256')
      .update(AUDIT_GENESIS_HASH + canonicalAuditContent(event))
      .digest('hex');
    expect(auditHash(AUDIT_GENESIS_HASH, event)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic, also for an equal copy of the event', () => {
    const copy: AuditHashContent = structuredClone(event);
    expect(auditHash(AUDIT_GENESIS_HASH, copy)).toBe(auditHash(AUDIT_GENESIS_HASH, event));
  });

  it.each(Object.keys(changes) as RequiredField[])('changes when %s changes', (key) => {
    const changed = { ...event, [key]: changes[key] };
    expect(auditHash(AUDIT_GENESIS_HASH, changed)).not.toBe(auditHash(AUDIT_GENESIS_HASH, event));
  });

  it('does not let a value move between adjacent fields unnoticed', () => {
    const a = { ...event, basis: 'owner', relation: null };
    const b = { ...event, basis: null, relation: 'owner' };
    expect(auditHash(AUDIT_GENESIS_HASH, a)).not.toBe(auditHash(AUDIT_GENESIS_HASH, b));
  });

  it('hashes uuids as PostgreSQL stores them (lower case)', () => {
    const upper = { ...event, userId: event.userId?.toUpperCase() ?? null };
    expect(auditHash(AUDIT_GENESIS_HASH, upper)).toBe(auditHash(AUDIT_GENESIS_HASH, event));
  });

  it('links events: each hash depends on the previous one', () => {
    const first = auditHash(AUDIT_GENESIS_HASH, event);
    const second = auditHash(first, { ...event, action: 'case.list' });
    const otherFirst = auditHash(AUDIT_GENESIS_HASH, { ...event, requestId: 'req-2' });
    expect(auditHash(otherFirst, { ...event, action: 'case.list' })).not.toBe(second);
  });

  describe('the target of an administrative event (issue 16)', () => {
    const target = { targetKind: 'user', targetId: '77777777-7777-4777-8777-777777777777' };

    it('leaves an event without a target serialised as before the field existed', () => {
      // The 17 fields of samsyn.audit.v1: events written earlier verify unchanged.
      expect(JSON.parse(canonicalAuditContent(event))).toHaveLength(17);
      const none = { ...event, targetKind: null, targetId: null };
      expect(auditHash(AUDIT_GENESIS_HASH, none)).toBe(auditHash(AUDIT_GENESIS_HASH, event));
    });

    it('covers the target when there is one: kind and id', () => {
      const withTarget = { ...event, ...target };
      const base = auditHash(AUDIT_GENESIS_HASH, withTarget);
      expect(base).not.toBe(auditHash(AUDIT_GENESIS_HASH, event));
      expect(auditHash(AUDIT_GENESIS_HASH, { ...withTarget, targetKind: 'unit' })).not.toBe(base);
      expect(
        auditHash(AUDIT_GENESIS_HASH, {
          ...withTarget,
          targetId: '88888888-8888-4888-8888-888888888888',
        }),
      ).not.toBe(base);
      expect(
        auditHash(AUDIT_GENESIS_HASH, { ...withTarget, targetId: target.targetId.toUpperCase() }),
      ).toBe(base);
    });
  });

  it('refuses a previous hash that is not 64 lower-case hex digits', () => {
    expect(() => auditHash('abc', event)).toThrow(/64 lower-case hex/);
    expect(() => auditHash(AUDIT_GENESIS_HASH.replace(/0$/, 'A'), event)).toThrow();
  });
});
