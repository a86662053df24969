import type { FieldError } from './errors';
import type { SipRef, SipUserRef } from './sip.dto';

/**
 * What the caller may do on a SIP case, meeting or plan version (issue 15). The API computes it
 * with the same functions that enforce each action (`libs/domain` `sip-rights.ts`), so the client
 * shows only what the server accepts. Controls carry `data-action="sip.<action>"`.
 */
export enum SipAction {
  /** Call a meeting (D7): a huvudman on the team with ownership, consent or legal basis. */
  Call = 'call',
  /** Record the dates deadlines count from (owner). */
  Settings = 'settings',
  /** End the SIP (owner). */
  End = 'end',
  /** Move a called meeting (owner or the calling huvudman). */
  Move = 'move',
  /** Cancel a called meeting (owner or the calling huvudman). */
  Cancel = 'cancel',
  /** Answer a kallelse or inbjudan (the invited unit). */
  Answer = 'answer',
  /** Edit a draft plan version. */
  Edit = 'edit',
  /** Send a complete draft to the participating huvudmän for approval. */
  SendForApproval = 'send_for_approval',
  /** Approve a complete draft for the caller's organisation (a participating huvudman). */
  Approve = 'approve',
  /** Record the person's agreement to a complete draft. */
  PersonAgreement = 'person_agreement',
  /** Record which units and people took part, once the meeting has started (as Move). */
  RecordAttendance = 'record_attendance',
}

/** Why a meeting cannot be called now. */
export enum SipCallBlockReason {
  /** A plan version is still a draft: agree it, or cancel its meeting. */
  DraftPlan = 'draft_plan',
}

/** On the overview: what stops the caller from calling a meeting, and the way out. */
export interface SipCallBlockerDto {
  reason: SipCallBlockReason;
  /** The meeting the draft belongs to (cancelling it removes the draft). */
  meetingId: string | null;
  planVersionId: string;
  planNumber: number;
}

/** `POST /sip/plans/:id/send-for-approval`: names the version sent. */
export interface SipApprovalRequestState {
  sentAt: string;
  sentBy: SipUserRef;
}

/** A plan version awaiting the caller's organisation or the person (`GET /sip/approvals`). */
export interface SipAwaitingApprovalDto {
  planId: string;
  number: number;
  caseId: string;
  caseNumber: string;
  sentAt: string;
  sentBy: SipUserRef;
  /** The huvudmän that have not approved yet. */
  awaitingOrganisations: SipRef[];
  /** Whether the caller's organisation still has to approve. */
  awaitsYourOrganisation: boolean;
  /** Whether the person's agreement is still to be recorded. */
  awaitsPerson: boolean;
  /** What still stops the version from being agreed (empty when complete). */
  agreementProblems: FieldError[];
  allowedActions: SipAction[];
}
