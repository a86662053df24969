import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseEntity, NotificationEntity, UserEntity } from '@samsyn/server';
import {
  NotificationPreferencesController,
  NotificationsController,
} from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** In-app notifications (reminders delivered to a user) and the user's e-mail preference. */
@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity, UserEntity, CaseEntity])],
  controllers: [NotificationsController, NotificationPreferencesController],
  providers: [NotificationsService],
})
export class NotificationsModule {}
