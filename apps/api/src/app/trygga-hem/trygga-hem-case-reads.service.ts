import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  InformationCategory,
  type TryggaHemCaseDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import {
  actionStatusActions,
  assessmentReviewDue,
  currentAssessments,
  offerActions,
  tryggaHemCaseActions,
} from '@samsyn/domain';
import {
  CaseParticipantEntity,
  CoordinatorGroupEntity,
  CoordinatorGroupMemberEntity,
  TryggaHemActionEntity,
  TryggaHemCaseEntity,
  TryggaHemControlMeasureEntity,
  TryggaHemIncidentEntity,
  TryggaHemNotificationEntity,
  TryggaHemOfferEntity,
  TryggaHemPriorityChangeEntity,
  TryggaHemRiskAssessmentEntity,
  TryggaHemSafetyPlanEntity,
} from '@samsyn/server';
import { DataSource, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CaseAccessService, clockNow } from '../cases/case-access.service';
import { actionDtos, orgRef } from './caseload';
import { type CorrectableRecordRow, correctableDto, recordHistory } from './record-history';
import { notEnrolled, seesPerson } from './trygga-hem-case-helpers';

/**
 * The Trygga hem case as the caller may see it (D3–D5): priority with history, notifications,
 * offers, control measures, incidents, risk assessments per agency, victims' safety plans and the
 * group's actions. Read through the case access service; each section needs its category.
 */
