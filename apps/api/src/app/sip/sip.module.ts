import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { CasesModule } from '../cases/cases.module';
import { RemindersModule } from '../reminders/reminders.module';
import {
  SipCaseController,
  SipInvitationsController,
  SipMeetingsController,
  SipPlansController,
  SipStatisticsController,
} from './sip.controller';
import { SipPlansService } from './sip-plans.service';
import { SipRemindersService } from './sip-reminders.service';
import { SipService } from './sip.service';

/** SIP — samordnad individuell plan (issue 4): meetings, invitations, plan versions, indicator. */
@Module({
  imports: [CasesModule, RemindersModule, AgreementsModule],
  controllers: [
    SipCaseController,
    SipMeetingsController,
    SipInvitationsController,
    SipPlansController,
    SipStatisticsController,
  ],
  providers: [SipService, SipPlansService, SipRemindersService],
  exports: [SipService, SipPlansService],
})
export class SipModule {}
