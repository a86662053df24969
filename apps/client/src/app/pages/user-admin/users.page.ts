import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import type { Role } from '@samsyn/common';
import { type AdminUserSummaryDto, type Page, Permission, ROLES } from '@samsyn/common';
import { BehaviorSubject, catchError, combineLatest, map, of, switchMap, tap } from 'rxjs';
import { DirectoryApi } from '../../core/api/directory-api.service';
import {
  type ListState as ListStateOf,
  failureKey,
  listStateOf,
  loadedPage,
} from '../../core/api/list-state';
import {
  PAGE_SIZES,
  type Paging,
  pagingAfter,
  pagingFromParams,
  pagingToParams,
} from '../../core/api/paging';
import { UserAdminApi } from '../../core/api/user-admin-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

export type StatusFilter = 'all' | 'active' | 'inactive';

/** What the list shows, kept in the URL so it survives reload and back. */
export interface UserFilters extends Paging {
  q: string;
  status: StatusFilter;
  role: Role | null;
  organisationId: string | null;
}

const SEARCH_MAX_LENGTH = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the filters from query parameters; anything unknown falls back to the default. */
export function userFiltersFromParams(params: Params): UserFilters {
  const str = (name: string) => (typeof params[name] === 'string' ? params[name] : '');
  const status = str('status');
  const role = str('roll');
  const org = str('organisation');
  return {
    q: str('q').trim().slice(0, SEARCH_MAX_LENGTH),
    status: status === 'aktiva' ? 'active' : status === 'inaktiva' ? 'inactive' : 'all',
    role: (ROLES as readonly string[]).includes(role) ? (role as Role) : null,
    organisationId: UUID.test(org) ? org : null,
    ...pagingFromParams(params),
  };
}

type ListState = ListStateOf<Page<AdminUserSummaryDto>>;

/** "Användare": an org_admin's users, or a system administrator's in every organisation (issue 16). */
@Component({
  selector: 'app-users-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users.page.html',
  styleUrl: './user-admin.scss',
})
export class UsersPage {
  private readonly api = inject(UserAdminApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);

  protected readonly paths = APP_PATHS;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly roles = ROLES;
  /** A system administrator sees every organisation and may filter by one. */
  protected readonly everywhere = computed(() => this.auth.can(Permission.OrganisationManage));
  protected readonly organisations = toSignal(
    inject(DirectoryApi)
      .organisations({ includeInactive: true, pageSize: 100 })
      .pipe(
        map((page) => page.items.map((o) => ({ id: o.id, name: o.name }))),
        catchError(() => of([])),
      ),
    { initialValue: [] as { id: string; name: string }[] },
  );
  protected readonly filters = signal<UserFilters>(userFiltersFromParams({}));
  protected readonly state = signal<ListState>({ kind: 'loading' });
  protected readonly page = computed(() => loadedPage(this.state()));
  protected readonly errorKey = computed(() => failureKey(this.state()));
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return f.q !== '' || f.status !== 'all' || f.role !== null || f.organisationId !== null;
  });
  protected readonly searchForm = inject(NonNullableFormBuilder).group({
    q: ['', Validators.maxLength(SEARCH_MAX_LENGTH)],
  });
  private readonly search = this.searchForm.controls.q;
  private readonly reload$ = new BehaviorSubject<void>(undefined);

  constructor() {
    combineLatest([this.route.queryParams, this.reload$])
      .pipe(
        map(([params]) => userFiltersFromParams(params)),
        tap((filters) => {
          this.filters.set(filters);
          if (this.search.value.trim() !== filters.q) this.search.setValue(filters.q);
          this.state.set({ kind: 'loading' });
        }),
        switchMap((f) =>
          this.api
            .list({
              q: f.q,
              active: f.status === 'all' ? null : f.status === 'active',
              role: f.role,
              organisationId: this.everywhere() ? f.organisationId : null,
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
            this.i18n.t('userAdmin.resultCount', { count: state.page.total }),
            'polite',
          );
      });
  }

  protected submitSearch(): void {
    if (this.searchForm.invalid) return;
    this.applyFilter({ q: this.search.value.trim() });
  }

  protected clearFilters(): void {
    this.search.setValue('');
    this.applyFilter({ q: '', status: 'all', role: null, organisationId: null });
  }

  protected applyFilter(change: Partial<UserFilters>): void {
    void this.navigate({ ...this.filters(), page: 1, ...change });
  }

  protected onPage(event: PageEvent): void {
    void this.navigate({ ...this.filters(), ...pagingAfter(event, this.filters()) });
  }

  protected retry(): void {
    this.reload$.next();
  }

  private navigate(f: UserFilters): Promise<boolean> {
    return this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        q: f.q || null,
        status: f.status === 'active' ? 'aktiva' : f.status === 'inactive' ? 'inaktiva' : null,
        roll: f.role,
        organisation: f.organisationId,
        ...pagingToParams(f),
      },
    });
  }
}
