import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_BASE,
  type HelpTextDto,
  type OverdueSummaryDto,
  type UpdateHelpTextDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';

/** Issue 15 endpoints: the samordnare's overdue summary and the organisation's help text (D13). */
export const REMINDER_OVERVIEW_PATHS = {
  overdueSummary: `${API_BASE}/reminders/overdue-summary`,
  helpText: (organisationId: string) =>
    `${API_BASE}/organisations/${encodeURIComponent(organisationId)}/help-text`,
} as const;

@Injectable({ providedIn: 'root' })
export class RemindersApi {
  private readonly http = inject(HttpClient);

  overdueSummary(): Observable<OverdueSummaryDto> {
    return this.http.get<OverdueSummaryDto>(REMINDER_OVERVIEW_PATHS.overdueSummary);
  }

  helpText(organisationId: string): Observable<HelpTextDto> {
    return this.http.get<HelpTextDto>(REMINDER_OVERVIEW_PATHS.helpText(organisationId));
  }

  setHelpText(organisationId: string, dto: UpdateHelpTextDto): Observable<HelpTextDto> {
    return this.http.patch<HelpTextDto>(REMINDER_OVERVIEW_PATHS.helpText(organisationId), dto);
  }
}
