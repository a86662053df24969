import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  type GallringRunDto,
  type GallringRunPageDto,
  GallringRunQueryDto,
  type LegalHoldDto,
  type LegalHoldListDto,
  LiftLegalHoldDto,
  Permission,
  type RetentionRuleDto,
  type RetentionRulesDto,
  SetLegalHoldDto,
  StartGallringRunDto,
  UpdateRetentionRuleDto,
} from '@samsyn/common';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { GallringRulesService } from './gallring-rules.service';
import { GallringRunsService } from './gallring-runs.service';
import { LegalHoldsService } from './legal-holds.service';

/** Gallring (D22): retention rules, runs and their reports, legal holds. */
@ApiTags('gallring')
@Controller('gallring')
export class GallringController {
  constructor(
    private readonly rules: GallringRulesService,
    private readonly runs: GallringRunsService,
    private readonly holds: LegalHoldsService,
  ) {}

  /** The rules in force for the caller's organisation (all of them for a system_admin). */
  @Get('rules')
  @RequirePermission(Permission.GallringRead)
  listRules(@CurrentUser() user: AuthenticatedUser): Promise<RetentionRulesDto> {
    return this.rules.list(user);
  }

  /** Changes a rule's retention period (system_admin). */
  @Patch('rules/:id')
  @RequirePermission(Permission.GallringManage)
  updateRule(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateRetentionRuleDto,
  ): Promise<RetentionRuleDto> {
    return this.rules.update(user, id, dto);
  }

  /** Runs, newest first, with their reports (an org_admin sees their organisation's lines). */
  @Get('runs')
  @RequirePermission(Permission.GallringRead)
  listRuns(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: GallringRunQueryDto,
  ): Promise<GallringRunPageDto> {
    return this.runs.list(user, query);
  }

  /** Starts a run: a dry run (org_admin: their organisation) or a clearing run (system_admin). */
  @Post('runs')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequirePermission(Permission.GallringRead)
  startRun(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: StartGallringRunDto,
  ): Promise<GallringRunDto> {
    return this.runs.start(user, dto);
  }

  @Get('runs/:id')
  @RequirePermission(Permission.GallringRead)
  getRun(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<GallringRunDto> {
    return this.runs.get(user, id);
  }

  /** The run's report as CSV: what, which rule, how many. */
  @Get('runs/:id/report.csv')
  @ApiProduces('text/csv')
  @RequirePermission(Permission.GallringRead)
  async csv(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const csv = await this.runs.csv(user, id);
    res.setHeader('content-disposition', `attachment; filename="gallring-${id}.csv"`);
    return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8' });
  }

  /** Cases on legal hold in the caller's organisation (every one for a system_admin). */
  @Get('legal-holds')
  @RequirePermission(Permission.GallringRead)
  listHolds(@CurrentUser() user: AuthenticatedUser): Promise<LegalHoldListDto> {
    return this.holds.list(user);
  }

  /** Puts a case of the caller's organisation on legal hold (org_admin), with a reason. */
  @Post('legal-holds')
  @RequirePermission(Permission.GallringRead)
  setHold(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: SetLegalHoldDto,
  ): Promise<LegalHoldDto> {
    return this.holds.set(user, dto);
  }

  /** Lifts a legal hold (org_admin of the owning organisation). */
  @Post('legal-holds/:id/lift')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.GallringRead)
  liftHold(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: LiftLegalHoldDto,
  ): Promise<void> {
    return this.holds.lift(user, id, dto);
  }
}
