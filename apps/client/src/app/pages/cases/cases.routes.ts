import type { Routes } from '@angular/router';
import type { TranslationKey } from '../../core/i18n/sv';
import { CasesPage } from './cases.page';

export const CASES_ROUTES: Routes = [
  { path: '', component: CasesPage, title: 'cases.title' satisfies TranslationKey },
];
