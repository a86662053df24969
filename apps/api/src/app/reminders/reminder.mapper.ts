import type { ReminderDto } from '@samsyn/common';
import type { ReminderEntity } from '@samsyn/server';

export function toReminderDto(r: ReminderEntity): ReminderDto {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    dueAt: r.dueAt.toISOString(),
    deliveredAt: r.deliveredAt ? r.deliveredAt.toISOString() : null,
    attempts: r.attempts,
  };
}
