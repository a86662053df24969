import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import type { OrganisationDto, Page } from '@samsyn/common';
import { BehaviorSubject, combineLatest, map, switchMap, tap } from 'rxjs';
import { DirectoryApi } from '../../core/api/directory-api.service';
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
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** What the list shows, kept in the URL so it survives reload and back. */
export interface OrganisationFilters extends Paging {
  q: string;
  includeInactive: boolean;
}

const SEARCH_MAX_LENGTH = 100;

/** Reads the filters from query parameters; anything unknown falls back to the default. */
export function organisationFiltersFromParams(params: Params): OrganisationFilters {
  const q = typeof params['q'] === 'string' ? params['q'].trim().slice(0, SEARCH_MAX_LENGTH) : '';
  return { q, includeInactive: params['inaktiva'] === 'ja', ...pagingFromParams(params) };
}

type ListState = ListStateOf<Page<OrganisationDto>>;

/** "Organisationer": the system administrator's list of organisations (issue 16). */
@Component({
  selector: 'app-organisations-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    TranslatePipe,
    LabelPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organisations.page.html',
  styleUrl: './organisation-admin.scss',
})
export class OrganisationsPage {
  private readonly api = inject(DirectoryApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);

  protected readonly paths = APP_PATHS;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly filters = signal<OrganisationFilters>(organisationFiltersFromParams({}));
  protected readonly state = signal<ListState>({ kind: 'loading' });
  protected readonly page = computed(() => loadedPage(this.state()));
  protected readonly errorKey = computed(() => failureKey(this.state()));
  protected readonly searched = computed(() => this.filters().q !== '');
  protected readonly searchForm = inject(NonNullableFormBuilder).group({
    q: ['', Validators.maxLength(SEARCH_MAX_LENGTH)],
  });
  private readonly search = this.searchForm.controls.q;

  private readonly reload$ = new BehaviorSubject<void>(undefined);

  constructor() {
    combineLatest([this.route.queryParams, this.reload$])
      .pipe(
        map(([params]) => organisationFiltersFromParams(params)),
        tap((filters) => {
          this.filters.set(filters);
          if (this.search.value.trim() !== filters.q) this.search.setValue(filters.q);
          this.state.set({ kind: 'loading' });
        }),
        switchMap((f) =>
          this.api
            .organisations({
              q: f.q,
              includeInactive: f.includeInactive,
              page: f.page,
              pageSize: f.pageSize,
            })
            .pipe(listStateOf),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.kind === 'loaded')
          void this.announcer.announce(
            this.i18n.t('orgAdmin.resultCount', { count: state.page.total }),
            'polite',
          );
      });
  }

  protected submitSearch(): void {
    if (this.searchForm.invalid) return;
    this.applyFilter({ q: this.search.value.trim() });
  }

  protected clearSearch(): void {
    this.search.setValue('');
    this.applyFilter({ q: '' });
  }

  protected applyFilter(change: Partial<OrganisationFilters>): void {
    void this.navigate({ ...this.filters(), page: 1, ...change });
  }

  protected onPage(event: PageEvent): void {
    this.applyFilter(pagingAfter(event, this.filters()));
  }

  protected retry(): void {
    this.reload$.next();
  }

  private navigate(f: OrganisationFilters): Promise<boolean> {
    return this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        q: f.q || null,
        inaktiva: f.includeInactive ? 'ja' : null,
        ...pagingToParams(f),
      },
    });
  }
}
