import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { Permission } from '@samsyn/common';
import { APP_PATHS } from '../app-paths';
import { AuthService } from './auth.service';

/** The second factor's page, where a session that must enrol one is sent (issue 16). */
export const SECOND_FACTOR_PAGE = ['/', APP_PATHS.account, APP_PATHS.secondFactor];

/**
 * Pages behind sign-in: without a session the user is sent to the sign-in page; a session that
 * may only enrol a second factor, to the enrolment page.
 */
export const signedInGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!(await auth.restoreSession())) return router.createUrlTree(['/', APP_PATHS.signIn]);
  return auth.mustEnrolSecondFactor() ? router.createUrlTree(SECOND_FACTOR_PAGE) : true;
};

/** The enrolment page itself: any signed-in session, limited or not. */
export const enrolmentGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return (await auth.restoreSession()) ? true : router.createUrlTree(['/', APP_PATHS.signIn]);
};

/** The sign-in page: a user who is already signed in goes straight to their start page. */
export const signedOutGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!(await auth.restoreSession())) return true;
  if (auth.mustEnrolSecondFactor()) return router.createUrlTree(SECOND_FACTOR_PAGE);
  return router.createUrlTree(['/', ...homePath(auth)]);
};

/**
 * `/`: case workers start on their cases, log reviewers on the review page, system
 * administrators on the organisations, organisation administrators on their users.
 */
export const homeGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!(await auth.restoreSession())) return router.createUrlTree(['/', APP_PATHS.signIn]);
  if (auth.mustEnrolSecondFactor()) return router.createUrlTree(SECOND_FACTOR_PAGE);
  return router.createUrlTree(['/', ...homePath(auth)]);
};

/**
 * A page for users whose roles grant the permission (after `signedInGuard`); others go to their
 * start page. The API refuses them anyway: this only keeps them from a page that cannot work.
 */
export function permissionGuard(permission: Permission): CanActivateFn {
  return async () => {
    const auth = inject(AuthService);
    const router = inject(Router);
    if (!(await auth.restoreSession())) return router.createUrlTree(['/', APP_PATHS.signIn]);
    if (auth.mustEnrolSecondFactor()) return router.createUrlTree(SECOND_FACTOR_PAGE);
    return auth.can(permission) ? true : router.createUrlTree(['/', ...homePath(auth)]);
  };
}

/** Like permissionGuard, for a page that any one of the permissions opens. */
export function anyPermissionGuard(...permissions: Permission[]): CanActivateFn {
  return async () => {
    const auth = inject(AuthService);
    const router = inject(Router);
    if (!(await auth.restoreSession())) return router.createUrlTree(['/', APP_PATHS.signIn]);
    return permissions.some((p) => auth.can(p))
      ? true
      : router.createUrlTree(['/', ...homePath(auth)]);
  };
}

/** The start page's path segments. */
function homePath(auth: AuthService): string[] {
  if (auth.can(Permission.CaseRead)) return [APP_PATHS.cases];
  if (auth.can(Permission.AuditReview)) return [APP_PATHS.review];
  if (auth.can(Permission.OrganisationManage))
    return [APP_PATHS.administration, APP_PATHS.organisations];
  if (auth.can(Permission.OrganisationAdmin)) return [APP_PATHS.administration, APP_PATHS.users];
  return [APP_PATHS.cases];
}
