import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateOrganisationDto,
  CreateUnitDto,
  OrganisationDto,
  UpdateOrganisationDto,
  UpdateUnitDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';
import { ORGANISATION_PATHS } from './api-paths';

/**
 * Typed client for keeping organisations and units (system_admin, issue 16). Every change
 * answers the organisation as it is now, with all its units. The list is DirectoryApi's.
 */
@Injectable({ providedIn: 'root' })
export class OrganisationAdminApi {
  private readonly http = inject(HttpClient);

  get(id: string): Observable<OrganisationDto> {
    return this.http.get<OrganisationDto>(ORGANISATION_PATHS.organisation(id));
  }

  create(dto: CreateOrganisationDto): Observable<OrganisationDto> {
    return this.http.post<OrganisationDto>(ORGANISATION_PATHS.list, dto);
  }

  update(id: string, dto: UpdateOrganisationDto): Observable<OrganisationDto> {
    return this.http.patch<OrganisationDto>(ORGANISATION_PATHS.organisation(id), dto);
  }

  addUnit(id: string, dto: CreateUnitDto): Observable<OrganisationDto> {
    return this.http.post<OrganisationDto>(ORGANISATION_PATHS.units(id), dto);
  }

  updateUnit(id: string, unitId: string, dto: UpdateUnitDto): Observable<OrganisationDto> {
    return this.http.patch<OrganisationDto>(ORGANISATION_PATHS.unit(id, unitId), dto);
  }
}
