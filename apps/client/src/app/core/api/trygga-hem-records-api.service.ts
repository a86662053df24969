import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_BASE,
  type CorrectControlMeasureDto,
  type CorrectIncidentDto,
  type CorrectTryggaHemNotificationDto,
  type CreateControlMeasureDto,
  type CreateIncidentDto,
  type CreateOfferDto,
  type CreateTryggaHemNotificationDto,
  type RemoveTryggaHemRecordDto,
  type TryggaHemCaseDto,
  TryggaHemRecordKind,
  type UpdateOfferDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';

const seg = (value: string): string => encodeURIComponent(value);
const BASE = `${API_BASE}/trygga-hem`;

/** The route segment of each correctable kind of record. */
const RECORD_SEGMENTS: Readonly<Record<TryggaHemRecordKind, string>> = {
  [TryggaHemRecordKind.Notification]: 'notifications',
  [TryggaHemRecordKind.ControlMeasure]: 'control-measures',
  [TryggaHemRecordKind.Incident]: 'incidents',
};

/** Trygga hem record endpoints (issue 6 §3, D4, D21); ids are encoded. */
export const TRYGGA_HEM_RECORD_PATHS = {
  case: (caseId: string) => `${BASE}/cases/${seg(caseId)}`,
  created: (caseId: string, kind: TryggaHemRecordKind | 'offers') =>
    `${BASE}/cases/${seg(caseId)}/${kind === 'offers' ? 'offers' : RECORD_SEGMENTS[kind]}`,
  offer: (id: string) => `${BASE}/offers/${seg(id)}`,
  record: (kind: TryggaHemRecordKind, id: string) => `${BASE}/${RECORD_SEGMENTS[kind]}/${seg(id)}`,
  remove: (kind: TryggaHemRecordKind, id: string) =>
    `${BASE}/${RECORD_SEGMENTS[kind]}/${seg(id)}/remove`,
} as const;

/**
 * Typed client for recording, correcting and removing a Trygga hem case's notifications, offers,
 * control measures and incidents. Every write answers the case as the caller sees it.
 */
@Injectable({ providedIn: 'root' })
export class TryggaHemRecordsApi {
  private readonly http = inject(HttpClient);

  /** The case with removed records as well (D21: kept, shown on request). */
  withRemoved(caseId: string): Observable<TryggaHemCaseDto> {
    return this.http.get<TryggaHemCaseDto>(TRYGGA_HEM_RECORD_PATHS.case(caseId), {
      params: { includeRemoved: 'true' },
    });
  }

  addNotification(caseId: string, dto: CreateTryggaHemNotificationDto) {
    return this.post(
      TRYGGA_HEM_RECORD_PATHS.created(caseId, TryggaHemRecordKind.Notification),
      dto,
    );
  }

  addOffer(caseId: string, dto: CreateOfferDto) {
    return this.post(TRYGGA_HEM_RECORD_PATHS.created(caseId, 'offers'), dto);
  }

  updateOffer(id: string, dto: UpdateOfferDto): Observable<TryggaHemCaseDto> {
    return this.http.patch<TryggaHemCaseDto>(TRYGGA_HEM_RECORD_PATHS.offer(id), dto);
  }

  addControlMeasure(caseId: string, dto: CreateControlMeasureDto) {
    return this.post(
      TRYGGA_HEM_RECORD_PATHS.created(caseId, TryggaHemRecordKind.ControlMeasure),
      dto,
    );
  }

  addIncident(caseId: string, dto: CreateIncidentDto) {
    return this.post(TRYGGA_HEM_RECORD_PATHS.created(caseId, TryggaHemRecordKind.Incident), dto);
  }

  correct(
    kind: TryggaHemRecordKind,
    id: string,
    dto: CorrectTryggaHemNotificationDto | CorrectControlMeasureDto | CorrectIncidentDto,
  ): Observable<TryggaHemCaseDto> {
    return this.http.patch<TryggaHemCaseDto>(TRYGGA_HEM_RECORD_PATHS.record(kind, id), dto);
  }

  remove(
    kind: TryggaHemRecordKind,
    id: string,
    dto: RemoveTryggaHemRecordDto,
  ): Observable<TryggaHemCaseDto> {
    return this.post(TRYGGA_HEM_RECORD_PATHS.remove(kind, id), dto);
  }

  private post(path: string, body: unknown): Observable<TryggaHemCaseDto> {
    return this.http.post<TryggaHemCaseDto>(path, body);
  }
}
