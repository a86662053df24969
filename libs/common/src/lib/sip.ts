/**
 * SIP enums (issue 4), apart from the request classes in sip.dto.ts: that module's
 * class-transformer decorators read `reflect-metadata`, which the browser bundle does not load,
 * so the client imports its SIP codes from here.
 */

export enum SipMeetingKind {
  /** The first meeting of the SIP. */
  First = 'first',
  /** A follow-up (uppföljning): produces the next plan version. */
  FollowUp = 'follow_up',
}

export enum SipMeetingState {
  Called = 'called',
  Cancelled = 'cancelled',
}

/** Kallelse to the other huvudman (region/municipality), inbjudan to every other actor (D7). */
export enum SipInvitationKind {
  Summons = 'summons',
  Invitation = 'invitation',
}

export enum SipInvitationState {
  Pending = 'pending',
  Accepted = 'accepted',
  Declined = 'declined',
  ProposedTime = 'proposed_time',
  /** The meeting was cancelled. */
  Cancelled = 'cancelled',
}

export enum SipAnswer {
  Accept = 'accept',
  Decline = 'decline',
  ProposeTime = 'propose_time',
}

export enum SipPlanState {
  /** Being written; editable with its `version`. */
  Draft = 'draft',
  /** Every participating huvudman approved and the person agreed (D9): never edited again. */
  Agreed = 'agreed',
}

/** Who carries out a measure (D8 items 2–3). */
export enum SipResponsibleKind {
  Region = 'region',
  Municipality = 'municipality',
  /** Police, Frivård, school, Försäkringskassan … */
  Other = 'other',
}

export enum SipMeasureStatus {
  Planned = 'planned',
  Ongoing = 'ongoing',
  Completed = 'completed',
  Cancelled = 'cancelled',
}

export enum SipDeadlineKind {
  /** Kallelse within N days of the patient being ready for discharge (lag 2017:612). */
  Summons = 'summons',
  /** First meeting within N days of the request. */
  FirstMeeting = 'first_meeting',
  /** A follow-up meeting on or before the agreed plan's follow-up date. */
  FollowUp = 'follow_up',
}

export enum SipDeadlineState {
  Pending = 'pending',
  /** Not met yet and due within a day, or the planned meeting lies after the deadline. */
  AtRisk = 'at_risk',
  Met = 'met',
  Missed = 'missed',
}

export enum SipEndedBy {
  /** The person chose to end the SIP (D9: at any time). */
  Person = 'person',
  /** The huvudmän closed it (goals reached, moved …). */
  Closed = 'closed',
}

export type SipLanguage = 'sv' | 'en';
