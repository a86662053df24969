import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AccessBasis,
  AuditAction,
  type EmergencyAccessDto,
  ErrorCode,
  hasPermissions,
  Permission,
  type RequestEmergencyAccessByNumberDto,
  type RequestEmergencyAccessDto,
} from '@samsyn/common';
import type { CaseDecision, PolicyClock } from '@samsyn/domain';
import { CaseEntity, EmergencyAccessEntity, OrganisationEntity } from '@samsyn/server';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditedDenial } from '../audit/audit-denials.interceptor';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';
import { CaseAccessService, clockNow } from './case-access.service';
import { conflict, EMERGENCY_ACCESS_MINUTES } from './case-rules';

/**
 * Nödåtkomst (D17): a user without a relation opens a case by stating why. The grant is
 * time-limited, shows in the case's log and lands in the organisation's review queue.
 */
@Injectable()
export class EmergencyAccessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * By case number, after a lookup that found no case the caller may see (issue 18 §7). The
   * lookup does not say whether the number has a case; this audited, reviewed request does: a
   * grant names the case, and a number without a case answers 404, audited as a refused
   * emergency access that names no case. Every refusal that does not depend on the case (role,
   * reason, second factor) comes first, so it answers alike for both.
   */
  async requestByNumber(
    user: AuthenticatedUser,
    dto: RequestEmergencyAccessByNumberDto,
  ): Promise<EmergencyAccessDto> {
    this.mayBreakTheGlass(user, []);
    return this.dataSource.transaction(async (em) => {
      const found = await this.access.findByNumber(user, dto.caseNumber, em);
      if (!found)
        throw new AuditedDenial(
          new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No case has this number.'),
          { action: AuditAction.EmergencyAccess, outcome: 'denied' },
        );
      return this.grant(user, found.kase, found.decision, dto.reason, clockNow(), em);
    });
  }

  /**
   * By id, from a case page the policy keeps the caller out of: they hold the case's id (a
   * link) and its 403 already told them it exists.
   */
  async request(
    user: AuthenticatedUser,
    caseId: string,
    dto: RequestEmergencyAccessDto,
  ): Promise<EmergencyAccessDto> {
    this.mayBreakTheGlass(user, [caseId]);
    return this.dataSource.transaction(async (em) => {
      const kase = await em.findOneBy(CaseEntity, { id: caseId });
      if (!kase)
        throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No case has this id.');
      const clock = clockNow();
      const current = (await this.access.decideMany(user, [kase], clock, em)).get(caseId)?.decision;
      return this.grant(user, kase, current, dto.reason, clock, em);
    });
  }

  /** The refusals that depend on the caller alone; `caseIds` is what the audit may name. */
  private mayBreakTheGlass(user: AuthenticatedUser, caseIds: string[]): void {
    if (!hasPermissions(user.roles, [Permission.CaseRead]))
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        'Your role does not take part in case work.',
      );
    // D17 with issue 16: where the organisation requires a second factor, only a session that
    // passed one (or a provider's strong sign-in) may break the glass.
    if (user.secondFactorRequired && !user.sessionStrong)
      throw new AuditedDenial(
        new ApiException(
          HttpStatus.FORBIDDEN,
          ErrorCode.StrongSessionRequired,
          'Emergency access needs a sign-in with a second factor. Sign out and sign in again with your authenticator app.',
        ),
        { action: AuditAction.AccessDenied, outcome: 'denied', caseIds },
      );
  }

  /** Grants, audits and answers, in the caller's transaction; 409 when the caller has access. */
  private async grant(
    user: AuthenticatedUser,
    kase: CaseEntity,
    current: CaseDecision | undefined,
    reason: string,
    clock: PolicyClock,
    em: EntityManager,
  ): Promise<EmergencyAccessDto> {
    if (current?.emergency) throw conflict('Your emergency access to this case is still active.');
    if (current?.allowed)
      throw conflict('You already have access to this case; emergency access is not needed.');
    const grant = await em.save(
      em.create(EmergencyAccessEntity, {
        caseId: kase.id,
        userId: user.id,
        organisationId: user.organisation.id,
        reason: reason.trim(),
        expiresAt: new Date(clock.now.getTime() + EMERGENCY_ACCESS_MINUTES * 60_000),
      }),
    );
    await this.audit.record(
      user,
      {
        action: AuditAction.EmergencyAccess,
        caseIds: [kase.id],
        basis: AccessBasis.Emergency,
        relation: current?.relation ?? null,
        emergency: true,
      },
      em,
    );
    const org = await em.findOneByOrFail(OrganisationEntity, { id: user.organisation.id });
    return {
      id: grant.id,
      caseId: kase.id,
      caseNumber: kase.number,
      user: { id: user.id, displayName: user.displayName, organisationName: org.name },
      reason: grant.reason,
      grantedAt: grant.grantedAt.toISOString(),
      expiresAt: grant.expiresAt.toISOString(),
      reviewedAt: null,
      reviewedBy: null,
      reviewNote: null,
      allowedActions: [],
    };
  }
}
