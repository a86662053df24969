import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { RemindersModule } from '../reminders/reminders.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { CoordinatorGroupsService } from './coordinator-groups.service';
import { MeetingAttendanceService } from './meeting-attendance.service';
import { MeetingsService } from './meetings.service';
import {
  CoordinatorGroupsController,
  MeetingsController,
  TryggaHemController,
} from './trygga-hem.controller';
import { TryggaHemCaseReadsService } from './trygga-hem-case-reads.service';
import { TryggaHemCaseWriteService } from './trygga-hem-case-write.service';
import { TryggaHemCoordinationService } from './trygga-hem-coordination.service';
import { TryggaHemRecordingService } from './trygga-hem-recording.service';
import { TryggaHemSupportService } from './trygga-hem-support.service';
import { TryggaHemRecordsController } from './trygga-hem-records.controller';
import { TryggaHemRecordsService } from './trygga-hem-records.service';
import { TryggaHemRemindersService } from './trygga-hem-reminders.service';
import { TryggaHemStatisticsService } from './trygga-hem-statistics.service';

/** Trygga hem – utan våld and the koordinatorsgrupp (issue 6). */
@Module({
  imports: [CasesModule, RemindersModule, StatisticsModule],
  controllers: [
    CoordinatorGroupsController,
    MeetingsController,
    TryggaHemController,
    TryggaHemRecordsController,
  ],
  providers: [
    MeetingAttendanceService,
    CoordinatorGroupsService,
    MeetingsService,
    TryggaHemCaseReadsService,
    TryggaHemCaseWriteService,
    TryggaHemCoordinationService,
    TryggaHemRecordingService,
    TryggaHemSupportService,
    TryggaHemRemindersService,
    TryggaHemStatisticsService,
    TryggaHemRecordsService,
  ],
  exports: [
    CoordinatorGroupsService,
    TryggaHemCaseReadsService,
    TryggaHemCaseWriteService,
    TryggaHemCoordinationService,
    TryggaHemRecordingService,
    TryggaHemSupportService,
    MeetingsService,
    MeetingAttendanceService,
  ],
})
export class TryggaHemModule {}
