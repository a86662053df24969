import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  type FieldError,
  type SipLanguage,
  type SipPlanDiffDto,
  type SipPlanDto,
  SipPlanState,
  SipResponsibleKind,
  type SipTimelineDto,
  type UpdateSipPlanDto,
} from '@samsyn/common';
import { diffPlans, measureProblems, PRINCIPAL_TYPES, swedishDate } from '@samsyn/domain';
import {
  OrganisationEntity,
  SipPlanApprovalEntity,
  SipPlanVersionEntity,
  UnitEntity,
} from '@samsyn/server';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CaseAccessService } from '../cases/case-access.service';
import { versionConflict } from '../cases/case-rules';
import { ApiException, ValidationFailedException } from '../common/problem-details';
import { planPdf } from './sip-documents';
import { facts, latestAgreed, SipPlanSupport } from './sip-plan-support.service';
import { printForPerson } from './sip-print';
import { SipRemindersService } from './sip-reminders.service';
import { notFound, requireCoordination, SipNames, toMeasureDto } from './sip-views';

/** SIP plan versions (D8, D9, D12, D13): drafts, editing, history, timeline and print. */
@Injectable()
export class SipPlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly reminders: SipRemindersService,
    private readonly support: SipPlanSupport,
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
  async get(user: AuthenticatedUser, id: string): Promise<SipPlanDto> {
    const { plan, access } = await this.support.open(user, id);
    const dto = await this.support.view(this.dataSource.manager, plan, access, user);
    await this.support.auditRead(user, AuditAction.SipPlanRead, access);
    return dto;
  }
  async timeline(user: AuthenticatedUser, id: string): Promise<SipTimelineDto> {
    const { plan, access } = await this.support.open(user, id);
    const dto = await this.support.view(this.dataSource.manager, plan, access, user);
    await this.support.auditRead(user, AuditAction.SipPlanRead, access);
    return dto.timeline;
  }
  /** Replaces a draft's content. Stale version → 409 VERSION_CONFLICT; an agreed version → 409. */
  async update(user: AuthenticatedUser, id: string, dto: UpdateSipPlanDto): Promise<SipPlanDto> {
    const caseId = await this.support.caseOf(id);
    await this.dataSource.transaction(async (em) => {
      const access = await this.access.require(user, caseId, 'write', { em, lock: true });
      requireCoordination(access.decision);
      const plan = await this.support.lockPlan(em, id);
      this.support.requireDraft(plan);
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
      await this.support.auditWrite(user, AuditAction.SipPlanUpdate, access, em);
    });
    return this.get(user, id);
  }
  /** Differences from another version (default: the previous one). */
  async diff(user: AuthenticatedUser, id: string, againstId?: string): Promise<SipPlanDiffDto> {
    const { plan, access } = await this.support.open(user, id);
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
    await this.support.auditRead(user, AuditAction.SipPlanRead, access);
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
    const { plan, access } = await this.support.open(user, id);
    // A read: a draft has no printed plan yet (404, not 409).
    if (plan.state !== SipPlanState.Agreed)
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        ErrorCode.NotFound,
        'Only an agreed plan version is printed; this version is a draft.',
      );
    const em = this.dataSource.manager;
    const dto = await this.support.view(em, plan, access, user);
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
}
