import type { Routes } from '@angular/router';
import { APP_PATHS } from '../../core/app-paths';
import { provideMaterialIntl } from '../../core/i18n/material-intl';
import type { TranslationKey } from '../../core/i18n/sv';
import { AccessExtractPage } from './access-extract.page';
import { CaseLogPage } from './case-log.page';
import { ReviewPage } from './review.page';

export const AUDIT_ROUTES: Routes = [
  {
    path: '',
    providers: provideMaterialIntl(),
    children: [
      { path: '', component: ReviewPage, title: 'review.title' satisfies TranslationKey },
      {
        path: APP_PATHS.accessExtract,
        component: AccessExtractPage,
        title: 'extract.title' satisfies TranslationKey,
      },
      {
        path: `${APP_PATHS.caseLog}/:id`,
        component: CaseLogPage,
        title: 'audit.caseLogPageTitle' satisfies TranslationKey,
      },
    ],
  },
];
