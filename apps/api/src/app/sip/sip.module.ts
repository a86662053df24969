import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { CasesModule } from '../cases/cases.module';
import { RemindersModule } from '../reminders/reminders.module';
import { StatisticsModule } from '../statistics/statistics.module';
import {
  SipApprovalsController,
  SipCaseController,
  SipInvitationsController,
  SipMeetingsController,
  SipPlansController,
  SipStatisticsController,
} from './sip.controller';
import { SipAttendanceService } from './sip-attendance.service';
import { SipCallingService } from './sip-calling.service';
import { SipCaseService } from './sip-case.service';
import { SipIndicatorService } from './sip-indicator.service';
import { SipInvitationsService } from './sip-invitations.service';
import { SipLettersController } from './sip-letters.controller';
import { SipLettersService } from './sip-letters.service';
import { SipMeetingsService } from './sip-meetings.service';
import { SipPlanApprovalService } from './sip-plan-approval.service';
import { SipPlanSupport } from './sip-plan-support.service';
import { SipPlansService } from './sip-plans.service';
import { SipRemindersService } from './sip-reminders.service';

/** SIP — samordnad individuell plan (issue 4): meetings, invitations, plan versions, indicator. */
@Module({
  imports: [CasesModule, RemindersModule, AgreementsModule, StatisticsModule],
  controllers: [
    SipCaseController,
    SipMeetingsController,
    SipInvitationsController,
    SipPlansController,
    SipApprovalsController,
    SipStatisticsController,
    SipLettersController,
  ],
  providers: [
    SipCaseService,
    SipCallingService,
    SipAttendanceService,
    SipMeetingsService,
    SipInvitationsService,
    SipIndicatorService,
    SipPlanSupport,
    SipPlansService,
    SipPlanApprovalService,
    SipRemindersService,
    SipLettersService,
  ],
  exports: [
    SipCaseService,
    SipCallingService,
    SipMeetingsService,
    SipInvitationsService,
    SipIndicatorService,
    SipPlansService,
    SipPlanApprovalService,
  ],
})
export class SipModule {}
