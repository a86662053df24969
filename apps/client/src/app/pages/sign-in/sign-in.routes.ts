import type { Routes } from '@angular/router';
import type { TranslationKey } from '../../core/i18n/sv';
import { SignInPage } from './sign-in.page';

export const SIGN_IN_ROUTES: Routes = [
  { path: '', component: SignInPage, title: 'signIn.title' satisfies TranslationKey },
];
