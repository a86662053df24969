import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  type FieldError,
  InformationCategory,
  type RecordSipPersonAgreementDto,
  type ApproveSipPlanDto,
  SipAction,
  type SipAwaitingApprovalDto,
  SipInvitationKind,
  SipInvitationState,
  type SipLanguage,
  type SipPlanDiffDto,
  type SipPlanDto,
  SipPlanState,
  SipResponsibleKind,
  type SipTimelineDto,
  type UpdateSipPlanDto,
} from '@samsyn/common';
import {
  approvalState,
  approveRefusal,
  diffPlans,
  measureProblems,
  planAgreementProblems,
  planTimeline,
  PRINCIPAL_TYPES,
  type SipPlanActionFacts,
  type SipPlanFacts,
  sipPlanActions,
  swedishDate,
} from '@samsyn/domain';
import {
  CaseEntity,
  OrganisationEntity,
  SipInvitationEntity,
  SipMeetingEntity,
  SipPlanApprovalEntity,
  SipPlanVersionEntity,
  UnitEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type CaseAccess, CaseAccessService, clockNow } from '../cases/case-access.service';
import { conflict, versionConflict } from '../cases/case-rules';
import { ApiException, ValidationFailedException } from '../common/problem-details';
import { planPdf } from './sip-documents';
import { isHuvudman, requireHuvudman } from './sip-helpers';
import { printForPerson } from './sip-print';
import { SipRemindersService } from './sip-reminders.service';
import { notFound, notSip, requireCoordination, SipNames, toMeasureDto } from './sip-views';

