import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_BASE, type StatisticsDto, type StatisticsOptionsDto } from '@samsyn/common';
import { type Observable, firstValueFrom } from 'rxjs';
import { queryParams } from './api-paths';
import { withParsedBody } from './evaluation-export-api.service';

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

/** The statistics page's indicators, their filter options and CSV, and the follow-up report (issue 17). */
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

  /**
   * The yearly follow-up report of an agreement (issue 17 §4) as PDF or CSV, in `lang`. A
   * failure carries its problem details (read from the blob), so field errors can be shown.
   */
  async followUpReport(
    agreementId: string,
    year: number,
    format: 'pdf' | 'csv',
    lang: 'sv' | 'en',
  ): Promise<Blob> {
    try {
      return await firstValueFrom(
        this.http.get(`${BASE}/agreements/${agreementId}/follow-up-report.${format}`, {
          params: queryParams({ year: String(year), lang }),
          responseType: 'blob',
        }),
      );
    } catch (failure: unknown) {
      throw await withParsedBody(failure);
    }
  }
}
