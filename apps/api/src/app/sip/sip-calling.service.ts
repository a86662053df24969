import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  type CallSipMeetingDto,
  ErrorCode,
  type CancelSipMeetingDto,
  type FieldError,
  InformationCategory,
  OrganisationType,
  ProtectedIdentityLevel,
  SipInvitationKind,
  SipInvitationState,
  SipMeetingKind,
  type SipMeetingDto,
  SipMeetingState,
  type SipMeetingTimeDto,
  SipPlanState,
  type UpdateSipMeetingDto,
} from '@samsyn/common';
import {
  CaseTeamMemberEntity,
  PersonEntity,
  SipDetailsEntity,
  SipInvitationEntity,
  SipMeetingEntity,
  SipPlanVersionEntity,
  UnitEntity,
} from '@samsyn/server';
import { callBlocker, PRINCIPAL_TYPES } from '@samsyn/domain';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type CaseAccess, CaseAccessService } from '../cases/case-access.service';
import { conflict, invalid, versionConflict } from '../cases/case-rules';
import { ApiException, ValidationFailedException } from '../common/problem-details';
import { CaseRemindersService } from '../reminders/case-reminders.service';
import { cancelMeetings, meetingActions, requireHuvudman, requireSip } from './sip-helpers';
import { SipMeetingsService } from './sip-meetings.service';
import { latestAgreed } from './sip-plan-support.service';
import { SipPlansService } from './sip-plans.service';
import { SipRemindersService } from './sip-reminders.service';
import { notFound } from './sip-views';

/** The team role an invited unit gets, so that consent decides what it sees (R3). */
const TEAM_ROLE: Record<OrganisationType, string> = {
  [OrganisationType.Region]: 'healthcare_contact',
  [OrganisationType.Municipality]: 'social_services_contact',
  [OrganisationType.Police]: 'other_actor',
  [OrganisationType.Probation]: 'other_actor',
  [OrganisationType.CountyBoard]: 'other_actor',
  [OrganisationType.School]: 'other_actor',
  [OrganisationType.Other]: 'other_actor',
};

const HOUR = 3_600_000;

/**
 * Calling SIP meetings (D7): kallelse to the other huvudman's units, inbjudan to other actors;
 * moving and cancelling a called meeting.
 */
