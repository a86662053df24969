import {
  type FieldError,
  SipDeadlineKind,
  SipDeadlineState,
  SipMeasureStatus,
  SipResponsibleKind,
} from '@samsyn/common';
import type { SipDeadlineRules } from './agreements';
import { addDays } from './calendar';

/**
 * Pure SIP rules (D7–D12): what a plan needs before it can be agreed, when a version is agreed,
 * the deadlines and their state, the differences between versions and the measures' timeline.
 */

export interface SipNeedFacts {
  id: string;
  text: string;
}

export interface SipGoalFacts extends SipNeedFacts {
  ownWords: boolean;
}

export interface SipMeasureFacts {
  id: string;
  description: string;
  responsibleKind: SipResponsibleKind;
  organisationId: string | null;
  unitId: string | null;
  actorName: string | null;
  startDate: string;
  endDate: string | null;
  status: SipMeasureStatus;
}

export interface SipPlanFacts {
  needs: readonly SipNeedFacts[];
  goals: readonly SipGoalFacts[];
  measures: readonly SipMeasureFacts[];
  leadPrincipalOrganisationId: string | null;
  followUpDate: string | null;
}

/** The field errors of measures whatever the plan's state: an owner, and dates in order. */
export function measureProblems(
  measures: readonly Omit<SipMeasureFacts, 'id'>[],
  prefix = 'measures',
): FieldError[] {
  const errors: FieldError[] = [];
  measures.forEach((m, i) => {
    if (m.endDate !== null && m.endDate < m.startDate)
      errors.push({
        field: `${prefix}.${i}.endDate`,
        code: 'beforeStart',
        message: 'A measure cannot end before it starts',
      });
    if (m.responsibleKind !== SipResponsibleKind.Other && !m.organisationId)
      errors.push({
        field: `${prefix}.${i}.organisationId`,
        code: 'required',
        message: 'Name the responsible huvudman of a region or municipality measure',
      });
    if (m.responsibleKind === SipResponsibleKind.Other && !m.organisationId && !m.actorName?.trim())
      errors.push({
        field: `${prefix}.${i}.actorName`,
        code: 'required',
        message: 'Name the actor responsible for this measure',
      });
  });
  return errors;
}

/**
 * What stops a plan from being agreed (D8): needs, at least one measure with its owner, the
 * huvudman with huvudansvar (one of the participating huvudmän) and a follow-up date that has
 * not passed. Empty when it may be agreed.
 */
export function planAgreementProblems(
  plan: SipPlanFacts,
  participatingPrincipalIds: readonly string[],
  today: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!plan.needs.length)
    errors.push({ field: 'needs', code: 'required', message: 'State the needs the plan meets' });
  if (!plan.measures.length)
    errors.push({
      field: 'measures',
      code: 'required',
      message: 'The plan needs at least one measure with its responsible huvudman or actor',
    });
  errors.push(...measureProblems(plan.measures));
  if (!plan.leadPrincipalOrganisationId)
    errors.push({
      field: 'leadPrincipalOrganisationId',
      code: 'required',
      message: 'Name the huvudman with huvudansvar (overall responsibility) before agreeing',
    });
  else if (!participatingPrincipalIds.includes(plan.leadPrincipalOrganisationId))
    errors.push({
      field: 'leadPrincipalOrganisationId',
      code: 'notParticipating',
      message: 'Huvudansvar must lie with one of the huvudmän taking part in the SIP',
    });
  if (!plan.followUpDate)
    errors.push({
      field: 'followUpDate',
      code: 'required',
      message: 'Set the date of the next follow-up before agreeing',
    });
  else if (plan.followUpDate < today)
    errors.push({
      field: 'followUpDate',
      code: 'inPast',
      message: 'The follow-up date has already passed',
    });
  return errors;
}

export interface SipApprovalState {
  /** Participating huvudmän that have not approved yet. */
  missing: string[];
  personAgreed: boolean;
  /** D9: every participating huvudman approved and the person's agreement is recorded. */
  agreed: boolean;
}

