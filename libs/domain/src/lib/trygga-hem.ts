import {
  AgendaReason,
  InformationCategory,
  type RiskLevel,
  TRYGGA_HEM_PRIORITIES,
  TryggaHemPriority,
} from '@samsyn/common';

/**
 * Pure rules of Trygga hem – utan våld and its koordinatorsgrupp (issue 6, D2–D6): priority
 * levels, repeat detection, reassessment and the agenda order (the figures' small counts:
 * `small-counts.ts`). No I/O; dates are YYYY-MM-DD (Swedish calendar days).
 */

/** D4: A = watch list … D = most dangerous. Higher rank = more urgent. */
export function priorityRank(priority: TryggaHemPriority): number {
  return TRYGGA_HEM_PRIORITIES.indexOf(priority);
}

export function isPriority(value: unknown): value is TryggaHemPriority {
  return typeof value === 'string' && (TRYGGA_HEM_PRIORITIES as readonly string[]).includes(value);
}

/** `date` plus whole calendar months, clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** Issue 6 §4: the window within which a new incident counts as a repeat. */
export const REPEAT_WINDOW_MONTHS = 12;

export interface RepeatFacts {
  /** When the new incident happened. */
  occurredOn: string;
  /** Whether it was against one of the case's own victim-side participants (same victim). */
  sameVictim: boolean;
  /** The case's referral (aktualisering). */
  referredOn: string;
  /** The last time the koordinatorsgrupp reviewed the case, if ever. */
  lastReviewedOn: string | null;
}

/**
 * Issue 6 §4: a new incident between the same victim and offender within 12 months of the last
 * review or referral (whichever is later) is a repeat. An incident before that anchor is history,
 * not a repeat; one without a known victim of the case cannot be "the same victim".
 */
export function isRepeatIncident(facts: RepeatFacts): boolean {
  if (!facts.sameVictim) return false;
  const anchor =
    facts.lastReviewedOn && facts.lastReviewedOn > facts.referredOn
      ? facts.lastReviewedOn
      : facts.referredOn;
  return facts.occurredOn >= anchor && facts.occurredOn <= addMonths(anchor, REPEAT_WINDOW_MONTHS);
}

export interface AssessmentFacts {
  id: string;
  organisationId: string;
  instrument: string;
  assessedOn: string;
  /** Tie-break for two assessments on one day. */
  recordedAt: Date;
  reviewOn: string;
  reassessmentRequestedAt: Date | null;
  level: RiskLevel;
}

/**
 * D5: assessments are never merged. The current ones are, per agency and instrument, the latest
 * by date (then by when recorded). Returned in input order.
 */
export function currentAssessments<T extends AssessmentFacts>(all: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const a of all) {
    const key = `${a.organisationId}/${a.instrument}`;
    const seen = latest.get(key);
    if (
      !seen ||
      a.assessedOn > seen.assessedOn ||
      (a.assessedOn === seen.assessedOn && a.recordedAt > seen.recordedAt)
    )
      latest.set(key, a);
  }
  const ids = new Set([...latest.values()].map((a) => a.id));
  return all.filter((a) => ids.has(a.id));
}

/** D5: risk is perishable; a review date that has passed or an incident since calls for review. */
export function assessmentReviewDue(a: AssessmentFacts, today: string): boolean {
  return a.reassessmentRequestedAt !== null || a.reviewOn < today;
}

/** Per agency: its latest assessment over all instruments (the board's "latest level per agency"). */
export function latestPerAgency<T extends AssessmentFacts>(all: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const a of all) {
    const seen = latest.get(a.organisationId);
    if (
      !seen ||
      a.assessedOn > seen.assessedOn ||
      (a.assessedOn === seen.assessedOn && a.recordedAt > seen.recordedAt)
    )
      latest.set(a.organisationId, a);
  }
  return [...latest.values()];
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface AgendaSignals {
  caseId: string;
  caseNumber: string;
  priority: TryggaHemPriority;
  newIncidents: number;
  repeat: boolean;
  highRisk: boolean;
  reviewDue: boolean;
  overdueActions: number;
  daysSinceReview: number;
}

/** Why a case deserves the group's time, most urgent first (issue 6 §6). */
export function agendaReasons(s: AgendaSignals): AgendaReason[] {
  const reasons: AgendaReason[] = [];
  if (s.newIncidents > 0) reasons.push(AgendaReason.NewIncident);
  if (s.repeat) reasons.push(AgendaReason.Repeat);
  if (s.highRisk) reasons.push(AgendaReason.HighRisk);
  if (s.reviewDue) reasons.push(AgendaReason.OverdueReview);
  if (s.overdueActions > 0) reasons.push(AgendaReason.OverdueAction);
  if (!reasons.length) reasons.push(AgendaReason.Routine);
  return reasons;
}

/**
 * The information category each reason reveals: a new incident is criminal information, high
 * risk and a due review are risk information, a repeat and an overdue action are coordination.
 */
export const AGENDA_REASON_CATEGORY: Readonly<
  Record<Exclude<AgendaReason, AgendaReason.Routine>, InformationCategory>
