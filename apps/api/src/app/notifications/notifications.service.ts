import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  type NotificationDto,
  type NotificationPageDto,
  type PageQueryDto,
} from '@samsyn/common';
import { NotificationEntity } from '@samsyn/server';
import { IsNull, Repository } from 'typeorm';
import { ApiException } from '../common/problem-details';

export function toNotificationDto(n: NotificationEntity): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    caseId: n.caseId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

/** The caller's own in-app notifications; nobody reads or marks another user's. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(NotificationEntity)
    private readonly notifications: Repository<NotificationEntity>,
  ) {}

  async listOwn(userId: string, query: PageQueryDto): Promise<NotificationPageDto> {
    const [rows, total] = await this.notifications.findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const unread = await this.notifications.countBy({ userId, readAt: IsNull() });
    return {
      items: rows.map(toNotificationDto),
      total,
      page: query.page,
      pageSize: query.pageSize,
      unread,
    };
  }

  /** Marks one of the caller's notifications read; marking it again keeps the first time. */
  async markRead(userId: string, id: string): Promise<NotificationDto> {
    await this.notifications.update({ id, userId, readAt: IsNull() }, { readAt: new Date() });
    const notification = await this.notifications.findOneBy({ id, userId });
    // Someone else's notification is "not found" too: its existence is not revealed.
    if (!notification) {
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        ErrorCode.NotFound,
        'There is no such notification.',
      );
    }
    return toNotificationDto(notification);
  }
}
