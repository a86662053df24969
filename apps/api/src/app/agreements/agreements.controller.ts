import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type AgreementDto,
  AgreementQueryDto,
  type AgreementSummaryDto,
  CreateAgreementDto,
  type Page,
  Permission,
  type SipDeadlinesDto,
  SipDeadlinesQueryDto,
  UpdateAgreementDto,
} from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { swedishDate } from '@samsyn/domain';
import { DataSource } from 'typeorm';
import { AgreementRulesService } from './agreement-rules.service';
import { AgreementsService } from './agreements.service';

@ApiTags('agreements')
@Controller('agreements')
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly rules: AgreementRulesService,
    private readonly dataSource: DataSource,
  ) {}

  /** Agreements the caller's organisation is a party to; `status` and `partyId` filter. */
  @Get()
  @RequirePermission(Permission.AgreementRead)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AgreementQueryDto,
  ): Promise<Page<AgreementSummaryDto>> {
    return this.agreements.list(user, query);
  }

  /** The SIP deadlines (D10) between the caller's organisation and `with` on `on` (default today). */
  @Get('sip-deadlines')
  @RequirePermission(Permission.AgreementRead)
  sipDeadlines(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SipDeadlinesQueryDto,
  ): Promise<SipDeadlinesDto> {
    return this.rules.sipDeadlineRules(
      this.dataSource.manager,
      [user.organisation.id, ...query.with],
      query.on ?? swedishDate(new Date()),
    );
  }

  @Get(':id')
  @RequirePermission(Permission.AgreementRead)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<AgreementDto> {
    return this.agreements.get(user, id);
  }

  /** Records an agreement owned by the caller's organisation, with its reminders. */
  @Post()
  @RequirePermission(Permission.AgreementManage)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateAgreementDto,
  ): Promise<AgreementDto> {
    return this.agreements.create(user, dto);
  }

  /** Replaces the agreement; 409 VERSION_CONFLICT when `expectedVersion` is stale. */
  @Put(':id')
  @RequirePermission(Permission.AgreementManage)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateAgreementDto,
  ): Promise<AgreementDto> {
    return this.agreements.update(user, id, dto);
  }

  /** Marks a follow-up date done and cancels its reminder. */
  @Post(':id/follow-ups/:followUpId/done')
  @HttpCode(200)
  @RequirePermission(Permission.AgreementManage)
  markFollowUpDone(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Param('followUpId', uuidParam('followUpId')) followUpId: string,
  ): Promise<AgreementDto> {
    return this.agreements.markFollowUpDone(user, id, followUpId);
  }
}
