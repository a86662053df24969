import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_BASE,
  type ActionDto,
  type AttendedUnitInputDto,
  type BoardRowDto,
  type BoardSort,
  type CaseloadExitDto,
  type ChangePriorityDto,
  type CoordinatorGroupDto,
  type CreateActionDto,
  type CreateCoordinatorGroupDto,
  type EnrolTryggaHemCaseDto,
  type LeaveCaseloadDto,
  type MeetingDto,
  type MeetingSummaryDto,
  type Page,
  type TryggaHemCaseDto,
  type TryggaHemEnrolmentDto,
  type TryggaHemPriority,
  type TryggaHemStatisticsDto,
  type CreateRiskAssessmentDto,
  type SaveSafetyPlanDto,
  type UpdateActionDto,
  type UpdateCoordinatorGroupDto,
  type UserSummaryDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';
import { queryParams } from './api-paths';

const seg = (value: string): string => encodeURIComponent(value);
const BASE = `${API_BASE}/trygga-hem`;

/** Trygga hem endpoints (issue 6); ids are encoded so a stray character cannot change the route. */
export const TRYGGA_HEM_PATHS = {
  groups: `${BASE}/groups`,
  group: (id: string) => `${BASE}/groups/${seg(id)}`,
  board: (id: string) => `${BASE}/groups/${seg(id)}/board`,
  meetings: (groupId: string) => `${BASE}/groups/${seg(groupId)}/meetings`,
  callMeeting: (groupId: string) => `${BASE}/groups/${seg(groupId)}/meetings/call`,
  meeting: (id: string) => `${BASE}/meetings/${seg(id)}`,
  agenda: (id: string) => `${BASE}/meetings/${seg(id)}/agenda`,
  item: (id: string, itemId: string) => `${BASE}/meetings/${seg(id)}/items/${seg(itemId)}`,
  itemActions: (id: string, itemId: string) =>
    `${BASE}/meetings/${seg(id)}/items/${seg(itemId)}/actions`,
  approve: (id: string) => `${BASE}/meetings/${seg(id)}/approve`,
  attendance: (id: string) => `${BASE}/meetings/${seg(id)}/attendance`,
  cases: `${BASE}/cases`,
  case: (caseId: string) => `${BASE}/cases/${seg(caseId)}`,
  enrolment: (caseId: string) => `${BASE}/cases/${seg(caseId)}/enrolment`,
  leave: (caseId: string) => `${BASE}/cases/${seg(caseId)}/leave`,
  priority: (caseId: string) => `${BASE}/cases/${seg(caseId)}/priority`,
  statistics: `${BASE}/statistics`,
  riskAssessments: (caseId: string) => `${BASE}/cases/${seg(caseId)}/risk-assessments`,
  safetyPlan: (caseId: string, personId: string) =>
    `${BASE}/cases/${seg(caseId)}/safety-plans/${seg(personId)}`,
  action: (id: string) => `${BASE}/actions/${seg(id)}`,
  members: (id: string) => `${BASE}/groups/${seg(id)}/members`,
  member: (id: string, memberId: string) => `${BASE}/groups/${seg(id)}/members/${seg(memberId)}`,
  candidates: (id: string) => `${BASE}/groups/${seg(id)}/candidates`,
} as const;

/** `GET /trygga-hem/groups/:id/board` query (the API's `BoardQueryDto`, without its decorators). */
export interface BoardQuery {
  page?: number;
  pageSize?: number;
  priority?: TryggaHemPriority | null;
  repeat?: boolean;
  overdueActions?: boolean;
  highRisk?: boolean;
  newIncidents?: boolean;
  sort?: BoardSort;
}

export interface StatisticsQuery {
  municipalityCode?: string | null;
  from?: string | null;
  to?: string | null;
}

/** Typed client for koordinatorsgrupper, the board, meetings, Trygga hem cases and figures. */
@Injectable({ providedIn: 'root' })
export class TryggaHemApi {
  private readonly http = inject(HttpClient);

  groups(): Observable<CoordinatorGroupDto[]> {
    return this.http.get<CoordinatorGroupDto[]>(TRYGGA_HEM_PATHS.groups);
  }

  group(id: string): Observable<CoordinatorGroupDto> {
    return this.http.get<CoordinatorGroupDto>(TRYGGA_HEM_PATHS.group(id));
  }

  board(groupId: string, query: BoardQuery): Observable<Page<BoardRowDto>> {
    return this.http.get<Page<BoardRowDto>>(TRYGGA_HEM_PATHS.board(groupId), {
      params: queryParams({ ...query }),
    });
  }

  meetings(groupId: string): Observable<MeetingSummaryDto[]> {
    return this.http.get<MeetingSummaryDto[]>(TRYGGA_HEM_PATHS.meetings(groupId));
  }

  createMeeting(groupId: string, heldOn: string): Observable<MeetingDto> {
    return this.http.post<MeetingDto>(TRYGGA_HEM_PATHS.meetings(groupId), { heldOn });
  }

  /** Calls (schedules) a meeting; members and group managers. Answers the schedule entry. */
  callMeeting(groupId: string, heldOn: string): Observable<MeetingSummaryDto> {
    return this.http.post<MeetingSummaryDto>(TRYGGA_HEM_PATHS.callMeeting(groupId), { heldOn });
  }

