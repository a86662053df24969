import type { Routes } from '@angular/router';
import { provideMaterialIntl } from '../../core/i18n/material-intl';
import type { TranslationKey } from '../../core/i18n/sv';
import { GallringPage } from './gallring.page';

/** `/gallring` (gallring:read, checked by the parent route). */
export const GALLRING_ROUTES: Routes = [
  {
    path: '',
    providers: provideMaterialIntl(),
    component: GallringPage,
    title: 'gallring.title' satisfies TranslationKey,
  },
];
