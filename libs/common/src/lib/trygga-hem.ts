/**
 * Trygga hem codes (issue 6), apart from the request classes in trygga-hem.dto.ts: that module's
 * class-transformer decorators read `reflect-metadata`, which the browser bundle does not load,
 * so the client imports its Trygga hem codes from here (as sip.ts does for SIP).
 */
import { InformationCategory } from './case-access';

/** Focused-deterrence priority (D4, High Point): A = watch list … D = most dangerous. */
export enum TryggaHemPriority {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}

export const TRYGGA_HEM_PRIORITIES: readonly TryggaHemPriority[] = Object.values(TryggaHemPriority);

/** Kinds of notification delivered to the person who uses violence (D4). */
export enum NotificationMethod {
  Letter = 'letter',
  HomeVisit = 'home_visit',
  CallInMeeting = 'call_in_meeting',
  Custom = 'custom',
}

/** What an offer of support became (D4). */
export enum OfferUptake {
  Offered = 'offered',
  Accepted = 'accepted',
  Declined = 'declined',
  Completed = 'completed',
  Discontinued = 'discontinued',
}

/** Offer states that count as "taken up" in the figures. */
export const OFFER_TAKEN_UP: readonly OfferUptake[] = [OfferUptake.Accepted, OfferUptake.Completed];

export enum OfferKind {
  TreatmentProgramme = 'treatment_programme',
  Counselling = 'counselling',
  AddictionCare = 'addiction_care',
  Housing = 'housing',
  Employment = 'employment',
  Other = 'other',
}

export enum ControlMeasureKind {
  ContactBan = 'kontaktforbud',
  ExtendedContactBan = 'utvidgat_kontaktforbud',
  SupervisionConditions = 'supervision_conditions',
  ElectronicMonitoring = 'electronic_monitoring',
  Other = 'other',
}

export enum IncidentKind {
  PhysicalViolence = 'physical_violence',
  Threat = 'threat',
  SexualViolence = 'sexual_violence',
  ContactBanViolation = 'contact_ban_violation',
  PropertyDamage = 'property_damage',
  Other = 'other',
}

/** Risk instruments (D5); never merged across agencies. */
export enum RiskInstrument {
  Freda = 'freda',
  SaraSv = 'sara_sv',
  Patriark = 'patriark',
  BSafer = 'b_safer',
  Other = 'other',
}

export enum RiskLevel {
  Low = 'low',
  Medium = 'medium',
  High = 'high',
}

export enum ActionStatus {
  Open = 'open',
  Done = 'done',
}

export enum MeetingStatus {
  /** The agenda and decisions may change. */
  Open = 'open',
  /** Minutes approved by the group: nothing in the meeting changes any more. */
  Approved = 'approved',
}

/** Why a case is on the agenda (D2): the board's signals, in agenda order. */
export enum AgendaReason {
  NewIncident = 'new_incident',
  Repeat = 'repeat',
  HighRisk = 'high_risk',
  OverdueReview = 'overdue_review',
  OverdueAction = 'overdue_action',
  Routine = 'routine',
}

/** The board's sort orders. */
export const BOARD_SORTS = ['agenda', 'priority', 'daysSinceReview', 'caseNumber'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

/** The recorded facts that can be corrected or removed afterwards (D21). */
export enum TryggaHemRecordKind {
  Notification = 'notification',
  ControlMeasure = 'control_measure',
  Incident = 'incident',
}

/**
 * The information category each kind of record belongs to: recording, correcting or removing
 * one takes it (the API), and the case page offers its forms only with it (the client).
 */
export const TRYGGA_HEM_RECORD_CATEGORY: Readonly<
  Record<TryggaHemRecordKind, InformationCategory>
> = {
  [TryggaHemRecordKind.Notification]: InformationCategory.Coordination,
  [TryggaHemRecordKind.ControlMeasure]: InformationCategory.Criminal,
  [TryggaHemRecordKind.Incident]: InformationCategory.Criminal,
};

/** What happened to a recorded fact afterwards (D21): never silently rewritten. */
export enum RecordRevisionKind {
  /** Values changed, with a reason; the previous values are kept. */
  Correction = 'correction',
  /** Soft removal, with a reason: hidden from the case and the figures, kept for audit. */
  Removal = 'removal',
}
