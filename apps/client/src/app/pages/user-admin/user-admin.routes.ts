import type { Routes } from '@angular/router';
import { APP_PATHS } from '../../core/app-paths';
import { provideMaterialIntl } from '../../core/i18n/material-intl';
import type { TranslationKey } from '../../core/i18n/sv';
import { NewUserPage } from './new-user.page';
import { UserPage } from './user.page';
import { UsersPage } from './users.page';

/** `/administration/anvandare` (organisation:admin or organisation:manage, checked by the parent route). */
export const USER_ADMIN_ROUTES: Routes = [
  {
    path: '',
    providers: provideMaterialIntl(),
    children: [
      { path: '', component: UsersPage, title: 'userAdmin.title' satisfies TranslationKey },
      {
        path: APP_PATHS.newUser,
        component: NewUserPage,
        title: 'userAdmin.create.title' satisfies TranslationKey,
      },
      { path: ':id', component: UserPage, title: 'userAdmin.detailTitle' satisfies TranslationKey },
    ],
  },
];
