import { GALLRING_AUDIT_CHAIN_LOCK } from '@samsyn/server';
import { AUDIT_CHAIN_LOCK } from '../audit/audit.service';

describe('gallring audit events', () => {
  it('join the one audit chain: the same lock key as AuditService', () => {
    expect(GALLRING_AUDIT_CHAIN_LOCK).toBe(AUDIT_CHAIN_LOCK);
  });
});
