import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse, type HttpHandlerFn, HttpRequest } from '@angular/common/http';
import { Injector, runInInjectionContext } from '@angular/core';
import { Router } from '@angular/router';
import type { MeDto } from '@samsyn/common';
import { firstValueFrom, of, throwError } from 'rxjs';
import { AuthApi } from '../api/auth-api.service';
import { SecondFactorApi } from '../api/second-factor-api.service';
import { I18nService } from '../i18n/i18n.service';
import { AuthService } from './auth.service';
import { sessionExpiredInterceptor } from './session-expired.interceptor';

const ME = { id: 'u1', username: 'social.orebro', permissions: [] } as unknown as MeDto;
const failure = (status: number) => new HttpErrorResponse({ status, url: '/api/v1/me' });

function authWith(me: jest.Mock): AuthService {
  const injector = Injector.create({
    providers: [
      { provide: AuthApi, useValue: { me } },
      { provide: SecondFactorApi, useValue: {} },
      { provide: I18nService, useValue: { setLocale: jest.fn() } },
      { provide: DOCUMENT, useValue: {} },
    ],
  });
  return runInInjectionContext(injector, () => new AuthService());
}

describe('AuthService.restoreSession', () => {
  it('takes a 401 as "no session" and does not ask again', async () => {
    const me = jest.fn(() => throwError(() => failure(401)));
    const auth = authWith(me);
    expect(await auth.restoreSession()).toBeNull();
    expect(await auth.restoreSession()).toBeNull();
    expect(me).toHaveBeenCalledTimes(1);
    expect(auth.signedOutReason()).toBeNull();
  });

  it('does not take a 503 for a signed-out user: it says so and asks again next time', async () => {
    const me = jest
      .fn()
      .mockReturnValueOnce(throwError(() => failure(503)))
      .mockReturnValueOnce(of(ME));
    const auth = authWith(me);
    expect(await auth.restoreSession()).toBeNull();
    expect(auth.signedOutReason()).toBe('unavailable');
    // The database is back: the same session is found, no new sign-in.
    expect(await auth.restoreSession()).toBe(ME);
    expect(auth.signedIn()).toBe(true);
    expect(auth.signedOutReason()).toBeNull();
    expect(me).toHaveBeenCalledTimes(2);
  });
});

describe('sessionExpiredInterceptor', () => {
  function intercept(status: number) {
    const auth = { sessionEnded: jest.fn() };
    const router = { navigate: jest.fn(() => Promise.resolve(true)) };
    const injector = Injector.create({
      providers: [
        { provide: AuthService, useValue: auth },
        { provide: Router, useValue: router },
      ],
    });
    const next: HttpHandlerFn = () => throwError(() => failure(status));
    const request = new HttpRequest('GET', '/api/v1/cases');
    const answer = runInInjectionContext(injector, () => sessionExpiredInterceptor(request, next));
    return { auth, router, answer: firstValueFrom(answer) };
  }

  it('keeps the user signed in on a 503 and passes the error on to the page', async () => {
    const { auth, router, answer } = intercept(503);
    await expect(answer).rejects.toMatchObject({ status: 503 });
    expect(auth.sessionEnded).not.toHaveBeenCalled();
    expect(router.navigate).not.toHaveBeenCalled();
  });

  it('signs the user out on a 401', async () => {
    const { auth, answer } = intercept(401);
    await expect(answer).rejects.toMatchObject({ status: 401 });
    expect(auth.sessionEnded).toHaveBeenCalledWith('sessionExpired');
  });
});