@Injectable()
export class TryggaHemCaseReadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
  ) {}

  /** The case's programme data, each section only with its category (see TryggaHemCaseDto). */
  async get(
    user: AuthenticatedUser,
    caseId: string,
    options: { audit?: boolean; includeRemoved?: boolean } = {},
  ): Promise<TryggaHemCaseDto> {
    const access = await this.access.require(user, caseId, 'read');
    const { kase, decision } = access;
    const em = this.dataSource.manager;
    const profile = await em.findOneBy(TryggaHemCaseEntity, { caseId });
    if (!profile || profile.leftAt) throw notEnrolled();
    const today = clockNow().today;
    const sees = (c: InformationCategory) => decision.categories.includes(c);
    const coordination = sees(InformationCategory.Coordination);
    // D21: removed records are kept for audit but left out unless asked for.
    const kept = options.includeRemoved ? {} : { removedAt: IsNull() };
    const [
      group,
      history,
      notifications,
      offers,
      measures,
      incidents,
      assessments,
      plans,
      actions,
      groupMember,
    ] = await Promise.all([
      em.findOneByOrFail(CoordinatorGroupEntity, { id: profile.groupId }),
      coordination
        ? em.find(TryggaHemPriorityChangeEntity, {
            where: { caseId },
            order: { changedAt: 'DESC' },
          })
        : [],
      coordination
        ? em.find(TryggaHemNotificationEntity, {
            where: { caseId, ...kept },
            relations: { recordedByOrganisation: true },
            order: { deliveredOn: 'DESC' },
          })
        : [],
      sees(InformationCategory.Social)
        ? em.find(TryggaHemOfferEntity, {
            where: { caseId },
            relations: { organisation: true },
            order: { offeredOn: 'DESC' },
          })
        : [],
      sees(InformationCategory.Criminal)
        ? em.find(TryggaHemControlMeasureEntity, {
            where: { caseId, ...kept },
            relations: { organisation: true, recordedByOrganisation: true },
            order: { startsOn: 'DESC' },
          })
        : [],
      sees(InformationCategory.Criminal)
        ? em.find(TryggaHemIncidentEntity, {
            where: { caseId, ...kept },
            relations: { reportingOrganisation: true, recordedByOrganisation: true },
            order: { occurredOn: 'DESC', recordedAt: 'DESC' },
          })
        : [],
      sees(InformationCategory.Risk)
        ? em.find(TryggaHemRiskAssessmentEntity, {
            where: { caseId },
            relations: { organisation: true },
            order: { assessedOn: 'DESC', createdAt: 'DESC' },
          })
        : [],
      // D3: the safety category only reaches victim-side users (R5 in the policy).
      sees(InformationCategory.Safety)
        ? em.find(TryggaHemSafetyPlanEntity, { where: { caseId }, order: { createdAt: 'ASC' } })
        : [],
      coordination
        ? em.find(TryggaHemActionEntity, { where: { caseId }, order: { dueOn: 'ASC' } })
        : [],
      em.existsBy(CoordinatorGroupMemberEntity, { groupId: profile.groupId, userId: user.id }),
    ]);
    const revisions = await recordHistory(em, caseId, {
      [TryggaHemRecordKind.Notification]: notifications,
      [TryggaHemRecordKind.ControlMeasure]: measures,
      [TryggaHemRecordKind.Incident]: incidents,
    });
    // The actions below are computed by the rules the writes enforce (libs/domain).
    const writer = { decision, roles: user.roles };
    const correctable = (record: CorrectableRecordRow, kind: TryggaHemRecordKind) =>
      correctableDto(kind, record, revisions, user, writer);
    const visiblePlans = plans.filter((p) =>
      seesPerson(decision, p.personId, InformationCategory.Safety),
    );
    // D3: the victims and children whose skyddsplan the caller may see (and so write, R5).
    const safetyPlanPersonIds = sees(InformationCategory.Safety)
      ? (
          await em.find(CaseParticipantEntity, {
            where: { caseId, role: In(access.programme.victimSideRoles) },
            order: { createdAt: 'ASC' },
          })
        )
          .map((p) => p.personId)
          .filter((id) => seesPerson(decision, id, InformationCategory.Safety))
      : null;
    const current = new Set(
      currentAssessments(assessments.map((a) => ({ ...a, recordedAt: a.createdAt }))).map(
        (a) => a.id,
      ),
    );
    const dto: TryggaHemCaseDto = {
      caseId,
      caseNumber: kase.number,
      version: profile.version,
      group: { id: group.id, name: group.name, municipalityCode: group.municipalityCode },
      referredOn: profile.referredOn,
      lastReviewedOn: profile.lastReviewedOn,
      repeat: coordination ? profile.repeat : false,
      priority: coordination ? profile.priority : null,
      priorityBasis: coordination ? profile.priorityBasis : null,
      priorityHistory: coordination
        ? history.map((h) => ({
            priority: h.priority,
            basis: h.basis,
            changedBy: { id: h.changedById, displayName: h.changedByName },
            changedAt: h.changedAt.toISOString(),
          }))
        : null,
      notifications: coordination
        ? notifications.map((n) => ({
            id: n.id,
            method: n.method,
            customMethod: n.customMethod,
            deliveredOn: n.deliveredOn,
            deliveredBy: n.deliveredBy,
            outcome: n.outcome,
            recordedBy: { id: n.recordedById, displayName: n.recordedByName },
            ...correctable(n, TryggaHemRecordKind.Notification),
          }))
        : null,
      offers: sees(InformationCategory.Social)
        ? offers.map((o) => ({
            id: o.id,
            version: o.version,
            kind: o.kind,
            description: o.description,
            offeredOn: o.offeredOn,
            organisation: orgRef(o.organisation),
            uptake: o.uptake,
            uptakeOn: o.uptakeOn,
            note: o.note,
            allowedActions: offerActions(writer),
          }))
        : null,
      controlMeasures: sees(InformationCategory.Criminal)
        ? measures.map((m) => ({
            id: m.id,
            kind: m.kind,
            description: m.description,
            startsOn: m.startsOn,
            endsOn: m.endsOn,
            organisation: orgRef(m.organisation),
            active:
              m.removedAt === null &&
              m.startsOn <= today &&
              (m.endsOn === null || m.endsOn >= today),
            ...correctable(m, TryggaHemRecordKind.ControlMeasure),
          }))
        : null,
      incidents: sees(InformationCategory.Criminal)
        ? incidents.map((i) => ({
            id: i.id,
            occurredOn: i.occurredOn,
            kind: i.kind,
            reportingOrganisation: orgRef(i.reportingOrganisation),
            victimPersonId: i.victimPersonId,
            repeat: i.repeat,
            violenceForms: i.violenceForms,
            note: i.note,
            recordedAt: i.recordedAt.toISOString(),
            ...correctable(i, TryggaHemRecordKind.Incident),
          }))
        : null,
      riskAssessments: sees(InformationCategory.Risk)
        ? assessments.map((a) => ({
            id: a.id,
            organisation: orgRef(a.organisation),
            instrument: a.instrument,
            instrumentName: a.instrumentName,
            instrumentVersion: a.instrumentVersion,
            assessedOn: a.assessedOn,
            assessor: { id: a.assessorId, displayName: a.assessorName },
            level: a.level,
            reviewOn: a.reviewOn,
            reviewDue:
              current.has(a.id) && assessmentReviewDue({ ...a, recordedAt: a.createdAt }, today),
            reassessmentRequestedAt: a.reassessmentRequestedAt?.toISOString() ?? null,
            current: current.has(a.id),
            summary: a.summary,
          }))
        : null,
      safetyPlans: sees(InformationCategory.Safety)
        ? visiblePlans.map((p) => ({
            id: p.id,
            version: p.version,
            personId: p.personId,
            plan: p.plan,
            whereabouts: p.whereabouts,
            support: p.support,
            updatedBy: { id: p.updatedById, displayName: p.updatedByName },
            updatedAt: p.updatedAt.toISOString(),
          }))
        : null,
      actions: coordination
        ? await actionDtos(em, actions, new Map([[caseId, kase.number]]), today, () =>
            actionStatusActions({ ...writer, enrolled: true }),
          )
        : null,
      categories: decision.categories,
      safetyPlanPersonIds,
      allowedActions: tryggaHemCaseActions({ ...writer, groupMember }),
    };
    if (options.audit !== false)
      await this.audit.record(user, {
        action: AuditAction.TryggaHemRead,
        caseIds: [caseId],
        personIds: [...new Set([kase.subjectPersonId, ...visiblePlans.map((p) => p.personId)])],
        categories: decision.categories,
        consentIds: decision.consentIds,
        disclosureIds: decision.disclosureIds,
        basis: decision.basis,
        relation: decision.relation,
        emergency: decision.emergency,
      });
    return dto;
  }
}
