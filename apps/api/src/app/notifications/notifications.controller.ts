import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type NotificationDto,
  type NotificationPageDto,
  type NotificationPreferencesDto,
  PageQueryDto,
  Permission,
  type UnreadCountDto,
  UpdateNotificationPreferencesDto,
} from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Your notifications, newest first, with the number of unread ones. */
  @Get()
  @RequirePermission(Permission.NotificationRead)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PageQueryDto,
  ): Promise<NotificationPageDto> {
    return this.notifications.listOwn(user.id, query);
  }

  /** How many of your notifications are unread (the badge in the shell). */
  @Get('unread-count')
  @RequirePermission(Permission.NotificationRead)
  unreadCount(@CurrentUser() user: AuthenticatedUser): Promise<UnreadCountDto> {
    return this.notifications.unreadCount(user.id);
  }

  /** Marks all your notifications as read. */
  @Post('read-all')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.NotificationRead)
  markAllRead(@CurrentUser() user: AuthenticatedUser): Promise<UnreadCountDto> {
    return this.notifications.markAllRead(user.id);
  }

  /** Marks one of your notifications as read. */
  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.NotificationRead)
  markRead(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(user.id, id);
  }
}

@ApiTags('notifications')
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly notifications: NotificationsService) {}

  /** How reminders reach you by e-mail: at once, in a daily digest at 07:00, or not at all. */
  @Get()
  @RequirePermission(Permission.NotificationRead)
  get(@CurrentUser() user: AuthenticatedUser): Promise<NotificationPreferencesDto> {
    return this.notifications.preferences(user.id);
  }

  /** Changes how reminders reach you by e-mail. */
  @Put()
  @RequirePermission(Permission.NotificationRead)
  set(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    return this.notifications.setPreferences(user.id, dto.emailMode);
  }
}
