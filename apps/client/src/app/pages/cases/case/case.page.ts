import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { AccessBasis, Permission } from '@samsyn/common';
import { distinctUntilChanged, map } from 'rxjs';
import { APP_PATHS } from '../../../core/app-paths';
import { AuthService } from '../../../core/auth/auth.service';
import { LabelPipe, WhenPipe } from '../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../core/i18n/i18n.service';
import { labelKey } from '../../../core/i18n/labels';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ReferenceData } from '../../../core/reference/reference-data';
import { CaseAuditLog } from '../../audit/case-audit-log';
import { EmergencyAccessDialog } from '../shared/emergency-access-dialog';
import { CaseStore } from './case.store';
import { ConsentsTab } from './tabs/consents-tab';
import { JournalTab } from './tabs/journal-tab';
import { LinksTab } from './tabs/links-tab';
import { OverviewTab } from './tabs/overview-tab';
import { ParticipantsTab } from './tabs/participants-tab';
import { SipTab } from './tabs/sip-tab';
import { TeamTab } from './tabs/team-tab';
import { TryggaHemTab } from './tabs/trygga-hem-tab';
import { allows, CaseAction } from './case-actions';

/** The Trygga hem programme's code (libs/domain programmes.ts). */
const TRYGGA_HEM_CODE = 'TRYGGA_HEM';

/** Tab names in the URL (`?flik=journal`), so a tab can be linked to and survives a reload. */
const TABS = [
  'oversikt',
  'sip',
  'tryggahem',
  'deltagare',
  'team',
  'samtycke',
  'journal',
  'lankade',
  'logg',
] as const;
type Tab = (typeof TABS)[number];

/** One case: overview, participants, team, consent, journal, linked cases and (for auditors) log. */
@Component({
  selector: 'app-case-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatTabsModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    OverviewTab,
    ParticipantsTab,
    TeamTab,
    ConsentsTab,
    JournalTab,
    LinksTab,
    CaseAuditLog,
    SipTab,
    TryggaHemTab,
  ],
  providers: [CaseStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case.page.html',
  styleUrl: './case.page.scss',
})
export class CasePage {
  protected readonly store = inject(CaseStore);
  private readonly auth = inject(AuthService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly reference = inject(ReferenceData);

  protected readonly paths = APP_PATHS;
  protected readonly caseId = signal('');
  protected readonly caseDto = this.store.caseDto;
  /** Offered when the server's 403 says the caller may ask for it (issue 15). */
  protected readonly canRequestEmergency = computed(() => {
    const state = this.store.state();
    return state.kind === 'forbidden' && allows(state, CaseAction.EmergencyAccessRequest);
  });
  protected readonly canReadLog = computed(() => this.auth.can(Permission.AuditReview));
  /** Trygga hem cases get their koordinatorsgrupp tab (issue 6). */
  protected readonly isTryggaHem = computed(() => this.caseDto()?.programme === TRYGGA_HEM_CODE);
  protected readonly tabs = computed<Tab[]>(() =>
    TABS.filter(
      (tab) =>
        (tab !== 'logg' || this.canReadLog()) &&
        (tab !== 'sip' || this.caseDto()?.programme === 'SIP') &&
        (tab !== 'tryggahem' || this.isTryggaHem()),
    ),
  );
  protected readonly tab = signal<Tab>('oversikt');
  protected readonly tabIndex = computed(() => Math.max(0, this.tabs().indexOf(this.tab())));
  /** Nödåtkomst in force: the banner says until when. */
  protected readonly emergencyUntil = computed(() => {
    const access = this.caseDto()?.access;
    return access?.basis === AccessBasis.Emergency ? access.emergencyUntil : null;
  });

  /** Why the caller has no access, as the policy said, or a general explanation. */
  protected readonly denialText = computed(() => {
    const state = this.store.state();
    const key =
      state.kind === 'forbidden' && state.reason ? labelKey('denial', state.reason) : null;
    return this.i18n.t(key ?? 'casePage.forbiddenText');
  });

  protected readonly heading = computed(() => {
    const state = this.store.state();
    switch (state.kind) {
      case 'loaded':
        return this.i18n.t('casePage.heading', { number: state.case.number });
      case 'forbidden':
        return this.i18n.t('casePage.forbiddenTitle');
      case 'notFound':
        return this.i18n.t('casePage.notFoundTitle');
      default:
        return this.i18n.t('casePage.loadingTitle');
    }
  });

  constructor() {
    void this.reference.loadProgrammes().catch(() => undefined);
    void this.reference.loadOrganisations().catch(() => undefined);
    const destroyRef = inject(DestroyRef);
    this.route.paramMap
      .pipe(
        map((params) => params.get('id') ?? ''),
        distinctUntilChanged(),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((id) => {
        this.caseId.set(id);
        void this.store.load(id);
      });
    this.route.queryParamMap
      .pipe(
        map((params) => params.get('flik')),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((tab) => this.tab.set(TABS.includes(tab as Tab) ? (tab as Tab) : 'oversikt'));
  }

  protected selectTab(index: number): void {
    const tab = this.tabs()[index] ?? 'oversikt';
    this.tab.set(tab);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { flik: tab === 'oversikt' ? null : tab },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected retry(): void {
    void this.store.load(this.caseId());
  }

  protected async requestEmergencyAccess(): Promise<void> {
    const granted = await EmergencyAccessDialog.request(this.dialog, { caseId: this.caseId() });
    if (!granted) return;
    await this.store.load(this.caseId());
    afterNextRender(() => this.focusHeading(), { injector: this.injector });
  }

  /** Prints the overview: the print stylesheet hides navigation, controls and protected details. */
  protected print(): void {
    this.selectTab(0);
    afterNextRender(() => this.document.defaultView?.print(), { injector: this.injector });
  }

  private focusHeading(): void {
    this.host.nativeElement.querySelector<HTMLElement>('h1')?.focus();
  }
}
