import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  type EnvironmentVariables,
  OidcTransactionEntity,
  OrganisationEntity,
  RemindersCoreModule,
  secretsKey,
  SignInChallengeEntity,
  UserEntity,
  UserSessionEntity,
  UserTotpEntity,
} from '@samsyn/server';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CsrfTokens } from './csrf-tokens';
import {
  AuthenticatedGuard,
  CsrfGuard,
  PermissionsGuard,
  SecondFactorEnrolmentGuard,
} from './guards';
import { OidcController } from './oidc/oidc.controller';
import { OidcProvidersService } from './oidc/oidc-providers.service';
import { OidcSignInService } from './oidc/oidc-sign-in.service';
import { LockoutNoticeService } from './lockout-notice.service';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';
import { SignInChallengesService } from './sign-in-challenges.service';
import { PasswordStrategy, SessionStrategy } from './strategies';

/**
 * Sign-in, sessions and the global guards (authentication → CSRF → second-factor enrolment →
 * permissions), deny by default.
 */
@Module({
  imports: [
    PassportModule,
    TypeOrmModule.forFeature([
      UserEntity,
      UserSessionEntity,
      UserTotpEntity,
      SignInChallengeEntity,
      // Sign-in through an organisation's identity provider (oidc/).
      OrganisationEntity,
      OidcTransactionEntity,
    ]),
    // The SMTP pool, for the notice that an account was locked (issue 18).
    RemindersCoreModule,
  ],
  controllers: [AuthController, OidcController],
  providers: [
    AuthService,
    LockoutNoticeService,
    PasswordService,
    {
      // Without SECRETS_KEY outside demo mode and tests the API stops here, naming the variable.
      provide: CsrfTokens,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
        new CsrfTokens(
          secretsKey({
            SECRETS_KEY: config.get('SECRETS_KEY', { infer: true }),
            DEMO_MODE: config.get('DEMO_MODE', { infer: true }),
            NODE_ENV: config.get('NODE_ENV', { infer: true }),
          }),
        ),
    },
    SessionsService,
    OidcProvidersService,
    OidcSignInService,
    SignInChallengesService,
    PasswordStrategy,
    SessionStrategy,
    { provide: APP_GUARD, useClass: AuthenticatedGuard },
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: SecondFactorEnrolmentGuard },
    { provide: APP_GUARD, useClass: PermissionsGuard },
  ],
  exports: [PasswordService, AuthService, SessionsService, SignInChallengesService],
})
export class AuthModule {}