  meeting(id: string): Observable<MeetingDto> {
    return this.http.get<MeetingDto>(TRYGGA_HEM_PATHS.meeting(id));
  }

  updateAgenda(id: string, version: number, caseIds: string[]): Observable<MeetingDto> {
    return this.http.put<MeetingDto>(TRYGGA_HEM_PATHS.agenda(id), { version, caseIds });
  }

  recordDecision(
    id: string,
    itemId: string,
    version: number,
    decision: string,
  ): Observable<MeetingDto> {
    return this.http.patch<MeetingDto>(TRYGGA_HEM_PATHS.item(id, itemId), { version, decision });
  }

  addAction(id: string, itemId: string, dto: CreateActionDto): Observable<ActionDto> {
    return this.http.post<ActionDto>(TRYGGA_HEM_PATHS.itemActions(id, itemId), dto);
  }

  /** Who took part (issue 17 §2), replacing what was recorded. */
  recordAttendance(
    id: string,
    version: number,
    units: AttendedUnitInputDto[],
  ): Observable<MeetingDto> {
    return this.http.put<MeetingDto>(TRYGGA_HEM_PATHS.attendance(id), { version, units });
  }

  approve(id: string, version: number): Observable<MeetingDto> {
    return this.http.post<MeetingDto>(TRYGGA_HEM_PATHS.approve(id), { version });
  }

  caseProfile(caseId: string): Observable<TryggaHemCaseDto> {
    return this.http.get<TryggaHemCaseDto>(TRYGGA_HEM_PATHS.case(caseId));
  }

  /** Whether the case is in a caseload, how it left one, and whether the caller may enrol it. */
  enrolment(caseId: string): Observable<TryggaHemEnrolmentDto> {
    return this.http.get<TryggaHemEnrolmentDto>(TRYGGA_HEM_PATHS.enrolment(caseId));
  }

  enrol(dto: EnrolTryggaHemCaseDto): Observable<TryggaHemCaseDto> {
    return this.http.post<TryggaHemCaseDto>(TRYGGA_HEM_PATHS.cases, dto);
  }

  /** The group takes the case off its caseload with a reason; 409 on a stale version. */
  leaveCaseload(caseId: string, dto: LeaveCaseloadDto): Observable<CaseloadExitDto> {
    return this.http.post<CaseloadExitDto>(TRYGGA_HEM_PATHS.leave(caseId), dto);
  }

  changePriority(caseId: string, dto: ChangePriorityDto): Observable<TryggaHemCaseDto> {
    return this.http.patch<TryggaHemCaseDto>(TRYGGA_HEM_PATHS.priority(caseId), dto);
  }

  statistics(query: StatisticsQuery): Observable<TryggaHemStatisticsDto> {
    return this.http.get<TryggaHemStatisticsDto>(TRYGGA_HEM_PATHS.statistics, {
      params: queryParams({ ...query }),
    });
  }

  /** D5: recorded for the caller's own agency; answers the case as the caller sees it. */
  addRiskAssessment(caseId: string, dto: CreateRiskAssessmentDto): Observable<TryggaHemCaseDto> {
    return this.http.post<TryggaHemCaseDto>(TRYGGA_HEM_PATHS.riskAssessments(caseId), dto);
  }

  /** D3: a victim's or child's skyddsplan (victim-side users only); 409 on a stale version. */
  saveSafetyPlan(
    caseId: string,
    personId: string,
    dto: SaveSafetyPlanDto,
  ): Observable<TryggaHemCaseDto> {
    return this.http.put<TryggaHemCaseDto>(TRYGGA_HEM_PATHS.safetyPlan(caseId, personId), dto);
  }

  /** Marks an action done or open again; 409 on a stale version. */
  updateAction(id: string, dto: UpdateActionDto): Observable<TryggaHemCaseDto> {
    return this.http.patch<TryggaHemCaseDto>(TRYGGA_HEM_PATHS.action(id), dto);
  }

  // Group management (coordinator_group:manage).

  createGroup(dto: CreateCoordinatorGroupDto): Observable<CoordinatorGroupDto> {
    return this.http.post<CoordinatorGroupDto>(TRYGGA_HEM_PATHS.groups, dto);
  }

  updateGroup(id: string, dto: UpdateCoordinatorGroupDto): Observable<CoordinatorGroupDto> {
    return this.http.patch<CoordinatorGroupDto>(TRYGGA_HEM_PATHS.group(id), dto);
  }

  /** Who may join: active case workers of the four agencies who are not members yet. */
  groupCandidates(
    id: string,
    query: { q?: string | null; pageSize?: number },
  ): Observable<Page<UserSummaryDto>> {
    return this.http.get<Page<UserSummaryDto>>(TRYGGA_HEM_PATHS.candidates(id), {
      params: queryParams({ ...query }),
    });
  }

  addGroupMember(id: string, userId: string): Observable<CoordinatorGroupDto> {
    return this.http.post<CoordinatorGroupDto>(TRYGGA_HEM_PATHS.members(id), { userId });
  }

  removeGroupMember(id: string, memberId: string): Observable<CoordinatorGroupDto> {
    return this.http.delete<CoordinatorGroupDto>(TRYGGA_HEM_PATHS.member(id, memberId));
  }
}
