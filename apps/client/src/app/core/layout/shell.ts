import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { Permission } from '@samsyn/common';
import { filter, interval, merge, skip } from 'rxjs';
import { QUEUE_DASHBOARD_URL } from '../api/api-paths';
import { APP_PATHS } from '../app-paths';
import { SECOND_FACTOR_PAGE } from '../auth/auth.guards';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import type { TranslationKey } from '../i18n/sv';
import { UnreadNotifications } from '../notifications/unread-notifications';
import { TranslatePipe } from '../i18n/translate.pipe';
import { LanguageSwitch } from './language-switch';

/** How often the bell asks for the unread count besides on every navigation. */
const UNREAD_REFRESH_MS = 60_000;

/**
 * The page frame: skip link, top bar (product, navigation, notifications bell, language, user
 * menu) and the main landmark that every page renders into.
 */
/** The menu entries (and the notifications bell) a page can belong to. */
type Section =
  | 'cases'
  | 'newCase'
  | 'review'
  | 'notifications'
  | 'agreements'
  | 'sip'
  | 'groups'
  | 'figures'
  | 'statistics'
  | 'helpText'
  | 'gallring'
  | 'evaluation'
  | 'organisations'
  | 'users';

@Component({
  selector: 'app-shell',
  imports: [
    MatButtonModule,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    RouterLink,
    RouterOutlet,
    TranslatePipe,
    LanguageSwitch,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18nService);
  private readonly unreadNotifications = inject(UnreadNotifications);

  protected readonly me = this.auth.me;
  /** A session that may only enrol a second factor is offered nothing else (issue 16). */
  private readonly may = (permission: Permission): boolean =>
    !this.auth.mustEnrolSecondFactor() && this.auth.can(permission);
  protected readonly paths = APP_PATHS;
  /** The main menu: each entry with the permission check that shows it, in menu order. */
  protected readonly navItems = computed(() => {
    const can = (permission: Permission) => this.may(permission);
    const p = APP_PATHS;
    const items: { section: Section; label: TranslationKey; link: string[]; shown: boolean }[] = [
      {
        section: 'cases',
        label: 'nav.cases',
        link: ['/', p.cases],
        shown: can(Permission.CaseRead),
      },
      {
        section: 'newCase',
        label: 'nav.newCase',
        link: ['/', p.cases, p.newCase],
        shown: can(Permission.CaseCreate),
      },
      {
        section: 'agreements',
        label: 'nav.agreements',
        link: ['/', p.agreements],
        shown: can(Permission.AgreementRead),
      },
      {
        section: 'sip',
        label: 'nav.sipInvitations',
        link: ['/', p.sip, p.sipInvitations],
        shown: can(Permission.CaseRead),
      },
      {
        section: 'review',
        label: 'nav.review',
        link: ['/', p.review],
        shown: can(Permission.AuditReview),
      },
      {
        // Members' case work or group management: the koordinatorsgrupp pages (issue 6).
        section: 'groups',
        label: 'nav.coordinatorGroups',
        link: ['/', p.coordinatorGroups],
        shown:
          can(Permission.OrganisationRead) &&
          (can(Permission.CaseRead) || can(Permission.CoordinatorGroupManage)),
      },
      {
        // The agreements' indicators as charts and tables (issue 17).
        section: 'statistics',
        label: 'nav.statistics',
        link: ['/', p.statistics],
        shown: can(Permission.StatisticsRead),
      },
      {
        section: 'figures',
        label: 'nav.tryggaHemFigures',
        link: ['/', p.tryggaHemFigures],
        shown: can(Permission.StatisticsRead),
      },
      {
        // The evaluation export (D6, issue 17 §5).
        section: 'evaluation',
        label: 'nav.evaluation',
        link: ['/', p.evaluation],
        shown: can(Permission.EvaluationExport),
      },
      {
        // An org_admin's where-to-get-help text (D13, issue 15).
        section: 'helpText',
        label: 'nav.helpText',
        link: ['/', p.helpText],
        shown: can(Permission.OrganisationAdmin),
      },
      {
        // Retention rules, clearing runs and legal holds (D22, issue 17).
        section: 'gallring',
        label: 'nav.gallring',
        link: ['/', p.gallring],
        shown: can(Permission.GallringRead),
      },
      {
        // The system administrator's organisations and units (issue 16).
        section: 'organisations',
        label: 'nav.organisations',
        link: ['/', p.administration, p.organisations],
        shown: can(Permission.OrganisationManage),
      },
      {
        // Users: an org_admin's own organisation, a system_admin's every one (issue 16).
        section: 'users',
        label: 'nav.users',
        link: ['/', p.administration, p.users],
        shown: can(Permission.OrganisationAdmin) || can(Permission.OrganisationManage),
      },
    ];
    return items.filter((item) => item.shown);
  });
  protected readonly canReadNotifications = computed(() => this.may(Permission.NotificationRead));
  protected readonly canOperate = computed(() => this.may(Permission.SystemOperate));
  protected readonly queueDashboardUrl = QUEUE_DASHBOARD_URL;
  /** The user's second factor (issue 16), in the user menu. */
  protected readonly secondFactorPage = SECOND_FACTOR_PAGE;

  protected readonly unread = this.unreadNotifications.unread;
  /** The bell's accessible name: "Aviseringar, 3 olästa" (the count is also visible as text). */
  protected readonly bellLabel = computed(() => {
    const count = this.unread() ?? 0;
    if (count === 0) return this.i18n.t('notifications.bellNone');
    return this.i18n.t('notifications.bell', { count });
  });

  private readonly url = signal(this.router.url);
  /** Which menu entry is the current page ("Nytt ärende" lives below "Mina ärenden" in the URL). */
  protected readonly section = computed<Section | null>(() => {
    const path = this.url().split(/[?#]/)[0];
    const [first, second] = path.split('/').filter((part) => part !== '');
    if (first === APP_PATHS.cases) return second === APP_PATHS.newCase ? 'newCase' : 'cases';
    if (first === APP_PATHS.review) return 'review';
    if (first === APP_PATHS.sip) return 'sip';
    if (first === APP_PATHS.notifications) return 'notifications';
    if (first === APP_PATHS.agreements) return 'agreements';
    if (first === APP_PATHS.coordinatorGroups) return 'groups';
    if (first === APP_PATHS.tryggaHemFigures) return 'figures';
    if (first === APP_PATHS.statistics) return 'statistics';
    if (first === APP_PATHS.helpText) return 'helpText';
    if (first === APP_PATHS.gallring) return 'gallring';
    if (first === APP_PATHS.evaluation) return 'evaluation';
    if (first === APP_PATHS.administration && second === APP_PATHS.organisations)
      return 'organisations';
    if (first === APP_PATHS.administration && second === APP_PATHS.users) return 'users';
    return null;
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((event) => this.url.set(event.urlAfterRedirects));
    // After an in-app navigation, move focus to the new page's heading so screen-reader and
    // keyboard users start at the new content rather than at the link they used.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(() => afterNextRender(() => this.focusMain('h1'), { injector: this.injector }));
    // The bell's count: on every navigation and once a minute, for users who have notifications.
    merge(
      this.router.events.pipe(filter((event) => event instanceof NavigationEnd)),
      interval(UNREAD_REFRESH_MS),
    )
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => {
        if (this.canReadNotifications()) void this.unreadNotifications.refresh();
        else this.unreadNotifications.clear();
      });
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.focusMain();
  }

  protected async signOut(): Promise<void> {
    // Signed in through an identity provider: the browser goes on to end the session there.
    if (await this.auth.signOut()) return;
    await this.router.navigate(['/', APP_PATHS.signIn]);
  }

  private focusMain(selector?: string): void {
    const main = this.document.getElementById('main');
    const target = (selector && main?.querySelector<HTMLElement>(selector)) || main;
    target?.focus();
  }
}