> = {
  [AgendaReason.NewIncident]: InformationCategory.Criminal,
  [AgendaReason.Repeat]: InformationCategory.Coordination,
  [AgendaReason.HighRisk]: InformationCategory.Risk,
  [AgendaReason.OverdueReview]: InformationCategory.Risk,
  [AgendaReason.OverdueAction]: InformationCategory.Coordination,
};

/**
 * A meeting's stored reasons (proposed from every signal) as a member sees them: only the
 * reasons whose category their decision includes; none left reads as routine (D20, R3).
 */
export function visibleAgendaReasons(
  reasons: readonly AgendaReason[],
  categories: readonly InformationCategory[],
): AgendaReason[] {
  const shown = reasons.filter(
    (r) => r !== AgendaReason.Routine && categories.includes(AGENDA_REASON_CATEGORY[r]),
  );
  return shown.length ? shown : [AgendaReason.Routine];
}

/** The reasons from most to least urgent: a case ranks by its most urgent one. */
export const AGENDA_REASON_ORDER: readonly AgendaReason[] = [
  AgendaReason.NewIncident,
  AgendaReason.Repeat,
  AgendaReason.HighRisk,
  AgendaReason.OverdueReview,
  AgendaReason.OverdueAction,
  AgendaReason.Routine,
];

/**
 * Issue 6 §6: the proposed agenda — new incidents, repeats, high risk and overdue reviews first
 * (in that order, by a case's most urgent reason); within a group, higher priority, then longer
 * since the last review, then case number so the order is stable.
 */
export function compareAgenda(a: AgendaSignals, b: AgendaSignals): number {
  const rank = (s: AgendaSignals) => AGENDA_REASON_ORDER.indexOf(agendaReasons(s)[0]);
  return (
    rank(a) - rank(b) ||
    priorityRank(b.priority) - priorityRank(a.priority) ||
    b.daysSinceReview - a.daysSinceReview ||
    a.caseNumber.localeCompare(b.caseNumber)
  );
}

export function proposeAgenda<T extends AgendaSignals>(cases: readonly T[]): T[] {
  return [...cases].sort(compareAgenda);
}

/** Priority key order for a breakdown. */
export function emptyPriorityCounts(): Record<TryggaHemPriority, number> {
  return {
    [TryggaHemPriority.A]: 0,
    [TryggaHemPriority.B]: 0,
    [TryggaHemPriority.C]: 0,
    [TryggaHemPriority.D]: 0,
  };
}

// ---------------------------------------------------------------- corrections and removals (D21)

export interface IncidentTiming {
  occurredOn: string;
  /** When it was recorded (an incident recorded after the review is new even if it is older). */
  recordedAt: Date;
}

/**
 * Whether an incident is new since the group last reviewed the case (the board's "new
 * incidents"): it happened after the review day, or was recorded after that day ended (UTC).
 */
export function newSinceReview(incident: IncidentTiming, lastReviewedOn: string | null): boolean {
  return (
    lastReviewedOn === null ||
    incident.occurredOn > lastReviewedOn ||
    incident.recordedAt.getTime() > Date.parse(`${lastReviewedOn}T23:59:59Z`)
  );
}

export interface RepeatFlagFacts {
  /** The case's repeat flag before the change. */
  current: boolean;
  /** The corrected incident was not a repeat and now is. */
  becameRepeat: boolean;
  /** The case's incidents after the change, removed ones left out. */
  remaining: readonly (IncidentTiming & { repeat: boolean })[];
  lastReviewedOn: string | null;
}

/**
 * Issue 6 §4 after a correction or removal: the case stays flagged only while a remaining repeat
 * incident is new since the last review. A removal can only lower the flag; a correction raises
 * it as a new repeat would (but never for an incident the group has already reviewed).
 */
export function repeatFlagAfterChange(facts: RepeatFlagFacts): boolean {
  if (!facts.current && !facts.becameRepeat) return false;
  return facts.remaining.some((i) => i.repeat && newSinceReview(i, facts.lastReviewedOn));
}

/**
 * D5 after an incident is removed: an assessment's reassessment request stands while some
 * remaining incident was recorded after the assessment (that is what requested it).
 */
export function reassessmentStillCalledFor(
  assessmentRecordedAt: Date,
  remainingIncidentsRecordedAt: readonly Date[],
): boolean {
  return remainingIncidentsRecordedAt.some((at) => at.getTime() > assessmentRecordedAt.getTime());
}

/**
 * D21: the values a correction replaces — for each key whose value differs between `before`
 * and `after`, the value before. Empty when nothing changes.
 */
export function previousValues<V extends string | boolean | null | readonly string[]>(
  before: Readonly<Record<string, V>>,
  after: Readonly<Record<string, V>>,
): Record<string, V> {
  const previous: Record<string, V> = {};
  for (const key of Object.keys(after))
    if (!sameValue(before[key], after[key])) previous[key] = before[key];
  return previous;
}

/** Lists (e.g. forms of violence, kept in one order) are the same when their items are. */
function sameValue<V>(a: V, b: V): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}
