import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [AuthModule, CasesModule, AgreementsModule], providers: [DemoSeedService] })
export class DemoModule {}
