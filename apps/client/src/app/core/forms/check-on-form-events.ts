import { ChangeDetectorRef, effect, inject } from '@angular/core';
import { type AbstractControl, FormArray, FormGroup } from '@angular/forms';

function withDescendants(control: AbstractControl): AbstractControl[] {
  if (control instanceof FormGroup || control instanceof FormArray) {
    return [control, ...Object.values(control.controls).flatMap(withDescendants)];
  }
  return [control];
}

/**
 * For an OnPush component that renders a form (part) it receives as an input: re-render when any
 * control in it changes value, status or touched state from outside (the parent's submit marks
 * everything touched; the API's field errors arrive later), not only on this view's own events.
 */
export function checkOnFormEvents(control: () => AbstractControl): void {
  const cdr = inject(ChangeDetectorRef);
  effect((onCleanup) => {
    const subscriptions = withDescendants(control()).map((c) =>
      c.events.subscribe(() => cdr.markForCheck()),
    );
    onCleanup(() => subscriptions.forEach((s) => s.unsubscribe()));
  });
}
