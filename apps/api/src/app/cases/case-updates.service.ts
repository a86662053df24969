import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AccessBasis,
  AuditAction,
  CaseAction,
  type CaseDto,
  type ChangeCaseStatusDto,
  ErrorCode,
  type LinkCaseDto,
  type UpdateCaseDto,
  hasPermissions,
  Permission,
} from '@samsyn/common';
import { allowedTransitions, canTransition, isClosedStatus } from '@samsyn/domain';
import { CaseLinkEntity, UserEntity } from '@samsyn/server';
import { DataSource } from 'typeorm';
import { AuditedDenial } from '../audit/audit-denials.interceptor';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';
import { CaseRemindersService } from '../reminders/case-reminders.service';
import { CaseAccessService } from './case-access.service';
import { CaseReadsService } from './case-reads.service';
import { conflict, invalid, versionConflict } from './case-rules';

/** Changing a shared case: its details, its status along the programme's workflow, its links. */
@Injectable()
export class CaseUpdatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly reads: CaseReadsService,
    private readonly audit: AuditService,
    private readonly caseReminders: CaseRemindersService,
  ) {}

  /** Optimistic locking: the edit names the version it started from; a stale one answers 409. */
  async update(user: AuthenticatedUser, caseId: string, dto: UpdateCaseDto): Promise<CaseDto> {
    await this.dataSource.transaction(async (em) => {
      const action = dto.handlerId !== undefined ? CaseAction.AssignHandler : CaseAction.Update;
      const { kase } = await this.access.require(user, caseId, action, { em, lock: true });
      if (kase.version !== dto.version) throw versionConflict(kase.version);
      if (dto.handlerId !== undefined) {
        const handler = await em.findOneBy(UserEntity, { id: dto.handlerId, active: true });
        if (
          !handler ||
          handler.organisationId !== kase.owningOrganisationId ||
          !hasPermissions(handler.roles, [Permission.CaseRead])
        )
          throw invalid(
            'handlerId',
            'notInOwningOrganisation',
            'The handler must be an active case worker of the owning organisation',
          );
        kase.handlerId = handler.id;
      }
      if (dto.description !== undefined) kase.description = dto.description.trim() || null;
      if (dto.followUpAt !== undefined) kase.followUpAt = dto.followUpAt.slice(0, 10);
      await em.save(kase);
      await this.caseReminders.caseChanged(em, kase);
      await this.audit.record(
        user,
        { action: AuditAction.CaseUpdate, caseIds: [caseId], basis: AccessBasis.Owner },
        em,
      );
    });
    return this.reads.get(user, caseId, { audit: false });
  }

  async changeStatus(
    user: AuthenticatedUser,
    caseId: string,
    dto: ChangeCaseStatusDto,
  ): Promise<CaseDto> {
    await this.dataSource.transaction(async (em) => {
      const { kase, programme } = await this.access.require(user, caseId, CaseAction.ChangeStatus, {
        em,
        lock: true,
      });
      if (kase.version !== dto.version) throw versionConflict(kase.version);
      if (!canTransition(programme, kase.status, dto.status))
        throw new ApiException(
          HttpStatus.CONFLICT,
          ErrorCode.InvalidTransition,
          `A ${programme.code} case cannot go from ${kase.status} to ${dto.status}; allowed: ${allowedTransitions(programme, kase.status).join(', ') || 'none'}.`,
        );
      kase.status = dto.status;
      kase.closed = isClosedStatus(programme, dto.status);
      kase.closedAt = kase.closed ? new Date() : null;
      await em.save(kase);
      await this.caseReminders.caseChanged(em, kase);
      await this.audit.record(
        user,
        { action: AuditAction.CaseStatus, caseIds: [caseId], basis: AccessBasis.Owner },
        em,
      );
    });
    return this.reads.get(user, caseId, { audit: false });
  }

  /** Links two cases both ways; the caller must be able to open both (D3: nothing leaks through a link). */
  async link(user: AuthenticatedUser, caseId: string, dto: LinkCaseDto): Promise<CaseDto> {
    await this.dataSource.transaction(async (em) => {
      await this.access.require(user, caseId, CaseAction.Link, { em, lock: true });
      // A case the caller may not open answers as a number without a case, and both are
      // audited alike (naming only the caller's own case): linking is no existence oracle
      // (issue 18 §7).
      const found = await this.access.findByNumber(user, dto.number, em);
      if (!found?.decision.allowed)
        throw new AuditedDenial(
          invalid('number', 'unknownCase', 'No case you may see has this number'),
          { action: AuditAction.AccessDenied, outcome: 'denied', caseIds: [caseId] },
        );
      const other = found.kase;
      if (other.id === caseId)
        throw invalid('number', 'sameCase', 'A case cannot be linked to itself');
      if (await em.existsBy(CaseLinkEntity, { caseId, linkedCaseId: other.id }))
        throw conflict('The cases are already linked.');
      await em.insert(CaseLinkEntity, [
        { caseId, linkedCaseId: other.id, createdById: user.id },
        { caseId: other.id, linkedCaseId: caseId, createdById: user.id },
      ]);
      await this.audit.record(
        user,
        { action: AuditAction.CaseLink, caseIds: [caseId, other.id] },
        em,
      );
    });
    return this.reads.get(user, caseId, { audit: false });
  }
}
