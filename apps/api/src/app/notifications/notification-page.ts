import type { NotificationDto, Page } from '@samsyn/common';

/** `GET /notifications`: one page of the caller's notifications and how many are unread in all. */
export interface NotificationPageDto extends Page<NotificationDto> {
  unread: number;
}
