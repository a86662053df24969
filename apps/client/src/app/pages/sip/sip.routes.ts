import type { Routes } from '@angular/router';
import { APP_PATHS } from '../../core/app-paths';
import { provideMaterialIntl } from '../../core/i18n/material-intl';
import type { TranslationKey } from '../../core/i18n/sv';
import { SipInvitationsPage } from './sip-invitations.page';
import { SipMeetingPage } from './sip-meeting.page';
import { SipPlanPage } from './sip-plan.page';

/** SIP pages outside the case page: the invitation inbox, a meeting and a plan version. */
export const SIP_ROUTES: Routes = [
  {
    path: '',
    providers: provideMaterialIntl(),
    children: [
      { path: '', pathMatch: 'full', redirectTo: APP_PATHS.sipInvitations },
      {
        path: APP_PATHS.sipInvitations,
        component: SipInvitationsPage,
        title: 'sip.inbox.title' satisfies TranslationKey,
      },
      {
        path: `${APP_PATHS.sipMeetings}/:id`,
        component: SipMeetingPage,
        title: 'sip.meeting.title' satisfies TranslationKey,
      },
      {
        path: `${APP_PATHS.sipPlans}/:id`,
        component: SipPlanPage,
        title: 'sip.plan.title' satisfies TranslationKey,
      },
    ],
  },
];
