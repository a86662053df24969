import type { Routes } from '@angular/router';
import { Permission } from '@samsyn/common';
import { APP_PATHS } from '../../core/app-paths';
import { permissionGuard } from '../../core/auth/auth.guards';
import { provideMaterialIntl } from '../../core/i18n/material-intl';
import type { TranslationKey } from '../../core/i18n/sv';
import { CasePage } from './case/case.page';
import { CasesPage } from './cases.page';
import { NewCasePage } from './new-case/new-case.page';

export const CASES_ROUTES: Routes = [
  {
    path: '',
    providers: provideMaterialIntl(),
    children: [
      { path: '', component: CasesPage, title: 'cases.title' satisfies TranslationKey },
      {
        path: APP_PATHS.newCase,
        component: NewCasePage,
        canActivate: [permissionGuard(Permission.CaseCreate)],
        title: 'wizard.title' satisfies TranslationKey,
      },
      {
        path: ':id',
        component: CasePage,
        canActivate: [permissionGuard(Permission.CaseRead)],
        title: 'casePage.title' satisfies TranslationKey,
      },
    ],
  },
];
