import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { OrganisationDto, OrganisationType, Page, UserSummaryDto } from '@samsyn/common';
import type { Observable } from 'rxjs';
import { API_PATHS, queryParams } from './api-paths';

export interface OrganisationQuery {
  type?: OrganisationType | null;
  q?: string | null;
  /** Deactivated organisations and units too (the administration page). */
  includeInactive?: boolean;
  page?: number;
  pageSize?: number;
}

export interface UserQuery {
  organisationId?: string | null;
  q?: string | null;
  page?: number;
  pageSize?: number;
}

/** Typed client for the staff directory: organisations with their units, and users. */
@Injectable({ providedIn: 'root' })
export class DirectoryApi {
  private readonly http = inject(HttpClient);

  organisations(query: OrganisationQuery = {}): Observable<Page<OrganisationDto>> {
    return this.http.get<Page<OrganisationDto>>(API_PATHS.organisations, {
      params: queryParams({ ...query }),
    });
  }

  users(query: UserQuery = {}): Observable<Page<UserSummaryDto>> {
    return this.http.get<Page<UserSummaryDto>>(API_PATHS.users, {
      params: queryParams({ ...query }),
    });
  }
}
