import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ReminderKind, ReminderStatus } from '@samsyn/common';
import { caseInactiveDueAt, type ReminderLeadDays, reminderDueAt } from '@samsyn/domain';
import {
  type CaseEntity,
  type ConsentEntity,
  type EnvironmentVariables,
  ReminderEntity,
  reminderLeadDays,
} from '@samsyn/server';
import { type EntityManager, IsNull } from 'typeorm';
import { ReminderScheduler } from './reminder-scheduler.service';

type CaseFacts = Pick<CaseEntity, 'id' | 'closed' | 'handlerId' | 'owningUnitId'>;
type ConsentFacts = Pick<ConsentEntity, 'id' | 'caseId' | 'validUntil' | 'supersedesId'>;

/** Reminders that follow a case's handler when it changes. */
const HANDLER_KINDS = [ReminderKind.ConsentExpiring, ReminderKind.CaseInactive];

/**
 * The reminders a case's own data causes (issue 5): consent expiring and case without activity.
 * Cases services call it inside their transaction, so the reminder is written, moved or
 * cancelled together with the change that causes it.
 */
@Injectable()
export class CaseRemindersService {
  private readonly leadDays: ReminderLeadDays;

  constructor(
    private readonly scheduler: ReminderScheduler,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.leadDays = reminderLeadDays((name) => config.get(name, { infer: true }));
  }

  /** A case was opened with its first consents. */
  async caseOpened(
    em: EntityManager,
    kase: CaseFacts,
    consents: readonly ConsentFacts[],
    now = new Date(),
  ): Promise<void> {
    await this.caseChanged(em, kase, now);
    for (const consent of consents) await this.scheduleConsent(em, kase, consent, now);
  }

  /**
   * Something was written to the case (an update, a status change, a journal entry): its
   * inactivity reminder moves to REMINDER_CASE_INACTIVE_DAYS from today, and follows a new
   * handler. Closing the case cancels every pending reminder of it; reopening starts again.
   */
  async caseChanged(em: EntityManager, kase: CaseFacts, now = new Date()): Promise<void> {
    if (kase.closed) {
      await this.scheduler.cancelWhere(em, { caseId: kase.id });
      return;
    }
    // Serialises writers of one case, so that two journal entries at once keep one reminder.
    // An advisory lock, not the case row: a row lock taken here would upgrade the key-share lock
    // that a journal entry's foreign key already holds, and deadlock with a case update. It is
    // the case's one write lock (`case:<id>`), which the case-access triggers take too, so the
    // two never wait for each other in opposite orders.
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`case:${kase.id}`]);
    const recipient = recipientOf(kase);
    if (kase.handlerId)
      await em.query(
        `UPDATE reminders SET recipient_user_id = $2, recipient_unit_id = NULL,
           version = version + 1, updated_at = now()
         WHERE case_id = $1 AND status = 'pending' AND kind = ANY($3)
           AND escalation_of_id IS NULL AND recipient_user_id IS DISTINCT FROM $2`,
        [kase.id, kase.handlerId, HANDLER_KINDS],
      );
    const dueAt = caseInactiveDueAt(now, this.leadDays);
    const existing = await em.findOne(ReminderEntity, {
      where: {
        caseId: kase.id,
        kind: ReminderKind.CaseInactive,
        status: ReminderStatus.Pending,
        escalationOfId: IsNull(),
      },
    });
    if (!existing) {
      await this.scheduler.schedule(em, {
        kind: ReminderKind.CaseInactive,
        dueAt,
        caseId: kase.id,
        ...recipient,
      });
    } else if (existing.dueAt.getTime() !== dueAt.getTime()) {
      await this.scheduler.reschedule(em, existing.id, dueAt);
    }
  }

  /** A consent was recorded (and counts as activity); the one it supersedes needs no reminder. */
  async consentRecorded(
    em: EntityManager,
    kase: CaseFacts,
    consent: ConsentFacts,
    now = new Date(),
  ): Promise<void> {
    await this.caseChanged(em, kase, now);
    await this.scheduleConsent(em, kase, consent, now);
  }

  /** A consent was withdrawn: no reminder of its expiry. */
  async consentWithdrawn(em: EntityManager, consent: Pick<ConsentEntity, 'id'>): Promise<void> {
    await this.scheduler.cancelWhere(em, {
      kind: ReminderKind.ConsentExpiring,
      subjectId: consent.id,
    });
  }

  private async scheduleConsent(
    em: EntityManager,
    kase: CaseFacts,
    consent: ConsentFacts,
    now: Date,
  ): Promise<void> {
    if (consent.supersedesId)
      await this.scheduler.cancelWhere(em, {
        kind: ReminderKind.ConsentExpiring,
        subjectId: consent.supersedesId,
      });
    if (kase.closed) return;
    const dueAt = reminderDueAt(
      ReminderKind.ConsentExpiring,
      consent.validUntil,
      this.leadDays,
      now,
    );
    if (!dueAt) return;
    await this.scheduler.schedule(em, {
      kind: ReminderKind.ConsentExpiring,
      dueAt,
      caseId: kase.id,
      subjectId: consent.id,
      ...recipientOf(kase),
    });
  }
}

/** The case's handler, or without one every member of the owning unit. */
function recipientOf(kase: CaseFacts): {
  recipientUserId: string | null;
  recipientUnitId: string | null;
} {
  return kase.handlerId
    ? { recipientUserId: kase.handlerId, recipientUnitId: null }
    : { recipientUserId: null, recipientUnitId: kase.owningUnitId };
}
