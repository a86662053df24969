import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  EmailMode,
  NotificationDto,
  NotificationPageDto,
  NotificationPreferencesDto,
  UnreadCountDto,
  UpdateNotificationPreferencesDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';
import { NOTIFICATION_PATHS, queryParams } from './api-paths';

/** Typed client for the caller's notifications (reminders delivered in-app) and e-mail choice. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  /** One page, newest first, with the number of unread notifications in all. */
  list(query: { page?: number; pageSize?: number } = {}): Observable<NotificationPageDto> {
    return this.http.get<NotificationPageDto>(NOTIFICATION_PATHS.list, {
      params: queryParams({ ...query }),
    });
  }

  unreadCount(): Observable<UnreadCountDto> {
    return this.http.get<UnreadCountDto>(NOTIFICATION_PATHS.unreadCount);
  }

  markRead(id: string): Observable<NotificationDto> {
    return this.http.post<NotificationDto>(NOTIFICATION_PATHS.read(id), {});
  }

  markAllRead(): Observable<UnreadCountDto> {
    return this.http.post<UnreadCountDto>(NOTIFICATION_PATHS.readAll, {});
  }

  preferences(): Observable<NotificationPreferencesDto> {
    return this.http.get<NotificationPreferencesDto>(NOTIFICATION_PATHS.preferences);
  }

  setPreferences(emailMode: EmailMode): Observable<NotificationPreferencesDto> {
    const dto: UpdateNotificationPreferencesDto = { emailMode };
    return this.http.put<NotificationPreferencesDto>(NOTIFICATION_PATHS.preferences, dto);
  }
}
