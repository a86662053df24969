import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  OidcTransactionEntity,
  OrganisationEntity,
  UserEntity,
  UserSessionEntity,
} from '@samsyn/server';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthenticatedGuard, CsrfGuard, PermissionsGuard } from './guards';
import { OidcController } from './oidc/oidc.controller';
import { OidcProvidersService } from './oidc/oidc-providers.service';
import { OidcSignInService } from './oidc/oidc-sign-in.service';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';
import { PasswordStrategy, SessionStrategy } from './strategies';

/** Sign-in, sessions and the global guards (authentication → CSRF → permissions), deny by default. */
@Module({
  imports: [
    PassportModule,
    TypeOrmModule.forFeature([
      UserEntity,
      UserSessionEntity,
      // Sign-in through an organisation's identity provider (oidc/).
      OrganisationEntity,
      OidcTransactionEntity,
    ]),
  ],
  controllers: [AuthController, OidcController],
  providers: [
    AuthService,
    PasswordService,
    SessionsService,
    OidcProvidersService,
    OidcSignInService,
    PasswordStrategy,
    SessionStrategy,
    { provide: APP_GUARD, useClass: AuthenticatedGuard },
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: PermissionsGuard },
  ],
  exports: [AuthService, PasswordService, SessionsService],
})
export class AuthModule {}
