import type { Routes } from '@angular/router';
import { Permission } from '@samsyn/common';
import { APP_PATHS } from '../../core/app-paths';
import { permissionGuard } from '../../core/auth/auth.guards';
import { provideMaterialIntl } from '../../core/i18n/material-intl';
import type { TranslationKey } from '../../core/i18n/sv';
import { AgreementFormPage } from './agreement-form.page';
import { AgreementPage } from './agreement.page';
import { AgreementsPage } from './agreements.page';

export const AGREEMENTS_ROUTES: Routes = [
  {
    path: '',
    providers: provideMaterialIntl(),
    children: [
      { path: '', component: AgreementsPage, title: 'agreements.title' satisfies TranslationKey },
      {
        path: APP_PATHS.newAgreement,
        component: AgreementFormPage,
        canActivate: [permissionGuard(Permission.AgreementManage)],
        title: 'agreementForm.title' satisfies TranslationKey,
      },
      {
        path: ':id',
        component: AgreementPage,
        title: 'agreementPage.title' satisfies TranslationKey,
      },
      {
        path: `:id/${APP_PATHS.editAgreement}`,
        component: AgreementFormPage,
        canActivate: [permissionGuard(Permission.AgreementManage)],
        title: 'agreementForm.editTitle' satisfies TranslationKey,
      },
    ],
  },
];
