import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { UserSummaryDto } from '@samsyn/common';

/** Text of only spaces counts as empty (the API trims it and says the field is required). */
export const notBlank: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const value: unknown = control.value;
  return typeof value === 'string' && value !== '' && value.trim() === ''
    ? { required: true }
    : null;
};

/** The person field holds someone chosen from the suggestions, not just typed text. */
export const chosenPerson: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const value: unknown = control.value;
  if (typeof value === 'object' && value !== null) return null;
  return value ? { notChosen: true } : { required: true };
};

/** How a suggested person reads in the field once chosen. */
export function personLabel(value: string | UserSummaryDto | null): string {
  return typeof value === 'string' ? value : (value?.displayName ?? '');
}
