import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity, UserSessionEntity, UserTotpEntity } from '@samsyn/server';
import { AuthModule } from '../auth/auth.module';
import { AccountSessionsService } from './account-sessions.service';
import { AccountController } from './account.controller';
import { PasswordChangeService } from './password-change.service';

/** The user's own account (issue 16, "Mitt konto"): language, password and live sessions. */
@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([UserEntity, UserSessionEntity, UserTotpEntity])],
  controllers: [AccountController],
  providers: [PasswordChangeService, AccountSessionsService],
})
export class AccountModule {}
