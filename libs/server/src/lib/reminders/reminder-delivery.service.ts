import { Injectable, Logger } from '@nestjs/common';
import { ReminderStatus } from '@samsyn/common';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager, In, LessThanOrEqual, MoreThan, Not } from 'typeorm';
import { NotificationEntity } from '../entities/notification.entity';
import { ReminderEntity } from '../entities/reminder.entity';
import { UserEntity } from '../entities/user.entity';
import {
  deliveryDecision,
  type DeliveryOutcome,
  describeDeliveryError,
  failureOutcome,
  PermanentDeliveryError,
} from './delivery-policy';

export interface PendingReminder {
  id: string;
  dueAt: Date;
}

/**
 * Delivers reminders as in-app notifications, exactly once: the reminder row is locked, and the
 * unique (reminder_id, user_id) of notifications makes a repeated delivery a no-op. Used by the
 * worker (BullMQ) and by the API's in-process dispatcher alike.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger(ReminderDeliveryService.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Delivers one reminder if it is pending and due; records a failure for a later retry. */
  async deliver(reminderId: string): Promise<DeliveryOutcome> {
    if (!isUUID(reminderId)) return { status: 'skipped', reason: 'missing' };
    try {
      return await this.dataSource.transaction((em) => this.deliverLocked(em, reminderId));
    } catch (err) {
      // The transaction rolled back: nothing was delivered. Count the attempt in a new one.
      return this.recordFailure(reminderId, err);
    }
  }

  /** Ids of pending reminders that are due, oldest first (for the in-process dispatcher). */
  async findDuePendingIds(limit: number, excludeIds: readonly string[] = []): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ReminderEntity).find({
      select: { id: true },
      where: {
        status: ReminderStatus.Pending,
        dueAt: LessThanOrEqual(new Date()),
        ...(excludeIds.length ? { id: Not(In([...excludeIds])) } : {}),
      },
      order: { dueAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  /** One page of pending reminders in id order (for the reconciler); pass the last id to go on. */
  async findPending(limit: number, afterId?: string): Promise<PendingReminder[]> {
    const rows = await this.dataSource.getRepository(ReminderEntity).find({
      select: { id: true, dueAt: true },
      where: { status: ReminderStatus.Pending, ...(afterId ? { id: MoreThan(afterId) } : {}) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => ({ id: r.id, dueAt: r.dueAt }));
  }

  private async deliverLocked(em: EntityManager, reminderId: string): Promise<DeliveryOutcome> {
    const reminder = await em.findOne(ReminderEntity, {
      where: { id: reminderId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!reminder) return { status: 'skipped', reason: 'missing' };
    const now = new Date();
    const decision = deliveryDecision(reminder, now);
    if (decision === 'not_pending') return { status: 'skipped', reason: 'not_pending' };
    if (decision === 'not_due') return { status: 'not_due', dueAt: reminder.dueAt };

    const recipients = await this.recipients(em, reminder);
    if (recipients.length === 0) throw new PermanentDeliveryError('no active recipient');
    await em
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(
        recipients.map((userId) => ({
          userId,
          reminderId,
          kind: reminder.kind,
          caseId: reminder.caseId,
        })),
      )
      // The unique (reminder_id, user_id) index: a notification that exists stays the only one.
      .orIgnore()
      .execute();
    // The update bumps `version` and `updated_at` too (TypeORM adds them to every update).
    await em.update(
      ReminderEntity,
      { id: reminderId },
      {
        status: ReminderStatus.Delivered,
        deliveredAt: now,
        attempts: reminder.attempts + 1,
        lastError: null,
      },
    );
    this.logger.debug({ reminderId, recipients: recipients.length }, 'Reminder delivered');
    return { status: 'delivered', notified: recipients.length };
  }

  /** The active users a reminder goes to: its user, or every member of its unit. */
  private async recipients(em: EntityManager, reminder: ReminderEntity): Promise<string[]> {
    const where = [
      ...(reminder.recipientUserId ? [{ id: reminder.recipientUserId, active: true }] : []),
      ...(reminder.recipientUnitId ? [{ unitId: reminder.recipientUnitId, active: true }] : []),
    ];
    if (where.length === 0) return [];
    const users = await em.find(UserEntity, { select: { id: true }, where, order: { id: 'ASC' } });
    return users.map((u) => u.id);
  }

  private async recordFailure(reminderId: string, err: unknown): Promise<DeliveryOutcome> {
    const lastError = describeDeliveryError(err);
    const permanent = err instanceof PermanentDeliveryError;
    const outcome = await this.dataSource.transaction(async (em): Promise<DeliveryOutcome> => {
      const reminder = await em.findOne(ReminderEntity, {
        where: { id: reminderId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!reminder) return { status: 'skipped', reason: 'missing' };
      if (reminder.status !== ReminderStatus.Pending)
        return { status: 'skipped', reason: 'not_pending' };
      const result = failureOutcome(reminder.attempts + 1, permanent, new Date());
      await em.update(
        ReminderEntity,
        { id: reminderId },
        {
          attempts: result.attempts,
          lastError,
          ...(result.status === 'failed' ? { status: ReminderStatus.Failed } : {}),
        },
      );
      return result;
    });
    if (outcome.status === 'retry' || outcome.status === 'failed') {
      // Ids and technical codes only: no content of the reminder.
      this.logger.warn(
        { reminderId, attempts: outcome.attempts, error: lastError, outcome: outcome.status },
        'Reminder delivery failed',
      );
    }
    return outcome;
  }
}
