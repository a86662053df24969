import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { Validators } from '@angular/forms';
import {
  HSA_ID_PATTERN,
  MUNICIPALITY_CODE_PATTERN,
  isOrganisationNumber,
  parsePersonalNumber,
} from '@samsyn/common';

// Wrapped so the static methods are not passed around unbound (typescript-eslint unbound-method).
export const required: ValidatorFn = (control) => Validators.required(control);
export const requiredTrue: ValidatorFn = (control) => Validators.requiredTrue(control);
export const email: ValidatorFn = (control) => Validators.email(control);

/** A valid personnummer or samordningsnummer (Luhn-checked), when a value is given. */
export const personalNumber: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const value: unknown = control.value;
  if (typeof value !== 'string' || value.trim() === '') return null;
  return parsePersonalNumber(value.trim()) ? null : { personalNumber: true };
};

/** Case numbers as the API writes them, e.g. SIP-2026-000123. */
export const CASE_NUMBER = /^[A-Z][A-Z0-9_]{1,29}-\d{4}-\d{6}$/;

export const caseNumber: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const value: unknown = control.value;
  if (typeof value !== 'string' || value.trim() === '') return null;
  return CASE_NUMBER.test(normaliseCaseNumber(value)) ? null : { caseNumber: true };
};

/** `sip-2026-000001 ` → `SIP-2026-000001`: people type case numbers in any case. */
export function normaliseCaseNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** At least one of a group of checkboxes (a FormGroup of booleans) is ticked. */
export const chooseAtLeastOne: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const value = group.value as Record<string, unknown> | unknown[] | null;
  const values = Array.isArray(value) ? value : Object.values(value ?? {});
  return values.some((v) => v === true || (typeof v === 'string' && v !== ''))
    ? null
    : { chooseAtLeastOne: true };
};

/** `to` (a YYYY-MM-DD control of the same group) is on or after `from`. */
export function dateOrder(from: string, to: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    // A disabled end (e.g. "valid until further notice") is no end to check.
    if (group.get(to)?.disabled) return null;
    const start: unknown = group.get(from)?.value;
    const end: unknown = group.get(to)?.value;
    if (typeof start !== 'string' || typeof end !== 'string' || !start || !end) return null;
    return end >= start ? null : { dateOrder: true };
  };
}

/** A text control's trimmed value, or null when it is empty (optional fields check only values). */
function given(control: AbstractControl): string | null {
  const value: unknown = control.value;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A Swedish organisationsnummer (NNNNNN-NNNN, Luhn-checked), when a value is given. */
export const organisationNumber: ValidatorFn = (control) => {
  const value = given(control);
  return value === null || isOrganisationNumber(value) ? null : { organisationNumber: true };
};

/** SCB's four-digit kommunkod, when a value is given. */
export const municipalityCode: ValidatorFn = (control) => {
  const value = given(control);
  return value === null || MUNICIPALITY_CODE_PATTERN.test(value)
    ? null
    : { municipalityCode: true };
};

/** An HSA-id (SE, ten digits, a hyphen and an extension), when a value is given. */
export const hsaId: ValidatorFn = (control) => {
  const value = given(control);
  return value === null || HSA_ID_PATTERN.test(value) ? null : { hsaId: true };
};
