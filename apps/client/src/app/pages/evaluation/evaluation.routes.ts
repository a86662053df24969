import type { Routes } from '@angular/router';
import { provideMaterialIntl } from '../../core/i18n/material-intl';
import type { TranslationKey } from '../../core/i18n/sv';
import { EvaluationPage } from './evaluation.page';

/** `/utvardering` (evaluation:export, checked by the parent route). */
export const EVALUATION_ROUTES: Routes = [
  {
    path: '',
    providers: provideMaterialIntl(),
    component: EvaluationPage,
    title: 'evaluation.title' satisfies TranslationKey,
  },
];
