/** Controls that show an error: Material inputs and selects, and checkbox groups with an error. */
const INVALID = [
  'input[aria-invalid="true"]',
  'textarea[aria-invalid="true"]',
  'mat-select[aria-invalid="true"]',
  '.mat-form-field-invalid input',
  '.mat-form-field-invalid textarea',
  '.mat-form-field-invalid mat-select',
  'fieldset[aria-describedby] input',
  '.mat-mdc-radio-group.ng-invalid input',
].join(', ');

/**
 * Moves focus to the first control in `container` that shows an error, so a keyboard or
 * screen-reader user lands where the problem is (WCAG 3.3.1). Returns whether one took focus.
 */
export function focusFirstInvalid(container: ParentNode | null | undefined): boolean {
  const target = container?.querySelector<HTMLElement>(INVALID);
  if (!target) return false;
  target.focus();
  return target.ownerDocument.activeElement === target;
}
