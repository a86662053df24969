import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ReminderKind, ReminderStatus, SipMeasureStatus } from '@samsyn/common';
import { type ReminderLeadDays, reminderDueAt, swedishDate } from '@samsyn/domain';
import {
  type CaseEntity,
  type EnvironmentVariables,
  ReminderEntity,
  reminderLeadDays,
  type SipInvitationEntity,
  type SipMeetingEntity,
  type SipPlanVersionEntity,
} from '@samsyn/server';
import { type EntityManager, In } from 'typeorm';
import { ReminderScheduler } from '../reminders/reminder-scheduler.service';

type CaseFacts = Pick<CaseEntity, 'id' | 'handlerId' | 'owningUnitId'>;

/**
 * The reminders the SIP flow causes (issue 4 §9), always inside the transaction of the change:
 * before a meeting (sip_meeting), an unanswered kallelse/inbjudan (invitation_unanswered), the
 * kallelse deadline (summons_deadline), the plan's follow-up (plan_follow_up) and measures
 * ending (measure_ending). Moving or cancelling a meeting moves or cancels them.
 */
@Injectable()
export class SipRemindersService {
  private readonly leadDays: ReminderLeadDays;

  constructor(
    private readonly scheduler: ReminderScheduler,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.leadDays = reminderLeadDays((name) => config.get(name, { infer: true }));
  }

  /**
   * A meeting was called: every invited unit at once (sip_called, issue 15 §6: the kallelse
   * deadline is days, D10), the caller and every invited unit before it; each unit until it
   * answers. The at-once reminder is a due row like any other, delivered by the worker (or the
   * API's dispatcher) after the commit, so it is never lost.
   */
  async meetingCalled(
    em: EntityManager,
    meeting: SipMeetingEntity,
    invitations: readonly SipInvitationEntity[],
    now = new Date(),
  ): Promise<void> {
    for (const i of invitations)
      if (i.unitId)
        await this.scheduler.schedule(em, {
          kind: ReminderKind.SipCalled,
          dueAt: now,
          caseId: meeting.caseId,
          subjectId: meeting.id,
          recipientUnitId: i.unitId,
        });
    await this.scheduleMeeting(em, meeting, invitations, now);
    for (const invitation of invitations) await this.scheduleUnanswered(em, invitation, now);
  }

  /** A meeting moved: its meeting reminders follow; the answers were reset, so ask again. */
  async meetingMoved(
    em: EntityManager,
    meeting: SipMeetingEntity,
    invitations: readonly SipInvitationEntity[],
    now = new Date(),
  ): Promise<void> {
    const due = this.due(ReminderKind.SipMeeting, meeting.startsAt, now);
    const pending = await this.pending(em, ReminderKind.SipMeeting, [meeting.id]);
    for (const r of pending)
      if (due) await this.scheduler.reschedule(em, r.id, due);
      else await this.scheduler.cancel(em, r.id);
    // Units that had declined get their meeting reminder back.
    const covered = new Set(pending.map((r) => r.recipientUnitId));
    await this.scheduleMeeting(
      em,
      meeting,
      invitations.filter((i) => !covered.has(i.unitId)),
      now,
      false,
    );
    for (const invitation of invitations) {
      await this.scheduler.cancelWhere(em, {
        kind: ReminderKind.InvitationUnanswered,
        subjectId: invitation.id,
      });
      await this.scheduleUnanswered(em, invitation, now);
    }
  }

  async meetingCancelled(
    em: EntityManager,
    meeting: SipMeetingEntity,
    invitations: readonly SipInvitationEntity[],
  ): Promise<void> {
    await this.scheduler.cancelWhere(em, { subjectId: meeting.id });
    for (const i of invitations) await this.scheduler.cancelWhere(em, { subjectId: i.id });
  }

  /** An answer ends the wait for it; a unit that declined needs no meeting reminder. */
  async invitationAnswered(
    em: EntityManager,
    invitation: SipInvitationEntity,
    declined: boolean,
  ): Promise<void> {
    await this.scheduler.cancelWhere(em, {
      kind: ReminderKind.InvitationUnanswered,
      subjectId: invitation.id,
    });
    if (declined && invitation.unitId)
      for (const r of await this.pending(em, ReminderKind.SipMeeting, [invitation.meetingId]))
        if (r.recipientUnitId === invitation.unitId) await this.scheduler.cancel(em, r.id);
  }

  /**
   * The kallelse deadline (D10): reminds the case's handler while no meeting is called; `dueOn`
   * null (no deadline, or a meeting was called) cancels it. `subjectId` is the SIP details row.
   */
  async summonsDeadline(
    em: EntityManager,
    kase: CaseFacts,
    subjectId: string,
    dueOn: string | null,
    now = new Date(),
  ): Promise<void> {
    await this.scheduler.cancelWhere(em, { kind: ReminderKind.SummonsDeadline, subjectId });
    if (!dueOn) return;
    const dueAt = reminderDueAt(ReminderKind.SummonsDeadline, dueOn, this.leadDays, now);
    if (dueAt)
      await this.scheduler.schedule(em, {
        kind: ReminderKind.SummonsDeadline,
        dueAt,
        caseId: kase.id,
        subjectId,
        ...responsible(kase),
      });
  }

