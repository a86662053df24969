import type { Routes } from '@angular/router';
import { provideMaterialIntl } from '../../core/i18n/material-intl';
import type { TranslationKey } from '../../core/i18n/sv';
import { NotificationsPage } from './notifications.page';

export const NOTIFICATIONS_ROUTES: Routes = [
  {
    path: '',
    providers: provideMaterialIntl(),
    component: NotificationsPage,
    title: 'notifications.title' satisfies TranslationKey,
  },
];
