import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_BASE, type StatisticsDto, type StatisticsOptionsDto } from '@samsyn/common';
import type { Observable } from 'rxjs';
import { queryParams } from './api-paths';

/** The statistics page's filters, as the API takes them. */
export interface StatisticsFilters {
  from: string;
  to: string;
  period: string;
  agreementId: string;
  municipalityCode: string;
  programme: string;
}

const BASE = `${API_BASE}/statistics`;

/** The statistics page's indicators, their filter options and CSV (issue 17). */
@Injectable({ providedIn: 'root' })
export class StatisticsApi {
  private readonly http = inject(HttpClient);

  options(): Observable<StatisticsOptionsDto> {
    return this.http.get<StatisticsOptionsDto>(`${BASE}/options`);
  }

  indicators(filters: StatisticsFilters): Observable<StatisticsDto> {
    return this.http.get<StatisticsDto>(`${BASE}/indicators`, {
      params: queryParams({ ...filters }),
    });
  }

  /** The CSV of exactly these filters, headers in `lang`. */
  csv(filters: StatisticsFilters, lang: 'sv' | 'en'): Observable<Blob> {
    return this.http.get(`${BASE}/indicators.csv`, {
      params: queryParams({ ...filters, lang }),
      responseType: 'blob',
    });
  }
}
