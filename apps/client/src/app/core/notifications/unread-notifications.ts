import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { NotificationsApi } from '../api/notifications-api.service';

/**
 * The number of unread notifications, shared by the bell in the shell and the notifications page
 * (which updates it when the user marks notifications read). Null until first known.
 */
@Injectable({ providedIn: 'root' })
export class UnreadNotifications {
  private readonly api = inject(NotificationsApi);
  private readonly count = signal<number | null>(null);
  private pending: Promise<void> | null = null;

  readonly unread = this.count.asReadonly();

  /** Asks the API again; a refresh already under way is reused. Failures keep the last count. */
  refresh(): Promise<void> {
    this.pending ??= firstValueFrom(this.api.unreadCount())
      .then(
        ({ unread }) => this.count.set(unread),
        () => undefined,
      )
      .finally(() => (this.pending = null));
    return this.pending;
  }

  /** A count the API has just answered (after marking read, or with a page of the list). */
  set(unread: number): void {
    this.count.set(Math.max(0, unread));
  }

  /** Forgets the count (signed out). */
  clear(): void {
    this.count.set(null);
  }
}
