import { Injectable } from '@nestjs/common';
import { AuditEventEntity } from '@samsyn/server';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditActor, AuditRecord } from './audit.types';

/**
 * Appends audit events (D19). STUB — the hash chain, request ids and the review/extract/verify
 * features are being built in this folder; the signature of `record` is fixed.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one event. With `em`, inside that transaction (a write and its audit commit or roll
   * back together); without, in its own transaction.
   */
  async record(actor: AuditActor, event: AuditRecord, em?: EntityManager): Promise<void> {
    const manager = em ?? this.dataSource.manager;
    await manager.insert(AuditEventEntity, {
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
      requestId: null,
      prevHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    });
  }
}
