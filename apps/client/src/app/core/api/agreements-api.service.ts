import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AgreementDto,
  AgreementStatusFilter,
  AgreementSummaryDto,
  CreateAgreementDto,
  Page,
  UpdateAgreementDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';
import { AGREEMENT_PATHS, queryParams } from './api-paths';

export interface AgreementQuery {
  status?: AgreementStatusFilter | null;
  partyId?: string | null;
  page?: number;
  pageSize?: number;
}

/** Typed client for cooperation agreements (D25). */
@Injectable({ providedIn: 'root' })
export class AgreementsApi {
  private readonly http = inject(HttpClient);

  list(query: AgreementQuery = {}): Observable<Page<AgreementSummaryDto>> {
    return this.http.get<Page<AgreementSummaryDto>>(AGREEMENT_PATHS.list, {
      params: queryParams({ ...query }),
    });
  }

  get(id: string): Observable<AgreementDto> {
    return this.http.get<AgreementDto>(AGREEMENT_PATHS.agreement(id));
  }

  create(dto: CreateAgreementDto): Observable<AgreementDto> {
    return this.http.post<AgreementDto>(AGREEMENT_PATHS.list, dto);
  }

  update(id: string, dto: UpdateAgreementDto): Observable<AgreementDto> {
    return this.http.put<AgreementDto>(AGREEMENT_PATHS.agreement(id), dto);
  }

  markFollowUpDone(id: string, followUpId: string): Observable<AgreementDto> {
    return this.http.post<AgreementDto>(AGREEMENT_PATHS.followUpDone(id, followUpId), {});
  }
}
