import { HttpStatus } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  SipInvitationState,
  SipMeetingState,
  SipPlanState,
} from '@samsyn/common';
import { mayActAsHuvudman, type SipActor, sipMeetingActions } from '@samsyn/domain';
import { SipInvitationEntity, type SipMeetingEntity, SipPlanVersionEntity } from '@samsyn/server';
import { type EntityManager, In } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type CaseAccess, type CaseAccessService, clockNow } from '../cases/case-access.service';
import { AuditedDenial } from '../audit/audit-denials.interceptor';
import { conflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import type { SipRemindersService } from './sip-reminders.service';
import { consentCovers, notSip, SipNames, toInvitationDto, toMeetingDto } from './sip-views';

// Shared by the SIP services: the case check, meeting answers and cancelling meetings.

/** The case with the caller's access to it, when it is a SIP case. */
export async function requireSip(
  caseAccess: CaseAccessService,
  user: AuthenticatedUser,
  caseId: string,
  right: 'read' | 'change',
  em?: EntityManager,
): Promise<CaseAccess> {
  const access = await caseAccess.require(user, caseId, right, em ? { em, lock: true } : {});
  if (access.programme.code !== 'SIP') throw notSip();
  return access;
}

export function sipActor(user: AuthenticatedUser): SipActor {
  return {
    organisationId: user.organisation.id,
    organisationType: user.organisation.type,
    unitId: user.unit?.id ?? null,
    roles: user.roles,
  };
}

/** D7: whether the caller acts as a huvudman on this SIP case (owner, or R3 team member). */
export function isHuvudman(access: CaseAccess, user: AuthenticatedUser): boolean {
  return mayActAsHuvudman(access.decision, sipActor(user), access.programme);
}

/** 403 unless the caller acts as a huvudman on the open SIP case (audited as a denial). */
export function requireHuvudman(access: CaseAccess, user: AuthenticatedUser): void {
  const reason = !isHuvudman(access, user)
    ? 'not_huvudman'
    : access.kase.closed
      ? 'case_closed'
      : null;
  if (!reason) return;
  throw new AuditedDenial(
    new ApiException(
      HttpStatus.FORBIDDEN,
      ErrorCode.Forbidden,
      reason === 'case_closed'
        ? 'The case is closed; reopen it first.'
        : 'Only a huvudman (the region or a municipality) on the case team, with consent or a recorded legal basis, does this in a SIP.',
      { details: { reason } },
    ),
    {
      action: AuditAction.AccessDenied,
      outcome: 'denied',
      caseIds: [access.kase.id],
      relation: access.decision.relation,
    },
  );
}

/** What the caller may do with a meeting: the same rule `requireMeetingChange` enforces. */
export function meetingActions(
  access: CaseAccess,
  user: AuthenticatedUser,
  meeting: Pick<SipMeetingEntity, 'callingOrganisationId' | 'state'>,
) {
  return sipMeetingActions({
    huvudman: isHuvudman(access, user),
    canManage: access.decision.canManage,
    closed: access.kase.closed,
    actorOrganisationId: user.organisation.id,
    callingOrganisationId: meeting.callingOrganisationId,
    state: meeting.state,
  });
}

/** The meetings as answered to the case's team, with their invitations and plan versions. */
export async function meetingDtos(
  em: EntityManager,
  access: CaseAccess,
  meetings: SipMeetingEntity[],
  user: AuthenticatedUser,
) {
  if (!meetings.length) return [];
  const ids = meetings.map((m) => m.id);
  const [invitations, plans] = await Promise.all([
    em.find(SipInvitationEntity, { where: { meetingId: In(ids) }, order: { createdAt: 'ASC' } }),
    em.find(SipPlanVersionEntity, {
      select: { id: true, meetingId: true },
      where: { meetingId: In(ids) },
    }),
  ]);
  const names = await SipNames.load(em, {
    orgs: [
      ...meetings.map((m) => m.callingOrganisationId),
      ...invitations.map((i) => i.organisationId),
    ],
    units: [...meetings.map((m) => m.callingUnitId), ...invitations.map((i) => i.unitId)],
    users: [...meetings.map((m) => m.calledById), ...invitations.map((i) => i.answeredById)],
  });
  const clock = clockNow();
  return meetings.map((m) => ({
    ...toMeetingDto(
      m,
      access.kase.number,
      invitations
        .filter((i) => i.meetingId === m.id)
        .map((i) =>
          toInvitationDto(
            i,
            names,
            (orgId) =>
              orgId === access.kase.owningOrganisationId ||
              consentCovers(access.facts, orgId, clock),
          ),
        ),
      plans.find((p) => p.meetingId === m.id)?.id ?? null,
      names,
    ),
    allowedActions: meetingActions(access, user, m),
  }));
}

/** Cancels meetings, their invitations, their draft plan versions and their reminders. */
export async function cancelMeetings(
  reminders: SipRemindersService,
  em: EntityManager,
  meetings: SipMeetingEntity[],
  reason: string,
) {
  for (const meeting of meetings) {
    if (meeting.state === SipMeetingState.Cancelled)
      throw conflict('The meeting is already cancelled.');
    meeting.state = SipMeetingState.Cancelled;
    meeting.cancelledReason = reason;
    await em.save(meeting);
    const invitations = await em.findBy(SipInvitationEntity, { meetingId: meeting.id });
    for (const i of invitations) {
      i.state = SipInvitationState.Cancelled;
      await em.save(i);
    }
    const drafts = await em.findBy(SipPlanVersionEntity, {
      meetingId: meeting.id,
      state: SipPlanState.Draft,
    });
    for (const draft of drafts) await reminders.approvalSettled(em, draft);
    await em.delete(SipPlanVersionEntity, { meetingId: meeting.id, state: SipPlanState.Draft });
    await reminders.meetingCancelled(em, meeting, invitations);
  }
}
