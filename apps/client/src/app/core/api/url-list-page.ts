import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  DestroyRef,
  Directive,
  type WritableSignal,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import type { PageEvent } from '@angular/material/paginator';
import { ActivatedRoute, type Params, Router } from '@angular/router';
import { BehaviorSubject, type Observable, combineLatest, map, switchMap, tap } from 'rxjs';
import { I18nService } from '../i18n/i18n.service';
import type { TextKey } from '../i18n/translate';
import { type ListState, failureKey, listStateOf, loadedPage } from './list-state';
import { PAGE_SIZES, type Paging, pagingAfter, pagingToParams } from './paging';

/** The longest search text a list takes. */
export const SEARCH_MAX_LENGTH = 100;

/** Reads a search text from query parameters: trimmed and cut to the longest taken. */
export function searchFromParams(params: Params): string {
  return typeof params['q'] === 'string' ? params['q'].trim().slice(0, SEARCH_MAX_LENGTH) : '';
}

/**
 * A paged list whose filters live in the URL (so that they survive reload and back): every
 * change of the query parameters (or a retry) loads the page again, says the result count to
 * screen readers, and keeps the search box in step. A filter change goes back to page 1.
 * The subclass says how filters read from and go to the URL, and what to fetch.
 */
@Directive()
export abstract class UrlListPage<F extends Paging & { q?: string }, P extends { total: number }> {
  protected readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  protected readonly pageSizes = PAGE_SIZES;
  protected abstract readonly filters: WritableSignal<F>;
  protected readonly state = signal<ListState<P>>({ kind: 'loading' });
  protected readonly page = computed(() => loadedPage(this.state()));
  protected readonly errorKey = computed(() => failureKey(this.state()));
  protected readonly searchForm = inject(NonNullableFormBuilder).group({
    q: ['', Validators.maxLength(SEARCH_MAX_LENGTH)],
  });
  private readonly reload$ = new BehaviorSubject<void>(undefined);

  /** The message that says how many matched, with `{count}`. */
  protected abstract readonly resultCountKey: TextKey;
  protected abstract filtersFromParams(params: Params): F;
  protected abstract filtersToParams(filters: F): Params;
  protected abstract fetch(filters: F): Observable<P>;

  /** Starts listing; called from the subclass's constructor, once its own fields are there. */
  protected listFromUrl(): void {
    combineLatest([this.route.queryParams, this.reload$])
      .pipe(
        map(([params]) => this.filtersFromParams(params)),
        tap((filters) => {
          this.filters.set(filters);
          const search = this.searchForm.controls.q;
          const q = filters.q ?? '';
          if (search.value.trim() !== q) search.setValue(q);
          this.state.set({ kind: 'loading' });
        }),
        switchMap((filters) => this.fetch(filters).pipe(listStateOf)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.kind === 'loaded')
          void this.announcer.announce(
            this.i18n.t(this.resultCountKey, { count: state.page.total }),
            'polite',
          );
      });
  }

  protected submitSearch(): void {
    if (this.searchForm.invalid) return;
    this.applyFilter({ q: this.searchForm.controls.q.value.trim() } as Partial<F>);
  }

  protected applyFilter(change: Partial<F>): void {
    void this.navigate({ ...this.filters(), page: 1, ...change });
  }

  protected onPage(event: PageEvent): void {
    this.applyFilter(pagingAfter(event, this.filters()) as Partial<F>);
  }

  protected retry(): void {
    this.reload$.next();
  }

  private navigate(filters: F): Promise<boolean> {
    return this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { ...this.filtersToParams(filters), ...pagingToParams(filters) },
    });
  }
}
