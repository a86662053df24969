import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { type Params, RouterLink } from '@angular/router';
import {
  AgreementStatusFilter,
  type AgreementSummaryDto,
  type Page,
  Permission,
} from '@samsyn/common';
import { AgreementsApi } from '../../core/api/agreements-api.service';
import { type Paging, pagingFromParams } from '../../core/api/paging';
import { UrlListPage } from '../../core/api/url-list-page';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { WhenPipe } from '../../core/i18n/i18n-pipes';
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
export class AgreementsPage extends UrlListPage<AgreementFilters, Page<AgreementSummaryDto>> {
  private readonly api = inject(AgreementsApi);
  private readonly auth = inject(AuthService);
  protected readonly reference = inject(ReferenceData);

  protected readonly paths = APP_PATHS;
  protected readonly statuses = STATUSES;
  protected readonly statusKey = agreementStatusKey;
  protected readonly shownStatusKey = agreementShownStatusKey;
  protected readonly resultCountKey = 'agreements.resultCount';
  protected readonly canManage = computed(() => this.auth.can(Permission.AgreementManage));
  protected readonly filters = signal<AgreementFilters>(agreementFiltersFromParams({}));
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return f.status !== null || f.partyId !== null;
  });
  protected readonly parties = computed(() =>
    [...(this.reference.organisations() ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv')),
  );

  constructor() {
    super();
    void this.reference.loadOrganisations().catch(() => undefined);
    this.listFromUrl();
  }

  protected filtersFromParams(params: Params): AgreementFilters {
    return agreementFiltersFromParams(params);
  }

  protected filtersToParams(f: AgreementFilters): Params {
    return { status: f.status, partyId: f.partyId };
  }

  protected fetch(f: AgreementFilters) {
    return this.api.list({
      status: f.status,
      partyId: f.partyId,
      page: f.page,
      pageSize: f.pageSize,
    });
  }

  protected clearFilters(): void {
    this.applyFilter({ status: null, partyId: null });
  }

  protected partyNames(row: AgreementSummaryDto): string {
    return row.parties.map((p) => p.name).join(', ');
  }
}
