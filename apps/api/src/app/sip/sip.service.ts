import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  type AnswerSipInvitationDto,
  AuditAction,
  type CallSipMeetingDto,
  type CancelSipMeetingDto,
  type EndSipDto,
  ErrorCode,
  type FieldError,
  InformationCategory,
  OrganisationType,
  ProtectedIdentityLevel,
  SipAnswer,
  SipEndedBy,
  type SipIndicatorDto,
  type SipIndicatorQueryDto,
  SipInvitationKind,
  SipInvitationState,
  SipMeetingKind,
  type SipMeetingDto,
  SipMeetingState,
  type SipMeetingTimeDto,
  type SipOverviewDto,
  SipPlanState,
  type SipReceivedInvitationDto,
  type UpdateSipMeetingDto,
  type UpdateSipSettingsDto,
} from '@samsyn/common';
import { sipDeadlines, swedishDate } from '@samsyn/domain';
import {
  CaseEntity,
  CaseTeamMemberEntity,
  type EnvironmentVariables,
  PersonEntity,
  SipDetailsEntity,
  SipInvitationEntity,
  SipMeetingEntity,
  SipPlanVersionEntity,
  UnitEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AgreementRulesService } from '../agreements/agreement-rules.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type CaseAccess, CaseAccessService, clockNow } from '../cases/case-access.service';
import { conflict, invalid, versionConflict } from '../cases/case-rules';
import { ApiException, ValidationFailedException } from '../common/problem-details';
import { CaseRemindersService } from '../reminders/case-reminders.service';
import { meetingIcs } from './sip-documents';
import { latestAgreed, SipPlansService } from './sip-plans.service';
import { SipRemindersService } from './sip-reminders.service';
import {
  consentCovers,
  notFound,
  notSip,
  personView,
  requireCoordination,
  SipNames,
  toInvitationDto,
  toMeetingDto,
} from './sip-views';

const PRINCIPAL_TYPES: readonly OrganisationType[] = [
  OrganisationType.Region,
  OrganisationType.Municipality,
];

/** The team role an invited unit gets, so that consent decides what it sees (R3). */
const TEAM_ROLE: Record<OrganisationType, string> = {
  [OrganisationType.Region]: 'healthcare_contact',
  [OrganisationType.Municipality]: 'social_services_contact',
  [OrganisationType.Police]: 'other_actor',
  [OrganisationType.Probation]: 'other_actor',
  [OrganisationType.CountyBoard]: 'other_actor',
};

const HOUR = 3_600_000;

/**
 * The SIP journey around the plan (D7, D9–D11): settings and deadlines, calling meetings with
 * kallelse/inbjudan, answers, calendar files, ending the SIP and the indicator.
 */
