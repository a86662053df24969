import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  type InformationCategory,
  type TryggaHemCaseDto,
} from '@samsyn/common';
import { mayWriteTryggaHem } from '@samsyn/domain';
import { TryggaHemCaseEntity } from '@samsyn/server';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type CaseAccess, CaseAccessService, clockNow } from '../cases/case-access.service';
import { ApiException } from '../common/problem-details';
import { notEnrolled } from './trygga-hem-case-helpers';
import { TryggaHemCaseReadsService } from './trygga-hem-case-reads.service';

export interface WriteContext extends CaseAccess {
  em: EntityManager;
  profile: TryggaHemCaseEntity;
  today: string;
}

/** The one frame of every write to a Trygga hem case's programme data. */
@Injectable()
export class TryggaHemCaseWriteService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly reads: TryggaHemCaseReadsService,
  ) {}

  /**
   * One write to the case's programme data: the case access with `category` writable, the
   * profile row locked, one transaction, one audit event; answers the case as the caller sees it.
   * `mayWriteTryggaHem` is the rule the case's `allowedActions` are computed with.
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
      if (!mayWriteTryggaHem({ decision: access.decision, roles: user.roles }, category))
        throw new ApiException(
          HttpStatus.FORBIDDEN,
          ErrorCode.Forbidden,
          'You may not write this kind of information on this case.',
        );
      const profile = await em.findOne(TryggaHemCaseEntity, {
        where: { caseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!profile || profile.leftAt) throw notEnrolled();
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
    return this.reads.get(user, caseId, { audit: false });
  }
}
