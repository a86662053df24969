import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import {
  type ControlMeasureDto,
  type IncidentDto,
  InformationCategory,
  TryggaHemAction,
  type TryggaHemCaseDto,
  TRYGGA_HEM_RECORD_CATEGORY,
  type TryggaHemNotificationDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import {
  type FieldMessage,
  SERVER_ERROR,
  fieldMessage,
} from '../../../../../core/forms/field-errors';
import type { LabelGroup } from '../../../../../core/i18n/labels';
import type { TranslationKey } from '../../../../../core/i18n/sv';
import type { TextKey, TranslationParams } from '../../../../../core/i18n/translate';

/**
 * Pure rules of the Trygga hem record forms (issue 6 §3, D4, D21): who sees the forms, the date
 * rules, what a correction sends, and how a record's history and an incident's outcome read.
 */

/** What each kind of record is, in the information category that writing it takes (as the API). */
export type RecordSection = TryggaHemRecordKind | 'offer';

export const RECORD_CATEGORY: Readonly<Record<RecordSection, InformationCategory>> = {
  ...TRYGGA_HEM_RECORD_CATEGORY,
  offer: InformationCategory.Social,
};

/** The action that records a new record of each section (issue 15). */
export const RECORD_ACTION: Readonly<Record<RecordSection, TryggaHemAction>> = {
  [TryggaHemRecordKind.Notification]: TryggaHemAction.AddNotification,
  [TryggaHemRecordKind.ControlMeasure]: TryggaHemAction.AddControlMeasure,
  [TryggaHemRecordKind.Incident]: TryggaHemAction.AddIncident,
  offer: TryggaHemAction.AddOffer,
};

/**
 * Whether the caller sees the form to record `section`: the API lists its action among the
 * case's `allowedActions`, computed by the rule that its write enforces (issue 15).
 */
export function mayRecord(
  profile: Pick<TryggaHemCaseDto, 'allowedActions'>,
  section: RecordSection,
): boolean {
  return profile.allowedActions.includes(RECORD_ACTION[section]);
}

/** A date (YYYY-MM-DD) no later than `max()` (today): `{ inFuture: true }` otherwise. */
export function notAfter(max: () => string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value: unknown = control.value;
    return typeof value === 'string' && value !== '' && value > max() ? { inFuture: true } : null;
  };
}

/** On an end date: not before the sibling `startControl`'s date (`{ dateOrder: true }`). */
export function notBeforeSibling(startControl: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const end: unknown = control.value;
    const start: unknown = control.parent?.get(startControl)?.value;
    return typeof end === 'string' && end && typeof start === 'string' && start && end < start
      ? { dateOrder: true }
      : null;
  };
}

/** The API's rule codes for these forms, and the texts for the client's own date rules. */
const RECORD_CODES: Readonly<Record<string, TranslationKey>> = {
  inFuture: 'thr.field.inFuture',
  beforeStart: 'field.dateOrder',
  notVictim: 'thr.field.notVictim',
  unknownOrganisation: 'thr.field.unknownOrganisation',
};

/** `fieldMessage`, knowing the record forms' own rules (client-side and the API's). */
export function recordFieldMessage(
  errors: Readonly<Record<string, unknown>> | null,
): FieldMessage | null {
  if (!errors) return null;
  if (errors['required']) return { key: 'field.required' };
  if (errors['inFuture']) return { key: 'thr.field.inFuture' };
  const server = errors[SERVER_ERROR];
  if (typeof server === 'string' && RECORD_CODES[server]) return { key: RECORD_CODES[server] };
  return fieldMessage(errors);
}

/**
 * D21: what a correction sends — the fields whose value differs from the record's (compared
 * after trimming text), so the history shows exactly what was corrected. Empty: nothing changed.
 */
export function changedFields<T extends Record<string, string | readonly string[] | null>>(
  original: Readonly<T>,
  next: Readonly<T>,
): Partial<T> {
  // Lists (forms of violence) arrive in one order from both sides.
  const norm = (v: string | readonly string[] | null) =>
    typeof v === 'string' || v === null ? (v ?? '').trim() : v.join('\n');
  const changed: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[])
    if (norm(original[key]) !== norm(next[key])) changed[key] = next[key];
  return changed;
}

/** The id of the record that a write added: in `after` but not in `before`. */
export function newRecordId(
  before: readonly { id: string }[] | null,
  after: readonly { id: string }[] | null,
): string | null {
  const known = new Set((before ?? []).map((r) => r.id));
  return (after ?? []).find((r) => !known.has(r.id))?.id ?? null;
}

/** What recording an incident led to (issue 6 §4, D5), from the API's answer. */
export interface IncidentOutcome {
  /** Against the same victim within 12 months of the last review or referral. */
  repeat: boolean;
  /** Current assessments (of any agency) now marked for reassessment. */
  reassessments: number;
}

