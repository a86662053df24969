import {
  AccessBasis,
  CaseRelation,
  type FieldError,
  hasPermissions,
  InformationCategory,
  OrganisationType,
  Permission,
  type Role,
  SipAction,
  SipCallBlockReason,
  SipMeetingState,
  SipPlanState,
} from '@samsyn/common';
import type { CaseDecision } from './access-policy';
import type { ProgrammeDefinition } from './programmes';

/**
 * Who may do what in a SIP (D7, D9, issue 15). The API enforces each action with these functions
 * and answers each case, meeting and plan with the actions they allow, so client and server
 * cannot disagree.
 */

/** The huvudmän (D7): the region and the municipalities. */
export const PRINCIPAL_TYPES: readonly OrganisationType[] = [
  OrganisationType.Region,
  OrganisationType.Municipality,
];

export interface SipActor {
  organisationId: string;
  organisationType: OrganisationType;
  unitId: string | null;
  roles: readonly Role[];
}

/**
 * D7: either huvudman calls the other, and one judging it necessary binds both. A user acts as a
 * huvudman on a SIP case when their organisation is the region or a municipality, their role takes
 * part in SIP work (`sip:call`) and the access policy lets them in as the owner (R2) or as a team
 * member whose organisation a consent or recorded legal basis covers (R3) — with the case's
 * coordination data in sight. Emergency access (R4) never does; police and Frivård are not
 * huvudmän.
 */
export function mayActAsHuvudman(
  decision: CaseDecision,
  actor: SipActor,
  programme: ProgrammeDefinition,
): boolean {
  if (programme.code !== 'SIP' || !decision.allowed || decision.emergency) return false;
  if (!PRINCIPAL_TYPES.includes(actor.organisationType)) return false;
  if (!hasPermissions(actor.roles, [Permission.SipCall])) return false;
  if (!decision.categories.includes(InformationCategory.Coordination)) return false;
  if (decision.basis === AccessBasis.Owner) return decision.canManage;
  return (
    (decision.basis === AccessBasis.Consent || decision.basis === AccessBasis.LegalBasis) &&
    decision.relation === CaseRelation.Team
  );
}

export interface SipCaseActionFacts {
  huvudman: boolean;
  /** The owner's right to manage the case (R2). */
  canManage: boolean;
  closed: boolean;
  /** The draft plan version, if one exists, and its meeting. */
  draft: { id: string; number: number; meetingId: string | null } | null;
}

/** What stops a huvudman from calling a meeting now (null: nothing). */
export function callBlocker(f: SipCaseActionFacts) {
  if (!f.draft) return null;
  return {
    reason: SipCallBlockReason.DraftPlan,
    meetingId: f.draft.meetingId,
    planVersionId: f.draft.id,
    planNumber: f.draft.number,
  };
}

/** The actions on the SIP as a whole. */
export function sipCaseActions(f: SipCaseActionFacts): SipAction[] {
  const out: SipAction[] = [];
  if (f.huvudman && !f.closed && !callBlocker(f)) out.push(SipAction.Call);
  if (f.canManage && !f.closed) out.push(SipAction.Settings, SipAction.End);
  return out;
}

export interface SipMeetingActionFacts {
  huvudman: boolean;
  canManage: boolean;
  closed: boolean;
  actorOrganisationId: string;
  callingOrganisationId: string;
  state: SipMeetingState;
}

/** Moving and cancelling a called meeting: the owner, or the huvudman that called it. */
export function mayChangeMeeting(f: SipMeetingActionFacts): boolean {
  return (
    f.state === SipMeetingState.Called &&
    !f.closed &&
    f.huvudman &&
    (f.canManage || f.actorOrganisationId === f.callingOrganisationId)
  );
}

export function sipMeetingActions(f: SipMeetingActionFacts): SipAction[] {
  return mayChangeMeeting(f) ? [SipAction.Move, SipAction.Cancel] : [];
}

/**
 * Recording who took part (issue 17 §2): whoever may change the meeting, once it has started —
 * attendance is a fact of a meeting held, not a plan.
 */
export function sipAttendanceActions(f: SipMeetingActionFacts & { started: boolean }): SipAction[] {
  return f.started && mayChangeMeeting(f) ? [SipAction.RecordAttendance] : [];
}

export interface SipPlanActionFacts {
  huvudman: boolean;
  /** The access policy's write right on the case (R2, or R3 with categories). */
  canWrite: boolean;
  state: SipPlanState;
  actorOrganisationId: string;
  participatingPrincipalIds: readonly string[];
  approvedOrganisationIds: readonly string[];
  personAgreed: boolean;
  /** `planAgreementProblems` for the version: what it still lacks. */
  problems: readonly FieldError[];
}

/** Why the caller may not approve (null: they may); the API answers with it. */
export function approveRefusal(
  f: SipPlanActionFacts,
): 'not_huvudman' | 'not_participating' | 'agreed' | 'incomplete' | 'already_approved' | null {
  if (!f.huvudman) return 'not_huvudman';
  if (!f.participatingPrincipalIds.includes(f.actorOrganisationId)) return 'not_participating';
  if (f.state !== SipPlanState.Draft) return 'agreed';
  if (f.problems.length) return 'incomplete';
  if (f.approvedOrganisationIds.includes(f.actorOrganisationId)) return 'already_approved';
  return null;
}

export function sipPlanActions(f: SipPlanActionFacts): SipAction[] {
  const out: SipAction[] = [];
  const draft = f.state === SipPlanState.Draft;
  if (draft && f.canWrite) out.push(SipAction.Edit);
  if (
    draft &&
    f.huvudman &&
    f.participatingPrincipalIds.includes(f.actorOrganisationId) &&
    !f.problems.length
  )
    out.push(SipAction.SendForApproval);
  if (approveRefusal(f) === null) out.push(SipAction.Approve);
  if (draft && f.canWrite && !f.problems.length && !f.personAgreed)
    out.push(SipAction.PersonAgreement);
  return out;
}

/**
 * Answering a kallelse or inbjudan: a member of the invited unit, while the meeting stands. Any
 * invited actor answers (police and Frivård too); a huvudman's answer binds it (D7).
 */
export function mayAnswerInvitation(f: {
  invitedUnitId: string | null;
  actorUnitId: string | null;
  meetingState: SipMeetingState;
}): boolean {
  return (
    !!f.actorUnitId &&
    f.invitedUnitId === f.actorUnitId &&
    f.meetingState === SipMeetingState.Called
  );
}
