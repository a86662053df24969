import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AccessBasis,
  AuditAction,
  CaseAction,
  type ConsentDto,
  type CreateConsentDto,
  type CreateDisclosureDto,
  type DisclosureDto,
  ErrorCode,
  type WithdrawConsentDto,
} from '@samsyn/common';
import {
  addDays,
  allowedConsentActions,
  type ConsentRecordRefusal,
  consentRecordRefusal,
} from '@samsyn/domain';
import {
  CaseParticipantEntity,
  ConsentEntity,
  ConsentWithdrawalEntity,
  DisclosureEntity,
  OrganisationEntity,
  PersonEntity,
  UserEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';
import { CaseRemindersService } from '../reminders/case-reminders.service';
import { actorOf, type CaseAccess, CaseAccessService, clockNow } from './case-access.service';
import {
  categoriesOutsideProgramme,
  checkConsent,
  conflict,
  invalid,
  MAX_DISCLOSURE_DAYS,
} from './case-rules';
import { toConsentDto } from './case.mapper';

/**
 * Consent records (D14–D15) and disclosures under a legal provision (D16). Records are never
 * edited: a change is a new record superseding the old one; withdrawal is its own event and
 * takes effect for the very next request.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly caseReminders: CaseRemindersService,
  ) {}

  /** The owning organisation sees every record; another organisation the ones naming it. */
  async list(user: AuthenticatedUser, caseId: string): Promise<ConsentDto[]> {
    const access = await this.access.require(user, caseId, 'read');
    const all = await this.dataSource.getRepository(ConsentEntity).find({
      where: { caseId },
      order: { recordedAt: 'DESC', id: 'ASC' },
    });
    const visible =
      access.decision.basis === AccessBasis.Owner
        ? all
        : all.filter((c) => c.recipientOrganisationIds.includes(user.organisation.id));
    await this.audit.record(user, {
      action: AuditAction.ConsentList,
      caseIds: [caseId],
      personIds: [...new Set(visible.map((c) => c.personId))],
      consentIds: visible.map((c) => c.id),
      basis: access.decision.basis,
      relation: access.decision.relation,
      emergency: access.decision.emergency,
    });
    return this.toDtos(this.dataSource.manager, visible, all, user, access);
  }

  async create(
    user: AuthenticatedUser,
    caseId: string,
    dto: CreateConsentDto,
  ): Promise<ConsentDto> {
    return this.dataSource.transaction(async (em) => {
      const action = dto.supersedesId ? CaseAction.ConsentReplace : CaseAction.ConsentRecord;
      const access = await this.access.require(user, caseId, action, { em, lock: true });
      const person = await this.participant(em, caseId, dto.personId, 'personId');
      const today = clockNow().today;
      checkConsent(access.programme, dto, person, today);
      const organisations = await em.countBy(OrganisationEntity, {
        id: In(dto.recipientOrganisationIds),
      });
      if (organisations !== dto.recipientOrganisationIds.length)
        throw invalid(
          'recipientOrganisationIds',
          'unknownOrganisation',
          'An organisation does not exist',
        );
      if (dto.supersedesId) {
        const previous = await em.findOne(ConsentEntity, {
          where: { id: dto.supersedesId, caseId, personId: dto.personId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!previous)
          throw invalid(
            'supersedesId',
            'unknownConsent',
            'supersedesId is not a consent of this person on this case',
          );
        const refusal = consentRecordRefusal(
          CaseAction.ConsentReplace,
          access.decision,
          actorOf(user),
          {
            recipientOrganisationIds: previous.recipientOrganisationIds,
            withdrawn: await em.existsBy(ConsentWithdrawalEntity, { consentId: previous.id }),
            superseded: await em.existsBy(ConsentEntity, { supersedesId: previous.id }),
          },
        );
        if (refusal) throw consentRefused(refusal, CaseAction.ConsentReplace);
      }
      const consent = await em.save(
        em.create(ConsentEntity, {
          caseId,
          personId: dto.personId,
          recipientOrganisationIds: dto.recipientOrganisationIds,
          categories: dto.categories,
          excludedCategories: dto.excludedCategories ?? [],
          exclusionNote: dto.exclusionNote?.trim() || null,
          form: dto.form,
          givenOn: dto.givenOn.slice(0, 10),
          validUntil: dto.validUntil.slice(0, 10),
          guardianName: dto.guardian?.name.trim() ?? null,
          guardianGivenOn: dto.guardian?.givenOn.slice(0, 10) ?? null,
          recordedById: user.id,
          supersedesId: dto.supersedesId ?? null,
        }),
      );
      await this.caseReminders.consentRecorded(em, access.kase, consent);
      await this.audit.record(
        user,
        {
          action: AuditAction.ConsentCreate,
          caseIds: [caseId],
          personIds: [dto.personId],
          consentIds: [consent.id],
          basis: AccessBasis.Owner,
        },
        em,
      );
      return (await this.toDtos(em, [consent], [consent], user, access))[0];
    });
  }

  /**
   * Withdrawal (D15). Anyone with access to the case may record it — the person may tell any
   * agency — and it only ever reduces sharing. Effective immediately: the policy reads it on
   * the next request.
   */
  async withdraw(
    user: AuthenticatedUser,
    consentId: string,
    dto: WithdrawConsentDto,
  ): Promise<ConsentDto> {
    return this.dataSource.transaction(async (em) => {
      const consent = await em.findOne(ConsentEntity, {
        where: { id: consentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!consent)
        throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No consent has this id.');
      const access = await this.access.require(user, consent.caseId, CaseAction.ConsentWithdraw, {
        em,
      });
      const refusal = consentRecordRefusal(
        CaseAction.ConsentWithdraw,
        access.decision,
        actorOf(user),
        {
          recipientOrganisationIds: consent.recipientOrganisationIds,
          withdrawn: await em.existsBy(ConsentWithdrawalEntity, { consentId }),
          superseded: false,
        },
      );
      if (refusal) throw consentRefused(refusal, CaseAction.ConsentWithdraw);
      await em.insert(ConsentWithdrawalEntity, {
        consentId,
        recordedById: user.id,
        reason: dto.reason?.trim() || null,
      });
      await this.caseReminders.consentWithdrawn(em, consent);
      await this.audit.record(
        user,
        {
          action: AuditAction.ConsentWithdraw,
          caseIds: [consent.caseId],
          personIds: [consent.personId],
          consentIds: [consentId],
          basis: access.decision.basis,
          relation: access.decision.relation,
        },
        em,
      );
      const all = await em.findBy(ConsentEntity, { caseId: consent.caseId });
      return (await this.toDtos(em, [consent], all, user, access))[0];
    });
  }

  async listDisclosures(user: AuthenticatedUser, caseId: string): Promise<DisclosureDto[]> {
    const access = await this.access.require(user, caseId, 'read');
    const rows = await this.dataSource.getRepository(DisclosureEntity).find({
      where:
        access.decision.basis === AccessBasis.Owner
          ? { caseId }
          : { caseId, recipientOrganisationId: user.organisation.id },
      order: { disclosedAt: 'DESC', id: 'ASC' },
    });
    await this.audit.record(user, {
      action: AuditAction.DisclosureList,
      caseIds: [caseId],
      disclosureIds: rows.map((d) => d.id),
      basis: access.decision.basis,
      relation: access.decision.relation,
      emergency: access.decision.emergency,
    });
    return this.toDisclosureDtos(this.dataSource.manager, rows);
  }

  /** D16: only the owning organisation discloses, and only with the provision recorded. */
  async disclose(
    user: AuthenticatedUser,
    caseId: string,
    dto: CreateDisclosureDto,
  ): Promise<DisclosureDto> {
    return this.dataSource.transaction(async (em) => {
      const access = await this.access.require(user, caseId, CaseAction.DisclosureRecord, {
        em,
        lock: true,
      });
      const personId = dto.personId ?? access.kase.subjectPersonId;
      await this.participant(em, caseId, personId, 'personId');
      const outside = categoriesOutsideProgramme(access.programme, dto.categories);
      if (outside.length)
        throw invalid(
          'categories',
          'notInProgramme',
          `${access.programme.code} cases do not hold: ${outside.join(', ')}`,
        );
      const today = clockNow().today;
      const validUntil = dto.validUntil.slice(0, 10);
      if (validUntil < today)
        throw invalid('validUntil', 'inPast', 'validUntil has already passed');
      if (validUntil > addDays(today, MAX_DISCLOSURE_DAYS))
        throw invalid(
          'validUntil',
          'tooLong',
          `A disclosure stays visible for at most ${MAX_DISCLOSURE_DAYS} days`,
        );
      if (!(await em.existsBy(OrganisationEntity, { id: dto.recipientOrganisationId })))
        throw invalid(
          'recipientOrganisationId',
          'unknownOrganisation',
          'No organisation has this id',
        );
      if (dto.recipientOrganisationId === access.kase.owningOrganisationId)
        throw invalid(
          'recipientOrganisationId',
          'ownOrganisation',
          'Your own organisation already has access',
        );
      const disclosure = await em.save(
        em.create(DisclosureEntity, {
          caseId,
          personId,
          recipientOrganisationId: dto.recipientOrganisationId,
          categories: dto.categories,
          provision: dto.provision,
          provisionText: dto.provisionText?.trim() || null,
          justification: dto.justification.trim(),
          disclosedById: user.id,
          validUntil,
        }),
      );
      await this.audit.record(
        user,
        {
          action: AuditAction.DisclosureCreate,
          caseIds: [caseId],
          personIds: [personId],
          categories: dto.categories,
          disclosureIds: [disclosure.id],
          basis: AccessBasis.Owner,
        },
        em,
      );
      return (await this.toDisclosureDtos(em, [disclosure]))[0];
    });
  }

  private async participant(
    em: EntityManager,
    caseId: string,
    personId: string,
    field: string,
  ): Promise<PersonEntity> {
    const row = await em.findOne(CaseParticipantEntity, {
      where: { caseId, personId },
      relations: { person: true },
    });
    if (!row?.person)
      throw invalid(field, 'notParticipant', `${field} is not a participant of this case`);
    return row.person;
  }

  /** The records as the caller sees them, each with what the caller may do with it (issue 15). */
  private async toDtos(
    em: EntityManager,
    consents: ConsentEntity[],
    all: ConsentEntity[],
    user: AuthenticatedUser,
    access: CaseAccess,
  ): Promise<ConsentDto[]> {
    if (!consents.length) return [];
    const ids = consents.map((c) => c.id);
    const withdrawals = await em.findBy(ConsentWithdrawalEntity, { consentId: In(ids) });
    const users = await this.names(em, [
      ...consents.map((c) => c.recordedById),
      ...withdrawals.map((w) => w.recordedById),
    ]);
    const orgIds = [...new Set(consents.flatMap((c) => c.recipientOrganisationIds))];
    const organisations = new Map(
      (await em.findBy(OrganisationEntity, { id: In(orgIds) })).map((o) => [o.id, o.name] as const),
    );
    const today = clockNow().today;
    const actor = actorOf(user);
    return consents.map((c) => {
      const w = withdrawals.find((x) => x.consentId === c.id);
      const supersededById = all.find((x) => x.supersedesId === c.id)?.id ?? null;
      return toConsentDto(c, {
        allowedActions: allowedConsentActions(access.decision, actor, access.kase, {
          recipientOrganisationIds: c.recipientOrganisationIds,
          withdrawn: !!w,
          superseded: supersededById !== null,
        }),
        withdrawal: w
          ? Object.assign(w, { recordedByName: users.get(w.recordedById) ?? '' })
          : null,
        supersededById,
        recordedByName: users.get(c.recordedById) ?? '',
        organisations,
        today,
      });
    });
  }

  private async toDisclosureDtos(
    em: EntityManager,
    rows: DisclosureEntity[],
  ): Promise<DisclosureDto[]> {
    if (!rows.length) return [];
    const users = await em.find(UserEntity, {
      where: { id: In(rows.map((r) => r.disclosedById)) },
      relations: { organisation: true },
    });
    const organisations = new Map(
      (
        await em.findBy(OrganisationEntity, { id: In(rows.map((r) => r.recipientOrganisationId)) })
      ).map((o) => [o.id, o.name] as const),
    );
    return rows.map((d) => {
      const by = users.find((u) => u.id === d.disclosedById);
      return {
        id: d.id,
        caseId: d.caseId,
        personId: d.personId,
        recipientOrganisation: {
          id: d.recipientOrganisationId,
          name: organisations.get(d.recipientOrganisationId) ?? '',
        },
        categories: d.categories,
        provision: d.provision,
        provisionText: d.provisionText,
        justification: d.justification,
        disclosedBy: {
          id: d.disclosedById,
          displayName: by?.displayName ?? '',
          organisationName: by?.organisation?.name ?? '',
        },
        disclosedAt: d.disclosedAt.toISOString(),
        validUntil: d.validUntil,
      };
    });
  }

  private async names(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const users = await em.findBy(UserEntity, { id: In([...new Set(ids)]) });
    return new Map(users.map((u) => [u.id, u.displayName] as const));
  }
}

/** A record that does not allow what the case does: hidden records answer as unknown ones. */
function consentRefused(
  refusal: ConsentRecordRefusal,
  action: CaseAction.ConsentReplace | CaseAction.ConsentWithdraw,
): ApiException {
  switch (refusal) {
    case 'hidden':
      return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No consent has this id.');
    case 'withdrawn':
      return conflict(
        action === CaseAction.ConsentWithdraw
          ? 'This consent has already been withdrawn.'
          : 'That consent was withdrawn; record a new consent instead of replacing it.',
      );
    case 'superseded':
      return conflict('That consent has already been replaced.');
  }
}
