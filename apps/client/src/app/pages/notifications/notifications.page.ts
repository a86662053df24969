import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { RouterLink } from '@angular/router';
import { Permission, type NotificationDto, type NotificationPageDto } from '@samsyn/common';
import { Subject, firstValueFrom, startWith, switchMap } from 'rxjs';
import { NotificationsApi } from '../../core/api/notifications-api.service';
import { DEFAULT_PAGE_SIZE } from '../../core/api/paging';
import {
  type ListState as ListStateOf,
  failureKey,
  listStateOf,
  loadedPage,
} from '../../core/api/list-state';
import { errorMessageKey } from '../../core/api/problem';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { NotificationPreferences } from '../../core/notifications/notification-preferences';
import { UnreadNotifications } from '../../core/notifications/unread-notifications';

type ListState = ListStateOf<NotificationPageDto>;

/**
 * "Aviseringar": the caller's delivered reminders, marking them read, and the e-mail choice
 * (shared with "Mitt konto").
 */
@Component({
  selector: 'app-notifications-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatPaginatorModule,
    NotificationPreferences,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './notifications.page.html',
  styleUrl: './notifications.page.scss',
})
export class NotificationsPage {
  private readonly api = inject(NotificationsApi);
  private readonly i18n = inject(I18nService);
  private readonly badge = inject(UnreadNotifications);
  private readonly auth = inject(AuthService);

  protected readonly paths = APP_PATHS;
  /**
   * A notification links to what it is about only when the role may open it: a unit's members
   * all get its reminders, but coordinators, administrators and auditors open no case or
   * meeting (D1), and the page would send them back to their start page.
   */
  protected readonly canOpenCases = computed(() => this.auth.can(Permission.CaseRead));
  protected readonly canOpenAgreements = computed(() => this.auth.can(Permission.AgreementRead));
  protected readonly pageSizes = [10, DEFAULT_PAGE_SIZE, 50];

  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(DEFAULT_PAGE_SIZE);
  protected readonly state = signal<ListState>({ kind: 'loading' });
  protected readonly page = computed(() => loadedPage(this.state()));
  protected readonly errorKey = computed(() => failureKey(this.state()));
  /**
   * What the live region says: the list's summary after loading, or what was just done. Kept as
   * a function of the language so that switching language re-reads it (no Swedish left over).
   */
  protected readonly status = signal<() => string>(() => '');
  protected readonly busy = signal(false);

  private readonly reload$ = new Subject<void>();

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.reload$
      .pipe(
        startWith(undefined),
        switchMap(() =>
          this.api
            .list({ page: this.pageIndex() + 1, pageSize: this.pageSize() })
            .pipe(listStateOf),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.kind !== 'loaded') return;
        this.badge.set(state.page.unread);
        this.status.set(() => this.summary(state.page));
      });

    // The bell refreshes on navigation and every minute: a new count means new notifications.
    effect(() => {
      const unread = this.badge.unread();
      untracked(() => {
        const page = this.page();
        if (page && unread !== null && unread !== page.unread) this.reload$.next();
      });
    });
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageSize !== this.pageSize() ? 0 : event.pageIndex);
    this.pageSize.set(event.pageSize);
    this.state.set({ kind: 'loading' });
    this.reload$.next();
  }

  protected retry(): void {
    this.state.set({ kind: 'loading' });
    this.reload$.next();
  }

  protected kindText(notification: NotificationDto): string {
    return this.i18n.label('reminderKind', notification.kind);
  }

  protected async markRead(notification: NotificationDto): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      const updated = await firstValueFrom(this.api.markRead(notification.id));
      this.state.update((state) => {
        if (state.kind !== 'loaded') return state;
        const items = state.page.items.map((n) => (n.id === updated.id ? updated : n));
        const unread = Math.max(0, state.page.unread - (notification.readAt ? 0 : 1));
        return { kind: 'loaded', page: { ...state.page, items, unread } };
      });
      const page = this.page();
      if (page) this.badge.set(page.unread);
      this.status.set(() => this.i18n.t('notifications.markedRead'));
    } catch (error: unknown) {
      this.status.set(() => this.i18n.t(errorMessageKey(error)));
    } finally {
      this.busy.set(false);
    }
  }

  protected async markAllRead(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      const { unread } = await firstValueFrom(this.api.markAllRead());
      const readAt = new Date().toISOString();
      this.state.update((state) => {
        if (state.kind !== 'loaded') return state;
        const items = state.page.items.map((n) => (n.readAt ? n : { ...n, readAt }));
        return { kind: 'loaded', page: { ...state.page, items, unread } };
      });
      this.badge.set(unread);
      this.status.set(() => this.i18n.t('notifications.markedAllRead'));
    } catch (error: unknown) {
      this.status.set(() => this.i18n.t(errorMessageKey(error)));
    } finally {
      this.busy.set(false);
    }
  }

  private summary(page: NotificationPageDto): string {
    return page.total === 0
      ? this.i18n.t('notifications.emptyTitle')
      : this.i18n.t('notifications.unreadSummary', {
          total: this.i18n.t('notifications.total', { count: page.total }),
          unread: this.i18n.t('notifications.unreadCount', { count: page.unread }),
        });
  }
}