export function approvalState(
  participatingPrincipalIds: readonly string[],
  approvedOrganisationIds: readonly string[],
  personAgreed: boolean,
): SipApprovalState {
  const missing = participatingPrincipalIds.filter((id) => !approvedOrganisationIds.includes(id));
  return {
    missing,
    personAgreed,
    agreed: participatingPrincipalIds.length > 0 && missing.length === 0 && personAgreed,
  };
}

/** Days before a deadline from which an unmet one counts as at risk. */
export const SIP_AT_RISK_DAYS = 1;

/**
 * A deadline's state on `today`: met on or before its day, missed after it, at risk when the
 * last day is near or the planned date (`plannedOn`, e.g. a called meeting) lies after it.
 */
export function deadlineState(
  dueOn: string,
  metOn: string | null,
  today: string,
  plannedOn: string | null = null,
): SipDeadlineState {
  if (metOn !== null) return metOn <= dueOn ? SipDeadlineState.Met : SipDeadlineState.Missed;
  if (today > dueOn) return SipDeadlineState.Missed;
  if (plannedOn !== null && plannedOn > dueOn) return SipDeadlineState.AtRisk;
  if (addDays(today, SIP_AT_RISK_DAYS) >= dueOn) return SipDeadlineState.AtRisk;
  return SipDeadlineState.Pending;
}

export interface SipDeadlineFacts {
  requestedOn: string | null;
  dischargeReadyOn: string | null;
  /** Day the first (not cancelled) meeting was called. */
  firstCalledOn: string | null;
  /** Day of the first (not cancelled) meeting. */
  firstMeetingOn: string | null;
  /** The latest agreed version's follow-up date. */
  followUpDate: string | null;
  /** Day of the earliest follow-up meeting called after that version was agreed. */
  followUpMeetingOn: string | null;
}

export interface SipDeadline {
  kind: SipDeadlineKind;
  dueOn: string;
  metOn: string | null;
  state: SipDeadlineState;
}

/** The SIP's deadlines (D10) under the agreement's rules, with their state on `today`. */
export function sipDeadlines(
  facts: SipDeadlineFacts,
  rules: SipDeadlineRules,
  today: string,
): SipDeadline[] {
  const out: SipDeadline[] = [];
  if (facts.dischargeReadyOn) {
    const dueOn = addDays(facts.dischargeReadyOn, rules.summonsDaysAfterDischargeReady);
    out.push({
      kind: SipDeadlineKind.Summons,
      dueOn,
      metOn: facts.firstCalledOn,
      state: deadlineState(dueOn, facts.firstCalledOn, today),
    });
  }
  if (facts.requestedOn) {
    const dueOn = addDays(facts.requestedOn, rules.firstMeetingDaysAfterRequest);
    // A meeting counts as met once its day has come; before that it is a plan.
    const held = facts.firstMeetingOn !== null && facts.firstMeetingOn <= today;
    out.push({
      kind: SipDeadlineKind.FirstMeeting,
      dueOn,
      metOn: held ? facts.firstMeetingOn : null,
      state: deadlineState(dueOn, held ? facts.firstMeetingOn : null, today, facts.firstMeetingOn),
    });
  }
  if (facts.followUpDate) {
    const held = facts.followUpMeetingOn !== null && facts.followUpMeetingOn <= today;
    out.push({
      kind: SipDeadlineKind.FollowUp,
      dueOn: facts.followUpDate,
      metOn: held ? facts.followUpMeetingOn : null,
      state: deadlineState(
        facts.followUpDate,
        held ? facts.followUpMeetingOn : null,
        today,
        facts.followUpMeetingOn,
      ),
    });
  }
  return out;
}

export interface ItemChange<T> {
  before: T;
  after: T;
}

export interface ListDiff<T> {
  added: T[];
  removed: T[];
  changed: ItemChange<T>[];
}

/** Items are matched by id; an item whose fields differ is `changed`. */
export function diffById<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
): ListDiff<T> {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  return {
    added: after.filter((x) => !old.has(x.id)),
    removed: before.filter((x) => !now.has(x.id)),
    changed: after
      .filter((x) => old.has(x.id) && !sameFields(old.get(x.id)!, x))
      .map((x) => ({ before: old.get(x.id)!, after: x })),
  };
}

