import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { RemindersModule } from '../reminders/reminders.module';
import { CoordinatorGroupsService } from './coordinator-groups.service';
import { MeetingsService } from './meetings.service';
import {
  CoordinatorGroupsController,
  MeetingsController,
  TryggaHemController,
} from './trygga-hem.controller';
import { TryggaHemCasesService } from './trygga-hem-cases.service';
import { TryggaHemRecordsController } from './trygga-hem-records.controller';
import { TryggaHemRecordsService } from './trygga-hem-records.service';
import { TryggaHemRemindersService } from './trygga-hem-reminders.service';
import { TryggaHemStatisticsService } from './trygga-hem-statistics.service';

/** Trygga hem – utan våld and the koordinatorsgrupp (issue 6). */
@Module({
  imports: [CasesModule, RemindersModule],
  controllers: [
    CoordinatorGroupsController,
    MeetingsController,
    TryggaHemController,
    TryggaHemRecordsController,
  ],
  providers: [
    CoordinatorGroupsService,
    MeetingsService,
    TryggaHemCasesService,
    TryggaHemRemindersService,
    TryggaHemStatisticsService,
    TryggaHemRecordsService,
  ],
  exports: [CoordinatorGroupsService, TryggaHemCasesService, MeetingsService],
})
export class TryggaHemModule {}
