import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { APP_PATHS } from '../app-paths';
import { AuthService } from './auth.service';

/** Pages behind sign-in: without a session the user is sent to the sign-in page. */
export const signedInGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return (await auth.restoreSession()) ? true : router.createUrlTree(['/', APP_PATHS.signIn]);
};

/** The sign-in page: a user who is already signed in goes straight to their cases. */
export const signedOutGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return (await auth.restoreSession()) ? router.createUrlTree(['/', APP_PATHS.cases]) : true;
};
