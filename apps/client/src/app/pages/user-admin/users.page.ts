import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { type Params, RouterLink } from '@angular/router';
import type { Role } from '@samsyn/common';
import { type AdminUserSummaryDto, type Page, Permission, ROLES } from '@samsyn/common';
import { catchError, map, of } from 'rxjs';
import { DirectoryApi } from '../../core/api/directory-api.service';
import { type Paging, pagingFromParams } from '../../core/api/paging';
import { UrlListPage, searchFromParams } from '../../core/api/url-list-page';
import { UserAdminApi } from '../../core/api/user-admin-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

export type StatusFilter = 'all' | 'active' | 'inactive';

/** What the list shows, kept in the URL so it survives reload and back. */
export interface UserFilters extends Paging {
  q: string;
  status: StatusFilter;
  role: Role | null;
  organisationId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the filters from query parameters; anything unknown falls back to the default. */
export function userFiltersFromParams(params: Params): UserFilters {
  const str = (name: string) => (typeof params[name] === 'string' ? params[name] : '');
  const status = str('status');
  const role = str('roll');
  const org = str('organisation');
  return {
    q: searchFromParams(params),
    status: status === 'aktiva' ? 'active' : status === 'inaktiva' ? 'inactive' : 'all',
    role: (ROLES as readonly string[]).includes(role) ? (role as Role) : null,
    organisationId: UUID.test(org) ? org : null,
    ...pagingFromParams(params),
  };
}

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
export class UsersPage extends UrlListPage<UserFilters, Page<AdminUserSummaryDto>> {
  private readonly api = inject(UserAdminApi);
  private readonly auth = inject(AuthService);

  protected readonly paths = APP_PATHS;
  protected readonly roles = ROLES;
  protected readonly resultCountKey = 'userAdmin.resultCount';
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
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return f.q !== '' || f.status !== 'all' || f.role !== null || f.organisationId !== null;
  });

  constructor() {
    super();
    this.listFromUrl();
  }

  protected filtersFromParams(params: Params): UserFilters {
    return userFiltersFromParams(params);
  }

  protected filtersToParams(f: UserFilters): Params {
    return {
      q: f.q || null,
      status: f.status === 'active' ? 'aktiva' : f.status === 'inactive' ? 'inaktiva' : null,
      roll: f.role,
      organisation: f.organisationId,
    };
  }

  protected fetch(f: UserFilters) {
    return this.api.list({
      q: f.q,
      active: f.status === 'all' ? null : f.status === 'active',
      role: f.role,
      organisationId: this.everywhere() ? f.organisationId : null,
      page: f.page,
      pageSize: f.pageSize,
    });
  }

  protected clearFilters(): void {
    this.searchForm.controls.q.setValue('');
    this.applyFilter({ q: '', status: 'all', role: null, organisationId: null });
  }
}
