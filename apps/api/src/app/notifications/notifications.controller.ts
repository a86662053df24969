import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type NotificationDto,
  type NotificationPageDto,
  PageQueryDto,
  Permission,
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