export function incidentOutcome(
  profile: Pick<TryggaHemCaseDto, 'incidents' | 'riskAssessments'>,
  incidentId: string,
): IncidentOutcome | null {
  const incident = profile.incidents?.find((i) => i.id === incidentId);
  if (!incident) return null;
  const reassessments = (profile.riskAssessments ?? []).filter(
    (a) => a.current && a.reassessmentRequestedAt !== null,
  ).length;
  return { repeat: incident.repeat, reassessments };
}

/** The sentences that say it, in order (shown and announced). */
export function incidentOutcomeMessages(
  outcome: IncidentOutcome,
): { key: TextKey; params?: TranslationParams }[] {
  const messages: { key: TextKey; params?: TranslationParams }[] = [
    { key: 'thr.incident.recorded' },
  ];
  if (outcome.repeat) messages.push({ key: 'thr.incident.repeat' });
  if (outcome.reassessments > 0)
    messages.push({
      key: 'thr.incident.reassessment',
      params: { count: outcome.reassessments },
    });
  return messages;
}

// ---------------------------------------------------------------- history (D21)

/** The fields a revision's `previous` may hold (the API's names), in display order. */
const FIELD_LABELS: Readonly<Record<string, TranslationKey>> = {
  method: 'thr.field.method',
  customMethod: 'thr.field.customMethod',
  deliveredOn: 'thr.field.deliveredOn',
  deliveredBy: 'thr.field.deliveredBy',
  outcome: 'thr.field.outcome',
  kind: 'thr.field.kind',
  description: 'thr.field.description',
  startsOn: 'thr.field.startsOn',
  endsOn: 'thr.field.endsOn',
  organisation: 'thr.field.organisation',
  occurredOn: 'thr.field.occurredOn',
  reportingOrganisation: 'thr.field.reportingOrganisation',
  victimPersonId: 'thr.field.victim',
  violenceForms: 'violenceForms.label',
  note: 'thr.field.note',
  repeat: 'th.repeat',
};

const DATE_FIELDS = new Set(['deliveredOn', 'startsOn', 'endsOn', 'occurredOn']);

/** How a value is written out; the component passes the current language's formatting. */
export interface ValueFormat {
  label(group: LabelGroup, code: string): string;
  date(day: string): string;
  yesNo(value: boolean): string;
  /** A person's name as the caller may see it, or null when withheld. */
  person(id: string): string | null;
  notGiven: string;
  withheld: string;
}

export interface PreviousValue {
  field: string;
  label: TranslationKey;
  text: string;
}

/**
 * A revision's previous values as "field: value" lines, in a fixed order; codes as their names,
 * dates in the language's format, a person by name only if the caller sees it (D18).
 */
export function previousValues(
  kind: TryggaHemRecordKind,
  previous: Readonly<Record<string, string | boolean | readonly string[] | null>>,
  fmt: ValueFormat,
): PreviousValue[] {
  const kindGroup: LabelGroup =
    kind === TryggaHemRecordKind.ControlMeasure
      ? 'controlMeasureKind'
      : kind === TryggaHemRecordKind.Incident
        ? 'incidentKind'
        : 'notificationMethod';
  const text = (field: string, value: string | boolean | readonly string[] | null): string => {
    if (typeof value === 'boolean') return fmt.yesNo(value);
    if (value === null || value === '' || value.length === 0) return fmt.notGiven;
    if (typeof value !== 'string') return value.map((v) => fmt.label('violenceForm', v)).join(', ');
    if (DATE_FIELDS.has(field)) return fmt.date(value);
    if (field === 'method') return fmt.label('notificationMethod', value);
    if (field === 'kind') return fmt.label(kindGroup, value);
    if (field === 'victimPersonId') return fmt.person(value) ?? fmt.withheld;
    return value;
  };
  return Object.keys(FIELD_LABELS)
    .filter((field) => field in previous)
    .map((field) => ({ field, label: FIELD_LABELS[field], text: text(field, previous[field]) }));
}

/** A record in a few words (kind and date), for headings and announcements. */
export function recordWhat(
  kind: TryggaHemRecordKind,
  record: TryggaHemNotificationDto | ControlMeasureDto | IncidentDto,
  fmt: Pick<ValueFormat, 'label' | 'date'>,
): string {
  if (kind === TryggaHemRecordKind.Notification) {
    const n = record as TryggaHemNotificationDto;
    return `${n.customMethod ?? fmt.label('notificationMethod', n.method)} ${fmt.date(n.deliveredOn)}`;
  }
  if (kind === TryggaHemRecordKind.ControlMeasure) {
    const m = record as ControlMeasureDto;
    return `${fmt.label('controlMeasureKind', m.kind)} ${fmt.date(m.startsOn)}`;
  }
  const i = record as IncidentDto;
  return `${fmt.label('incidentKind', i.kind)} ${fmt.date(i.occurredOn)}`;
}
