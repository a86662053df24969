import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  CaseAction,
  type CreateJournalEntryDto,
  ErrorCode,
  type JournalEntryDto,
  type JournalQueryDto,
  type Page,
} from '@samsyn/common';
import { canWriteCategory } from '@samsyn/domain';
import { JournalEntryEntity, OrganisationEntity } from '@samsyn/server';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';
import { CaseRemindersService } from '../reminders/case-reminders.service';
import { CaseAccessService, clockNow } from './case-access.service';
import { invalid } from './case-rules';

/** The case journal (D21): dated, signed, append-only; a correction is a new entry. */
@Injectable()
export class JournalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly caseReminders: CaseRemindersService,
  ) {}

  /** Entries in the categories the caller may see, newest first. */
  async list(
    user: AuthenticatedUser,
    caseId: string,
    query: JournalQueryDto,
  ): Promise<Page<JournalEntryDto>> {
    const { decision } = await this.access.require(user, caseId, 'read');
    if (!decision.categories.length)
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const repo = this.dataSource.getRepository(JournalEntryEntity);
    const where = { caseId, category: In(decision.categories) };
    const [rows, total] = await repo.findAndCount({
      where,
      order: { signedAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const corrections = rows.length
      ? await repo.find({
          select: { id: true, correctsId: true },
          where: { ...where, correctsId: In(rows.map((r) => r.id)) },
        })
      : [];
    await this.audit.record(user, {
      action: AuditAction.JournalList,
      caseIds: [caseId],
      categories: decision.categories,
      consentIds: decision.consentIds,
      disclosureIds: decision.disclosureIds,
      basis: decision.basis,
      relation: decision.relation,
      emergency: decision.emergency,
    });
    return {
      items: rows.map((r) =>
        toDto(
          r,
          corrections.filter((c) => c.correctsId === r.id).map((c) => c.id),
        ),
      ),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async create(
    user: AuthenticatedUser,
    caseId: string,
    dto: CreateJournalEntryDto,
  ): Promise<JournalEntryDto> {
    return this.dataSource.transaction(async (em) => {
      const { decision, kase } = await this.access.require(
        user,
        caseId,
        dto.correctsId ? CaseAction.JournalCorrect : CaseAction.JournalAdd,
        { em },
      );
      if (!canWriteCategory(decision, dto.category))
        throw new ApiException(
          HttpStatus.FORBIDDEN,
          ErrorCode.Forbidden,
          'You may not write entries in this information category on this case.',
        );
      const today = clockNow().today;
      const occurredOn = dto.occurredOn?.slice(0, 10) ?? today;
      if (occurredOn > today)
        throw invalid('occurredOn', 'inFuture', 'occurredOn cannot be in the future');
      if (dto.correctsId) {
        const original = await em.findOneBy(JournalEntryEntity, { id: dto.correctsId, caseId });
        if (!original || !decision.categories.includes(original.category))
          throw invalid('correctsId', 'unknownEntry', 'correctsId is not an entry of this case');
      }
      const org = await em.findOneByOrFail(OrganisationEntity, { id: user.organisation.id });
      const entry = await em.save(
        em.create(JournalEntryEntity, {
          caseId,
          category: dto.category,
          text: dto.text.trim(),
          occurredOn,
          authorId: user.id,
          authorName: user.displayName,
          authorOrganisationId: org.id,
          authorOrganisationName: org.name,
          correctsId: dto.correctsId ?? null,
        }),
      );
      await this.caseReminders.caseChanged(em, kase);
      await this.audit.record(
        user,
        {
          action: AuditAction.JournalCreate,
          caseIds: [caseId],
          categories: [dto.category],
          basis: decision.basis,
          relation: decision.relation,
        },
        em,
      );
      return toDto(entry, []);
    });
  }
}

function toDto(entry: JournalEntryEntity, correctedByIds: string[]): JournalEntryDto {
  return {
    id: entry.id,
    category: entry.category,
    text: entry.text,
    occurredOn: entry.occurredOn,
    signedAt: entry.signedAt.toISOString(),
    author: {
      id: entry.authorId,
      displayName: entry.authorName,
      organisationName: entry.authorOrganisationName,
    },
    correctsId: entry.correctsId,
    correctedByIds,
  };
}
