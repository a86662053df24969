import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_BASE,
  type GallringMode,
  type GallringRunDto,
  type GallringRunPageDto,
  type LegalHoldDto,
  type LegalHoldListDto,
  type RetentionRuleDto,
  type RetentionRulesDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';

const seg = (value: string): string => encodeURIComponent(value);
const BASE = `${API_BASE}/gallring`;

/** The gallring endpoints (D22, issue 17). */
export const GALLRING_PATHS = {
  rules: `${BASE}/rules`,
  rule: (id: string) => `${BASE}/rules/${seg(id)}`,
  runs: `${BASE}/runs`,
  run: (id: string) => `${BASE}/runs/${seg(id)}`,
  csv: (id: string) => `${BASE}/runs/${seg(id)}/report.csv`,
  holds: `${BASE}/legal-holds`,
  lift: (id: string) => `${BASE}/legal-holds/${seg(id)}/lift`,
} as const;

/** Typed client for retention rules, gallring runs and legal holds (org_admin, system_admin). */
@Injectable({ providedIn: 'root' })
export class GallringApi {
  private readonly http = inject(HttpClient);

  rules(): Observable<RetentionRulesDto> {
    return this.http.get<RetentionRulesDto>(GALLRING_PATHS.rules);
  }

  updateRule(id: string, version: number, years: number): Observable<RetentionRuleDto> {
    return this.http.patch<RetentionRuleDto>(GALLRING_PATHS.rule(id), { version, years });
  }

  runs(page: number, pageSize: number): Observable<GallringRunPageDto> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<GallringRunPageDto>(GALLRING_PATHS.runs, { params });
  }

  start(mode: GallringMode): Observable<GallringRunDto> {
    return this.http.post<GallringRunDto>(GALLRING_PATHS.runs, { mode });
  }

  holds(): Observable<LegalHoldListDto> {
    return this.http.get<LegalHoldListDto>(GALLRING_PATHS.holds);
  }

  setHold(caseNumber: string, reason: string): Observable<LegalHoldDto> {
    return this.http.post<LegalHoldDto>(GALLRING_PATHS.holds, { caseNumber, reason });
  }

  lift(id: string, version: number): Observable<void> {
    return this.http.post<void>(GALLRING_PATHS.lift(id), { version });
  }
}