/** SIP plan versions (D8, D9, D12, D13): drafts, approval, agreement, history, timeline, print. */
@Injectable()
export class SipPlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly reminders: SipRemindersService,
  ) {}

  /** The next version for a called meeting: a copy of the latest agreed version (D9), or empty. */
  async createDraft(
    em: EntityManager,
    caseId: string,
    meetingId: string,
  ): Promise<SipPlanVersionEntity> {
    const latest = await em.findOne(SipPlanVersionEntity, {
      where: { caseId },
      order: { number: 'DESC' },
    });
    const agreed = await latestAgreed(em, caseId);
    return em.save(
      em.create(SipPlanVersionEntity, {
        caseId,
        number: (latest?.number ?? 0) + 1,
        state: SipPlanState.Draft,
        meetingId,
        basedOnId: agreed?.id ?? null,
        needs: agreed?.needs ?? [],
        goals: agreed?.goals ?? [],
        measures: agreed?.measures ?? [],
        leadPrincipalOrganisationId: agreed?.leadPrincipalOrganisationId ?? null,
        // A follow-up date belongs to the version that set it; the new one needs its own.
        followUpDate: null,
        personAgreedAt: null,
        personAgreementRecordedById: null,
        personAgreementNote: null,
        agreedAt: null,
        sentForApprovalAt: null,
        sentForApprovalById: null,
      }),
    );
  }

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

  async get(user: AuthenticatedUser, id: string): Promise<SipPlanDto> {
    const { plan, access } = await this.open(user, id);
    const dto = await this.view(this.dataSource.manager, plan, access, user);
    await this.auditRead(user, AuditAction.SipPlanRead, access);
    return dto;
  }

  async timeline(user: AuthenticatedUser, id: string): Promise<SipTimelineDto> {
    const { plan, access } = await this.open(user, id);
    const dto = await this.view(this.dataSource.manager, plan, access, user);
    await this.auditRead(user, AuditAction.SipPlanRead, access);
    return dto.timeline;
  }

  /** Replaces a draft's content. Stale version → 409 VERSION_CONFLICT; an agreed version → 409. */
  async update(user: AuthenticatedUser, id: string, dto: UpdateSipPlanDto): Promise<SipPlanDto> {
    const caseId = await this.caseOf(id);
    await this.dataSource.transaction(async (em) => {
      const access = await this.access.require(user, caseId, 'write', { em, lock: true });
      requireCoordination(access.decision);
      const plan = await this.lockPlan(em, id);
      this.requireDraft(plan);
      if (plan.version !== dto.version) throw versionConflict(plan.version);
      const today = swedishDate(new Date());
      const errors: FieldError[] = [];
      const measures = dto.measures.map((m) => ({
        id: m.id ?? randomUUID(),
        description: m.description.trim(),
        responsibleKind: m.responsibleKind,
        organisationId: m.organisationId ?? null,
        unitId: m.unitId ?? null,
        actorName: m.actorName?.trim() || null,
        startDate: m.startDate,
        endDate: m.endDate ?? null,
        status: m.status,
      }));
      errors.push(...measureProblems(measures));
      const orgIds = [
        ...new Set(
          [...measures.map((m) => m.organisationId), dto.leadPrincipalOrganisationId].filter(
            (x): x is string => !!x,
          ),
        ),
      ];
      const orgs = orgIds.length ? await em.findBy(OrganisationEntity, { id: In(orgIds) }) : [];
      const unitIds = measures.map((m) => m.unitId).filter((x): x is string => !!x);
      const units = unitIds.length ? await em.findBy(UnitEntity, { id: In(unitIds) }) : [];
      measures.forEach((m, i) => {
        const org = orgs.find((o) => o.id === m.organisationId);
        if (m.organisationId && !org)
          errors.push({
            field: `measures.${i}.organisationId`,
            code: 'unknownOrganisation',
            message: 'No organisation has this id',
          });
        else if (
          org &&
          m.responsibleKind !== SipResponsibleKind.Other &&
          (org.type as string) !== (m.responsibleKind as string)
        )
          errors.push({
            field: `measures.${i}.responsibleKind`,
            code: 'kindMismatch',
            message: `The responsible organisation is not a ${m.responsibleKind}`,
          });
        const unit = units.find((u) => u.id === m.unitId);
        if (m.unitId && (!unit || (m.organisationId && unit.organisationId !== m.organisationId)))
          errors.push({
            field: `measures.${i}.unitId`,
            code: 'unknownUnit',
            message: 'No unit of the responsible organisation has this id',
          });
      });
      for (const [key, list] of [
        ['needs', dto.needs],
        ['goals', dto.goals],
        ['measures', measures],
      ] as const) {
        const ids = list.map((x) => x.id).filter(Boolean);
        if (new Set(ids).size !== ids.length)
          errors.push({ field: key, code: 'duplicateId', message: `Two ${key} have the same id` });
      }
      if (dto.leadPrincipalOrganisationId) {
        const lead = orgs.find((o) => o.id === dto.leadPrincipalOrganisationId);
        if (!lead || !PRINCIPAL_TYPES.includes(lead.type))
          errors.push({
            field: 'leadPrincipalOrganisationId',
            code: 'notPrincipal',
            message: 'Huvudansvar lies with a huvudman: the region or a municipality',
          });
      }
      if (dto.followUpDate && dto.followUpDate < today)
        errors.push({
          field: 'followUpDate',
          code: 'inPast',
          message: 'The follow-up date has already passed',
        });
      if (errors.length) throw new ValidationFailedException(errors);
      plan.needs = dto.needs.map((n) => ({ id: n.id ?? randomUUID(), text: n.text.trim() }));
      plan.goals = dto.goals.map((g) => ({
        id: g.id ?? randomUUID(),
        text: g.text.trim(),
        ownWords: g.ownWords,
      }));
      plan.measures = measures;
      if (dto.leadPrincipalOrganisationId !== undefined)
        plan.leadPrincipalOrganisationId = dto.leadPrincipalOrganisationId;
      if (dto.followUpDate !== undefined) plan.followUpDate = dto.followUpDate;
      // Approvals and the person's agreement were given to the old content.
      plan.personAgreedAt = null;
      plan.personAgreementRecordedById = null;
      plan.personAgreementNote = null;
      await em.delete(SipPlanApprovalEntity, { planVersionId: plan.id });
      // The huvudmän were asked to approve the old content: it is sent again when complete.
      plan.sentForApprovalAt = null;
      plan.sentForApprovalById = null;
      await this.reminders.approvalSettled(em, plan);
      await em.save(plan);
      await this.auditWrite(user, AuditAction.SipPlanUpdate, access, em);
    });
    return this.get(user, id);
  }

  /**
   * A participating huvudman approves the version it names (D9): the owner or, with consent or a
   * recorded legal basis, the other huvudman on the team (D7). Refused exactly when the plan's
   * `allowedActions` lack `approve` (`approveRefusal`).
   */
  async approve(user: AuthenticatedUser, id: string, dto: ApproveSipPlanDto): Promise<SipPlanDto> {
    const caseId = await this.caseOf(id);
    await this.dataSource.transaction(async (em) => {
      const access = await this.access.require(user, caseId, 'read', { em, lock: true });
      if (access.programme.code !== 'SIP') throw notSip();
      requireCoordination(access.decision);
      const plan = await this.lockPlan(em, id);
      this.requireDraft(plan);
      if (plan.version !== dto.version) throw versionConflict(plan.version);
      const principals = await this.participatingPrincipals(em, plan, access.kase);
      const approvals = await em.findBy(SipPlanApprovalEntity, { planVersionId: plan.id });
      const refusal = approveRefusal(this.actionFacts(user, access, plan, principals, approvals));
      if (refusal === 'not_huvudman') requireHuvudman(access, user);
      if (refusal === 'not_huvudman' || refusal === 'not_participating')
        throw new ApiException(
          HttpStatus.FORBIDDEN,
          ErrorCode.Forbidden,
          'Your organisation is not a huvudman taking part in this SIP meeting.',
          { details: { reason: refusal } },
        );
      if (refusal === 'incomplete') this.requireComplete(plan, principals);
      if (refusal === 'already_approved')
        throw conflict('Your organisation has already approved this version.');
      await em.insert(SipPlanApprovalEntity, {
        planVersionId: plan.id,
        organisationId: user.organisation.id,
        approvedById: user.id,
      });
      await this.settle(em, plan, access, principals);
      await this.auditWrite(user, AuditAction.SipPlanApprove, access, em);
    });
    return this.get(user, id);
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
    const caseId = await this.caseOf(id);
    await this.dataSource.transaction(async (em) => {
      const access = await this.access.require(user, caseId, 'read', { em, lock: true });
      if (access.programme.code !== 'SIP') throw notSip();
      requireCoordination(access.decision);
      const plan = await this.lockPlan(em, id);
      this.requireDraft(plan);
      if (plan.version !== dto.version) throw versionConflict(plan.version);
      const principals = await this.participatingPrincipals(em, plan, access.kase);
      const approvals = await em.findBy(SipPlanApprovalEntity, { planVersionId: plan.id });
      const facts = this.actionFacts(user, access, plan, principals, approvals);
      if (!sipPlanActions(facts).includes(SipAction.SendForApproval)) {
        requireHuvudman(access, user);
        if (!principals.includes(user.organisation.id))
          throw new ApiException(
            HttpStatus.FORBIDDEN,
            ErrorCode.Forbidden,
            'Your organisation is not a huvudman taking part in this SIP meeting.',
            { details: { reason: 'not_participating' } },
          );
        this.requireComplete(plan, principals);
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
      await this.auditWrite(user, AuditAction.SipPlanUpdate, access, em);
    });
    return this.get(user, id);
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
      const principals = await this.participatingPrincipals(em, plan, kase);
      if (!principals.includes(user.organisation.id)) continue;
      const approvals = await em.findBy(SipPlanApprovalEntity, { planVersionId: plan.id });
      const facts = this.actionFacts(user, access, plan, principals, approvals);
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

  /** The facts `sipPlanActions` and `approveRefusal` decide on, as enforced above. */
  private actionFacts(
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

  /** Records that the person agrees to the version (D9: the plan is not changed without them). */
  async personAgreement(
    user: AuthenticatedUser,
    id: string,
    dto: RecordSipPersonAgreementDto,
  ): Promise<SipPlanDto> {
    const caseId = await this.caseOf(id);
    await this.dataSource.transaction(async (em) => {
      const access = await this.access.require(user, caseId, 'write', { em, lock: true });
      requireCoordination(access.decision);
      const plan = await this.lockPlan(em, id);
      this.requireDraft(plan);
      if (plan.version !== dto.version) throw versionConflict(plan.version);
      const principals = await this.participatingPrincipals(em, plan, access.kase);
      this.requireComplete(plan, principals);
      if (plan.personAgreedAt) throw conflict('The person’s agreement is already recorded.');
      plan.personAgreedAt = new Date();
      plan.personAgreementRecordedById = user.id;
      plan.personAgreementNote = dto.note?.trim() || null;
      await this.settle(em, plan, access, principals);
      await this.auditWrite(user, AuditAction.SipPersonAgreement, access, em);
    });
    return this.get(user, id);
  }

  /** Differences from another version (default: the previous one). */
  async diff(user: AuthenticatedUser, id: string, againstId?: string): Promise<SipPlanDiffDto> {
    const { plan, access } = await this.open(user, id);
    const em = this.dataSource.manager;
    const before = againstId
      ? await em.findOneBy(SipPlanVersionEntity, { id: againstId, caseId: plan.caseId })
      : await em.findOneBy(SipPlanVersionEntity, { caseId: plan.caseId, number: plan.number - 1 });
    if (againstId && !before) throw notFound('plan version of this case');
    const diff = diffPlans(before ? facts(before) : null, facts(plan));
    const names = await SipNames.load(em, {
      orgs: [before, plan].flatMap((p) =>
        p ? [p.leadPrincipalOrganisationId, ...p.measures.map((m) => m.organisationId)] : [],
      ),
      units: [before, plan].flatMap((p) => (p ? p.measures.map((m) => m.unitId) : [])),
    });
    const measure = (m: (typeof plan.measures)[number]) => toMeasureDto(m, names);
    await this.auditRead(user, AuditAction.SipPlanRead, access);
    return {
      from: before ? { id: before.id, number: before.number } : null,
      to: { id: plan.id, number: plan.number },
      needs: diff.needs,
      goals: diff.goals,
      measures: {
        added: diff.measures.added.map(measure),
        removed: diff.measures.removed.map(measure),
        changed: diff.measures.changed.map((c) => ({
          before: measure(c.before),
          after: measure(c.after),
        })),
      },
      leadPrincipal: diff.leadPrincipal
        ? {
            before: names.org(diff.leadPrincipal.before),
            after: names.org(diff.leadPrincipal.after),
          }
        : null,
      followUpDate: diff.followUpDate,
    };
  }

  /** The agreed version as a PDF for the person and the participants (D13), protected fields suppressed (D18). */
  async pdf(
    user: AuthenticatedUser,
    id: string,
    lang: SipLanguage,
  ): Promise<{ file: Buffer; name: string }> {
    const { plan, access } = await this.open(user, id);
    if (plan.state !== SipPlanState.Agreed)
      throw new ApiException(
        HttpStatus.CONFLICT,
        ErrorCode.RuleViolation,
        'Only an agreed plan version is printed; agree this draft first.',
      );
    const em = this.dataSource.manager;
    const dto = await this.view(em, plan, access, user);
    const file = await printForPerson(
      em,
      this.audit,
      user,
      access,
      { action: AuditAction.SipPlanPrint, lang },
      (shown, helpText) => planPdf(dto, shown, lang, helpText),
    );
    return { file, name: `${access.kase.number}-v${plan.number}-${lang}.pdf` };
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

  private requireComplete(plan: SipPlanVersionEntity, principals: string[]): void {
    const problems = planAgreementProblems(facts(plan), principals, swedishDate(new Date()));
    if (problems.length) throw new ValidationFailedException(problems);
  }

  private requireDraft(plan: SipPlanVersionEntity): void {
    if (plan.state === SipPlanState.Agreed)
      throw new ApiException(
        HttpStatus.CONFLICT,
        ErrorCode.RuleViolation,
        `Version ${plan.number} of the plan is agreed and is never edited. Call a follow-up meeting to start the next version.`,
      );
  }

  private async caseOf(planId: string): Promise<string> {
    const plan = await this.dataSource.manager.findOne(SipPlanVersionEntity, {
      select: { id: true, caseId: true },
      where: { id: planId },
    });
    if (!plan) throw notFound('plan version');
    return plan.caseId;
  }

  private async lockPlan(em: EntityManager, id: string): Promise<SipPlanVersionEntity> {
    const plan = await em.findOne(SipPlanVersionEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!plan) throw notFound('plan version');
    return plan;
  }

  private async open(user: AuthenticatedUser, id: string) {
    const caseId = await this.caseOf(id);
    const access = await this.access.require(user, caseId, 'read');
    if (access.programme.code !== 'SIP') throw notSip();
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

  private async auditRead(user: AuthenticatedUser, action: AuditAction, access: CaseAccess) {
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

  private async auditWrite(
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
