import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ReminderKind, ReminderStatus } from '@samsyn/common';
import { type ReminderLeadDays, reminderDueAt } from '@samsyn/domain';
import {
  type EnvironmentVariables,
  ReminderEntity,
  reminderLeadDays,
  type TryggaHemActionEntity,
  type TryggaHemRiskAssessmentEntity,
} from '@samsyn/server';
import { type EntityManager, IsNull } from 'typeorm';
import { ReminderScheduler } from '../reminders/reminder-scheduler.service';

/**
 * The reminders Trygga hem causes (issue 6 §6, D4, D5): an action's due date (`action_due`, to
 * its owner), a risk assessment's review date (`risk_review`, to its assessor) and a control
 * measure's end (`measure_ending`, to who recorded it). Always called
 * inside the transaction of the change that causes them, so reminder and change commit together.
 */
@Injectable()
export class TryggaHemRemindersService {
  private readonly leadDays: ReminderLeadDays;

  constructor(
    private readonly scheduler: ReminderScheduler,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.leadDays = reminderLeadDays((name) => config.get(name, { infer: true }));
  }

  /** A due date in the past needs no reminder (the action is shown as overdue instead). */
  async actionCreated(
    em: EntityManager,
    action: TryggaHemActionEntity,
    now = new Date(),
  ): Promise<void> {
    const dueAt = reminderDueAt(ReminderKind.ActionDue, action.dueOn, this.leadDays, now);
    if (!dueAt) return;
    await this.scheduler.schedule(em, {
      kind: ReminderKind.ActionDue,
      dueAt,
      caseId: action.caseId,
      subjectId: action.id,
      recipientUserId: action.ownerUserId,
    });
  }

  /** The case left the caseload (issue 15): its pending Trygga hem reminders are cancelled. */
  async caseLeftCaseload(em: EntityManager, caseId: string): Promise<void> {
    for (const kind of [
      ReminderKind.ActionDue,
      ReminderKind.RiskReview,
      ReminderKind.MeasureEnding,
    ] as const)
      await this.scheduler.cancelWhere(em, { kind, caseId });
  }

  async actionDone(em: EntityManager, action: Pick<TryggaHemActionEntity, 'id'>): Promise<void> {
    await this.scheduler.cancelWhere(em, { kind: ReminderKind.ActionDue, subjectId: action.id });
  }

  /** A control measure with an end date (D4): `measure_ending` before it ends, to who recorded it. */
  async controlMeasureRecorded(
    em: EntityManager,
    measure: { id: string; caseId: string; endsOn: string; recordedById: string },
    now = new Date(),
  ): Promise<void> {
    const dueAt = reminderDueAt(ReminderKind.MeasureEnding, measure.endsOn, this.leadDays, now);
    if (!dueAt) return;
    await this.scheduler.schedule(em, {
      kind: ReminderKind.MeasureEnding,
      dueAt,
      caseId: measure.caseId,
      subjectId: measure.id,
      recipientUserId: measure.recordedById,
    });
  }

  /** A new assessment: its review reminder; the ones it supersedes need none any more. */
  async assessmentRecorded(
    em: EntityManager,
    assessment: TryggaHemRiskAssessmentEntity,
    supersededIds: readonly string[],
    now = new Date(),
  ): Promise<void> {
    for (const id of supersededIds)
      await this.scheduler.cancelWhere(em, { kind: ReminderKind.RiskReview, subjectId: id });
    const dueAt = reminderDueAt(ReminderKind.RiskReview, assessment.reviewOn, this.leadDays, now);
    if (!dueAt) return;
    await this.scheduler.schedule(em, {
      kind: ReminderKind.RiskReview,
      dueAt,
      caseId: assessment.caseId,
      subjectId: assessment.id,
      recipientUserId: assessment.assessorId,
    });
  }

  /** D5: a new incident calls for reassessment now: the review reminder falls due at once. */
  async reassessmentRequested(
    em: EntityManager,
    assessment: Pick<TryggaHemRiskAssessmentEntity, 'id' | 'caseId' | 'assessorId'>,
    now = new Date(),
  ): Promise<void> {
    const pending = await em.findOne(ReminderEntity, {
      where: {
        kind: ReminderKind.RiskReview,
        subjectId: assessment.id,
        status: ReminderStatus.Pending,
        escalationOfId: IsNull(),
      },
    });
    if (pending) {
      if (pending.dueAt > now) await this.scheduler.reschedule(em, pending.id, now);
      return;
    }
    await this.scheduler.schedule(em, {
      kind: ReminderKind.RiskReview,
      dueAt: now,
      caseId: assessment.caseId,
      subjectId: assessment.id,
      recipientUserId: assessment.assessorId,
    });
  }

  /**
   * D21: a control measure removed, or its end corrected — the pending `measure_ending` goes,
   * and a new one is scheduled for the new end (if any).
   */
  async controlMeasureChanged(
    em: EntityManager,
    measure: { id: string; caseId: string; endsOn: string | null; recordedById: string },
    removed: boolean,
    now = new Date(),
  ): Promise<void> {
    await this.scheduler.cancelWhere(em, {
      kind: ReminderKind.MeasureEnding,
      subjectId: measure.id,
    });
    if (!removed && measure.endsOn)
      await this.controlMeasureRecorded(em, { ...measure, endsOn: measure.endsOn }, now);
  }

  /**
   * D5 after the incident that requested a reassessment was removed: the review reminder goes
   * back to its own date. One already delivered stays delivered; a new one is only scheduled
   * when the review date's reminder still lies ahead.
   */
  async reassessmentWithdrawn(
    em: EntityManager,
    assessment: Pick<TryggaHemRiskAssessmentEntity, 'id' | 'caseId' | 'assessorId' | 'reviewOn'>,
    now = new Date(),
  ): Promise<void> {
    const regular = reminderDueAt(ReminderKind.RiskReview, assessment.reviewOn, this.leadDays, now);
    const pending = await em.findOne(ReminderEntity, {
      where: {
        kind: ReminderKind.RiskReview,
        subjectId: assessment.id,
        status: ReminderStatus.Pending,
        escalationOfId: IsNull(),
      },
    });
    if (!regular || regular.getTime() <= now.getTime()) return;
    if (pending) {
      if (pending.dueAt < regular) await this.scheduler.reschedule(em, pending.id, regular);
      return;
    }
    await this.scheduler.schedule(em, {
      kind: ReminderKind.RiskReview,
      dueAt: regular,
      caseId: assessment.caseId,
      subjectId: assessment.id,
      recipientUserId: assessment.assessorId,
    });
  }
}
