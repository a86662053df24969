import type { Routes } from '@angular/router';
import { APP_PATHS } from './core/app-paths';
import { signedInGuard, signedOutGuard } from './core/auth/auth.guards';
import { Shell } from './core/layout/shell';

export const APP_ROUTES: Routes = [
  {
    path: '',
    component: Shell,
    children: [
      { path: '', pathMatch: 'full', redirectTo: APP_PATHS.cases },
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
    ],
  },
  { path: '**', redirectTo: '' },
];
