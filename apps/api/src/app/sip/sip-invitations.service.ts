import { HttpStatus, Injectable } from '@nestjs/common';
import {
  type AnswerSipInvitationDto,
  AuditAction,
  ErrorCode,
  InformationCategory,
  SipAction,
  SipAnswer,
  SipInvitationState,
  type SipReceivedInvitationDto,
} from '@samsyn/common';
import { mayAnswerInvitation } from '@samsyn/domain';
import { CaseEntity, PersonEntity, SipInvitationEntity, SipMeetingEntity } from '@samsyn/server';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CaseAccessService, clockNow } from '../cases/case-access.service';
import { invalid, versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { SipRemindersService } from './sip-reminders.service';
import {
  consentCovers,
  notFound,
  personView,
  SipNames,
  toInvitationDto,
  toMeetingDto,
} from './sip-views';

/** Kallelser and inbjudningar as the invited unit sees them, and its answers (D7). */
@Injectable()
export class SipInvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly reminders: SipRemindersService,
  ) {}

  /** The caller's unit's kallelser and inbjudningar, newest meeting first, with the person only as consent allows. */
  async invitations(
    user: AuthenticatedUser,
    invitationId?: string,
  ): Promise<SipReceivedInvitationDto[]> {
    if (!user.unit) return [];
    const em = this.dataSource.manager;
    const rows = await em.find(SipInvitationEntity, {
      where: invitationId ? { id: invitationId } : { unitId: user.unit.id },
      relations: { meeting: true },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    if (invitationId && (!rows.length || rows[0].unitId !== user.unit.id))
      throw notFound('invitation to your unit');
    const cases = rows.length
      ? await em.findBy(CaseEntity, { id: In([...new Set(rows.map((r) => r.caseId))]) })
      : [];
    const clock = clockNow();
    const decided = await this.access.decideMany(user, cases, clock);
    const persons = cases.length
      ? await em.findBy(PersonEntity, { id: In(cases.map((c) => c.subjectPersonId)) })
      : [];
    const names = await SipNames.load(em, {
      orgs: rows.flatMap((r) => [r.organisationId, r.meeting!.callingOrganisationId]),
      units: rows.flatMap((r) => [r.unitId, r.meeting!.callingUnitId]),
      users: rows.flatMap((r) => [r.answeredById, r.meeting!.calledById]),
    });
    const shownPersons = new Set<string>();
    const out = rows.map((r) => {
      const kase = cases.find((c) => c.id === r.caseId)!;
      const d = decided.get(kase.id)!;
      const person = persons.find((p) => p.id === kase.subjectPersonId)!;
      const shown = personView(person, d.decision, this.access.programme(kase.programme), kase);
      if (shown) shownPersons.add(person.id);
      const {
        invitations: _i,
        caseId: _c,
        caseNumber: _n,
        planVersionId: _p,
        ...meeting
      } = toMeetingDto(r.meeting!, kase.number, [], null, names);
      return {
        ...toInvitationDto(r, names, (orgId) => consentCovers(d.facts, orgId, clock)),
        caseId: kase.id,
        caseNumber: kase.number,
        meeting,
        person: shown,
        personWithheld: shown === null,
        allowedActions: mayAnswerInvitation({
          invitedUnitId: r.unitId,
          actorUnitId: user.unit?.id ?? null,
          meetingState: r.meeting!.state,
        })
          ? [SipAction.Answer]
          : [],
      };
    });
    await this.audit.record(user, {
      action: AuditAction.SipInvitationRead,
      caseIds: cases.map((c) => c.id),
      personIds: [...shownPersons],
      categories: shownPersons.size
        ? [InformationCategory.Identity, InformationCategory.Coordination]
        : [],
    });
    return out;
  }

  /** A member of the invited unit accepts, declines with a reason, or proposes another time. */
  async answer(
    user: AuthenticatedUser,
    id: string,
    dto: AnswerSipInvitationDto,
  ): Promise<SipReceivedInvitationDto> {
    await this.dataSource.transaction(async (em) => {
      const invitation = await em.findOne(SipInvitationEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation || !user.unit || invitation.unitId !== user.unit.id)
        throw notFound('invitation to your unit');
      if (invitation.version !== dto.version) throw versionConflict(invitation.version);
      const meeting = await em.findOneByOrFail(SipMeetingEntity, { id: invitation.meetingId });
      if (
        !mayAnswerInvitation({
          invitedUnitId: invitation.unitId,
          actorUnitId: user.unit.id,
          meetingState: meeting.state,
        })
      )
        throw new ApiException(
          HttpStatus.CONFLICT,
          ErrorCode.RuleViolation,
          'The meeting was cancelled; there is nothing to answer.',
        );
      if (
        dto.answer === SipAnswer.ProposeTime &&
        new Date(dto.proposedStartsAt!).getTime() <= Date.now()
      )
        throw invalid('proposedStartsAt', 'inPast', 'Propose a time in the future');
      invitation.state =
        dto.answer === SipAnswer.Accept
          ? SipInvitationState.Accepted
          : dto.answer === SipAnswer.Decline
            ? SipInvitationState.Declined
            : SipInvitationState.ProposedTime;
      invitation.reason = dto.answer === SipAnswer.Accept ? null : (dto.reason?.trim() ?? null);
      invitation.proposedStartsAt =
        dto.answer === SipAnswer.ProposeTime ? new Date(dto.proposedStartsAt!) : null;
      invitation.answeredAt = new Date();
      invitation.answeredById = user.id;
      await em.save(invitation);
      await this.reminders.invitationAnswered(
        em,
        invitation,
        invitation.state === SipInvitationState.Declined,
      );
      await this.audit.record(
        user,
        { action: AuditAction.SipInvitationAnswer, caseIds: [invitation.caseId] },
        em,
      );
    });
    const [dto2] = await this.invitations(user, id);
    return dto2;
  }
}
