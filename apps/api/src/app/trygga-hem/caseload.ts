import {
  ActionStatus,
  type ActionDto,
  type AgencyRiskDto,
  OfferUptake,
  type OrganisationRefDto,
  RiskLevel,
  type TryggaHemAction,
} from '@samsyn/common';
import {
  type AgendaSignals,
  assessmentReviewDue,
  currentAssessments,
  daysBetween,
  latestPerAgency,
  newSinceReview,
} from '@samsyn/domain';
import {
  OrganisationEntity,
  TryggaHemActionEntity,
  TryggaHemCaseEntity,
  TryggaHemIncidentEntity,
  TryggaHemOfferEntity,
  TryggaHemRiskAssessmentEntity,
  UserEntity,
  type CaseEntity,
} from '@samsyn/server';
import { type EntityManager, In, IsNull } from 'typeorm';

/** What the board and the agenda know about one case of a group's caseload (issue 6 §5). */
export interface CaseSignals extends AgendaSignals {
  profile: TryggaHemCaseEntity;
  risk: AgencyRiskDto[];
  openActions: number;
  openOffers: number;
}

export function orgRef(org: OrganisationEntity | undefined | null): OrganisationRefDto {
  return { id: org?.id ?? '', name: org?.name ?? '', type: org!.type };
}

function agencyRisk(
  a: TryggaHemRiskAssessmentEntity & { recordedAt: Date },
  today: string,
): AgencyRiskDto {
  return {
    organisation: orgRef(a.organisation),
    instrument: a.instrument,
    level: a.level,
    assessedOn: a.assessedOn,
    reviewOn: a.reviewOn,
    reviewDue: assessmentReviewDue(a, today),
  };
}

/** The signals of the given cases in a fixed number of queries. */
export async function loadSignals(
  em: EntityManager,
  cases: readonly Pick<CaseEntity, 'id' | 'number'>[],
  today: string,
): Promise<Map<string, CaseSignals>> {
  const result = new Map<string, CaseSignals>();
  if (!cases.length) return result;
  const ids = cases.map((c) => c.id);
  const [profiles, assessments, actions, offers, incidents] = await Promise.all([
    em.findBy(TryggaHemCaseEntity, { caseId: In(ids) }),
    em.find(TryggaHemRiskAssessmentEntity, {
      where: { caseId: In(ids) },
      relations: { organisation: true },
    }),
    em.find(TryggaHemActionEntity, {
      select: { id: true, caseId: true, dueOn: true },
      where: { caseId: In(ids), status: ActionStatus.Open },
    }),
    em.find(TryggaHemOfferEntity, {
      select: { id: true, caseId: true },
      where: { caseId: In(ids), uptake: OfferUptake.Offered },
    }),
    em.find(TryggaHemIncidentEntity, {
      select: { id: true, caseId: true, occurredOn: true, recordedAt: true },
      // D21: a removed incident counts nowhere.
      where: { caseId: In(ids), removedAt: IsNull() },
    }),
  ]);
  for (const kase of cases) {
    const profile = profiles.find((p) => p.caseId === kase.id);
    if (!profile) continue;
    const reviewedFrom = profile.lastReviewedOn ?? profile.referredOn;
    const own = assessments
      .filter((a) => a.caseId === kase.id)
      .map((a) => ({ ...a, recordedAt: a.createdAt }));
    const current = currentAssessments(own);
    const latest = latestPerAgency(current);
    const openActions = actions.filter((a) => a.caseId === kase.id);
    const signals: CaseSignals = {
      caseId: kase.id,
      caseNumber: kase.number,
      priority: profile.priority,
      profile,
      // Incidents that happened (or were recorded) since the group last reviewed the case.
      newIncidents: incidents.filter(
        (i) => i.caseId === kase.id && newSinceReview(i, profile.lastReviewedOn),
      ).length,
      repeat: profile.repeat,
      highRisk: latest.some((a) => a.level === RiskLevel.High),
      reviewDue: current.some((a) => assessmentReviewDue(a, today)),
      overdueActions: openActions.filter((a) => a.dueOn < today).length,
      openActions: openActions.length,
      openOffers: offers.filter((o) => o.caseId === kase.id).length,
      daysSinceReview: Math.max(0, daysBetween(reviewedFrom, today)),
      risk: latest.map((a) => agencyRisk(a, today)),
    };
    result.set(kase.id, signals);
  }
  return result;
}

/**
 * Actions as the client shows them, with display names; `allowed` gives what the caller may do
 * with each (`actionStatusActions` for its case).
 */
export async function actionDtos(
  em: EntityManager,
  actions: readonly TryggaHemActionEntity[],
  caseNumbers: ReadonlyMap<string, string>,
  today: string,
  allowed: (action: TryggaHemActionEntity) => TryggaHemAction[],
): Promise<ActionDto[]> {
  if (!actions.length) return [];
  const [orgs, users] = await Promise.all([
    em.findBy(OrganisationEntity, {
      id: In([...new Set(actions.map((a) => a.ownerOrganisationId))]),
    }),
    em.findBy(UserEntity, { id: In([...new Set(actions.map((a) => a.ownerUserId))]) }),
  ]);
  return actions.map((a) => ({
    id: a.id,
    version: a.version,
    caseId: a.caseId,
    caseNumber: caseNumbers.get(a.caseId) ?? '',
    meetingId: a.meetingId,
    description: a.description,
    ownerOrganisation: orgRef(orgs.find((o) => o.id === a.ownerOrganisationId)),
    owner: {
      id: a.ownerUserId,
      displayName: users.find((u) => u.id === a.ownerUserId)?.displayName ?? '',
    },
    dueOn: a.dueOn,
    status: a.status,
    overdue: a.status === ActionStatus.Open && a.dueOn < today,
    doneAt: a.doneAt?.toISOString() ?? null,
    allowedActions: allowed(a),
  }));
}

/** Per case, each agency's latest current risk assessment (the board's risk column), D5. */
export async function latestRiskByCase(
  em: EntityManager,
  caseIds: readonly string[],
  today: string,
): Promise<Map<string, AgencyRiskDto[]>> {
  const result = new Map<string, AgencyRiskDto[]>();
  if (!caseIds.length) return result;
  const assessments = await em.find(TryggaHemRiskAssessmentEntity, {
    where: { caseId: In([...caseIds]) },
    relations: { organisation: true },
  });
  for (const caseId of caseIds) {
    const own = assessments
      .filter((a) => a.caseId === caseId)
      .map((a) => ({ ...a, recordedAt: a.createdAt }));
    result.set(
      caseId,
      latestPerAgency(currentAssessments(own)).map((a) => agencyRisk(a, today)),
    );
  }
  return result;
}