  /**
   * A version was agreed: the follow-up date reminds the case's handler; each measure's end
   * reminds its unit (or the handler). The previous version's reminders are cancelled.
   */
  async planAgreed(
    em: EntityManager,
    kase: CaseFacts,
    plan: SipPlanVersionEntity,
    previous: SipPlanVersionEntity | null,
    now = new Date(),
  ): Promise<void> {
    if (previous) {
      await this.scheduler.cancelWhere(em, {
        kind: ReminderKind.PlanFollowUp,
        subjectId: previous.id,
      });
      for (const m of previous.measures)
        await this.scheduler.cancelWhere(em, { kind: ReminderKind.MeasureEnding, subjectId: m.id });
    }
    if (plan.followUpDate) {
      const dueAt = reminderDueAt(ReminderKind.PlanFollowUp, plan.followUpDate, this.leadDays, now);
      if (dueAt)
        await this.scheduler.schedule(em, {
          kind: ReminderKind.PlanFollowUp,
          dueAt,
          caseId: kase.id,
          subjectId: plan.id,
          ...responsible(kase),
        });
    }
    for (const m of plan.measures) {
      if (!m.endDate) continue;
      if (m.status === SipMeasureStatus.Completed || m.status === SipMeasureStatus.Cancelled)
        continue;
      const dueAt = reminderDueAt(ReminderKind.MeasureEnding, m.endDate, this.leadDays, now);
      if (!dueAt) continue;
      await this.scheduler.schedule(em, {
        kind: ReminderKind.MeasureEnding,
        dueAt,
        caseId: kase.id,
        subjectId: m.id,
        ...(m.unitId ? { recipientUnitId: m.unitId } : responsible(kase)),
      });
    }
  }

  /** Ending or closing the SIP: nothing more to remind of. */
  /**
   * A plan version was sent for approval: each recipient unit is notified at once (issue 15); a
   * repeated sending replaces what was still pending.
   */
  async planSentForApproval(
    em: EntityManager,
    plan: Pick<SipPlanVersionEntity, 'id' | 'caseId'>,
    recipientUnitIds: readonly string[],
    now = new Date(),
  ): Promise<void> {
    await this.approvalSettled(em, plan);
    for (const unitId of new Set(recipientUnitIds))
      await this.scheduler.schedule(em, {
        kind: ReminderKind.SipPlanApproval,
        dueAt: now,
        recipientUnitId: unitId,
        caseId: plan.caseId,
        subjectId: plan.id,
      });
  }

  /** The version was edited, agreed or its meeting cancelled: no approval is awaited any more. */
  async approvalSettled(em: EntityManager, plan: Pick<SipPlanVersionEntity, 'id'>): Promise<void> {
    await this.scheduler.cancelWhere(em, {
      kind: ReminderKind.SipPlanApproval,
      subjectId: plan.id,
    });
  }

  async sipEnded(em: EntityManager, caseId: string): Promise<void> {
    await this.scheduler.cancelWhere(em, { caseId });
  }

  private async scheduleMeeting(
    em: EntityManager,
    meeting: SipMeetingEntity,
    invitations: readonly SipInvitationEntity[],
    now: Date,
    withCaller = true,
  ): Promise<void> {
    const dueAt = this.due(ReminderKind.SipMeeting, meeting.startsAt, now);
    if (!dueAt) return;
    const base = {
      kind: ReminderKind.SipMeeting,
      dueAt,
      caseId: meeting.caseId,
      subjectId: meeting.id,
    };
    if (withCaller)
      await this.scheduler.schedule(em, { ...base, recipientUserId: meeting.calledById });
    for (const i of invitations)
      if (i.unitId) await this.scheduler.schedule(em, { ...base, recipientUnitId: i.unitId });
  }

  private async scheduleUnanswered(
    em: EntityManager,
    invitation: SipInvitationEntity,
    now: Date,
  ): Promise<void> {
    if (!invitation.unitId) return; // an actor outside Samsyn answers by other means
    const dueAt = reminderDueAt(
      ReminderKind.InvitationUnanswered,
      swedishDate(now),
      this.leadDays,
      now,
    );
    if (dueAt)
      await this.scheduler.schedule(em, {
        kind: ReminderKind.InvitationUnanswered,
        dueAt,
        caseId: invitation.caseId,
        subjectId: invitation.id,
        recipientUnitId: invitation.unitId,
      });
  }

  private due(kind: ReminderKind.SipMeeting, at: Date, now: Date): Date | null {
    return reminderDueAt(kind, swedishDate(at), this.leadDays, now);
  }

  private pending(em: EntityManager, kind: ReminderKind, subjectIds: string[]) {
    return em.find(ReminderEntity, {
      where: { kind, subjectId: In(subjectIds), status: ReminderStatus.Pending },
    });
  }
}

/** The case's handler, or without one the owning unit. */
function responsible(kase: CaseFacts): { recipientUserId?: string; recipientUnitId?: string } {
  return kase.handlerId
    ? { recipientUserId: kase.handlerId }
    : { recipientUnitId: kase.owningUnitId };
}
