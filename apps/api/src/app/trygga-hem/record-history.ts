import type { CorrectableRecordDto, RecordRevisionDto, TryggaHemRecordKind } from '@samsyn/common';
import { type TryggaHemWriter, recordActions } from '@samsyn/domain';
import { type CorrectableRecord, TryggaHemRecordRevisionEntity } from '@samsyn/server';
import { type EntityManager, In } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { orgRef } from './caseload';

/** A notification, control measure or incident row with its recording organisation loaded. */
export type CorrectableRecordRow = CorrectableRecord & { id: string };

/** Revisions by record id, oldest first, of the records the caller sees (one query). */
export async function recordHistory(
  em: EntityManager,
  caseId: string,
  records: Record<TryggaHemRecordKind, readonly { id: string }[]>,
): Promise<Map<string, RecordRevisionDto[]>> {
  const ids = Object.values(records).flatMap((list) => list.map((r) => r.id));
  const byRecord = new Map<string, RecordRevisionDto[]>();
  if (!ids.length) return byRecord;
  const rows = await em.find(TryggaHemRecordRevisionEntity, {
    where: { caseId, recordId: In(ids) },
    order: { changedAt: 'ASC', id: 'ASC' },
  });
  for (const r of rows) {
    const list = byRecord.get(r.recordId) ?? [];
    list.push({
      kind: r.kind,
      reason: r.reason,
      previous: r.previous,
      changedBy: { id: r.changedById, displayName: r.changedByName },
      changedByOrganisationName: r.changedByOrganisationName,
      changedAt: r.changedAt.toISOString(),
    });
    byRecord.set(r.recordId, list);
  }
  return byRecord;
}

/**
 * What every correctable record shows (D21): its version, history and removal, and whether the
 * caller may correct or remove it (`recordActions`, the rule the corrections enforce) — the
 * recording organisation, with the category writable, while the record is not removed.
 */
export function correctableDto(
  kind: TryggaHemRecordKind,
  record: CorrectableRecordRow,
  history: ReadonlyMap<string, RecordRevisionDto[]>,
  user: AuthenticatedUser,
  writer: TryggaHemWriter,
): CorrectableRecordDto {
  const allowedActions = recordActions({
    ...writer,
    kind,
    recordedByOwnOrganisation: record.recordedByOrganisationId === user.organisation.id,
    removed: record.removedAt !== null,
  });
  return {
    version: record.version,
    recordedByOrganisation: orgRef(record.recordedByOrganisation),
    canCorrect: allowedActions.length > 0,
    allowedActions,
    revisions: history.get(record.id) ?? [],
    removal:
      record.removedAt === null
        ? null
        : {
            reason: record.removalReason ?? '',
            removedBy: { id: record.removedById ?? '', displayName: record.removedByName ?? '' },
            removedAt: record.removedAt.toISOString(),
          },
  };
}
