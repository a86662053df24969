import { Module } from '@nestjs/common';
import { RemindersCoreModule } from '@samsyn/server';
import { AuthModule } from '../auth/auth.module';
import { PasswordResetService } from './password-reset.service';
import { SetPasswordController } from './set-password.controller';
import { UserAdminQueryService } from './user-admin-query.service';
import { UserAdminController } from './user-admin.controller';
import { UserAdminService } from './user-admin.service';

/** Users administration and one-time set-password codes (issue 16); mail through the reminders' SMTP pool. */
@Module({
  imports: [AuthModule, RemindersCoreModule],
  controllers: [UserAdminController, SetPasswordController],
  providers: [UserAdminQueryService, UserAdminService, PasswordResetService],
})
export class UserAdminModule {}