@Injectable()
export class SipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly plans: SipPlansService,
    private readonly reminders: SipRemindersService,
    private readonly caseReminders: CaseRemindersService,
    private readonly agreements: AgreementRulesService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async overview(user: AuthenticatedUser, caseId: string): Promise<SipOverviewDto> {
    const access = await this.requireSip(user, caseId, 'read');
    const dto = await this.overviewOf(this.dataSource.manager, access);
    await this.audit.record(user, {
      action: AuditAction.SipRead,
      caseIds: [caseId],
      categories: dto.meetings.length || dto.plans.length ? [InformationCategory.Coordination] : [],
      consentIds: access.decision.consentIds,
      disclosureIds: access.decision.disclosureIds,
      basis: access.decision.basis,
      relation: access.decision.relation,
      emergency: access.decision.emergency,
    });
    return dto;
  }

  /** Records the dates deadlines count from and the violence flag; the kallelse deadline reminds. */
  async updateSettings(
    user: AuthenticatedUser,
    caseId: string,
    dto: UpdateSipSettingsDto,
  ): Promise<SipOverviewDto> {
    const today = swedishDate(new Date());
    const errors: FieldError[] = [];
    if (dto.requestedOn > today)
      errors.push({
        field: 'requestedOn',
        code: 'inFuture',
        message: 'requestedOn cannot be in the future',
      });
    if (dto.dischargeReadyOn && dto.dischargeReadyOn > today)
      errors.push({
        field: 'dischargeReadyOn',
        code: 'inFuture',
        message: 'Record the discharge readiness once the patient is ready',
      });
    if (errors.length) throw new ValidationFailedException(errors);
    await this.dataSource.transaction(async (em) => {
      const access = await this.requireSip(user, caseId, 'change', em);
      let details = await em.findOne(SipDetailsEntity, {
        where: { caseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (details && details.version !== dto.version) throw versionConflict(details.version);
      details ??= em.create(SipDetailsEntity, {
        caseId,
        endedBy: null,
        endReason: null,
        endedAt: null,
        endRecordedById: null,
      });
      details.requestedOn = dto.requestedOn;
      details.dischargeReadyOn = dto.dischargeReadyOn ?? null;
      details.violenceRelated = dto.violenceRelated;
      details = await em.save(details);
      await this.summonsReminder(em, access.kase, details);
      await this.caseReminders.caseChanged(em, access.kase);
      await this.audit.record(
        user,
        { action: AuditAction.SipSettings, caseIds: [caseId], basis: access.decision.basis },
        em,
      );
    });
    return this.overview(user, caseId);
  }

  /** Calls a SIP meeting (D7): kallelse to the other huvudman's units, inbjudan to other actors. */
  async call(
    user: AuthenticatedUser,
    caseId: string,
    dto: CallSipMeetingDto,
  ): Promise<SipMeetingDto> {
    const meetingId = await this.dataSource.transaction(async (em) => {
      const access = await this.requireSip(user, caseId, 'change', em);
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
      if (await em.existsBy(SipPlanVersionEntity, { caseId, state: SipPlanState.Draft }))
        throw conflict(
          'A plan version is still a draft: agree it, or cancel its meeting, before calling another meeting.',
        );
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
    return this.meeting(user, meetingId, false);
  }

  async meeting(user: AuthenticatedUser, id: string, audit = true): Promise<SipMeetingDto> {
    const meeting = await this.dataSource.manager.findOneBy(SipMeetingEntity, { id });
    if (!meeting) throw notFound('SIP meeting');
    const access = await this.requireSip(user, meeting.caseId, 'read');
    requireCoordination(access.decision);
    const [dto] = await this.meetingDtos(this.dataSource.manager, access, [meeting]);
    if (audit)
      await this.audit.record(user, {
        action: AuditAction.SipMeetingRead,
        caseIds: [meeting.caseId],
        categories: [InformationCategory.Coordination],
        basis: access.decision.basis,
        relation: access.decision.relation,
        emergency: access.decision.emergency,
      });
    return dto;
  }

  /** Moves a meeting: reminders follow, and every invited party is asked to answer again. */
  async updateMeeting(
    user: AuthenticatedUser,
    id: string,
    dto: UpdateSipMeetingDto,
  ): Promise<SipMeetingDto> {
    const caseId = await this.caseOfMeeting(id);
    await this.dataSource.transaction(async (em) => {
      const access = await this.requireSip(user, caseId, 'change', em);
      const meeting = await this.lockMeeting(em, id);
      if (meeting.version !== dto.version) throw versionConflict(meeting.version);
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
      await this.audit.record(
        user,
        { action: AuditAction.SipMeetingUpdate, caseIds: [caseId], basis: access.decision.basis },
        em,
      );
    });
    return this.meeting(user, id, false);
  }

  /** Cancels a meeting, its invitations, its draft plan version and its reminders. */
  async cancelMeeting(
    user: AuthenticatedUser,
    id: string,
    dto: CancelSipMeetingDto,
  ): Promise<SipMeetingDto> {
    const caseId = await this.caseOfMeeting(id);
    await this.dataSource.transaction(async (em) => {
      const access = await this.requireSip(user, caseId, 'change', em);
      const meeting = await this.lockMeeting(em, id);
      if (meeting.version !== dto.version) throw versionConflict(meeting.version);
      await this.cancelMeetings(em, [meeting], dto.reason.trim());
      await this.audit.record(
        user,
        { action: AuditAction.SipMeetingCancel, caseIds: [caseId], basis: access.decision.basis },
        em,
      );
    });
    return this.meeting(user, id, false);
  }

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
      if (meeting.state !== SipMeetingState.Called)
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

  /** The meeting as an .ics file, for its caller's side and its invited units; no personal data. */
  async calendar(user: AuthenticatedUser, id: string): Promise<{ file: string; name: string }> {
    const em = this.dataSource.manager;
    const meeting = await em.findOneBy(SipMeetingEntity, { id });
    if (!meeting) throw notFound('SIP meeting');
    const invited =
      !!user.unit &&
      (await em.existsBy(SipInvitationEntity, { meetingId: id, unitId: user.unit.id }));
    const kase = await em.findOneByOrFail(CaseEntity, { id: meeting.caseId });
    if (!invited) await this.access.require(user, kase.id, 'read');
    const names = await SipNames.load(em, {
      orgs: [meeting.callingOrganisationId],
      units: [meeting.callingUnitId],
      users: [meeting.calledById],
    });
    const dto = toMeetingDto(meeting, kase.number, [], null, names);
    await this.audit.record(user, { action: AuditAction.SipCalendar, caseIds: [kase.id] });
    return {
      file: meetingIcs(dto, this.config.get('PUBLIC_URL', { infer: true })),
      name: `sip-${kase.number}.ics`,
    };
  }

  /** The person ends the SIP, or it is closed: the reason is kept, meetings and reminders cancelled. */
  async end(user: AuthenticatedUser, caseId: string, dto: EndSipDto): Promise<SipOverviewDto> {
    await this.dataSource.transaction(async (em) => {
      const access = await this.requireSip(user, caseId, 'change', em);
      const kase = access.kase;
      const now = new Date();
      let details = await em.findOne(SipDetailsEntity, {
        where: { caseId },
        lock: { mode: 'pessimistic_write' },
      });
      details ??= em.create(SipDetailsEntity, {
        caseId,
        requestedOn: swedishDate(kase.openedAt),
        dischargeReadyOn: null,
        violenceRelated: false,
      });
      details.endedBy = dto.endedBy;
      details.endReason = dto.reason.trim();
      details.endedAt = now;
      details.endRecordedById = user.id;
      await em.save(details);
      const upcoming = await em.find(SipMeetingEntity, {
        where: { caseId, state: SipMeetingState.Called },
        lock: { mode: 'pessimistic_write' },
      });
      await this.cancelMeetings(
        em,
        upcoming.filter((m) => m.startsAt > now),
        dto.endedBy === SipEndedBy.Person ? 'The person ended the SIP.' : 'The SIP was closed.',
      );
      kase.status = 'closed';
      kase.closed = true;
      kase.closedAt = now;
      await em.save(kase);
      await this.reminders.sipEnded(em, caseId);
      await this.audit.record(
        user,
        { action: AuditAction.SipEnd, caseIds: [caseId], basis: access.decision.basis },
        em,
      );
    });
    return this.overview(user, caseId);
  }

  /**
   * D11: per municipality and period, the violence cases and how many have a SIP. A violence
   * case is a Trygga hem case, or a SIP case marked violence-related, that was open at some time
   * in the period. It has a SIP when it is such a SIP case with a meeting called (not cancelled)
   * by the end of the period, or a Trygga hem case linked to one. Counts only.
   */
  async indicator(query: SipIndicatorQueryDto): Promise<SipIndicatorDto> {
    if (query.to < query.from) throw invalid('to', 'beforeFrom', 'to is before from');
    const rows = await this.dataSource.query<
      { code: string; name: string; cases: string; with_sip: string }[]
    >(
      `WITH sip_done AS (
         SELECT c.id FROM cases c JOIN sip_details d ON d.case_id = c.id AND d.violence_related
         WHERE c.programme = 'SIP' AND EXISTS (
           SELECT 1 FROM sip_meetings m WHERE m.case_id = c.id AND m.state = 'called'
             AND m.called_at < ($2::date + 1)::timestamptz)
       ), violence AS (
         SELECT c.id, c.municipality_code FROM cases c
         LEFT JOIN sip_details d ON d.case_id = c.id
         WHERE (c.programme = 'TRYGGA_HEM' OR (c.programme = 'SIP' AND d.violence_related))
           AND c.opened_at < ($2::date + 1)::timestamptz
           AND (c.closed_at IS NULL OR c.closed_at >= $1::date::timestamptz)
       )
       SELECT o.municipality_code AS code, o.name,
              count(v.id)::text AS cases,
              count(v.id) FILTER (WHERE v.id IN (SELECT id FROM sip_done) OR EXISTS (
                SELECT 1 FROM case_links l WHERE l.case_id = v.id AND l.linked_case_id IN (SELECT id FROM sip_done)))::text AS with_sip
       FROM organisations o LEFT JOIN violence v ON v.municipality_code = o.municipality_code
       WHERE o.type = 'municipality' AND ($3::text IS NULL OR o.municipality_code = $3)
       GROUP BY o.municipality_code, o.name ORDER BY o.name`,
      [query.from, query.to, query.municipalityCode ?? null],
    );
    return {
      from: query.from,
      to: query.to,
      definition:
        'Violence cases: Trygga hem cases and SIP cases marked violence-related, open at some time in the period. With a SIP: a violence-related SIP case with a meeting called by the end of the period, or a Trygga hem case linked to one.',
      rows: rows.map((r) => {
        const cases = Number(r.cases);
        const withSip = Number(r.with_sip);
        return {
          municipalityCode: r.code,
          municipalityName: r.name,
          violenceCases: cases,
          withSip,
          share: cases ? Math.round((withSip / cases) * 100) / 100 : null,
        };
      }),
    };
  }

  private async cancelMeetings(em: EntityManager, meetings: SipMeetingEntity[], reason: string) {
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
      await this.reminders.meetingCancelled(em, meeting, invitations);
    }
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

  private async requireSip(
    user: AuthenticatedUser,
    caseId: string,
    right: 'read' | 'change',
    em?: EntityManager,
  ): Promise<CaseAccess> {
    const access = await this.access.require(user, caseId, right, em ? { em, lock: true } : {});
    if (access.programme.code !== 'SIP') throw notSip();
    return access;
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

  private async summonsReminder(em: EntityManager, kase: CaseEntity, details: SipDetailsEntity) {
    const called = await em.existsBy(SipMeetingEntity, {
      caseId: kase.id,
      state: SipMeetingState.Called,
    });
    if (called || !details.dischargeReadyOn || kase.closed) {
      await this.reminders.summonsDeadline(em, kase, details.id, null);
      return;
    }
    const rules = await this.agreements.sipDeadlineRules(
      em,
      [kase.owningOrganisationId],
      swedishDate(new Date()),
    );
    const [summons] = sipDeadlines(
      {
        requestedOn: null,
        dischargeReadyOn: details.dischargeReadyOn,
        firstCalledOn: null,
        firstMeetingOn: null,
        followUpDate: null,
        followUpMeetingOn: null,
      },
      rules,
      swedishDate(new Date()),
    );
    await this.reminders.summonsDeadline(em, kase, details.id, summons.dueOn);
  }

  private async meetingDtos(em: EntityManager, access: CaseAccess, meetings: SipMeetingEntity[]) {
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

  private async overviewOf(em: EntityManager, access: CaseAccess): Promise<SipOverviewDto> {
    const kase = access.kase;
    const coordination = access.decision.categories.includes(InformationCategory.Coordination);
    const [details, meetings, plans] = await Promise.all([
      em.findOneBy(SipDetailsEntity, { caseId: kase.id }),
      coordination
        ? em.find(SipMeetingEntity, { where: { caseId: kase.id }, order: { startsAt: 'ASC' } })
        : [],
      coordination
        ? em.find(SipPlanVersionEntity, { where: { caseId: kase.id }, order: { number: 'DESC' } })
        : [],
    ]);
    const today = swedishDate(new Date());
    const live = meetings.filter((m) => m.state === SipMeetingState.Called);
    const first = live.find((m) => m.kind === SipMeetingKind.First);
    const current = plans.find((p) => p.state === SipPlanState.Agreed) ?? null;
    const followUp = current
      ? live.find((m) => m.kind === SipMeetingKind.FollowUp && m.calledAt > current.agreedAt!)
      : undefined;
    const invitedPrincipals = await em.find(SipInvitationEntity, {
      select: { organisationId: true },
      where: { caseId: kase.id, kind: SipInvitationKind.Summons },
    });
    const rules = await this.agreements.sipDeadlineRules(
      em,
      [...new Set([kase.owningOrganisationId, ...invitedPrincipals.map((i) => i.organisationId!)])],
      today,
    );
    const deadlines = details
      ? sipDeadlines(
          {
            requestedOn: details.requestedOn,
            dischargeReadyOn: details.dischargeReadyOn,
            firstCalledOn: first ? swedishDate(first.calledAt) : null,
            firstMeetingOn: first ? swedishDate(first.startsAt) : null,
            followUpDate: details.endedAt ? null : (current?.followUpDate ?? null),
            followUpMeetingOn: followUp ? swedishDate(followUp.startsAt) : null,
          },
          rules,
          today,
        )
      : [];
    const names = await SipNames.load(em, { users: [details?.endRecordedById ?? null] });
    return {
      caseId: kase.id,
      caseNumber: kase.number,
      status: kase.status,
      closed: kase.closed,
      settings: details
        ? {
            requestedOn: details.requestedOn,
            dischargeReadyOn: details.dischargeReadyOn,
            violenceRelated: details.violenceRelated,
            version: details.version,
          }
        : null,
      deadlines: kase.closed ? [] : deadlines,
      ended:
        details?.endedAt && details.endedBy
          ? {
              endedBy: details.endedBy,
              reason: details.endReason ?? '',
              endedAt: details.endedAt.toISOString(),
              recordedBy: names.user(details.endRecordedById) ?? { id: '', displayName: '' },
            }
          : null,
      meetings: await this.meetingDtos(em, access, meetings),
      plans: plans.map((p) => ({
        id: p.id,
        number: p.number,
        state: p.state,
        meetingId: p.meetingId,
        agreedAt: p.agreedAt?.toISOString() ?? null,
        followUpDate: p.followUpDate,
      })),
      currentPlanId: current?.id ?? null,
      draftPlanId: plans.find((p) => p.state === SipPlanState.Draft)?.id ?? null,
    };
  }
}
