import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ConsentDto,
  CreateConsentDto,
  CreateDisclosureDto,
  DisclosureDto,
  WithdrawConsentDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';
import { CASE_PATHS } from './api-paths';

/** Typed client for consent records and disclosures under a legal basis on a case. */
@Injectable({ providedIn: 'root' })
export class ConsentsApi {
  private readonly http = inject(HttpClient);

  /** The whole history, newest first; records are never edited, a change supersedes. */
  list(caseId: string): Observable<ConsentDto[]> {
    return this.http.get<ConsentDto[]>(CASE_PATHS.consents(caseId));
  }

  create(caseId: string, dto: CreateConsentDto): Observable<ConsentDto> {
    return this.http.post<ConsentDto>(CASE_PATHS.consents(caseId), dto);
  }

  withdraw(consentId: string, dto: WithdrawConsentDto): Observable<ConsentDto> {
    return this.http.post<ConsentDto>(CASE_PATHS.withdrawConsent(consentId), dto);
  }

  disclosures(caseId: string): Observable<DisclosureDto[]> {
    return this.http.get<DisclosureDto[]>(CASE_PATHS.disclosures(caseId));
  }

  disclose(caseId: string, dto: CreateDisclosureDto): Observable<DisclosureDto> {
    return this.http.post<DisclosureDto>(CASE_PATHS.disclosures(caseId), dto);
  }
}
