import { Module } from '@nestjs/common';
import { RemindersModule } from '../reminders/reminders.module';
import { AgreementRemindersService } from './agreement-reminders.service';
import { AgreementRulesService } from './agreement-rules.service';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';

/** Cooperation agreements (D25) and the SIP deadlines they set (D10). */
@Module({
  imports: [RemindersModule],
  controllers: [AgreementsController],
  providers: [AgreementRulesService, AgreementRemindersService, AgreementsService],
  exports: [AgreementRulesService, AgreementsService],
})
export class AgreementsModule {}
