import { HttpStatus } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  SipAction,
  SipInvitationState,
  SipMeetingState,
  SipPlanState,
} from '@samsyn/common';
import {
  mayActAsHuvudman,
  type SipActor,
  sipAttendanceActions,
  sipMeetingActions,
} from '@samsyn/domain';
import { SipInvitationEntity, type SipMeetingEntity, SipPlanVersionEntity } from '@samsyn/server';
import { type EntityManager, In } from 'typeorm';
import { attendanceOf } from '../attendance/meeting-attendance';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type CaseAccess, type CaseAccessService, clockNow } from '../cases/case-access.service';
import { AuditedDenial } from '../audit/audit-denials.interceptor';
import { conflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import type { SipRemindersService } from './sip-reminders.service';
import { consentCovers, noSip, notSip, SipNames, toInvitationDto, toMeetingDto } from './sip-views';

// Shared by the SIP services: the case check, meeting answers and cancelling meetings.

/** For a read: the case with the caller's access to it; 404 when it is not a SIP case. */
export async function readSip(
  caseAccess: CaseAccessService,
  user: AuthenticatedUser,
  caseId: string,
): Promise<CaseAccess> {
  const access = await caseAccess.require(user, caseId, 'read');
  if (access.programme.code !== 'SIP') throw noSip();
  return access;
}

/** For a change: the case with the caller's access to it; 409 when it is not a SIP case. */
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

function meetingFacts(
  access: CaseAccess,
  user: AuthenticatedUser,
  meeting: Pick<SipMeetingEntity, 'callingOrganisationId' | 'state'>,
) {
  return {
    huvudman: isHuvudman(access, user),
    canManage: access.decision.canManage,
    closed: access.kase.closed,
    actorOrganisationId: user.organisation.id,
    callingOrganisationId: meeting.callingOrganisationId,
    state: meeting.state,
  };
}

/** What the caller may do with a meeting: the same rule `requireMeetingChange` enforces. */
export function meetingActions(
  access: CaseAccess,
  user: AuthenticatedUser,
  meeting: Pick<SipMeetingEntity, 'callingOrganisationId' | 'state'>,
) {
  return sipMeetingActions(meetingFacts(access, user, meeting));
}

/** Whether the caller may change the meeting (move, cancel), whatever its time. */
export function mayChangeMeetingNow(
  access: CaseAccess,
  user: AuthenticatedUser,
  meeting: Pick<SipMeetingEntity, 'callingOrganisationId' | 'state'>,
): boolean {
  return meetingActions(access, user, meeting).includes(SipAction.Move);
}

/** Recording attendance: as changing the meeting, once it has started (`SipAttendanceService`). */
export function attendanceActions(
  access: CaseAccess,
  user: AuthenticatedUser,
  meeting: Pick<SipMeetingEntity, 'callingOrganisationId' | 'state' | 'startsAt'>,
) {
  return sipAttendanceActions({
    ...meetingFacts(access, user, meeting),
    started: meeting.startsAt.getTime() <= clockNow().now.getTime(),
  });
}

/** The units one may record on a SIP meeting: the calling unit and the invited units. */
export async function attendanceUnitIds(
  em: EntityManager,
  meeting: Pick<SipMeetingEntity, 'id' | 'callingUnitId'>,
): Promise<string[]> {
  const invited = await em.findBy(SipInvitationEntity, { meetingId: meeting.id });
  return [
    meeting.callingUnitId,
    ...invited.map((i) => i.unitId).filter((x): x is string => x !== null),
  ];
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
  const attendance = await Promise.all(
    meetings.map(async (m) => {
      const actions = attendanceActions(access, user, m);
      return {
        actions,
        dto: await attendanceOf(
          em,
          { sipMeetingId: m.id },
          actions.length ? await attendanceUnitIds(em, m) : null,
        ),
      };
    }),
  );
  return meetings.map((m, k) => ({
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
    attendance: attendance[k].dto,
    allowedActions: [...meetingActions(access, user, m), ...attendance[k].actions],
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
