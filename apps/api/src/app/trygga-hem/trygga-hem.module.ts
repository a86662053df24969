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
import { TryggaHemRemindersService } from './trygga-hem-reminders.service';
import { TryggaHemStatisticsService } from './trygga-hem-statistics.service';

/** Trygga hem – utan våld and the koordinatorsgrupp (issue 6). */
@Module({
  imports: [CasesModule, RemindersModule],
  controllers: [CoordinatorGroupsController, MeetingsController, TryggaHemController],
  providers: [
    CoordinatorGroupsService,
    MeetingsService,
    TryggaHemCasesService,
    TryggaHemRemindersService,
    TryggaHemStatisticsService,
  ],
  exports: [CoordinatorGroupsService, TryggaHemCasesService, MeetingsService],
})
export class TryggaHemModule {}
