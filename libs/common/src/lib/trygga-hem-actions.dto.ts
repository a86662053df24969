import { IsEnum, IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';

/**
 * What the caller may do on a Trygga hem case, a koordinatorsgrupp or a meeting (issue 15).
 * The API returns the list with each case tab, group and meeting, computed by the same pure
 * functions (`libs/domain` `trygga-hem-actions.ts`) that its services use to refuse the request;
 * the client shows an action's control only when its key is in the list, and marks the control
 * with `data-action="<key>"`.
 */
export enum TryggaHemAction {
  /** Put the case in a koordinatorsgrupp's caseload (the owning organisation, open case). */
  Enrol = 'th.enrol',
  /** Take the case off the group's caseload, removed or closed, with a reason (group members). */
  Leave = 'th.leave',
  /** A new priority with its basis. */
  SetPriority = 'th.setPriority',
  /** The group's name and meeting schedule. */
  GroupEdit = 'group.edit',
  /** Add and remove members. */
  GroupManageMembers = 'group.manageMembers',
  /** Call (schedule) a meeting: members and group managers. */
  GroupCallMeeting = 'group.callMeeting',
  /** The caseload board: members only (case rows). */
  GroupViewBoard = 'group.viewBoard',
  /** Open a meeting's agenda and minutes: members only (case rows). */
  GroupOpenMeetings = 'group.openMeetings',
  /** Chair the meeting: edit the agenda's order and content. */
  MeetingEditAgenda = 'meeting.editAgenda',
  /** Approve the minutes, after which nothing changes. */
  MeetingApprove = 'meeting.approve',
  /** Record a decision and actions on an agenda item (per item: needs the case's coordination data). */
  MeetingDecide = 'meeting.decide',
  /** Record which member units and people took part: members, from the meeting day, minutes open. */
  MeetingRecordAttendance = 'meeting.recordAttendance',
  /** Record a notification (orosanmälan etc.): the coordination category writable. */
  AddNotification = 'th.addNotification',
  /** Record an offer of support: the social category writable. */
  AddOffer = 'th.addOffer',
  /** Change an offer's uptake (per offer). */
  ChangeOfferUptake = 'th.changeUptake',
  /** Record a control measure: the criminal category writable. */
  AddControlMeasure = 'th.addControlMeasure',
  /** Record an incident: the criminal category writable. */
  AddIncident = 'th.addIncident',
  /** Record a risk assessment for the caller's agency: the risk category writable. */
  AddRiskAssessment = 'th.addRiskAssessment',
  /**
   * Write the skyddsplan of each victim and child in `safetyPlanPersonIds` (victim side only):
   * the safety category writable.
   */
  SaveSafetyPlan = 'th.saveSafetyPlan',
  /** Correct a notification, control measure or incident (per record: the recording organisation, not removed). */
  CorrectRecord = 'th.correctRecord',
  /** Remove a notification, control measure or incident, with a reason (as correcting it). */
  RemoveRecord = 'th.removeRecord',
  /** Mark a koordinatorsgrupp action done or open again (per action: its case's coordination data writable). */
  SetActionStatus = 'th.setActionStatus',
}

/** How a case left a group's caseload: taken off (e.g. wrongly enrolled) or closed there. */
export enum CaseloadOutcome {
  Removed = 'removed',
  Closed = 'closed',
}

export const CASELOAD_OUTCOMES = Object.values(CaseloadOutcome);

/** `POST /trygga-hem/cases/:caseId/leave`: the case leaves the caseload; kept for audit. */
export class LeaveCaseloadDto {
  @IsEnum(CaseloadOutcome, { message: 'outcome must be removed or closed' })
  outcome!: CaseloadOutcome;

  @IsString()
  @IsNotEmpty({ message: 'reason must say why the case leaves the caseload' })
  @MaxLength(2000)
  reason!: string;

  /** The Trygga hem case's `version`; a stale one is 409 VERSION_CONFLICT. */
  @IsInt()
  @Min(1)
  version!: number;
}

/** When, how, why and by whom a case left a group's caseload. */
export interface CaseloadExitDto {
  group: { id: string; name: string };
  outcome: CaseloadOutcome;
  reason: string;
  at: string;
  by: { id: string; displayName: string };
}

/**
 * `GET /trygga-hem/cases/:caseId/enrolment`: whether the case is in a caseload, how it left
 * one, the groups the caller may enrol it into (the group of the case's municipality) and the
 * caller's allowed actions (`th.enrol`). No personal data.
 */
export interface TryggaHemEnrolmentDto {
  caseId: string;
  enrolled: boolean;
  exit: CaseloadExitDto | null;
  groups: { id: string; name: string; municipalityCode: string }[];
  allowedActions: TryggaHemAction[];
}
