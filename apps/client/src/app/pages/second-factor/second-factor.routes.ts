import type { Routes } from '@angular/router';
import type { TranslationKey } from '../../core/i18n/sv';
import { SecondFactorPage } from './second-factor.page';

export const SECOND_FACTOR_ROUTES: Routes = [
  { path: '', component: SecondFactorPage, title: 'secondFactor.title' satisfies TranslationKey },
];
