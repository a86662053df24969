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
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  type BoardRowDto,
  type BoardSort,
  type CoordinatorGroupDto,
  type Page,
  type TryggaHemPriority,
  BOARD_SORTS,
  TRYGGA_HEM_PRIORITIES,
} from '@samsyn/common';
import { BehaviorSubject, catchError, combineLatest, from, map, of, switchMap, tap } from 'rxjs';
import { errorMessageKey } from '../../core/api/problem';
import { TryggaHemApi } from '../../core/api/trygga-hem-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { PAGE_SIZES } from '../cases/case-filters';
import {
  BOARD_FLAGS,
  type BoardFilters,
  type BoardFlag,
  boardFiltersFromParams,
  boardFiltersToParams,
  boardFiltersToQuery,
  isBoardFiltered,
  withBoardFilters,
} from './board-filters';
import { type LoadState, loadedValue } from './load-state';

const FLAG_LABELS: Record<BoardFlag, TranslationKey> = {
  repeat: 'th.board.filterRepeat',
  overdueActions: 'th.board.filterOverdue',
  highRisk: 'th.board.filterHighRisk',
  newIncidents: 'th.board.filterNewIncidents',
};

const SORT_LABELS: Record<BoardSort, TranslationKey> = {
  agenda: 'th.board.sortAgenda',
  priority: 'th.board.sortPriority',
  daysSinceReview: 'th.board.sortDaysSinceReview',
  caseNumber: 'th.board.sortCaseNumber',
};

/** The koordinatorsgrupp's caseload board: signals per case, filters and sort kept in the URL. */
@Component({
  selector: 'app-board-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatPaginatorModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './trygga-hem.scss',
  templateUrl: './board.page.html',
})
export class BoardPage {
  private readonly api = inject(TryggaHemApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);

  protected readonly paths = APP_PATHS;
  protected readonly priorities = TRYGGA_HEM_PRIORITIES;
  protected readonly sorts = BOARD_SORTS;
  protected readonly sortLabels = SORT_LABELS;
  protected readonly flags = BOARD_FLAGS;
  protected readonly flagLabels = FLAG_LABELS;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly groupId = this.route.snapshot.paramMap.get('groupId') ?? '';
  protected readonly group = signal<CoordinatorGroupDto | null>(null);
  protected readonly filters = signal<BoardFilters>(boardFiltersFromParams({}));
  protected readonly state = signal<LoadState<Page<BoardRowDto>>>({ kind: 'loading' });
  protected readonly page = computed(() => loadedValue(this.state()));
  protected readonly filtered = computed(() => isBoardFiltered(this.filters()));
  private readonly reload$ = new BehaviorSubject<void>(undefined);

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.api
      .group(this.groupId)
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe({ next: (g) => this.group.set(g), error: () => this.group.set(null) });
    combineLatest([this.route.queryParams, this.reload$])
      .pipe(
        map(([params]) => boardFiltersFromParams(params)),
        tap((filters) => {
          this.filters.set(filters);
          this.state.set({ kind: 'loading' });
        }),
        switchMap((filters) =>
          this.api.board(this.groupId, boardFiltersToQuery(filters)).pipe(
            map((value): LoadState<Page<BoardRowDto>> => ({ kind: 'loaded', value })),
            catchError((error: unknown) =>
              of<LoadState<Page<BoardRowDto>>>({ kind: 'error', key: errorMessageKey(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.kind === 'loaded')
          void this.announcer.announce(
            this.i18n.t('th.board.resultCount', { count: state.value.total }),
            'polite',
          );
      });
  }

  protected setPriority(priority: TryggaHemPriority | ''): void {
    this.apply({ priority: priority || null });
  }

  protected setFlag(flag: BoardFlag, on: boolean): void {
    this.apply({ [flag]: on });
  }

  protected setSort(sort: BoardSort): void {
    this.apply({ sort });
  }

  protected clear(): void {
    this.apply({
      priority: null,
      repeat: false,
      overdueActions: false,
      highRisk: false,
      newIncidents: false,
    });
  }

  protected onPage(event: PageEvent): void {
    this.apply(
      event.pageSize !== this.filters().pageSize
        ? { pageSize: event.pageSize, page: 1 }
        : { page: event.pageIndex + 1 },
    );
  }

  protected retry(): void {
    this.reload$.next();
  }

  private apply(change: Partial<BoardFilters>): void {
    void from(
      this.router.navigate([], {
        relativeTo: this.route,
        queryParams: boardFiltersToParams(withBoardFilters(this.filters(), change)),
        queryParamsHandling: 'merge',
      }),
    );
  }
}
