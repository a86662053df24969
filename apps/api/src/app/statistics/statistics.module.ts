import { Module } from '@nestjs/common';
import { FollowUpReportController } from './follow-up-report.controller';
import { FollowUpReportService } from './follow-up-report.service';
import { StatisticsScopeService } from './statistics-scope.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

/** The statistics page's indicators and their CSV, and the yearly follow-up report (issue 17 §1–4). */
@Module({
  controllers: [StatisticsController, FollowUpReportController],
  providers: [StatisticsService, StatisticsScopeService, FollowUpReportService],
  // The older figures (D11 SIP indicator, Trygga hem figures) apply the same scope.
  exports: [StatisticsScopeService],
})
export class StatisticsModule {}
