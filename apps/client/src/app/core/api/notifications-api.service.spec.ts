import { HttpClient } from '@angular/common/http';
import { Injector, runInInjectionContext } from '@angular/core';
import { EmailMode } from '@samsyn/common';
import { Subject, of, throwError } from 'rxjs';
import { UnreadNotifications } from '../notifications/unread-notifications';
import { NotificationsApi } from './notifications-api.service';

function fakeHttp() {
  const answer = () => of({});
  return { get: jest.fn(answer), post: jest.fn(answer), put: jest.fn(answer) };
}

function create<T>(
  type: new () => T,
  providers: Parameters<typeof Injector.create>[0]['providers'],
): T {
  const injector = Injector.create({ providers });
  return runInInjectionContext(injector, () => new type());
}

describe('NotificationsApi', () => {
  let http: ReturnType<typeof fakeHttp>;
  let api: NotificationsApi;

  beforeEach(() => {
    http = fakeHttp();
    api = create(NotificationsApi, [{ provide: HttpClient, useValue: http }]);
  });

  it('lists one page and reads the unread count', () => {
    api.list({ page: 2, pageSize: 10 }).subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/notifications', {
      params: { page: '2', pageSize: '10' },
    });
    api.unreadCount().subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/notifications/unread-count');
  });

  it('marks one or all notifications read', () => {
    api.markRead('n/1').subscribe();
    expect(http.post).toHaveBeenCalledWith('/api/v1/notifications/n%2F1/read', {});
    api.markAllRead().subscribe();
    expect(http.post).toHaveBeenCalledWith('/api/v1/notifications/read-all', {});
  });

  it('reads and changes the e-mail preference', () => {
    api.preferences().subscribe();
    expect(http.get).toHaveBeenCalledWith('/api/v1/me/notification-preferences');
    api.setPreferences(EmailMode.Digest).subscribe();
    expect(http.put).toHaveBeenCalledWith('/api/v1/me/notification-preferences', {
      emailMode: 'digest',
    });
  });
});

describe('UnreadNotifications', () => {
  it('is unknown until asked, then holds what the API answered', async () => {
    const api = { unreadCount: jest.fn(() => of({ unread: 3 })) };
    const state = create(UnreadNotifications, [{ provide: NotificationsApi, useValue: api }]);
    expect(state.unread()).toBeNull();
    await state.refresh();
    expect(state.unread()).toBe(3);
    state.set(-1);
    expect(state.unread()).toBe(0);
    state.clear();
    expect(state.unread()).toBeNull();
  });

  it('shares a refresh under way and keeps the last count when one fails', async () => {
    const answer = new Subject<{ unread: number }>();
    const api = { unreadCount: jest.fn(() => answer) };
    const state = create(UnreadNotifications, [{ provide: NotificationsApi, useValue: api }]);
    const first = state.refresh();
    const second = state.refresh();
    expect(second).toBe(first);
    answer.next({ unread: 2 });
    answer.complete();
    await first;
    expect(api.unreadCount).toHaveBeenCalledTimes(1);
    expect(state.unread()).toBe(2);

    api.unreadCount.mockReturnValue(throwError(() => new Error('offline')) as never);
    await state.refresh();
    expect(state.unread()).toBe(2);
  });
});