function sameFields(a: object, b: object): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys)
    if (
      JSON.stringify((a as Record<string, unknown>)[k] ?? null) !==
      JSON.stringify((b as Record<string, unknown>)[k] ?? null)
    )
      return false;
  return true;
}

export interface SipPlanDiff {
  needs: ListDiff<SipNeedFacts>;
  goals: ListDiff<SipGoalFacts>;
  measures: ListDiff<SipMeasureFacts>;
  leadPrincipal: ItemChange<string | null> | null;
  followUpDate: ItemChange<string | null> | null;
}

/** What changed from one plan version to another (D9: plan history); `before` null = all added. */
export function diffPlans(before: SipPlanFacts | null, after: SipPlanFacts): SipPlanDiff {
  const b = before ?? {
    needs: [],
    goals: [],
    measures: [],
    leadPrincipalOrganisationId: null,
    followUpDate: null,
  };
  return {
    needs: diffById(b.needs, after.needs),
    goals: diffById(b.goals, after.goals),
    measures: diffById(b.measures, after.measures),
    leadPrincipal:
      b.leadPrincipalOrganisationId === after.leadPrincipalOrganisationId
        ? null
        : { before: b.leadPrincipalOrganisationId, after: after.leadPrincipalOrganisationId },
    followUpDate:
      b.followUpDate === after.followUpDate
        ? null
        : { before: b.followUpDate, after: after.followUpDate },
  };
}

/** The agency a measure belongs to on the timeline: its organisation, or the named actor. */
export function agencyKey(m: Pick<SipMeasureFacts, 'organisationId' | 'actorName'>): string {
  return m.organisationId ?? `actor:${(m.actorName ?? '').trim().toLowerCase()}`;
}

export interface TimelineLane<M> {
  key: string;
  measures: M[];
}

export interface TimelineOverlap {
  measureIds: [string, string];
  from: string;
  to: string | null;
}

/**
 * D12: every agency's measures side by side. Lanes per agency in order of their first measure,
 * measures sorted by start then end; each pair of overlapping measures of different agencies
 * is flagged so the participants check that they do not counteract each other. Cancelled
 * measures are shown but never overlap.
 */
export function planTimeline<M extends SipMeasureFacts>(
  measures: readonly M[],
): {
  lanes: TimelineLane<M>[];
  overlaps: TimelineOverlap[];
  from: string | null;
  to: string | null;
} {
  const sorted = [...measures].sort(
    (a, b) =>
      a.startDate.localeCompare(b.startDate) ||
      (a.endDate ?? '9999-12-31').localeCompare(b.endDate ?? '9999-12-31') ||
      a.id.localeCompare(b.id),
  );
  const lanes: TimelineLane<M>[] = [];
  for (const m of sorted) {
    const key = agencyKey(m);
    let lane = lanes.find((l) => l.key === key);
    if (!lane) lanes.push((lane = { key, measures: [] }));
    lane.measures.push(m);
  }
  const overlaps: TimelineOverlap[] = [];
  const active = sorted.filter((m) => m.status !== SipMeasureStatus.Cancelled);
  for (let i = 0; i < active.length; i++)
    for (let j = i + 1; j < active.length; j++) {
      const a = active[i];
      const b = active[j];
      if (agencyKey(a) === agencyKey(b)) continue;
      const from = a.startDate > b.startDate ? a.startDate : b.startDate;
      const ends = [a.endDate, b.endDate].filter((d): d is string => d !== null).sort();
      const to = ends.length ? ends[0] : null;
      if (to === null || from <= to) overlaps.push({ measureIds: [a.id, b.id], from, to });
    }
  const ends = sorted.map((m) => m.endDate);
  return {
    lanes,
    overlaps,
    from: sorted[0]?.startDate ?? null,
    to: !sorted.length || ends.includes(null) ? null : (ends as string[]).sort().at(-1)!,
  };
}
