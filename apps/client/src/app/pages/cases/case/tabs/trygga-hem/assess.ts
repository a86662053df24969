import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import {
  ActionStatus,
  type ActionDto,
  type RiskAssessmentDto,
  RiskInstrument,
  type SafetyPlanDto,
} from '@samsyn/common';
import {
  type FieldMessage,
  SERVER_ERROR,
  fieldMessage,
} from '../../../../../core/forms/field-errors';

/**
 * Pure rules behind the Trygga hem case page's risk assessment, skyddsplan and action forms
 * (issue 6, D3–D5), apart from the components so they can be unit tested.
 */

/** The instruments in the order the form offers them (D5). */
export const RISK_INSTRUMENTS: readonly RiskInstrument[] = Object.values(RiskInstrument);

/** D5: a review date before the assessment's own date makes no sense (the API refuses it too). */
export function reviewBeforeAssessed(assessedOn: string, reviewOn: string): boolean {
  return assessedOn !== '' && reviewOn !== '' && reviewOn < assessedOn;
}

/** On the review date control: compares with the `assessedOn` control of the same group. */
export const reviewNotBeforeAssessed: ValidatorFn = (
  control: AbstractControl,
): ValidationErrors | null => {
  const assessedOn: unknown = control.parent?.get('assessedOn')?.value;
  const reviewOn: unknown = control.value;
  if (typeof assessedOn !== 'string' || typeof reviewOn !== 'string') return null;
  return reviewBeforeAssessed(assessedOn, reviewOn) ? { reviewBeforeAssessed: true } : null;
};

/** A YYYY-MM-DD date no later than `today()` (the API refuses assessments dated ahead). */
export function notAfter(today: () => string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value: unknown = control.value;
    return typeof value === 'string' && value !== '' && value > today() ? { inFuture: true } : null;
  };
}

/**
 * The message for a control of these forms: the date rules (from the form or from the API's
 * problem details, which name the same rules) get their own words; anything else the shared ones.
 */
export function assessFieldMessage(
  errors: Readonly<Record<string, unknown>> | null,
): FieldMessage | null {
  if (!errors) return null;
  if (errors['required']) return fieldMessage(errors);
  const server = errors[SERVER_ERROR];
  if (errors['reviewBeforeAssessed'] || server === 'beforeAssessment')
    return { key: 'th.assess.reviewBeforeAssessed' };
  if (errors['inFuture'] || server === 'inFuture') return { key: 'th.assess.inFuture' };
  return fieldMessage(errors);
}

/** An assessment the case page asks to be made again, and whether the caller's agency owns it. */
export interface DueAssessment {
  assessment: RiskAssessmentDto;
  /** The caller's agency made it, so the caller may record the new one (D5: never for another). */
  own: boolean;
  /** A new incident asked for it (rather than the review date passing). */
  byIncident: boolean;
}

/**
 * D5: the current assessments (latest per agency and instrument) that are due for review, the
 * caller's own agency's first, then by review date. Superseded ones are history, never due.
 */
export function dueAssessments(
  list: readonly RiskAssessmentDto[],
  organisationId: string | null,
): DueAssessment[] {
  return list
    .filter((a) => a.current && a.reviewDue)
    .map((assessment) => ({
      assessment,
      own: assessment.organisation.id === organisationId,
      byIncident: assessment.reassessmentRequestedAt !== null,
    }))
    .sort(
      (x, y) =>
        Number(y.own) - Number(x.own) || x.assessment.reviewOn.localeCompare(y.assessment.reviewOn),
    );
}

/** One victim or child on the skyddsplan section: their plan, if any. */
export interface SafetyPlanRow {
  personId: string;
  plan: SafetyPlanDto | null;
}

/**
 * D3: a row for each victim and child whose plan the caller may write (with or without a plan
 * yet), in the case's order; a plan for someone not in that list still shows, read-only.
 */
export function safetyPlanRows(
  personIds: readonly string[] | null,
  plans: readonly SafetyPlanDto[] | null,
): SafetyPlanRow[] {
  if (plans === null) return [];
  const rows: SafetyPlanRow[] = (personIds ?? []).map((personId) => ({
    personId,
    plan: plans.find((p) => p.personId === personId) ?? null,
  }));
  for (const plan of plans)
    if (!rows.some((r) => r.personId === plan.personId))
      rows.push({ personId: plan.personId, plan });
  return rows;
}

/** The status an action's toggle sets: done when open, open again when done. */
export function nextActionStatus(action: Pick<ActionDto, 'status'>): ActionStatus {
  return action.status === ActionStatus.Done ? ActionStatus.Open : ActionStatus.Done;
}

/**
 * The list with the actions changed on this page since it loaded, where the change is newer than
 * what the list holds (a reload that already has it, or something newer, wins).
 */
export function withChangedActions(
  list: readonly ActionDto[],
  changed: ReadonlyMap<string, ActionDto>,
): ActionDto[] {
  return list.map((a) => {
    const newer = changed.get(a.id);
    return newer && newer.version > a.version ? newer : a;
  });
}
