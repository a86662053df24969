import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AccessExtractDto,
  AuditEventDto,
  AuditVerifyDto,
  EmergencyAccessDto,
  Page,
  ReviewEmergencyAccessDto,
  VolumeOutlierDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';
import { AUDIT_PATHS, queryParams } from './api-paths';

/** Typed client for loggkontroll and loggutdrag (permission audit:review). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  emergencyAccesses(reviewed: boolean, page = 1): Observable<Page<EmergencyAccessDto>> {
    return this.http.get<Page<EmergencyAccessDto>>(AUDIT_PATHS.emergencyAccesses, {
      params: { reviewed: String(reviewed), page: String(page) },
    });
  }

  reviewEmergencyAccess(id: string, dto: ReviewEmergencyAccessDto): Observable<EmergencyAccessDto> {
    return this.http.post<EmergencyAccessDto>(AUDIT_PATHS.reviewEmergencyAccess(id), dto);
  }

  outsideCaseload(days: number, page = 1): Observable<Page<AuditEventDto>> {
    return this.http.get<Page<AuditEventDto>>(AUDIT_PATHS.outsideCaseload, {
      params: queryParams({ days, page }),
    });
  }

  adminEvents(days: number, page = 1): Observable<Page<AuditEventDto>> {
    return this.http.get<Page<AuditEventDto>>(AUDIT_PATHS.adminEvents, {
      params: queryParams({ days, page }),
    });
  }

  volumeOutliers(days: number): Observable<VolumeOutlierDto[]> {
    return this.http.get<VolumeOutlierDto[]>(AUDIT_PATHS.volumeOutliers, {
      params: queryParams({ days }),
    });
  }

  /**
   * Loggutdrag: who has read data about the person with this personnummer, and when. The rows
   * come a page at a time (oldest first); the summary per user covers the whole extract.
   */
  extract(personalNumber: string, page = 1): Observable<AccessExtractDto> {
    return this.http.get<AccessExtractDto>(AUDIT_PATHS.extract, {
      params: { personalNumber, page: String(page) },
    });
  }

  caseEvents(caseId: string, page = 1): Observable<Page<AuditEventDto>> {
    return this.http.get<Page<AuditEventDto>>(AUDIT_PATHS.caseEvents(caseId), {
      params: queryParams({ page }),
    });
  }

  verify(): Observable<AuditVerifyDto> {
    return this.http.get<AuditVerifyDto>(AUDIT_PATHS.verify);
  }
}
