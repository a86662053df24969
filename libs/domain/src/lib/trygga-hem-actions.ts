import { InformationCategory, TryggaHemAction } from '@samsyn/common';
import { type CaseDecision, canWriteCategory } from './access-policy';

/**
 * Who may do what with a Trygga hem case in a caseload, a koordinatorsgrupp and its meetings
 * (issue 15). The API's services refuse a request with these functions and return the same
 * lists as `allowedActions`, so the client offers exactly what the server accepts.
 */

/** Why a case cannot be put in a caseload, or null when it can. */
export type EnrolmentRefusal =
  'notOwner' | 'caseClosed' | 'notTryggaHem' | 'alreadyEnrolled' | 'noGroup';

/**
 * Enrolment: the owning organisation's right to change an open case (the API's `change` right:
 * `canManage` and not closed), a Trygga hem case, not in a caseload now, and a group for the
 * case's municipality. A case that left a caseload may come back: a new enrolment, with its
 * earlier exits kept.
 */
export function enrolmentRefusal(input: {
  decision: Pick<CaseDecision, 'allowed' | 'canManage'>;
  closed: boolean;
  tryggaHem: boolean;
  enrolment: 'none' | 'enrolled' | 'left';
  groupAvailable: boolean;
}): EnrolmentRefusal | null {
  if (!input.decision.allowed || !input.decision.canManage) return 'notOwner';
  if (input.closed) return 'caseClosed';
  if (!input.tryggaHem) return 'notTryggaHem';
  if (input.enrolment === 'enrolled') return 'alreadyEnrolled';
  if (!input.groupAvailable) return 'noGroup';
  return null;
}

/**
 * A case in a caseload. A new priority needs write access to its coordination data (what
 * every coordination write needs). Taking it off the caseload (`th.leave`) is the group's
 * decision: a member of the case's koordinatorsgrupp who may write its coordination data —
 * the same right as recording the group's decision on the case at a meeting. The owning
 * organisation's handler who is not a member may not; nor may a member whose organisation
 * sees no coordination data (no consent or recorded legal basis).
 */
export function caseloadActions(input: {
  decision: CaseDecision;
  groupMember: boolean;
}): TryggaHemAction[] {
  const coordination = canWriteCategory(input.decision, InformationCategory.Coordination);
  const actions: TryggaHemAction[] = [];
  if (coordination) actions.push(TryggaHemAction.SetPriority);
  if (coordination && input.groupMember) actions.push(TryggaHemAction.Leave);
  return actions;
}

/**
 * A koordinatorsgrupp. Group managers (samordnare, org admins: `coordinator_group:manage`) edit
 * it, manage its members and call meetings, and see no case rows (D1). Members call meetings,
 * see the board and open meetings.
 */
export function groupActions(input: { manager: boolean; member: boolean }): TryggaHemAction[] {
  const actions: TryggaHemAction[] = [];
  if (input.manager) actions.push(TryggaHemAction.GroupEdit, TryggaHemAction.GroupManageMembers);
  if (input.manager || input.member) actions.push(TryggaHemAction.GroupCallMeeting);
  if (input.member) actions.push(TryggaHemAction.GroupViewBoard, TryggaHemAction.GroupOpenMeetings);
  return actions;
}

/** A meeting is chaired (agenda) and its minutes approved by group members, while it is open. */
export function meetingActions(input: { member: boolean; approved: boolean }): TryggaHemAction[] {
  return input.member && !input.approved
    ? [TryggaHemAction.MeetingEditAgenda, TryggaHemAction.MeetingApprove]
    : [];
}

/**
 * Recording who took part (issue 17 §2): members, from the meeting day, while the minutes are
 * open — attendance is part of the minutes the group approves.
 */
export function meetingAttendanceActions(input: {
  member: boolean;
  approved: boolean;
  held: boolean;
}): TryggaHemAction[] {
  return input.member && !input.approved && input.held
    ? [TryggaHemAction.MeetingRecordAttendance]
    : [];
}

/** A decision and actions on one agenda item: a member of an open meeting with write access to the case's coordination data. */
export function agendaItemActions(input: {
  member: boolean;
  approved: boolean;
  decision: CaseDecision | null;
}): TryggaHemAction[] {
  return input.member &&
    !input.approved &&
    input.decision !== null &&
    canWriteCategory(input.decision, InformationCategory.Coordination)
    ? [TryggaHemAction.MeetingDecide]
    : [];
}
