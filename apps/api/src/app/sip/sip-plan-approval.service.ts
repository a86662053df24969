import { HttpStatus, Injectable } from '@nestjs/common';
import {
  type ApproveSipPlanDto,
  AuditAction,
  ErrorCode,
  InformationCategory,
  type RecordSipPersonAgreementDto,
  SipAction,
  type SipAwaitingApprovalDto,
  SipInvitationKind,
  SipInvitationState,
  type SipPlanDto,
  SipPlanState,
} from '@samsyn/common';
import { approvalState, approveRefusal, sipPlanActions } from '@samsyn/domain';
import {
  CaseEntity,
  SipInvitationEntity,
  SipMeetingEntity,
  SipPlanApprovalEntity,
  SipPlanVersionEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type CaseAccess, CaseAccessService, clockNow } from '../cases/case-access.service';
import { conflict, versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { requireHuvudman } from './sip-helpers';
import { latestAgreed, SipPlanSupport } from './sip-plan-support.service';
import { SipPlansService } from './sip-plans.service';
import { SipRemindersService } from './sip-reminders.service';
import { notSip, requireCoordination, SipNames } from './sip-views';

/**
 * Agreeing a SIP plan version (D9): sending it for approval, each participating huvudman's
 * approval, the person's agreement, and the inbox of versions awaiting approval.
 */
@Injectable()
export class SipPlanApprovalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly reminders: SipRemindersService,
    private readonly support: SipPlanSupport,
    private readonly plans: SipPlansService,
  ) {}

  /**
   * A participating huvudman approves the version it names (D9): the owner or, with consent or a
   * recorded legal basis, the other huvudman on the team (D7). Refused exactly when the plan's
   * `allowedActions` lack `approve` (`approveRefusal`).
   */
  async approve(user: AuthenticatedUser, id: string, dto: ApproveSipPlanDto): Promise<SipPlanDto> {
    const caseId = await this.support.caseOf(id);
    await this.dataSource.transaction(async (em) => {
      const access = await this.access.require(user, caseId, 'read', { em, lock: true });
      if (access.programme.code !== 'SIP') throw notSip();
      requireCoordination(access.decision);
      const plan = await this.support.lockPlan(em, id);
      this.support.requireDraft(plan);
      if (plan.version !== dto.version) throw versionConflict(plan.version);
      const principals = await this.support.participatingPrincipals(em, plan, access.kase);
      const approvals = await em.findBy(SipPlanApprovalEntity, { planVersionId: plan.id });
      const refusal = approveRefusal(
        this.support.actionFacts(user, access, plan, principals, approvals),
      );
      if (refusal === 'not_huvudman') requireHuvudman(access, user);
      if (refusal === 'not_huvudman' || refusal === 'not_participating')
        throw new ApiException(
          HttpStatus.FORBIDDEN,
          ErrorCode.Forbidden,
          'Your organisation is not a huvudman taking part in this SIP meeting.',
          { details: { reason: refusal } },
        );
      if (refusal === 'incomplete') this.support.requireComplete(plan, principals);
      if (refusal === 'already_approved')
        throw conflict('Your organisation has already approved this version.');
      await em.insert(SipPlanApprovalEntity, {
        planVersionId: plan.id,
        organisationId: user.organisation.id,
        approvedById: user.id,
      });
      await this.settle(em, plan, access, principals);
      await this.support.auditWrite(user, AuditAction.SipPlanApprove, access, em);
    });
    return this.plans.get(user, id);
  }
  /**
   * Sends a complete draft to the participating huvudmän for approval (issue 15): recorded on the
   * version, and each of their units that has not approved yet gets a notification. The person's
   * agreement is then awaited in the SIP inbox of those who may record it.
   */
  async sendForApproval(
    user: AuthenticatedUser,
    id: string,
    dto: ApproveSipPlanDto,
  ): Promise<SipPlanDto> {
    const caseId = await this.support.caseOf(id);
    await this.dataSource.transaction(async (em) => {
      const access = await this.access.require(user, caseId, 'read', { em, lock: true });
      if (access.programme.code !== 'SIP') throw notSip();
      requireCoordination(access.decision);
      const plan = await this.support.lockPlan(em, id);
      this.support.requireDraft(plan);
      if (plan.version !== dto.version) throw versionConflict(plan.version);
      const principals = await this.support.participatingPrincipals(em, plan, access.kase);
      const approvals = await em.findBy(SipPlanApprovalEntity, { planVersionId: plan.id });
      const facts = this.support.actionFacts(user, access, plan, principals, approvals);
      if (!sipPlanActions(facts).includes(SipAction.SendForApproval)) {
        requireHuvudman(access, user);
        if (!principals.includes(user.organisation.id))
          throw new ApiException(
            HttpStatus.FORBIDDEN,
            ErrorCode.Forbidden,
            'Your organisation is not a huvudman taking part in this SIP meeting.',
            { details: { reason: 'not_participating' } },
          );
        this.support.requireComplete(plan, principals);
      }
      const units = await this.principalUnits(em, plan, access.kase);
      const approved = new Set(approvals.map((a) => a.organisationId));
      const recipients = units
        .filter((u) => !approved.has(u.organisationId) && u.unitId !== user.unit?.id)
        .map((u) => u.unitId);
      plan.sentForApprovalAt = new Date();
      plan.sentForApprovalById = user.id;
      await em.save(plan);
      await this.reminders.planSentForApproval(em, plan, recipients, plan.sentForApprovalAt);
      await this.support.auditWrite(user, AuditAction.SipPlanUpdate, access, em);
    });
    return this.plans.get(user, id);
  }
  /**
   * The SIP inbox's versions awaiting approval: drafts sent for approval whose participating
   * huvudmän include the caller's organisation, with what each still awaits.
   */
  async awaitingApproval(user: AuthenticatedUser): Promise<SipAwaitingApprovalDto[]> {
    const em = this.dataSource.manager;
    const plans = await em.find(SipPlanVersionEntity, {
      where: { state: SipPlanState.Draft, sentForApprovalAt: Not(IsNull()) },
      order: { sentForApprovalAt: 'DESC' },
      take: 200,
    });
    if (!plans.length) return [];
    const cases = await em.findBy(CaseEntity, { id: In([...new Set(plans.map((p) => p.caseId))]) });
    const decided = await this.access.decideMany(user, cases, clockNow());
    const out: SipAwaitingApprovalDto[] = [];
    const seen: string[] = [];
    for (const plan of plans) {
      const kase = cases.find((c) => c.id === plan.caseId)!;
      const d = decided.get(kase.id)!;
      if (!d.decision.allowed || !d.decision.categories.includes(InformationCategory.Coordination))
        continue;
      const access: CaseAccess = {
        kase,
        programme: d.facts.programme,
        decision: d.decision,
        facts: d.facts,
      };
      const principals = await this.support.participatingPrincipals(em, plan, kase);
      if (!principals.includes(user.organisation.id)) continue;
      const approvals = await em.findBy(SipPlanApprovalEntity, { planVersionId: plan.id });
      const facts = this.support.actionFacts(user, access, plan, principals, approvals);
      const approved = approvals.map((a) => a.organisationId);
      const names = await SipNames.load(em, {
        orgs: principals,
        users: [plan.sentForApprovalById],
      });
      seen.push(kase.id);
      out.push({
        planId: plan.id,
        number: plan.number,
        caseId: kase.id,
        caseNumber: kase.number,
        sentAt: plan.sentForApprovalAt!.toISOString(),
        sentBy: names.user(plan.sentForApprovalById) ?? { id: '', displayName: '' },
        awaitingOrganisations: principals
          .filter((o) => !approved.includes(o))
          .map((o) => names.org(o) ?? { id: o, name: '' }),
        awaitsYourOrganisation: !approved.includes(user.organisation.id),
        awaitsPerson: plan.personAgreedAt === null,
        agreementProblems: facts.problems as SipAwaitingApprovalDto['agreementProblems'],
        allowedActions: sipPlanActions(facts),
      });
    }
    if (seen.length)
      await this.audit.record(user, {
        action: AuditAction.SipPlanRead,
        caseIds: [...new Set(seen)],
        categories: [InformationCategory.Coordination],
      });
    return out;
  }
  /** Records that the person agrees to the version (D9: the plan is not changed without them). */
  async personAgreement(
    user: AuthenticatedUser,
    id: string,
    dto: RecordSipPersonAgreementDto,
  ): Promise<SipPlanDto> {
    const caseId = await this.support.caseOf(id);
    await this.dataSource.transaction(async (em) => {
      const access = await this.access.require(user, caseId, 'write', { em, lock: true });
      requireCoordination(access.decision);
      const plan = await this.support.lockPlan(em, id);
      this.support.requireDraft(plan);
      if (plan.version !== dto.version) throw versionConflict(plan.version);
      const principals = await this.support.participatingPrincipals(em, plan, access.kase);
      this.support.requireComplete(plan, principals);
      if (plan.personAgreedAt) throw conflict('The person’s agreement is already recorded.');
      plan.personAgreedAt = new Date();
      plan.personAgreementRecordedById = user.id;
      plan.personAgreementNote = dto.note?.trim() || null;
      await this.settle(em, plan, access, principals);
      await this.support.auditWrite(user, AuditAction.SipPersonAgreement, access, em);
    });
    return this.plans.get(user, id);
  }
  /** The units that speak for the participating huvudmän: the calling unit and the summoned ones. */
  private async principalUnits(em: EntityManager, plan: SipPlanVersionEntity, kase: CaseEntity) {
    if (!plan.meetingId)
      return [{ unitId: kase.owningUnitId, organisationId: kase.owningOrganisationId }];
    const meeting = await em.findOneByOrFail(SipMeetingEntity, { id: plan.meetingId });
    const summoned = await em.findBy(SipInvitationEntity, {
      meetingId: meeting.id,
      kind: SipInvitationKind.Summons,
      state: Not(In([SipInvitationState.Declined, SipInvitationState.Cancelled])),
    });
    return [
      { unitId: meeting.callingUnitId, organisationId: meeting.callingOrganisationId },
      ...summoned.map((i) => ({ unitId: i.unitId!, organisationId: i.organisationId! })),
    ];
  }
  /** Agrees the version when every participating huvudman approved and the person agreed. */
  private async settle(
    em: EntityManager,
    plan: SipPlanVersionEntity,
    access: CaseAccess,
    principals: string[],
  ): Promise<void> {
    const approvals = await em.findBy(SipPlanApprovalEntity, { planVersionId: plan.id });
    const state = approvalState(
      principals,
      approvals.map((a) => a.organisationId),
      plan.personAgreedAt !== null,
    );
    if (state.agreed) {
      const previous = await latestAgreed(em, plan.caseId);
      plan.state = SipPlanState.Agreed;
      plan.agreedAt = new Date();
      const kase = access.kase;
      if (['summoned', 'follow_up', 'preparation', 'need_identified'].includes(kase.status)) {
        kase.status = 'planned';
        await em.save(kase);
      }
      await this.reminders.planAgreed(em, kase, plan, previous);
      await this.reminders.approvalSettled(em, plan);
    }
    // Saving bumps the version even when only an approval was added, so a concurrent edit fails.
    plan.updatedAt = new Date();
    await em.save(plan);
  }
}
