import { Module } from '@nestjs/common';
import { StatisticsScopeService } from './statistics-scope.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

/** The statistics page's indicators and their CSV (issue 17 §1–2). */
@Module({
  controllers: [StatisticsController],
  providers: [StatisticsService, StatisticsScopeService],
  // The older figures (D11 SIP indicator, Trygga hem figures) apply the same scope.
  exports: [StatisticsScopeService],
})
export class StatisticsModule {}
