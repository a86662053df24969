import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { ErrorCode } from '@samsyn/common';
import { API_PATHS, isApiUrl } from '../api/api-paths';
import { problemOf } from '../api/problem';
import { SECOND_FACTOR_PATHS } from '../api/second-factor-api.service';
import { APP_PATHS } from '../app-paths';
import { SECOND_FACTOR_PAGE } from './auth.guards';
import { AuthService } from './auth.service';

/** 401 from these is an expected answer ("no session", "wrong password"), not an expiry. */
const EXPECTS_401 = new Set<string>([API_PATHS.me, API_PATHS.login, SECOND_FACTOR_PATHS.signIn]);

/**
 * Sends the user to the sign-in page when the API says the session is gone, and to the
 * enrolment page when it says the session may only enrol a second factor (issue 16). Any other
 * failure — a 503 while the database restarts included — leaves the session alone: the page
 * shows the translated problem ("try again in a moment").
 */
export const sessionExpiredInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        isApiUrl(req.url) &&
        !EXPECTS_401.has(req.url)
      ) {
        auth.sessionEnded('sessionExpired');
        void router.navigate(['/', APP_PATHS.signIn]);
      } else if (
        error instanceof HttpErrorResponse &&
        error.status === 403 &&
        problemOf(error)?.code === ErrorCode.SecondFactorEnrolmentRequired
      ) {
        void router.navigate(SECOND_FACTOR_PAGE);
      }
      return throwError(() => error);
    }),
  );
};
