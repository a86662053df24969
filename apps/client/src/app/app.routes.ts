import type { Routes } from '@angular/router';
import { Permission } from '@samsyn/common';
import { APP_PATHS } from './core/app-paths';
import {
  enrolmentGuard,
  anyPermissionGuard,
  homeGuard,
  permissionGuard,
  signedInGuard,
  signedOutGuard,
} from './core/auth/auth.guards';
import { Shell } from './core/layout/shell';

export const APP_ROUTES: Routes = [
  {
    path: '',
    component: Shell,
    children: [
      // The guard always redirects: case workers to their cases, log reviewers to review.
      { path: '', pathMatch: 'full', canActivate: [homeGuard], children: [] },
      {
        // The API's redirect after a refused sign-in through an identity provider (issue 16).
        path: `${APP_PATHS.signIn}/${APP_PATHS.signInRefused}`,
        loadComponent: () =>
          import('./pages/sign-in/sign-in-refused.page').then((m) => m.SignInRefusedPage),
        title: 'oidc.refusedTitle',
      },
      {
        path: APP_PATHS.signIn,
        canActivate: [signedOutGuard],
        loadChildren: () => import('./pages/sign-in/sign-in.routes').then((m) => m.SIGN_IN_ROUTES),
      },
      {
        path: APP_PATHS.cases,
        canActivate: [signedInGuard],
        loadChildren: () => import('./pages/cases/cases.routes').then((m) => m.CASES_ROUTES),
      },
      {
        path: APP_PATHS.review,
        canActivate: [signedInGuard, permissionGuard(Permission.AuditReview)],
        loadChildren: () => import('./pages/audit/audit.routes').then((m) => m.AUDIT_ROUTES),
      },
      {
        path: APP_PATHS.agreements,
        canActivate: [signedInGuard, permissionGuard(Permission.AgreementRead)],
        loadChildren: () =>
          import('./pages/agreements/agreements.routes').then((m) => m.AGREEMENTS_ROUTES),
      },
      {
        path: APP_PATHS.sip,
        canActivate: [signedInGuard, permissionGuard(Permission.CaseRead)],
        loadChildren: () => import('./pages/sip/sip.routes').then((m) => m.SIP_ROUTES),
      },
      {
        path: APP_PATHS.notifications,
        canActivate: [signedInGuard, permissionGuard(Permission.NotificationRead)],
        loadChildren: () =>
          import('./pages/notifications/notifications.routes').then((m) => m.NOTIFICATIONS_ROUTES),
      },
      {
        path: APP_PATHS.coordinatorGroups,
        canActivate: [signedInGuard],
        loadChildren: () =>
          import('./pages/trygga-hem/trygga-hem.routes').then((m) => m.COORDINATOR_GROUP_ROUTES),
      },
      {
        path: APP_PATHS.tryggaHemFigures,
        canActivate: [signedInGuard, permissionGuard(Permission.StatisticsRead)],
        loadChildren: () =>
          import('./pages/trygga-hem/trygga-hem.routes').then((m) => m.TRYGGA_HEM_FIGURES_ROUTES),
      },
      {
        path: APP_PATHS.helpText,
        canActivate: [signedInGuard, permissionGuard(Permission.OrganisationAdmin)],
        loadComponent: () =>
          import('./pages/organisation/help-text.page').then((m) => m.HelpTextPage),
        title: 'helpText.title',
      },
      {
        path: APP_PATHS.statistics,
        canActivate: [signedInGuard, permissionGuard(Permission.StatisticsRead)],
        loadChildren: () =>
          import('./pages/statistics/statistics.routes').then((m) => m.STATISTICS_ROUTES),
      },
      {
        path: APP_PATHS.gallring,
        canActivate: [signedInGuard, permissionGuard(Permission.GallringRead)],
        loadChildren: () =>
          import('./pages/gallring/gallring.routes').then((m) => m.GALLRING_ROUTES),
      },
      {
        path: APP_PATHS.evaluation,
        canActivate: [signedInGuard, permissionGuard(Permission.EvaluationExport)],
        loadChildren: () =>
          import('./pages/evaluation/evaluation.routes').then((m) => m.EVALUATION_ROUTES),
      },
      {
        // The second factor (issue 16); open to a session that may only enrol one.
        path: `${APP_PATHS.account}/${APP_PATHS.secondFactor}`,
        canActivate: [enrolmentGuard],
        loadChildren: () =>
          import('./pages/second-factor/second-factor.routes').then((m) => m.SECOND_FACTOR_ROUTES),
      },
      {
        // Every role's own account (issue 16): a session is all it needs.
        path: APP_PATHS.account,
        canActivate: [signedInGuard],
        loadChildren: () => import('./pages/account/account.routes').then((m) => m.ACCOUNT_ROUTES),
      },
      {
        path: `${APP_PATHS.administration}/${APP_PATHS.organisations}`,
        canActivate: [signedInGuard, permissionGuard(Permission.OrganisationManage)],
        loadChildren: () =>
          import('./pages/organisation-admin/organisation-admin.routes').then(
            (m) => m.ORGANISATION_ADMIN_ROUTES,
          ),
      },
      {
        path: `${APP_PATHS.administration}/${APP_PATHS.users}`,
        canActivate: [
          signedInGuard,
          anyPermissionGuard(Permission.OrganisationAdmin, Permission.OrganisationManage),
        ],
        loadChildren: () =>
          import('./pages/user-admin/user-admin.routes').then((m) => m.USER_ADMIN_ROUTES),
      },
      {
        // Public: the holder of a one-time code has no session yet.
        path: `${APP_PATHS.setPassword}/:code`,
        loadComponent: () =>
          import('./pages/user-admin/set-password.page').then((m) => m.SetPasswordPage),
        title: 'setPassword.title',
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
