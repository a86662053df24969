import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  type EndSipDto,
  type FieldError,
  InformationCategory,
  SipEndedBy,
  SipMeetingKind,
  SipMeetingState,
  type SipOverviewDto,
  SipPlanState,
  SipInvitationKind,
  type UpdateSipSettingsDto,
} from '@samsyn/common';
import {
  callBlocker,
  sipCaseActions,
  sipDeadlines,
  sipViolenceForms,
  swedishDate,
} from '@samsyn/domain';
import {
  CaseEntity,
  SipDetailsEntity,
  SipInvitationEntity,
  SipMeetingEntity,
  SipPlanVersionEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager } from 'typeorm';
import { AgreementRulesService } from '../agreements/agreement-rules.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type CaseAccess, CaseAccessService } from '../cases/case-access.service';
import { versionConflict } from '../cases/case-rules';
import { ValidationFailedException } from '../common/problem-details';
import { CaseRemindersService } from '../reminders/case-reminders.service';
import { cancelMeetings, isHuvudman, meetingDtos, readSip, requireSip } from './sip-helpers';
import { SipRemindersService } from './sip-reminders.service';
import { SipNames } from './sip-views';

/** A SIP case as a whole (D9, D10): its overview and deadlines, its settings, and ending the SIP. */
@Injectable()
export class SipCaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly reminders: SipRemindersService,
    private readonly caseReminders: CaseRemindersService,
    private readonly agreements: AgreementRulesService,
  ) {}

  async overview(user: AuthenticatedUser, caseId: string): Promise<SipOverviewDto> {
    const access = await readSip(this.access, user, caseId);
    const dto = await this.overviewOf(this.dataSource.manager, access, user);
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
      const access = await requireSip(this.access, user, caseId, 'change', em);
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
      const violenceForms = sipViolenceForms({
        violenceRelated: dto.violenceRelated,
        given: dto.violenceForms,
        recorded: details.violenceForms ?? [],
      });
      if (violenceForms === 'notViolenceRelated')
        throw new ValidationFailedException([
          {
            field: 'violenceForms',
            code: 'notViolenceRelated',
            message:
              'violenceForms can only be recorded on a violence-related SIP case: set violenceRelated to true, or send no forms',
          },
        ]);
      details.requestedOn = dto.requestedOn;
      details.dischargeReadyOn = dto.dischargeReadyOn ?? null;
      details.violenceRelated = dto.violenceRelated;
      details.violenceForms = violenceForms;
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

  /** The person ends the SIP, or it is closed: the reason is kept, meetings and reminders cancelled. */
  async end(user: AuthenticatedUser, caseId: string, dto: EndSipDto): Promise<SipOverviewDto> {
    await this.dataSource.transaction(async (em) => {
      const access = await requireSip(this.access, user, caseId, 'change', em);
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
      await cancelMeetings(
        this.reminders,
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

  private async overviewOf(
    em: EntityManager,
    access: CaseAccess,
    user: AuthenticatedUser,
  ): Promise<SipOverviewDto> {
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
    const draft = plans.find((p) => p.state === SipPlanState.Draft) ?? null;
    const huvudman = isHuvudman(access, user);
    // The same facts `SipCallingService.call` refuses on: the client shows only what is allowed.
    const actionFacts = {
      huvudman,
      canManage: access.decision.canManage,
      closed: kase.closed,
      draft: draft && { id: draft.id, number: draft.number, meetingId: draft.meetingId },
    };
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
            violenceForms: details.violenceForms,
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
      meetings: await meetingDtos(em, access, meetings, user),
      plans: plans.map((p) => ({
        id: p.id,
        number: p.number,
        state: p.state,
        meetingId: p.meetingId,
        agreedAt: p.agreedAt?.toISOString() ?? null,
        followUpDate: p.followUpDate,
      })),
      currentPlanId: current?.id ?? null,
      draftPlanId: draft?.id ?? null,
      allowedActions: sipCaseActions(actionFacts),
      callBlockedBy: huvudman && !kase.closed ? callBlocker(actionFacts) : null,
    };
  }
}
