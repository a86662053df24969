import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AddParticipantDto,
  AddTeamMemberDto,
  CaseDto,
  CaseLookupDto,
  CaseSummaryDto,
  ChangeCaseStatusDto,
  CreateCaseDto,
  EmergencyAccessDto,
  LinkCaseDto,
  Page,
  ProgrammeDto,
  RequestEmergencyAccessByNumberDto,
  RequestEmergencyAccessDto,
  UpdateCaseDto,
  UpdatePersonDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';
import { API_PATHS, CASE_PATHS, queryParams } from './api-paths';

/** `GET /cases` filters as the client sends them; absent and `false` ones are left out. */
export interface CaseListQuery {
  page?: number;
  pageSize?: number;
  programme?: string | null;
  status?: string | null;
  municipalityCode?: string | null;
  overdue?: boolean;
  number?: string | null;
  includeClosed?: boolean;
}

/** Typed client for cases: caseload, one case and everything on it except journal and consent. */
@Injectable({ providedIn: 'root' })
export class CasesApi {
  private readonly http = inject(HttpClient);

  programmes(): Observable<ProgrammeDto[]> {
    return this.http.get<ProgrammeDto[]>(API_PATHS.programmes);
  }

  list(query: CaseListQuery): Observable<Page<CaseSummaryDto>> {
    return this.http.get<Page<CaseSummaryDto>>(API_PATHS.cases, {
      params: queryParams({ ...query }),
    });
  }

  /** Whether a case with exactly this number exists and the caller may open it (404 when not). */
  lookup(number: string): Observable<CaseLookupDto> {
    return this.http.get<CaseLookupDto>(API_PATHS.caseLookup, { params: { number } });
  }

  create(dto: CreateCaseDto): Observable<CaseDto> {
    return this.http.post<CaseDto>(API_PATHS.cases, dto);
  }

  /** 403 (FORBIDDEN) when the caller has no access: the page then offers nödåtkomst. */
  get(id: string): Observable<CaseDto> {
    return this.http.get<CaseDto>(CASE_PATHS.case(id));
  }

  /** 409 VERSION_CONFLICT when someone else saved since `dto.version`. */
  update(id: string, dto: UpdateCaseDto): Observable<CaseDto> {
    return this.http.patch<CaseDto>(CASE_PATHS.case(id), dto);
  }

  changeStatus(id: string, dto: ChangeCaseStatusDto): Observable<CaseDto> {
    return this.http.post<CaseDto>(CASE_PATHS.status(id), dto);
  }

  addParticipant(id: string, dto: AddParticipantDto): Observable<CaseDto> {
    return this.http.post<CaseDto>(CASE_PATHS.participants(id), dto);
  }

  updateParticipant(id: string, personId: string, dto: UpdatePersonDto): Observable<CaseDto> {
    return this.http.patch<CaseDto>(CASE_PATHS.participant(id, personId), dto);
  }

  addTeamMember(id: string, dto: AddTeamMemberDto): Observable<CaseDto> {
    return this.http.post<CaseDto>(CASE_PATHS.team(id), dto);
  }

  removeTeamMember(id: string, memberId: string): Observable<CaseDto> {
    return this.http.delete<CaseDto>(CASE_PATHS.teamMember(id, memberId));
  }

  link(id: string, dto: LinkCaseDto): Observable<CaseDto> {
    return this.http.post<CaseDto>(CASE_PATHS.links(id), dto);
  }

  requestEmergencyAccess(
    id: string,
    dto: RequestEmergencyAccessDto,
  ): Observable<EmergencyAccessDto> {
    return this.http.post<EmergencyAccessDto>(CASE_PATHS.emergencyAccess(id), dto);
  }

  /** Nödåtkomst by number: the answer (a grant, or 404) is the first that says a case has it. */
  requestEmergencyAccessByNumber(
    dto: RequestEmergencyAccessByNumberDto,
  ): Observable<EmergencyAccessDto> {
    return this.http.post<EmergencyAccessDto>(API_PATHS.emergencyAccesses, dto);
  }
}
