import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { DatabaseModule, type EnvironmentVariables, validateEnvironment } from '@samsyn/server';
import { LoggerModule } from 'nestjs-pino';
import { MIGRATIONS } from '../database/migrations';
import { AccountModule } from './account/account.module';
import { AgreementsModule } from './agreements/agreements.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { loggerOptions } from './common/logging';
import { RateLimitModule } from './common/rate-limit.module';
import { DemoModule } from './demo/demo.module';
import { GallringModule } from './gallring/gallring.module';
import { EvaluationExportModule } from './evaluation-export/evaluation-export.module';
import { StatisticsModule } from './statistics/statistics.module';
import { HealthModule } from './health/health.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { RemindersModule } from './reminders/reminders.module';
import { SecondFactorModule } from './second-factor/second-factor.module';
import { SipModule } from './sip/sip.module';
import { TryggaHemModule } from './trygga-hem/trygga-hem.module';
import { UserAdminModule } from './user-admin/user-admin.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, cache: true }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
        loggerOptions(config.get('LOG_LEVEL', { infer: true })),
    }),
    RateLimitModule,
    DatabaseModule.forRoot({
      applicationName: 'samsyn-api',
      migrations: MIGRATIONS,
      allowEmbedded: true,
    }),
    AuditModule,
    AuthModule,
    AccountModule,
    CasesModule,
    HealthModule,
    OrganisationsModule,
    RemindersModule,
    SecondFactorModule,
    GallringModule,
    EvaluationExportModule,
    StatisticsModule,
    NotificationsModule,
    AgreementsModule,
    SipModule,
    TryggaHemModule,
    UserAdminModule,
    DemoModule,
  ],
})
export class AppModule {}
