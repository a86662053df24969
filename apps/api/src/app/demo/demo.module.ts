import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [AuthModule, CasesModule], providers: [DemoSeedService] })
export class DemoModule {}
