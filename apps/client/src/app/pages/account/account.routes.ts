import type { Routes } from '@angular/router';
import type { TranslationKey } from '../../core/i18n/sv';
import { AccountPage } from './account.page';

/** `/konto`: every signed-in user's own account (the parent route checks the session). */
export const ACCOUNT_ROUTES: Routes = [
  { path: '', component: AccountPage, title: 'account.title' satisfies TranslationKey },
];
