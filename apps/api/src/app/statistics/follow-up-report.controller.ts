import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { FollowUpReportQueryDto, Permission, followUpReportFileName } from '@samsyn/common';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { followUpReportCsv } from './follow-up-report-csv';
import { followUpReportPdf } from './follow-up-report-pdf';
import { FollowUpReportService } from './follow-up-report.service';

/**
 * The yearly follow-up report per agreement (issue 17 §4), as PDF and CSV, for those who see
 * the agreement's figures on the statistics page. Each file made is audited.
 */
@ApiTags('statistics')
@Controller('statistics/agreements')
export class FollowUpReportController {
  constructor(private readonly reports: FollowUpReportService) {}

  @Get(':id/follow-up-report.pdf')
  @ApiProduces('application/pdf')
  @RequirePermission(Permission.StatisticsRead)
  async pdf(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Query() query: FollowUpReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const report = await this.reports.report(user, id, query);
    const file = await followUpReportPdf(report);
    await this.reports.audited(user, id);
    res.setHeader(
      'content-disposition',
      `attachment; filename="${followUpReportFileName(id, report.year)}.pdf"`,
    );
    return new StreamableFile(file, { type: 'application/pdf' });
  }

  @Get(':id/follow-up-report.csv')
  @ApiProduces('text/csv')
  @RequirePermission(Permission.StatisticsRead)
  async csv(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Query() query: FollowUpReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const report = await this.reports.report(user, id, query);
    const csv = followUpReportCsv(report);
    await this.reports.audited(user, id);
    res.setHeader(
      'content-disposition',
      `attachment; filename="${followUpReportFileName(id, report.year)}.csv"`,
    );
    return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8' });
  }
}
