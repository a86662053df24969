import type { Routes } from '@angular/router';
import { Permission } from '@samsyn/common';
import { APP_PATHS } from '../../core/app-paths';
import { permissionGuard } from '../../core/auth/auth.guards';
import { provideMaterialIntl } from '../../core/i18n/material-intl';
import type { TranslationKey } from '../../core/i18n/sv';
import { BoardPage } from './board.page';
import { TryggaHemFiguresPage } from './figures.page';
import { CoordinatorGroupPage } from './group.page';
import { CoordinatorGroupsPage } from './groups.page';
import { MeetingPage } from './meeting.page';

/** `/koordinatorsgrupp/...`: groups, a group, its board and meetings (issue 6). */
export const COORDINATOR_GROUP_ROUTES: Routes = [
  {
    path: '',
    providers: provideMaterialIntl(),
    canActivate: [permissionGuard(Permission.OrganisationRead)],
    children: [
      {
        path: '',
        component: CoordinatorGroupsPage,
        title: 'th.groups.title' satisfies TranslationKey,
      },
      {
        path: `${APP_PATHS.meeting}/:meetingId`,
        component: MeetingPage,
        canActivate: [permissionGuard(Permission.CaseRead)],
        title: 'th.meeting.title' satisfies TranslationKey,
      },
      {
        path: ':groupId',
        component: CoordinatorGroupPage,
        title: 'th.group.title' satisfies TranslationKey,
      },
      {
        path: `:groupId/${APP_PATHS.board}`,
        component: BoardPage,
        canActivate: [permissionGuard(Permission.CaseRead)],
        title: 'th.board.title' satisfies TranslationKey,
      },
    ],
  },
];

/** `/trygga-hem-statistik`: the figures (statistics:read). */
export const TRYGGA_HEM_FIGURES_ROUTES: Routes = [
  {
    path: '',
    providers: provideMaterialIntl(),
    component: TryggaHemFiguresPage,
    title: 'th.figures.title' satisfies TranslationKey,
  },
];
