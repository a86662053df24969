import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { type Params, RouterLink } from '@angular/router';
import type { OrganisationDto, Page } from '@samsyn/common';
import { DirectoryApi } from '../../core/api/directory-api.service';
import { type Paging, pagingFromParams } from '../../core/api/paging';
import { UrlListPage, searchFromParams } from '../../core/api/url-list-page';
import { APP_PATHS } from '../../core/app-paths';
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** What the list shows, kept in the URL so it survives reload and back. */
export interface OrganisationFilters extends Paging {
  q: string;
  includeInactive: boolean;
}

/** Reads the filters from query parameters; anything unknown falls back to the default. */
export function organisationFiltersFromParams(params: Params): OrganisationFilters {
  return {
    q: searchFromParams(params),
    includeInactive: params['inaktiva'] === 'ja',
    ...pagingFromParams(params),
  };
}

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
export class OrganisationsPage extends UrlListPage<OrganisationFilters, Page<OrganisationDto>> {
  private readonly api = inject(DirectoryApi);

  protected readonly paths = APP_PATHS;
  protected readonly filters = signal<OrganisationFilters>(organisationFiltersFromParams({}));
  protected readonly resultCountKey = 'orgAdmin.resultCount';
  protected readonly searched = computed(() => this.filters().q !== '');

  constructor() {
    super();
    this.listFromUrl();
  }

  protected filtersFromParams(params: Params): OrganisationFilters {
    return organisationFiltersFromParams(params);
  }

  protected filtersToParams(f: OrganisationFilters): Params {
    return { q: f.q || null, inaktiva: f.includeInactive ? 'ja' : null };
  }

  protected fetch(f: OrganisationFilters) {
    return this.api.organisations({
      q: f.q,
      includeInactive: f.includeInactive,
      page: f.page,
      pageSize: f.pageSize,
    });
  }

  protected clearSearch(): void {
    this.searchForm.controls.q.setValue('');
    this.applyFilter({ q: '' });
  }
}
