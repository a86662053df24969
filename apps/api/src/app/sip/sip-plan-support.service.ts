import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  InformationCategory,
  SipInvitationKind,
  SipInvitationState,
  type SipPlanDto,
  SipPlanState,
} from '@samsyn/common';
import {
  planAgreementProblems,
  planTimeline,
  type SipPlanActionFacts,
  sipPlanActions,
  type SipPlanFacts,
  swedishDate,
} from '@samsyn/domain';
import {
  CaseEntity,
  SipInvitationEntity,
  SipMeetingEntity,
  SipPlanApprovalEntity,
  SipPlanVersionEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager, In, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type CaseAccess, CaseAccessService } from '../cases/case-access.service';
import { ApiException, ValidationFailedException } from '../common/problem-details';
import { isHuvudman } from './sip-helpers';
import { noSip, notFound, requireCoordination, SipNames, toMeasureDto } from './sip-views';

/**
 * What the SIP plan services share (D8, D9, D12, D13): opening and locking a version, who takes
 * part, what the caller may do with it, its view, and the audit of reads and writes.
 */
@Injectable()
export class SipPlanSupport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The huvudmän taking part in the version's meeting (D9): the calling organisation and every
   * summoned huvudman that has not declined. They must each approve.
   */
  async participatingPrincipals(em: EntityManager, plan: SipPlanVersionEntity, kase: CaseEntity) {
    if (!plan.meetingId) return [kase.owningOrganisationId];
    const meeting = await em.findOneBy(SipMeetingEntity, { id: plan.meetingId });
    if (!meeting) return [kase.owningOrganisationId];
    const summoned = await em.findBy(SipInvitationEntity, {
      meetingId: meeting.id,
      kind: SipInvitationKind.Summons,
      state: Not(In([SipInvitationState.Declined, SipInvitationState.Cancelled])),
    });
    return [...new Set([meeting.callingOrganisationId, ...summoned.map((i) => i.organisationId!)])];
  }
  /** The facts `sipPlanActions` and `approveRefusal` decide on, as enforced above. */
  actionFacts(
    user: AuthenticatedUser,
    access: CaseAccess,
    plan: SipPlanVersionEntity,
    principals: string[],
    approvals: SipPlanApprovalEntity[],
  ): SipPlanActionFacts {
    return {
      huvudman: isHuvudman(access, user),
      canWrite:
        access.decision.canWrite &&
        access.decision.categories.includes(InformationCategory.Coordination),
      state: plan.state,
      actorOrganisationId: user.organisation.id,
      participatingPrincipalIds: principals,
      approvedOrganisationIds: approvals.map((a) => a.organisationId),
      personAgreed: plan.personAgreedAt !== null,
      problems:
        plan.state === SipPlanState.Agreed
          ? []
          : planAgreementProblems(facts(plan), principals, swedishDate(new Date())),
    };
  }
  requireComplete(plan: SipPlanVersionEntity, principals: string[]): void {
    const problems = planAgreementProblems(facts(plan), principals, swedishDate(new Date()));
    if (problems.length) throw new ValidationFailedException(problems);
  }
  requireDraft(plan: SipPlanVersionEntity): void {
    if (plan.state === SipPlanState.Agreed)
      throw new ApiException(
        HttpStatus.CONFLICT,
        ErrorCode.RuleViolation,
        `Version ${plan.number} of the plan is agreed and is never edited. Call a follow-up meeting to start the next version.`,
      );
  }
  async caseOf(planId: string): Promise<string> {
    const plan = await this.dataSource.manager.findOne(SipPlanVersionEntity, {
      select: { id: true, caseId: true },
      where: { id: planId },
    });
    if (!plan) throw notFound('plan version');
    return plan.caseId;
  }
  async lockPlan(em: EntityManager, id: string): Promise<SipPlanVersionEntity> {
    const plan = await em.findOne(SipPlanVersionEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!plan) throw notFound('plan version');
    return plan;
  }
  /** For the reads of a plan version: the version and the caller's access to its case. */
  async open(user: AuthenticatedUser, id: string) {
    const caseId = await this.caseOf(id);
    const access = await this.access.require(user, caseId, 'read');
    if (access.programme.code !== 'SIP') throw noSip();
    requireCoordination(access.decision);
    const plan = await this.dataSource.manager.findOneByOrFail(SipPlanVersionEntity, { id });
    return { plan, access };
  }
  async view(
    em: EntityManager,
    plan: SipPlanVersionEntity,
    access: CaseAccess,
    user: AuthenticatedUser,
  ): Promise<SipPlanDto> {
    const principals = await this.participatingPrincipals(em, plan, access.kase);
    const approvals = await em.findBy(SipPlanApprovalEntity, { planVersionId: plan.id });
    const names = await SipNames.load(em, {
      orgs: [
        ...principals,
        plan.leadPrincipalOrganisationId,
        ...plan.measures.map((m) => m.organisationId),
      ],
      units: plan.measures.map((m) => m.unitId),
      users: [
        ...approvals.map((a) => a.approvedById),
        plan.personAgreementRecordedById,
        plan.sentForApprovalById,
      ],
    });
    const actions = this.actionFacts(user, access, plan, principals, approvals);
    const measures = plan.measures.map((m) => toMeasureDto(m, names));
    const timeline = planTimeline(plan.measures);
    const byId = new Map(measures.map((m) => [m.id, m]));
    return {
      id: plan.id,
      caseId: plan.caseId,
      caseNumber: access.kase.number,
      number: plan.number,
      state: plan.state,
      version: plan.version,
      meetingId: plan.meetingId,
      basedOnId: plan.basedOnId,
      agreedAt: plan.agreedAt?.toISOString() ?? null,
      followUpDate: plan.followUpDate,
      needs: plan.needs,
      goals: plan.goals,
      measures,
      leadPrincipal: names.org(plan.leadPrincipalOrganisationId),
      approvals: principals.map((orgId) => {
        const a = approvals.find((x) => x.organisationId === orgId);
        return {
          organisation: names.org(orgId) ?? { id: orgId, name: '' },
          approvedAt: a?.approvedAt.toISOString() ?? null,
          approvedBy: a ? names.user(a.approvedById) : null,
        };
      }),
      personAgreement: plan.personAgreedAt
        ? {
            recordedAt: plan.personAgreedAt.toISOString(),
            recordedBy: names.user(plan.personAgreementRecordedById) ?? { id: '', displayName: '' },
            note: plan.personAgreementNote,
          }
        : null,
      agreementProblems: [...actions.problems],
      editable: plan.state === SipPlanState.Draft && access.decision.canWrite,
      approvalRequest:
        plan.sentForApprovalAt && plan.state === SipPlanState.Draft
          ? {
              sentAt: plan.sentForApprovalAt.toISOString(),
              sentBy: names.user(plan.sentForApprovalById) ?? { id: '', displayName: '' },
            }
          : null,
      allowedActions: sipPlanActions(actions),
      timeline: {
        lanes: timeline.lanes.map((l) => {
          const first = byId.get(l.measures[0].id)!;
          return {
            key: l.key,
            label: first.organisation?.name ?? first.actorName ?? '',
            responsibleKind: first.responsibleKind,
            measures: l.measures.map((m) => byId.get(m.id)!),
          };
        }),
        overlaps: timeline.overlaps,
        from: timeline.from,
        to: timeline.to,
      },
    };
  }
  async auditRead(user: AuthenticatedUser, action: AuditAction, access: CaseAccess) {
    await this.audit.record(user, {
      action,
      caseIds: [access.kase.id],
      personIds: [access.kase.subjectPersonId],
      categories: [InformationCategory.Coordination],
      consentIds: access.decision.consentIds,
      disclosureIds: access.decision.disclosureIds,
      basis: access.decision.basis,
      relation: access.decision.relation,
      emergency: access.decision.emergency,
    });
  }
  async auditWrite(
    user: AuthenticatedUser,
    action: AuditAction,
    access: CaseAccess,
    em: EntityManager,
  ) {
    await this.audit.record(
      user,
      {
        action,
        caseIds: [access.kase.id],
        personIds: [access.kase.subjectPersonId],
        categories: [InformationCategory.Coordination],
        consentIds: access.decision.consentIds,
        basis: access.decision.basis,
        relation: access.decision.relation,
      },
      em,
    );
  }
}

export function facts(p: SipPlanVersionEntity): SipPlanFacts {
  return {
    needs: p.needs,
    goals: p.goals,
    measures: p.measures,
    leadPrincipalOrganisationId: p.leadPrincipalOrganisationId,
    followUpDate: p.followUpDate,
  };
}

export function latestAgreed(
  em: EntityManager,
  caseId: string,
): Promise<SipPlanVersionEntity | null> {
  return em.findOne(SipPlanVersionEntity, {
    where: { caseId, state: SipPlanState.Agreed },
    order: { number: 'DESC' },
  });
}
