import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AccessBasis,
  AuditAction,
  type EmergencyAccessDto,
  ErrorCode,
  hasPermissions,
  Permission,
  type RequestEmergencyAccessDto,
} from '@samsyn/common';
import { CaseEntity, EmergencyAccessEntity, OrganisationEntity } from '@samsyn/server';
import { DataSource } from 'typeorm';
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

  async request(
    user: AuthenticatedUser,
    caseId: string,
    dto: RequestEmergencyAccessDto,
  ): Promise<EmergencyAccessDto> {
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
        { action: AuditAction.AccessDenied, outcome: 'denied', caseIds: [caseId] },
      );
    return this.dataSource.transaction(async (em) => {
      const kase = await em.findOneBy(CaseEntity, { id: caseId });
      if (!kase)
        throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No case has this id.');
      const clock = clockNow();
      const current = (await this.access.decideMany(user, [kase], clock, em)).get(caseId)?.decision;
      if (current?.emergency) throw conflict('Your emergency access to this case is still active.');
      if (current?.allowed)
        throw conflict('You already have access to this case; emergency access is not needed.');
      const grant = await em.save(
        em.create(EmergencyAccessEntity, {
          caseId,
          userId: user.id,
          organisationId: user.organisation.id,
          reason: dto.reason.trim(),
          expiresAt: new Date(clock.now.getTime() + EMERGENCY_ACCESS_MINUTES * 60_000),
        }),
      );
      await this.audit.record(
        user,
        {
          action: AuditAction.EmergencyAccess,
          caseIds: [caseId],
          basis: AccessBasis.Emergency,
          relation: current?.relation ?? null,
          emergency: true,
        },
        em,
      );
      const org = await em.findOneByOrFail(OrganisationEntity, { id: user.organisation.id });
      return {
        id: grant.id,
        caseId,
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
    });
  }
}
