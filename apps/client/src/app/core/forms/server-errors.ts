import type { AbstractControl } from '@angular/forms';
import { problemOf } from '../api/problem';
import { SERVER_ERROR, fieldErrorsByPath } from './field-errors';

/**
 * Puts the API's field errors (problem details `errors[]`) on the matching controls so they show
 * at the field, and returns those controls in form order, so the caller can focus the first.
 * A control keeps the error until its value changes.
 */
export function applyServerErrors(
  form: AbstractControl,
  failure: unknown,
  mapPath?: (apiPath: string) => string | null,
): AbstractControl[] {
  const { byPath } = fieldErrorsByPath(problemOf(failure)?.errors, mapPath);
  const controls: AbstractControl[] = [];
  for (const [path, code] of byPath) {
    const control = form.get(path);
    if (!control) continue;
    control.setErrors({ ...(control.errors ?? {}), [SERVER_ERROR]: code });
    control.markAsTouched();
    controls.push(control);
  }
  return controls;
}
