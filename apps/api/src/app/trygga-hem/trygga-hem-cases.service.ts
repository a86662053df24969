import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AccessBasis,
  ActionStatus,
  AuditAction,
  type ChangePriorityDto,
  type CreateControlMeasureDto,
  type CreateIncidentDto,
  type CreateOfferDto,
  type CreateRiskAssessmentDto,
  type CreateTryggaHemNotificationDto,
  type EnrolTryggaHemCaseDto,
  ErrorCode,
  InformationCategory,
  OfferUptake,
  RiskInstrument,
  type SaveSafetyPlanDto,
  type TryggaHemCaseDto,
  TRYGGA_HEM_RECORD_CATEGORY,
  TryggaHemRecordKind,
  type UpdateActionDto,
  type UpdateOfferDto,
} from '@samsyn/common';
import {
  assessmentReviewDue,
  type CaseDecision,
  canWriteCategory,
  currentAssessments,
  isRepeatIncident,
  TRYGGA_HEM,
} from '@samsyn/domain';
import {
  CaseParticipantEntity,
  CoordinatorGroupEntity,
  CoordinatorGroupMemberEntity,
  OrganisationEntity,
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
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type CaseAccess, CaseAccessService, clockNow } from '../cases/case-access.service';
import { conflict, invalid, versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { actionDtos, orgRef } from './caseload';
import { CoordinatorGroupsService } from './coordinator-groups.service';
import { TryggaHemRemindersService } from './trygga-hem-reminders.service';
import { type CorrectableRecordRow, correctableDto, recordHistory } from './record-history';

export interface WriteContext extends CaseAccess {
  em: EntityManager;
  profile: TryggaHemCaseEntity;
  today: string;
}

/** Whether the caller sees `category` of `personId` (R3: per person for consent/legal basis). */
function seesPerson(
  decision: CaseDecision,
  personId: string,
  category: InformationCategory,
): boolean {
  if (decision.basis === AccessBasis.Consent || decision.basis === AccessBasis.LegalBasis)
    return (decision.personCategories.get(personId) ?? []).includes(category);
  return decision.categories.includes(category);
}

const notEnrolled = () =>
  new ApiException(
    HttpStatus.NOT_FOUND,
    ErrorCode.NotFound,
    "This case is not in a koordinatorsgrupp's caseload.",
  );

/**
 * The Trygga hem case (D3–D5): priority with history, notifications, offers, control measures,
 * incidents, risk assessments per agency, victims' safety plans and the group's actions. Every
 * read and write goes through the case access service; each section needs its category.
 */
@Injectable()
export class TryggaHemCasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly groups: CoordinatorGroupsService,
    private readonly reminders: TryggaHemRemindersService,
  ) {}

  /** Puts a TRYGGA_HEM case in a group's caseload with its first priority (owner only). */
  async enrol(user: AuthenticatedUser, dto: EnrolTryggaHemCaseDto): Promise<TryggaHemCaseDto> {
    const today = clockNow().today;
    const referredOn = dto.referredOn?.slice(0, 10) ?? today;
    if (referredOn > today)
      throw invalid('referredOn', 'inFuture', 'referredOn cannot be in the future');
    await this.dataSource.transaction(async (em) => {
      const { kase } = await this.access.require(user, dto.caseId, 'change', { em, lock: true });
      if (kase.programme !== TRYGGA_HEM.code)
        throw invalid(
          'caseId',
          'notTryggaHem',
          'Only Trygga hem cases can be in a koordinatorsgrupp',
        );
      const group = await em.findOneBy(CoordinatorGroupEntity, { id: dto.groupId });
      if (!group) throw invalid('groupId', 'unknownGroup', 'No koordinatorsgrupp has this id');
      if (group.municipalityCode !== kase.municipalityCode)
        throw invalid(
          'groupId',
          'otherMunicipality',
          'The group belongs to another municipality than the case',
        );
      if (await em.existsBy(TryggaHemCaseEntity, { caseId: kase.id }))
        throw conflict('The case is already in a caseload.');
      await em.insert(TryggaHemCaseEntity, {
        caseId: kase.id,
        groupId: group.id,
        priority: dto.priority,
        priorityBasis: dto.priorityBasis.trim(),
        referredOn,
        lastReviewedOn: null,
        repeat: false,
      });
      await em.insert(TryggaHemPriorityChangeEntity, {
        caseId: kase.id,
        priority: dto.priority,
        basis: dto.priorityBasis.trim(),
        changedById: user.id,
        changedByName: user.displayName,
      });
      const members = await em.findBy(CoordinatorGroupMemberEntity, { groupId: group.id });
      await this.groups.addToTeams(em, [kase.id], members, user.id);
      await this.audit.record(
        user,
        {
          action: AuditAction.TryggaHemWrite,
          caseIds: [kase.id],
          categories: [InformationCategory.Coordination],
          basis: AccessBasis.Owner,
        },
        em,
      );
    });
    return this.get(user, dto.caseId, { audit: false });
  }

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
    if (!profile) throw notEnrolled();
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
    ]);
    const revisions = await recordHistory(em, caseId, {
      [TryggaHemRecordKind.Notification]: notifications,
      [TryggaHemRecordKind.ControlMeasure]: measures,
      [TryggaHemRecordKind.Incident]: incidents,
    });
    const correctable = (record: CorrectableRecordRow, category: InformationCategory) =>
      correctableDto(record, revisions, user, canWriteCategory(decision, category));
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
            ...correctable(n, InformationCategory.Coordination),
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
            ...correctable(m, InformationCategory.Criminal),
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
            note: i.note,
            recordedAt: i.recordedAt.toISOString(),
            ...correctable(i, InformationCategory.Criminal),
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
        ? await actionDtos(em, actions, new Map([[caseId, kase.number]]), today)
        : null,
      categories: decision.categories,
      safetyPlanPersonIds,
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

  /**
   * One write to the case's programme data: the case access with `category` writable, the
   * profile row locked, one transaction, one audit event; answers the case as the caller sees it.
   * Also the frame of the corrections and removals (TryggaHemRecordsService).
   */
  async write(
    user: AuthenticatedUser,
    caseId: string,
    category: InformationCategory,
    work: (ctx: WriteContext) => Promise<void>,
  ): Promise<TryggaHemCaseDto> {
    await this.dataSource.transaction(async (em) => {
      const access = await this.access.require(user, caseId, 'write', { em });
      if (!canWriteCategory(access.decision, category))
        throw new ApiException(
          HttpStatus.FORBIDDEN,
          ErrorCode.Forbidden,
          'You may not write this kind of information on this case.',
        );
      const profile = await em.findOne(TryggaHemCaseEntity, {
        where: { caseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!profile) throw notEnrolled();
      await work({ ...access, em, profile, today: clockNow().today });
      await this.audit.record(
        user,
        {
          action: AuditAction.TryggaHemWrite,
          caseIds: [caseId],
          categories: [category],
          basis: access.decision.basis,
          relation: access.decision.relation,
        },
        em,
      );
    });
    return this.get(user, caseId, { audit: false });
  }

  /** D4: a new level with its basis; the history keeps every earlier one. 409 on a stale version. */
  changePriority(user: AuthenticatedUser, caseId: string, dto: ChangePriorityDto) {
    return this.write(user, caseId, InformationCategory.Coordination, async ({ em, profile }) => {
      if (profile.version !== dto.version) throw versionConflict(profile.version);
      profile.priority = dto.priority;
      profile.priorityBasis = dto.basis.trim();
      await em.save(profile);
      await em.insert(TryggaHemPriorityChangeEntity, {
        caseId,
        priority: dto.priority,
        basis: dto.basis.trim(),
        changedById: user.id,
        changedByName: user.displayName,
      });
    });
  }

  addNotification(user: AuthenticatedUser, caseId: string, dto: CreateTryggaHemNotificationDto) {
    const category = TRYGGA_HEM_RECORD_CATEGORY[TryggaHemRecordKind.Notification];
    return this.write(user, caseId, category, async ({ em, today }) => {
      const deliveredOn = notInFuture(dto.deliveredOn, today, 'deliveredOn');
      await em.insert(TryggaHemNotificationEntity, {
        caseId,
        recordedByOrganisationId: user.organisation.id,
        method: dto.method,
        customMethod: dto.customMethod?.trim() || null,
        deliveredOn,
        deliveredBy: dto.deliveredBy.trim(),
        outcome: dto.outcome?.trim() || null,
        recordedById: user.id,
        recordedByName: user.displayName,
      });
    });
  }

  addOffer(user: AuthenticatedUser, caseId: string, dto: CreateOfferDto) {
    return this.write(user, caseId, InformationCategory.Social, async ({ em, today }) => {
      const organisationId = await organisationOrOwn(
        em,
        user,
        dto.organisationId,
        'organisationId',
      );
      await em.insert(TryggaHemOfferEntity, {
        caseId,
        kind: dto.kind,
        description: dto.description.trim(),
        offeredOn: notInFuture(dto.offeredOn, today, 'offeredOn'),
        organisationId,
        uptake: OfferUptake.Offered,
        uptakeOn: null,
        note: null,
      });
    });
  }

  async updateOffer(user: AuthenticatedUser, offerId: string, dto: UpdateOfferDto) {
    const offer = await this.dataSource.manager.findOneBy(TryggaHemOfferEntity, { id: offerId });
    if (!offer)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No offer has this id.');
    return this.write(user, offer.caseId, InformationCategory.Social, async ({ em, today }) => {
      const locked = await em.findOneOrFail(TryggaHemOfferEntity, {
        where: { id: offerId },
        lock: { mode: 'pessimistic_write' },
      });
      if (locked.version !== dto.version) throw versionConflict(locked.version);
      locked.uptake = dto.uptake;
      locked.uptakeOn = dto.uptake === OfferUptake.Offered ? null : today;
      if (dto.note !== undefined) locked.note = dto.note.trim() || null;
      await em.save(locked);
    });
  }

  addControlMeasure(user: AuthenticatedUser, caseId: string, dto: CreateControlMeasureDto) {
    const category = TRYGGA_HEM_RECORD_CATEGORY[TryggaHemRecordKind.ControlMeasure];
    return this.write(user, caseId, category, async ({ em }) => {
      const startsOn = dto.startsOn.slice(0, 10);
      const endsOn = dto.endsOn?.slice(0, 10) ?? null;
      if (endsOn !== null && endsOn < startsOn)
        throw invalid('endsOn', 'beforeStart', 'endsOn cannot be before startsOn');
      const organisationId = await organisationOrOwn(
        em,
        user,
        dto.organisationId,
        'organisationId',
      );
      const { identifiers } = await em.insert(TryggaHemControlMeasureEntity, {
        caseId,
        recordedByOrganisationId: user.organisation.id,
        kind: dto.kind,
        description: dto.description?.trim() || null,
        startsOn,
        endsOn,
        organisationId,
        recordedById: user.id,
      });
      if (endsOn)
        await this.reminders.controlMeasureRecorded(em, {
          id: String(identifiers[0]['id']),
          caseId,
          endsOn,
          recordedById: user.id,
        });
    });
  }

  /**
   * A new incident (D4): flags the case as a repeat when it is against the same victim within
   * 12 months of the last review or referral (issue 6 §4), and marks the current assessments of
   * every agency as due for reassessment, with their review reminders due now (D5).
   */
  addIncident(user: AuthenticatedUser, caseId: string, dto: CreateIncidentDto) {
    return this.write(
      user,
      caseId,
      TRYGGA_HEM_RECORD_CATEGORY[TryggaHemRecordKind.Incident],
      async ({ em, profile, today, programme }) => {
        const occurredOn = notInFuture(dto.occurredOn, today, 'occurredOn');
        if (dto.victimPersonId) {
          const participant = await em.findOneBy(CaseParticipantEntity, {
            caseId,
            personId: dto.victimPersonId,
          });
          if (!participant || !programme.victimSideRoles.includes(participant.role))
            throw invalid(
              'victimPersonId',
              'notVictim',
              'victimPersonId is not a victim or child of this case',
            );
        }
        const organisationId = await organisationOrOwn(
          em,
          user,
          dto.reportingOrganisationId,
          'reportingOrganisationId',
        );
        const repeat = isRepeatIncident({
          occurredOn,
          sameVictim: Boolean(dto.victimPersonId),
          referredOn: profile.referredOn,
          lastReviewedOn: profile.lastReviewedOn,
        });
        await em.insert(TryggaHemIncidentEntity, {
          caseId,
          recordedByOrganisationId: user.organisation.id,
          occurredOn,
          kind: dto.kind,
          reportingOrganisationId: organisationId,
          victimPersonId: dto.victimPersonId ?? null,
          repeat,
          note: dto.note?.trim() || null,
          recordedById: user.id,
        });
        if (repeat && !profile.repeat) {
          profile.repeat = true;
          await em.save(profile);
        }
        const all = await em.findBy(TryggaHemRiskAssessmentEntity, { caseId });
        const now = new Date();
        for (const a of currentAssessments(all.map((x) => ({ ...x, recordedAt: x.createdAt })))) {
          await em.update(
            TryggaHemRiskAssessmentEntity,
            { id: a.id },
            { reassessmentRequestedAt: now },
          );
          await this.reminders.reassessmentRequested(em, a, now);
        }
      },
    );
  }

  /** D5: recorded for the caller's own agency; supersedes that agency's earlier one with the instrument. */
  addRiskAssessment(user: AuthenticatedUser, caseId: string, dto: CreateRiskAssessmentDto) {
    return this.write(user, caseId, InformationCategory.Risk, async ({ em, today }) => {
      const assessedOn = notInFuture(dto.assessedOn, today, 'assessedOn');
      const reviewOn = dto.reviewOn.slice(0, 10);
      if (reviewOn < assessedOn)
        throw invalid(
          'reviewOn',
          'beforeAssessment',
          'reviewOn cannot be before the assessment date',
        );
      const earlier = await em.findBy(TryggaHemRiskAssessmentEntity, {
        caseId,
        organisationId: user.organisation.id,
        instrument: dto.instrument,
      });
      const saved = await em.save(
        em.create(TryggaHemRiskAssessmentEntity, {
          caseId,
          organisationId: user.organisation.id,
          instrument: dto.instrument,
          instrumentName:
            dto.instrument === RiskInstrument.Other ? dto.instrumentName!.trim() : null,
          instrumentVersion: dto.instrumentVersion?.trim() || null,
          assessedOn,
          assessorId: user.id,
          assessorName: user.displayName,
          level: dto.level,
          reviewOn,
          reassessmentRequestedAt: null,
          summary: dto.summary?.trim() || null,
        }),
      );
      const current = currentAssessments(
        [...earlier, saved].map((x) => ({ ...x, recordedAt: x.createdAt })),
      );
      const superseded = earlier
        .filter((e) => !current.some((c) => c.id === e.id))
        .map((e) => e.id);
      await this.reminders.assessmentRecorded(em, saved, superseded);
    });
  }

  /** D3: a victim's or child's skyddsplan; only victim-side users may write (and read) it. */
  saveSafetyPlan(
    user: AuthenticatedUser,
    caseId: string,
    personId: string,
    dto: SaveSafetyPlanDto,
  ) {
    return this.write(
      user,
      caseId,
      InformationCategory.Safety,
      async ({ em, programme, decision }) => {
        const participant = await em.findOneBy(CaseParticipantEntity, { caseId, personId });
        if (!participant || !programme.victimSideRoles.includes(participant.role))
          throw invalid(
            'personId',
            'notVictim',
            'A safety plan belongs to a victim or child of the case',
          );
        if (!seesPerson(decision, personId, InformationCategory.Safety))
          throw new ApiException(
            HttpStatus.FORBIDDEN,
            ErrorCode.Forbidden,
            "You may not write this person's safety plan.",
          );
        const existing = await em.findOne(TryggaHemSafetyPlanEntity, {
          where: { caseId, personId },
          lock: { mode: 'pessimistic_write' },
        });
        if (existing) {
          if (dto.version === undefined)
            throw invalid('version', 'required', 'version is required to change an existing plan');
          if (existing.version !== dto.version) throw versionConflict(existing.version);
        } else if (dto.version !== undefined) {
          throw versionConflict(0);
        }
        const plan = existing ?? em.create(TryggaHemSafetyPlanEntity, { caseId, personId });
        plan.plan = dto.plan.trim();
        plan.whereabouts = dto.whereabouts?.trim() || null;
        plan.support = dto.support?.trim() || null;
        plan.updatedById = user.id;
        plan.updatedByName = user.displayName;
        await em.save(plan);
      },
    );
  }

  /** Marks an action done (or open again); its reminder goes with it. */
  async updateAction(user: AuthenticatedUser, actionId: string, dto: UpdateActionDto) {
    const action = await this.dataSource.manager.findOneBy(TryggaHemActionEntity, { id: actionId });
    if (!action)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No action has this id.');
    return this.write(user, action.caseId, InformationCategory.Coordination, async ({ em }) => {
      const locked = await em.findOneOrFail(TryggaHemActionEntity, {
        where: { id: actionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (locked.version !== dto.version) throw versionConflict(locked.version);
      if (locked.status === dto.status) return;
      locked.status = dto.status;
      locked.doneAt = dto.status === ActionStatus.Done ? new Date() : null;
      locked.doneById = dto.status === ActionStatus.Done ? user.id : null;
      await em.save(locked);
      if (dto.status === ActionStatus.Done) await this.reminders.actionDone(em, locked);
      else await this.reminders.actionCreated(em, locked);
    });
  }
}

export function notInFuture(value: string, today: string, field: string): string {
  const day = value.slice(0, 10);
  if (day > today) throw invalid(field, 'inFuture', `${field} cannot be in the future`);
  return day;
}

export async function organisationOrOwn(
  em: EntityManager,
  user: AuthenticatedUser,
  id: string | undefined,
  field: string,
): Promise<string> {
  if (!id) return user.organisation.id;
  if (!(await em.existsBy(OrganisationEntity, { id })))
    throw invalid(field, 'unknownOrganisation', 'No organisation has this id');
  return id;
}
