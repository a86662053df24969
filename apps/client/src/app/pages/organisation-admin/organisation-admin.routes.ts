import type { Routes } from '@angular/router';
import { APP_PATHS } from '../../core/app-paths';
import { provideMaterialIntl } from '../../core/i18n/material-intl';
import type { TranslationKey } from '../../core/i18n/sv';
import { NewOrganisationPage } from './new-organisation.page';
import { OrganisationPage } from './organisation.page';
import { OrganisationsPage } from './organisations.page';

/** `/administration/organisationer` (organisation:manage, checked by the parent route). */
export const ORGANISATION_ADMIN_ROUTES: Routes = [
  {
    path: '',
    providers: provideMaterialIntl(),
    children: [
      { path: '', component: OrganisationsPage, title: 'orgAdmin.title' satisfies TranslationKey },
      {
        path: APP_PATHS.newOrganisation,
        component: NewOrganisationPage,
        title: 'orgAdmin.create.title' satisfies TranslationKey,
      },
      {
        path: ':id',
        component: OrganisationPage,
        title: 'orgAdmin.detailTitle' satisfies TranslationKey,
      },
    ],
  },
];
