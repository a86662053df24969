import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateJournalEntryDto, JournalEntryDto, Page } from '@samsyn/common';
import type { Observable } from 'rxjs';
import { CASE_PATHS, queryParams } from './api-paths';

/** Typed client for a case's append-only journal (a correction is a new entry). */
@Injectable({ providedIn: 'root' })
export class JournalApi {
  private readonly http = inject(HttpClient);

  list(caseId: string, page = 1, pageSize?: number): Observable<Page<JournalEntryDto>> {
    return this.http.get<Page<JournalEntryDto>>(CASE_PATHS.journal(caseId), {
      params: queryParams({ page, pageSize }),
    });
  }

  create(caseId: string, dto: CreateJournalEntryDto): Observable<JournalEntryDto> {
    return this.http.post<JournalEntryDto>(CASE_PATHS.journal(caseId), dto);
  }
}