@Injectable()
export class SipCallingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly meetings: SipMeetingsService,
    private readonly plans: SipPlansService,
    private readonly reminders: SipRemindersService,
    private readonly caseReminders: CaseRemindersService,
  ) {}

  /** Calls a SIP meeting (D7): kallelse to the other huvudman's units, inbjudan to other actors. */
  async call(
    user: AuthenticatedUser,
    caseId: string,
    dto: CallSipMeetingDto,
  ): Promise<SipMeetingDto> {
    const meetingId = await this.dataSource.transaction(async (em) => {
      // D7: either huvudman calls the other — the owner, or a huvudman on the team with consent or
      // a recorded legal basis (R3).
      const access = await requireSip(this.access, user, caseId, 'read', em);
      requireHuvudman(access, user);
      await this.requireNoDraft(em, caseId);
      if (!user.unit)
        throw invalid('unit', 'required', 'You must belong to a unit to call a SIP meeting');
      const person = await em.findOneByOrFail(PersonEntity, { id: access.kase.subjectPersonId });
      const errors = this.timeProblems(dto, person);
      const unitIds = dto.invitees.map((i) => i.unitId).filter((x): x is string => !!x);
      const units = unitIds.length
        ? await em.find(UnitEntity, {
            where: { id: In(unitIds) },
            relations: { organisation: true },
          })
        : [];
      dto.invitees.forEach((inv, i) => {
        if (inv.unitId && inv.externalActor)
          errors.push({
            field: `invitees.${i}`,
            code: 'unitXorActor',
            message: 'Give either unitId or externalActor',
          });
        if (!inv.unitId) return;
        if (!units.some((u) => u.id === inv.unitId))
          errors.push({
            field: `invitees.${i}.unitId`,
            code: 'unknownUnit',
            message: 'No unit has this id',
          });
        else if (inv.unitId === user.unit!.id)
          errors.push({
            field: `invitees.${i}.unitId`,
            code: 'ownUnit',
            message: 'Your own unit calls the meeting; it is not invited',
          });
        else if (unitIds.indexOf(inv.unitId) !== unitIds.lastIndexOf(inv.unitId))
          errors.push({
            field: `invitees.${i}.unitId`,
            code: 'duplicate',
            message: 'The same unit is invited twice',
          });
      });
      if (errors.length) throw new ValidationFailedException(errors);
      const agreed = await latestAgreed(em, caseId);
      const now = new Date();
      const startsAt = new Date(dto.startsAt);
      const meeting = await em.save(
        em.create(SipMeetingEntity, {
          caseId,
          kind: agreed ? SipMeetingKind.FollowUp : SipMeetingKind.First,
          state: SipMeetingState.Called,
          startsAt,
          endsAt: dto.endsAt ? new Date(dto.endsAt) : new Date(startsAt.getTime() + HOUR),
          place: dto.place?.trim() || null,
          videoLink: dto.videoLink ?? null,
          personParticipates: dto.personParticipates,
          relativesParticipate: dto.relativesParticipate,
          note: dto.note?.trim() || null,
          calledAt: now,
          calledById: user.id,
          callingOrganisationId: user.organisation.id,
          callingUnitId: user.unit.id,
          cancelledReason: null,
        }),
      );
      const invitations: SipInvitationEntity[] = [];
      for (const inv of dto.invitees) {
        const unit = units.find((u) => u.id === inv.unitId);
        const org = unit?.organisation;
        invitations.push(
          await em.save(
            em.create(SipInvitationEntity, {
              meetingId: meeting.id,
              caseId,
              kind:
                org && PRINCIPAL_TYPES.includes(org.type) && org.id !== user.organisation.id
                  ? SipInvitationKind.Summons
                  : SipInvitationKind.Invitation,
              state: SipInvitationState.Pending,
              unitId: unit?.id ?? null,
              organisationId: org?.id ?? null,
              externalActor: unit ? null : inv.externalActor!.trim(),
              reason: null,
              proposedStartsAt: null,
              answeredAt: null,
              answeredById: null,
            }),
          ),
        );
        // On the team as a unit: what it sees of the person is what consent grants (R3, D14).
        if (unit && org && !(await em.existsBy(CaseTeamMemberEntity, { caseId, unitId: unit.id })))
          await em.insert(CaseTeamMemberEntity, {
            caseId,
            userId: null,
            unitId: unit.id,
            organisationId: org.id,
            caseRole: TEAM_ROLE[org.type],
            protectedIdentityAccess: false,
            addedById: user.id,
          });
      }
      await this.plans.createDraft(em, caseId, meeting.id);
      const kase = access.kase;
      if (
        meeting.kind === SipMeetingKind.First &&
        ['need_identified', 'preparation'].includes(kase.status)
      )
        kase.status = 'summoned';
      if (meeting.kind === SipMeetingKind.FollowUp && kase.status === 'planned')
        kase.status = 'follow_up';
      await em.save(kase);
      await this.reminders.meetingCalled(em, meeting, invitations, now);
      const details = await em.findOneBy(SipDetailsEntity, { caseId });
      if (details) await this.reminders.summonsDeadline(em, kase, details.id, null);
      await this.caseReminders.caseChanged(em, kase);
      await this.audit.record(
        user,
        {
          action: AuditAction.SipMeetingCall,
          caseIds: [caseId],
          categories: [InformationCategory.Coordination],
          basis: access.decision.basis,
        },
        em,
      );
      return meeting.id;
    });
    return this.meetings.meeting(user, meetingId, false);
  }

  /** Moves a meeting: reminders follow, and every invited party is asked to answer again. */
  updateMeeting(
    user: AuthenticatedUser,
    id: string,
    dto: UpdateSipMeetingDto,
  ): Promise<SipMeetingDto> {
    return this.changeMeeting(
      user,
      id,
      dto.version,
      AuditAction.SipMeetingUpdate,
      async (em, access, meeting) => {
        const person = await em.findOneByOrFail(PersonEntity, { id: access.kase.subjectPersonId });
        const next = {
          startsAt: dto.startsAt ?? meeting.startsAt.toISOString(),
          endsAt:
            dto.endsAt ??
            (dto.startsAt
              ? new Date(
                  new Date(dto.startsAt).getTime() +
                    (meeting.endsAt.getTime() - meeting.startsAt.getTime()),
                ).toISOString()
              : meeting.endsAt.toISOString()),
          place: dto.place ?? meeting.place ?? undefined,
          videoLink: dto.videoLink ?? meeting.videoLink ?? undefined,
        };
        const errors = this.timeProblems(next, person);
        if (errors.length) throw new ValidationFailedException(errors);
        meeting.startsAt = new Date(next.startsAt);
        meeting.endsAt = new Date(next.endsAt);
        meeting.place = next.place?.trim() || null;
        meeting.videoLink = next.videoLink ?? null;
        await em.save(meeting);
        const invitations = await em.findBy(SipInvitationEntity, { meetingId: id });
        for (const i of invitations) {
          Object.assign(i, {
            state: SipInvitationState.Pending,
            reason: null,
            proposedStartsAt: null,
            answeredAt: null,
            answeredById: null,
          });
          await em.save(i);
        }
        await this.reminders.meetingMoved(em, meeting, invitations);
      },
    );
  }

  /** Cancels a meeting, its invitations, its draft plan version and its reminders. */
  cancelMeeting(
    user: AuthenticatedUser,
    id: string,
    dto: CancelSipMeetingDto,
  ): Promise<SipMeetingDto> {
    return this.changeMeeting(
      user,
      id,
      dto.version,
      AuditAction.SipMeetingCancel,
      (em, _access, meeting) => cancelMeetings(this.reminders, em, [meeting], dto.reason.trim()),
    );
  }

  /**
   * The frame of moving and cancelling a meeting: one transaction, the meeting locked, the
   * owner or its calling huvudman (403), its `version` current (409), the change, one audit
   * event; answers the meeting as the caller now sees it.
   */
  private async changeMeeting(
    user: AuthenticatedUser,
    id: string,
    version: number,
    action: AuditAction,
    change: (em: EntityManager, access: CaseAccess, meeting: SipMeetingEntity) => Promise<void>,
  ): Promise<SipMeetingDto> {
    const caseId = await this.caseOfMeeting(id);
    await this.dataSource.transaction(async (em) => {
      const access = await requireSip(this.access, user, caseId, 'read', em);
      const meeting = await this.lockMeeting(em, id);
      this.requireMeetingChange(access, user, meeting);
      if (meeting.version !== version) throw versionConflict(meeting.version);
      await change(em, access, meeting);
      await this.audit.record(
        user,
        { action, caseIds: [caseId], basis: access.decision.basis },
        em,
      );
    });
    return this.meetings.meeting(user, id, false);
  }

  /** 409 SIP_DRAFT_PLAN_EXISTS naming the draft and its meeting: the client offers the way out. */
  private async requireNoDraft(em: EntityManager, caseId: string): Promise<void> {
    const draft = await em.findOne(SipPlanVersionEntity, {
      select: { id: true, number: true, meetingId: true },
      where: { caseId, state: SipPlanState.Draft },
    });
    const blocker = callBlocker({ huvudman: true, canManage: false, closed: false, draft });
    if (blocker)
      throw new ApiException(
        HttpStatus.CONFLICT,
        ErrorCode.SipDraftPlanExists,
        `Version ${blocker.planNumber} of the plan is still a draft: agree it, or cancel its meeting, before calling another meeting.`,
        { details: { ...blocker } },
      );
  }

  /** Moving and cancelling: the owner, or the huvudman that called the meeting (403 otherwise). */
  private requireMeetingChange(
    access: CaseAccess,
    user: AuthenticatedUser,
    meeting: SipMeetingEntity,
  ): void {
    requireHuvudman(access, user);
    if (!meetingActions(access, user, meeting).length)
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        'Only the owning organisation or the huvudman that called the meeting moves or cancels it.',
        { details: { reason: 'not_caller' } },
      );
  }

  private timeProblems(dto: SipMeetingTimeDto, person: PersonEntity): FieldError[] {
    const errors: FieldError[] = [];
    const startsAt = new Date(dto.startsAt);
    if (startsAt.getTime() <= Date.now())
      errors.push({
        field: 'startsAt',
        code: 'inPast',
        message: 'A meeting must be called for a time in the future',
      });
    if (dto.endsAt && new Date(dto.endsAt).getTime() <= startsAt.getTime())
      errors.push({
        field: 'endsAt',
        code: 'beforeStart',
        message: 'The meeting must end after it starts',
      });
    if (!dto.place?.trim() && !dto.videoLink)
      errors.push({ field: 'place', code: 'required', message: 'Give a place or a video link' });
    // D18: a kallelse travels to other agencies and into calendars; a protected address never does.
    const address = person.address?.trim().toLowerCase();
    if (
      person.protectedLevel !== ProtectedIdentityLevel.None &&
      address &&
      dto.place?.toLowerCase().includes(address)
    )
      errors.push({
        field: 'place',
        code: 'protectedAddress',
        message:
          'The person has protected personal data: do not name their address as the meeting place',
      });
    return errors;
  }

  private async caseOfMeeting(id: string): Promise<string> {
    const m = await this.dataSource.manager.findOne(SipMeetingEntity, {
      select: { id: true, caseId: true },
      where: { id },
    });
    if (!m) throw notFound('SIP meeting');
    return m.caseId;
  }

  private async lockMeeting(em: EntityManager, id: string): Promise<SipMeetingEntity> {
    const meeting = await em.findOne(SipMeetingEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!meeting) throw notFound('SIP meeting');
    if (meeting.state === SipMeetingState.Cancelled) throw conflict('The meeting is cancelled.');
    return meeting;
  }
}
