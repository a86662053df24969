import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { API_PATHS, isApiUrl } from '../api/api-paths';
import { APP_PATHS } from '../app-paths';
import { AuthService } from './auth.service';

/** 401 from these is an expected answer ("no session", "wrong password"), not an expiry. */
const EXPECTS_401 = new Set<string>([API_PATHS.me, API_PATHS.login]);

/** Sends the user to the sign-in page when the API says the session is gone. */
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
      }
      return throwError(() => error);
    }),
  );
};
