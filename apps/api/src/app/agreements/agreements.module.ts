import { Module } from '@nestjs/common';
import { AgreementRulesService } from './agreement-rules.service';

@Module({
  providers: [AgreementRulesService],
  exports: [AgreementRulesService],
})
export class AgreementsModule {}
