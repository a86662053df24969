import { TryggaHemModule } from '../trygga-hem/trygga-hem.module';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [AuthModule, CasesModule, TryggaHemModule], providers: [DemoSeedService] })
export class DemoModule {}
