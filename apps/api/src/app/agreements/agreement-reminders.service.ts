import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ReminderKind, ReminderStatus } from '@samsyn/common';
import { type ReminderLeadDays, reminderDueAt } from '@samsyn/domain';
import { type EnvironmentVariables, ReminderEntity, reminderLeadDays } from '@samsyn/server';
import type { EntityManager } from 'typeorm';
import { ReminderScheduler } from '../reminders/reminder-scheduler.service';

/** One date of an agreement that is reminded of: a follow-up date or the last valid day. */
export interface AgreementReminderTarget {
  /** The date it is about (YYYY-MM-DD), or null when nothing is to be reminded (follow-up done). */
  date: string | null;
  /** The reminder written for it before, if any. */
  reminderId: string | null;
  /** False when neither the date nor the done state changed: a delivered reminder stays the last. */
  changed: boolean;
}

/**
 * The reminders an agreement's dates cause (D25, kind `agreement_follow_up`, lead days from
 * REMINDER_LEAD_DAYS_AGREEMENT_FOLLOW_UP): one per open follow-up date and one before the end of
 * validity, to the user who recorded the agreement. Called inside the agreement's transaction.
 * The reminder's subject is the agreement (it has no case), so notifications and e-mails link
 * to the agreement's page.
 */
@Injectable()
export class AgreementRemindersService {
  private readonly leadDays: ReminderLeadDays;

  constructor(
    private readonly scheduler: ReminderScheduler,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.leadDays = reminderLeadDays((name) => config.get(name, { infer: true }));
  }

  /**
   * Brings one date's reminder in line with the agreement: writes, moves or cancels it. Returns
   * the id to remember for the date (null when there never was one).
   */
  async sync(
    em: EntityManager,
    agreementId: string,
    recipientUserId: string | null,
    target: AgreementReminderTarget,
    now = new Date(),
  ): Promise<string | null> {
    if (!target.changed) return target.reminderId;
    const dueAt =
      target.date === null
        ? null
        : reminderDueAt(ReminderKind.AgreementFollowUp, target.date, this.leadDays, now);
    const existing = target.reminderId
      ? await em.findOne(ReminderEntity, {
          where: { id: target.reminderId },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (existing?.status === ReminderStatus.Pending) {
      if (!dueAt) await this.scheduler.cancel(em, existing.id);
      else if (existing.dueAt.getTime() !== dueAt.getTime())
        await this.scheduler.reschedule(em, existing.id, dueAt);
      return existing.id;
    }
    if (!dueAt || !recipientUserId) return target.reminderId;
    const reminder = await this.scheduler.schedule(em, {
      kind: ReminderKind.AgreementFollowUp,
      dueAt,
      recipientUserId,
      caseId: null,
      subjectId: agreementId,
    });
    return reminder.id;
  }

  /** A follow-up was done (or removed): its reminder is no longer needed. */
  async cancel(em: EntityManager, reminderId: string | null): Promise<void> {
    if (reminderId) await this.scheduler.cancel(em, reminderId);
  }
}
