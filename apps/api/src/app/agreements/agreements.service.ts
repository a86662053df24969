import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type AgreementDto,
  type AgreementFollowUpInputDto,
  type AgreementQueryDto,
  AgreementStatusFilter,
  type AgreementSummaryDto,
  type CreateAgreementDto,
  ErrorCode,
  type FieldError,
  hasPermissions,
  type Page,
  Permission,
  type UpdateAgreementDto,
} from '@samsyn/common';
import {
  AGREEMENT_EXPIRING_WITHIN_DAYS,
  addDays,
  agreementDateProblems,
  agreementStatus,
  chooseSipDeadlineRules,
  DEFAULT_PROGRAMMES,
  setsSipRules,
  swedishDate,
} from '@samsyn/domain';
import {
  AgreementEntity,
  AgreementFollowUpEntity,
  AgreementPartyEntity,
  OrganisationEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { versionConflict } from '../cases/case-rules';
import { ApiException, ValidationFailedException } from '../common/problem-details';
import { AgreementRemindersService } from './agreement-reminders.service';

/**
 * Cooperation agreements (D25): who is party to what, for how long, when it is followed up and
 * which SIP deadlines it sets (D10). A user sees the agreements their organisation is a party to;
 * the owning organisation's coordinators and administrators change them.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reminders: AgreementRemindersService,
  ) {}

  async list(
    user: AuthenticatedUser,
    query: AgreementQueryDto,
  ): Promise<Page<AgreementSummaryDto>> {
    const today = swedishDate(new Date());
    const qb = this.dataSource
      .getRepository(AgreementEntity)
      .createQueryBuilder('a')
      // The access rule, in SQL: the caller's organisation is a party.
      .where(
        'EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.organisation_id = :org)',
        { org: user.organisation.id },
      );
    switch (query.status) {
      case AgreementStatusFilter.InForce:
        qb.andWhere(
          'a.valid_from <= :today AND (a.valid_until IS NULL OR a.valid_until >= :today)',
          { today },
        );
        break;
      case AgreementStatusFilter.Expiring:
        qb.andWhere('a.valid_from <= :today AND a.valid_until BETWEEN :today AND :limit', {
          today,
          limit: addDays(today, AGREEMENT_EXPIRING_WITHIN_DAYS),
        });
        break;
      case AgreementStatusFilter.Upcoming:
        qb.andWhere('a.valid_from > :today', { today });
        break;
      case AgreementStatusFilter.Expired:
        qb.andWhere('a.valid_until < :today', { today });
        break;
    }
    if (query.partyId)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM agreement_parties q WHERE q.agreement_id = a.id AND q.organisation_id = :party)',
        { party: query.partyId },
      );
    // Those valid until further notice (no end) last.
    const [rows, total] = await qb
      .orderBy('a.valid_until', 'ASC', 'NULLS LAST')
      .addOrderBy('a.title', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const loaded = await this.load(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    return {
      items: loaded.map((a) => this.toSummary(a, today)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(user: AuthenticatedUser, id: string): Promise<AgreementDto> {
    return this.getWith(this.dataSource.manager, user, id);
  }

  async create(user: AuthenticatedUser, dto: CreateAgreementDto): Promise<AgreementDto> {
    const id = randomUUID();
    await this.dataSource.transaction(async (em) => {
      await this.validate(em, user.organisation.id, dto, []);
      const now = new Date();
      // Reminders first (their subject is the agreement's id, chosen here), so that each row is
      // written once with its reminder's id and the new agreement is version 1.
      const expiryReminderId = await this.reminders.sync(
        em,
        id,
        user.id,
        // Valid until further notice: no end to remind of (the follow-ups still are).
        { date: dto.validUntil ?? null, reminderId: null, changed: true },
        now,
      );
      await em.insert(AgreementEntity, {
        id,
        ...this.fields(dto),
        owningOrganisationId: user.organisation.id,
        createdById: user.id,
        expiryReminderId,
      });
      await this.writeParties(em, id, dto.partyOrganisationIds);
      for (const input of dto.followUps) await this.addFollowUp(em, id, user.id, input, now);
    });
    return this.get(user, id);
  }

  async update(
    user: AuthenticatedUser,
    id: string,
    dto: UpdateAgreementDto,
  ): Promise<AgreementDto> {
    await this.dataSource.transaction(async (em) => {
      const agreement = await this.requireManageable(em, user, id);
      if (agreement.version !== dto.expectedVersion) throw versionConflict(agreement.version);
      const existing = await em.find(AgreementFollowUpEntity, {
        where: { agreementId: id },
        lock: { mode: 'pessimistic_write' },
      });
      await this.validate(
        em,
        agreement.owningOrganisationId,
        dto,
        existing.map((f) => f.id),
      );
      const recipient = agreement.createdById ?? user.id;
      const now = new Date();
      const kept = new Set(dto.followUps.map((f) => f.id).filter((x): x is string => !!x));
      for (const gone of existing.filter((f) => !kept.has(f.id))) {
        await this.reminders.cancel(em, gone.reminderId);
        await em.delete(AgreementFollowUpEntity, { id: gone.id });
      }
      const byId = new Map(existing.map((f) => [f.id, f] as const));
      for (const input of dto.followUps) {
        const before = input.id ? byId.get(input.id) : undefined;
        if (before) {
          const dateChanged = before.dueOn !== input.dueOn;
          const reminderId = await this.reminders.sync(
            em,
            id,
            recipient,
            {
              date: before.doneAt ? null : input.dueOn,
              reminderId: before.reminderId,
              changed: dateChanged,
            },
            now,
          );
          if (
            dateChanged ||
            before.label !== input.label.trim() ||
            reminderId !== before.reminderId
          )
            await em.update(
              AgreementFollowUpEntity,
              { id: before.id },
              { label: input.label.trim(), dueOn: input.dueOn, reminderId },
            );
        } else {
          await this.addFollowUp(em, id, recipient, input, now);
        }
      }
      const expiryReminderId = await this.reminders.sync(
        em,
        id,
        recipient,
        {
          date: dto.validUntil ?? null,
          reminderId: agreement.expiryReminderId,
          changed: agreement.validUntil !== (dto.validUntil ?? null),
        },
        now,
      );
      await em.delete(AgreementPartyEntity, { agreementId: id });
      await this.writeParties(em, id, dto.partyOrganisationIds);
      // An update statement always bumps `version` (TypeORM adds it), even when only the
      // follow-ups or the parties changed.
      await em.update(AgreementEntity, { id }, { ...this.fields(dto), expiryReminderId });
    });
    return this.get(user, id);
  }

  /** Marks a follow-up date done (D25); its reminder is cancelled. Marking it again changes nothing. */
  async markFollowUpDone(
    user: AuthenticatedUser,
    id: string,
    followUpId: string,
  ): Promise<AgreementDto> {
    await this.dataSource.transaction(async (em) => {
      await this.requireManageable(em, user, id);
      const followUp = await em.findOne(AgreementFollowUpEntity, {
        where: { id: followUpId, agreementId: id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!followUp)
        throw new ApiException(
          HttpStatus.NOT_FOUND,
          ErrorCode.NotFound,
          'The agreement has no such follow-up.',
        );
      if (followUp.doneAt) return;
      await em.update(
        AgreementFollowUpEntity,
        { id: followUp.id },
        { doneAt: new Date(), doneById: user.id },
      );
      await this.reminders.cancel(em, followUp.reminderId);
    });
    return this.get(user, id);
  }

  private async addFollowUp(
    em: EntityManager,
    agreementId: string,
    recipientUserId: string,
    input: AgreementFollowUpInputDto,
    now: Date,
  ): Promise<void> {
    const reminderId = await this.reminders.sync(
      em,
      agreementId,
      recipientUserId,
      { date: input.dueOn, reminderId: null, changed: true },
      now,
    );
    await em.insert(AgreementFollowUpEntity, {
      agreementId,
      label: input.label.trim(),
      dueOn: input.dueOn,
      doneAt: null,
      doneById: null,
      reminderId,
    });
  }

  private fields(dto: CreateAgreementDto) {
    return {
      title: dto.title.trim(),
      kind: dto.kind,
      validFrom: dto.validFrom,
      validUntil: dto.validUntil ?? null,
      summonsDaysAfterDischargeReady: dto.summonsDaysAfterDischargeReady ?? null,
      firstMeetingDaysAfterRequest: dto.firstMeetingDaysAfterRequest ?? null,
      programmes: [...(dto.programmes ?? [])].sort(),
      notes: dto.notes?.trim() ? dto.notes.trim() : null,
    };
  }

  private async writeParties(em: EntityManager, agreementId: string, ids: readonly string[]) {
    await em.insert(
      AgreementPartyEntity,
      ids.map((organisationId) => ({ agreementId, organisationId })),
    );
  }

  /** Every rule the DTO's decorators cannot check; all broken ones at once, nothing written. */
  private async validate(
    em: EntityManager,
    owner: string,
    dto: CreateAgreementDto,
    existingFollowUpIds: readonly string[],
  ): Promise<void> {
    const errors: FieldError[] = agreementDateProblems(
      { validFrom: dto.validFrom, validUntil: dto.validUntil ?? null },
      dto.followUps.map((f) => f.dueOn),
    );
    if (!dto.partyOrganisationIds.includes(owner))
      errors.push({
        field: 'partyOrganisationIds',
        code: 'includesOwner',
        message: 'the owning organisation must be one of the parties',
      });
    const found = await em.countBy(OrganisationEntity, { id: In(dto.partyOrganisationIds) });
    if (found !== dto.partyOrganisationIds.length)
      errors.push({
        field: 'partyOrganisationIds',
        code: 'unknownOrganisation',
        message: 'every party must be an existing organisation',
      });
    const known = new Set(existingFollowUpIds);
    const seen = new Set<string>();
    dto.followUps.forEach((f, i) => {
      if (f.id && (!known.has(f.id) || seen.has(f.id)))
        errors.push({
          field: `followUps.${i}.id`,
          code: 'unknownFollowUp',
          message: 'id must name a follow-up of this agreement, once',
        });
      if (f.id) seen.add(f.id);
      if (!f.label.trim())
        errors.push({
          field: `followUps.${i}.label`,
          code: 'isNotEmpty',
          message: 'label should not be empty',
        });
    });
    const programmes = new Set(DEFAULT_PROGRAMMES.map((p) => p.code));
    if ((dto.programmes ?? []).some((code) => !programmes.has(code)))
      errors.push({
        field: 'programmes',
        code: 'unknownProgramme',
        message: 'each programme must be a known programme code',
      });
    if (!dto.title.trim())
      errors.push({ field: 'title', code: 'isNotEmpty', message: 'title should not be empty' });
    if (errors.length) throw new ValidationFailedException(errors);
  }

  /** The agreement, locked, if the caller may change it: 404 when not a party, 403 when not the owner. */
  private async requireManageable(
    em: EntityManager,
    user: AuthenticatedUser,
    id: string,
  ): Promise<AgreementEntity> {
    const agreement = await em.findOne(AgreementEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!agreement || !(await this.isParty(em, user, id))) throw notFound();
    if (!this.canManage(user, agreement))
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        'Only the organisation that owns the agreement can change it.',
      );
    return agreement;
  }

  private canManage(
    user: AuthenticatedUser,
    agreement: Pick<AgreementEntity, 'owningOrganisationId'>,
  ) {
    return (
      agreement.owningOrganisationId === user.organisation.id &&
      hasPermissions(user.roles, [Permission.AgreementManage])
    );
  }

  private isParty(em: EntityManager, user: AuthenticatedUser, id: string): Promise<boolean> {
    return em.existsBy(AgreementPartyEntity, {
      agreementId: id,
      organisationId: user.organisation.id,
    });
  }

  private async getWith(
    em: EntityManager,
    user: AuthenticatedUser,
    id: string,
  ): Promise<AgreementDto> {
    // Someone else's agreement is "not found": its existence is not revealed.
    if (!(await this.isParty(em, user, id))) throw notFound();
    const [agreement] = await this.load(em, [id]);
    if (!agreement) throw notFound();
    return this.toDto(agreement, user, swedishDate(new Date()));
  }

  /** The agreements with owner, parties and follow-ups, in the order of `ids`. */
  private async load(em: EntityManager, ids: readonly string[]): Promise<AgreementEntity[]> {
    if (ids.length === 0) return [];
    const rows = await em.find(AgreementEntity, {
      where: { id: In([...ids]) },
      relations: {
        owningOrganisation: true,
        parties: { organisation: true },
        followUps: { doneBy: true },
      },
    });
    const byId = new Map(rows.map((r) => [r.id, r] as const));
    return ids.map((id) => byId.get(id)).filter((a): a is AgreementEntity => !!a);
  }

  private toSummary(a: AgreementEntity, today: string): AgreementSummaryDto {
    const followUps = sortedFollowUps(a);
    const next = followUps.find((f) => !f.doneAt);
    return {
      id: a.id,
      title: a.title,
      kind: a.kind,
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      status: agreementStatus(a, today),
      owningOrganisation: { id: a.owningOrganisationId, name: a.owningOrganisation?.name ?? '' },
      parties: (a.parties ?? [])
        .flatMap((p) =>
          p.organisation
            ? [{ id: p.organisation.id, name: p.organisation.name, type: p.organisation.type }]
            : [],
        )
        .sort((x, y) => x.name.localeCompare(y.name, 'sv')),
      nextFollowUp: next ? { id: next.id, label: next.label, dueOn: next.dueOn } : null,
      setsSipDeadlines: setsSipRules(a),
      programmes: a.programmes ?? [],
      version: a.version,
    };
  }

  private toDto(a: AgreementEntity, user: AuthenticatedUser, today: string): AgreementDto {
    return {
      ...this.toSummary(a, today),
      followUps: sortedFollowUps(a).map((f) => ({
        id: f.id,
        label: f.label,
        dueOn: f.dueOn,
        done: f.doneAt !== null,
        doneAt: f.doneAt ? f.doneAt.toISOString() : null,
        doneBy: f.doneBy ? { id: f.doneBy.id, displayName: f.doneBy.displayName } : null,
      })),
      summonsDaysAfterDischargeReady: a.summonsDaysAfterDischargeReady,
      firstMeetingDaysAfterRequest: a.firstMeetingDaysAfterRequest,
      effectiveSipDeadlines: chooseSipDeadlineRules([a], a.validFrom),
      notes: a.notes,
      canManage: this.canManage(user, a),
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    };
  }
}

function sortedFollowUps(a: AgreementEntity): AgreementFollowUpEntity[] {
  return [...(a.followUps ?? [])].sort(
    (x, y) => x.dueOn.localeCompare(y.dueOn) || x.label.localeCompare(y.label, 'sv'),
  );
}

function notFound(): ApiException {
  return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'There is no such agreement.');
}
