import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import {
  AgreementStatusFilter,
  type AgreementSummaryDto,
  type Page,
  Permission,
} from '@samsyn/common';
import { BehaviorSubject, combineLatest, map, switchMap, tap } from 'rxjs';
import { AgreementsApi } from '../../core/api/agreements-api.service';
import {
  PAGE_SIZES,
  type Paging,
  pagingAfter,
  pagingFromParams,
  pagingToParams,
} from '../../core/api/paging';
import {
  type ListState as ListStateOf,
  failureKey,
  listStateOf,
  loadedPage,
} from '../../core/api/list-state';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReferenceData } from '../../core/reference/reference-data';
import { agreementShownStatusKey, agreementStatusKey } from './agreement-labels';

/** What the list shows, kept in the URL so it survives reload and back. */
export interface AgreementFilters extends Paging {
  status: AgreementStatusFilter | null;
  partyId: string | null;
}

const STATUSES = Object.values(AgreementStatusFilter);

/** Reads the filters from query parameters; anything unknown falls back to the default. */
export function agreementFiltersFromParams(params: Params): AgreementFilters {
  const status = STATUSES.find((s) => s === params['status']) ?? null;
  const partyId =
    typeof params['partyId'] === 'string' && params['partyId'] ? params['partyId'] : null;
  return { status, partyId, ...pagingFromParams(params) };
}

type ListState = ListStateOf<Page<AgreementSummaryDto>>;

/** "Överenskommelser": the agreements the caller's organisation is a party to (D25). */
@Component({
  selector: 'app-agreements-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatPaginatorModule,
    MatSelectModule,
    TranslatePipe,
    WhenPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agreements.page.html',
  styleUrl: './agreements.scss',
})
export class AgreementsPage {
  private readonly api = inject(AgreementsApi);
  private readonly auth = inject(AuthService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  protected readonly reference = inject(ReferenceData);

  protected readonly paths = APP_PATHS;
  protected readonly statuses = STATUSES;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly statusKey = agreementStatusKey;
  protected readonly shownStatusKey = agreementShownStatusKey;
  protected readonly canManage = computed(() => this.auth.can(Permission.AgreementManage));
  protected readonly filters = signal<AgreementFilters>(agreementFiltersFromParams({}));
  protected readonly state = signal<ListState>({ kind: 'loading' });
  protected readonly page = computed(() => loadedPage(this.state()));
  protected readonly errorKey = computed(() => failureKey(this.state()));
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return f.status !== null || f.partyId !== null;
  });
  protected readonly parties = computed(() =>
    [...(this.reference.organisations() ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv')),
  );

  private readonly reload$ = new BehaviorSubject<void>(undefined);

  constructor() {
    void this.reference.loadOrganisations().catch(() => undefined);
    combineLatest([this.route.queryParams, this.reload$])
      .pipe(
        map(([params]) => agreementFiltersFromParams(params)),
        tap((filters) => {
          this.filters.set(filters);
          this.state.set({ kind: 'loading' });
        }),
        switchMap((f) =>
          this.api
            .list({ status: f.status, partyId: f.partyId, page: f.page, pageSize: f.pageSize })
            .pipe(listStateOf),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.kind === 'loaded')
          void this.announcer.announce(
            this.i18n.t('agreements.resultCount', { count: state.page.total }),
            'polite',
          );
      });
  }

  protected applyFilter(change: Partial<AgreementFilters>): void {
    void this.navigate({ ...this.filters(), page: 1, ...change });
  }

  protected clearFilters(): void {
    this.applyFilter({ status: null, partyId: null });
  }

  protected onPage(event: PageEvent): void {
    this.applyFilter(pagingAfter(event, this.filters()));
  }

  protected retry(): void {
    this.reload$.next();
  }

  protected partyNames(row: AgreementSummaryDto): string {
    return row.parties.map((p) => p.name).join(', ');
  }

  private navigate(f: AgreementFilters): Promise<boolean> {
    return this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        status: f.status,
        partyId: f.partyId,
        ...pagingToParams(f),
      },
    });
  }
}
