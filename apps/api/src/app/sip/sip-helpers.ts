import { SipInvitationState, SipMeetingState, SipPlanState } from '@samsyn/common';
import { SipInvitationEntity, type SipMeetingEntity, SipPlanVersionEntity } from '@samsyn/server';
import { type EntityManager, In } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type CaseAccess, type CaseAccessService, clockNow } from '../cases/case-access.service';
import { conflict } from '../cases/case-rules';
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

/** The meetings as answered to the case's team, with their invitations and plan versions. */
export async function meetingDtos(
  em: EntityManager,
  access: CaseAccess,
  meetings: SipMeetingEntity[],
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
  return meetings.map((m) =>
    toMeetingDto(
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
  );
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
    await em.delete(SipPlanVersionEntity, { meetingId: meeting.id, state: SipPlanState.Draft });
    await reminders.meetingCancelled(em, meeting, invitations);
  }
}
