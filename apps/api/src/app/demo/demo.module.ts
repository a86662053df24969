import { TryggaHemModule } from '../trygga-hem/trygga-hem.module';
import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { SipModule } from '../sip/sip.module';
import { DemoSeedService } from './demo-seed.service';
import { DemoSipSeeder } from './demo-sip';

@Module({
  imports: [AuthModule, CasesModule, SipModule, TryggaHemModule, AgreementsModule],
  providers: [DemoSeedService, DemoSipSeeder],
})
export class DemoModule {}
