import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type AccessExtractDto,
  AccessExtractQueryDto,
  AccessReviewPageQueryDto,
  AccessReviewQueryDto,
  type AuditEventDto,
  AuditEventQueryDto,
  type AuditVerifyDto,
  type EmergencyAccessDto,
  EmergencyAccessReviewQueryDto,
  ErrorCode,
  hasPermissions,
  type Page,
  Permission,
  ReviewEmergencyAccessDto,
  type VolumeOutlierDto,
} from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { ApiException } from '../common/problem-details';
import { uuidParam } from '../common/uuid-param';
import { AuditExtractService } from './audit-extract.service';
import { AuditReviewService } from './audit-review.service';
import { AuditService } from './audit.service';

/** Log review (loggkontroll), loggutdrag and the chain check (D17, D19). */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly review: AuditReviewService,
    private readonly extracts: AuditExtractService,
  ) {}

  /**
   * Walks the hash chain. For auditors and for system administrators (operations), so the
   * permission is checked here: @RequirePermission demands all of its permissions, not one.
   */
  @Get('verify')
  async verify(@CurrentUser() user: AuthenticatedUser): Promise<AuditVerifyDto> {
    const allowed = [Permission.AuditReview, Permission.SystemOperate].some((p) =>
      hasPermissions(user.roles, [p]),
    );
    if (!allowed)
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        'Your role does not allow this action.',
      );
    const { ok, checked, firstBrokenId, verifiedAt, startedAfter } = await this.audit.verify();
    return { ok, checked, firstBrokenId, verifiedAt, startedAfter };
  }

  /** The emergency accesses to review (`reviewed=false`) or already reviewed, newest first. */
  @Get('review/emergency-accesses')
  @RequirePermission(Permission.AuditReview)
  emergencyAccesses(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: EmergencyAccessReviewQueryDto,
  ): Promise<Page<EmergencyAccessDto>> {
    return this.review.emergencyAccesses(user, query);
  }

  /** Marks an emergency access reviewed; 409 when it already is. */
  @Post('review/emergency-accesses/:id/review')
  @HttpCode(200)
  @RequirePermission(Permission.AuditReview)
  reviewEmergencyAccess(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: ReviewEmergencyAccessDto,
  ): Promise<EmergencyAccessDto> {
    return this.review.reviewEmergencyAccess(user, id, dto);
  }

  /** Accesses by the organisation's users outside their own caseload, newest first. */
  @Get('review/outside-caseload')
  @RequirePermission(Permission.AuditReview)
  outsideCaseload(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AccessReviewPageQueryDto,
  ): Promise<Page<AuditEventDto>> {
    return this.review.outsideCaseload(user, query);
  }

  /** Administrative changes and sign-in events concerning the organisation, newest first. */
  @Get('review/admin-events')
  @RequirePermission(Permission.AuditReview)
  adminEvents(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AccessReviewPageQueryDto,
  ): Promise<Page<AuditEventDto>> {
    return this.review.adminEvents(user, query);
  }

  /** Users who read far more than their colleagues in the period. */
  @Get('review/volume-outliers')
  @RequirePermission(Permission.AuditReview)
  volumeOutliers(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AccessReviewQueryDto,
  ): Promise<VolumeOutlierDto[]> {
    return this.review.volumeOutliers(user, query);
  }

  /** The log of one case, for the auditors of its owning organisation. */
  @Get('cases/:id/events')
  @RequirePermission(Permission.AuditReview)
  caseEvents(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Query() query: AuditEventQueryDto,
  ): Promise<Page<AuditEventDto>> {
    return this.review.caseEvents(user, id, query);
  }

  /** Loggutdrag: who in the organisation has accessed data about the person, oldest first. */
  @Get('extract')
  @RequirePermission(Permission.AuditReview)
  extract(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AccessExtractQueryDto,
  ): Promise<AccessExtractDto> {
    return this.extracts.extract(user, query);
  }
}
