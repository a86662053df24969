import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_BASE,
  type AnswerSipInvitationDto,
  type ApproveSipPlanDto,
  type CallSipMeetingDto,
  type CancelSipMeetingDto,
  type EndSipDto,
  type RecordAttendanceDto,
  type RecordSipPersonAgreementDto,
  type SipAwaitingApprovalDto,
  type SipLanguage,
  type SipMeetingDto,
  type SipOverviewDto,
  type SipPlanDiffDto,
  type SipPlanDto,
  type SipReceivedInvitationDto,
  type UpdateSipMeetingDto,
  type UpdateSipPlanDto,
  type UpdateSipSettingsDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';
import { CASE_PATHS } from './api-paths';

const seg = (value: string): string => encodeURIComponent(value);

/** The SIP endpoints (issue 4; the route list is in libs/common sip.dto.ts). */
export const SIP_PATHS = {
  overview: (caseId: string) => `${CASE_PATHS.case(caseId)}/sip`,
  meetings: (caseId: string) => `${CASE_PATHS.case(caseId)}/sip/meetings`,
  end: (caseId: string) => `${CASE_PATHS.case(caseId)}/sip/end`,
  meeting: (id: string) => `${API_BASE}/sip/meetings/${seg(id)}`,
  cancelMeeting: (id: string) => `${SIP_PATHS.meeting(id)}/cancel`,
  attendance: (id: string) => `${SIP_PATHS.meeting(id)}/attendance`,
  /** The calendar file: a plain link (same-origin cookie), downloaded by the browser. */
  calendar: (id: string) => `${SIP_PATHS.meeting(id)}/calendar`,
  /** The kallelse letter for the person (PDF, issue 15 §6); a plain link like the calendar. */
  letter: (id: string, lang: SipLanguage) => `${SIP_PATHS.meeting(id)}/letter?lang=${lang}`,
  /** A printable inbjudan for one invited party (PDF). */
  invitationLetter: (id: string, invitationId: string, lang: SipLanguage) =>
    `${SIP_PATHS.meeting(id)}/invitations/${seg(invitationId)}/letter?lang=${lang}`,
  invitations: `${API_BASE}/sip/invitations`,
  invitation: (id: string) => `${API_BASE}/sip/invitations/${seg(id)}`,
  answer: (id: string) => `${SIP_PATHS.invitation(id)}/answer`,
  plan: (id: string) => `${API_BASE}/sip/plans/${seg(id)}`,
  approvals: (id: string) => `${SIP_PATHS.plan(id)}/approvals`,
  personAgreement: (id: string) => `${SIP_PATHS.plan(id)}/person-agreement`,
  sendForApproval: (id: string) => `${SIP_PATHS.plan(id)}/send-for-approval`,
  awaitingApproval: `${API_BASE}/sip/approvals`,
  diff: (id: string) => `${SIP_PATHS.plan(id)}/diff`,
  pdf: (id: string, lang: SipLanguage) => `${SIP_PATHS.plan(id)}/pdf?lang=${lang}`,
} as const;

/** Typed client for SIP: overview, meetings, invitations and plan versions. */
@Injectable({ providedIn: 'root' })
export class SipApi {
  private readonly http = inject(HttpClient);

  overview(caseId: string): Observable<SipOverviewDto> {
    return this.http.get<SipOverviewDto>(SIP_PATHS.overview(caseId));
  }

  updateSettings(caseId: string, dto: UpdateSipSettingsDto): Observable<SipOverviewDto> {
    return this.http.put<SipOverviewDto>(SIP_PATHS.overview(caseId), dto);
  }

  callMeeting(caseId: string, dto: CallSipMeetingDto): Observable<SipMeetingDto> {
    return this.http.post<SipMeetingDto>(SIP_PATHS.meetings(caseId), dto);
  }

  end(caseId: string, dto: EndSipDto): Observable<SipOverviewDto> {
    return this.http.post<SipOverviewDto>(SIP_PATHS.end(caseId), dto);
  }

  meeting(id: string): Observable<SipMeetingDto> {
    return this.http.get<SipMeetingDto>(SIP_PATHS.meeting(id));
  }

  moveMeeting(id: string, dto: UpdateSipMeetingDto): Observable<SipMeetingDto> {
    return this.http.patch<SipMeetingDto>(SIP_PATHS.meeting(id), dto);
  }

  /** Who took part (issue 17 §2), replacing what was recorded. */
  recordAttendance(id: string, dto: RecordAttendanceDto): Observable<SipMeetingDto> {
    return this.http.put<SipMeetingDto>(SIP_PATHS.attendance(id), dto);
  }

  cancelMeeting(id: string, dto: CancelSipMeetingDto): Observable<SipMeetingDto> {
    return this.http.post<SipMeetingDto>(SIP_PATHS.cancelMeeting(id), dto);
  }

  /** The caller's unit's kallelser and inbjudningar, newest first. */
  invitations(): Observable<SipReceivedInvitationDto[]> {
    return this.http.get<SipReceivedInvitationDto[]>(SIP_PATHS.invitations);
  }

  answer(id: string, dto: AnswerSipInvitationDto): Observable<SipReceivedInvitationDto> {
    return this.http.post<SipReceivedInvitationDto>(SIP_PATHS.answer(id), dto);
  }

  plan(id: string): Observable<SipPlanDto> {
    return this.http.get<SipPlanDto>(SIP_PATHS.plan(id));
  }

  updatePlan(id: string, dto: UpdateSipPlanDto): Observable<SipPlanDto> {
    return this.http.put<SipPlanDto>(SIP_PATHS.plan(id), dto);
  }

  approve(id: string, dto: ApproveSipPlanDto): Observable<SipPlanDto> {
    return this.http.post<SipPlanDto>(SIP_PATHS.approvals(id), dto);
  }

  sendForApproval(id: string, dto: ApproveSipPlanDto): Observable<SipPlanDto> {
    return this.http.post<SipPlanDto>(SIP_PATHS.sendForApproval(id), dto);
  }

  /** Plan versions awaiting the caller's organisation or the person (the SIP inbox). */
  awaitingApproval(): Observable<SipAwaitingApprovalDto[]> {
    return this.http.get<SipAwaitingApprovalDto[]>(SIP_PATHS.awaitingApproval);
  }

  recordPersonAgreement(id: string, dto: RecordSipPersonAgreementDto): Observable<SipPlanDto> {
    return this.http.post<SipPlanDto>(SIP_PATHS.personAgreement(id), dto);
  }

  diff(id: string): Observable<SipPlanDiffDto> {
    return this.http.get<SipPlanDiffDto>(SIP_PATHS.diff(id));
  }
}
