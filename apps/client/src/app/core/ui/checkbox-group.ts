import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FormControl } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { checkOnFormEvents } from '../forms/check-on-form-events';
import { FieldErrorPipe } from '../forms/field-error.pipe';

export interface CheckboxOption {
  value: string;
  label: string;
  /** Shown after the label, e.g. an organisation's type. */
  detail?: string;
}

let nextId = 0;

/**
 * A fieldset of checkboxes bound to one `FormControl<string[]>`: the legend names the group, and
 * the group's error (e.g. "choose at least one") is shown under it and linked to it.
 */
@Component({
  selector: 'app-checkbox-group',
  imports: [MatCheckboxModule, FieldErrorPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let c = control();
    @let invalid = c.invalid && c.touched;
    <fieldset class="check-group" [attr.aria-describedby]="invalid ? errorId : null">
      <legend>{{ legend() }}</legend>
      <div class="check-list" [class.vertical]="vertical()">
        @for (option of options(); track option.value) {
          <mat-checkbox
            [checked]="c.value.includes(option.value)"
            [disabled]="c.disabled"
            [attr.data-value]="option.value"
            (change)="toggle(option.value, $event.checked)"
            >{{ option.label }}
            @if (option.detail) {
              <span class="detail">({{ option.detail }})</span>
            }
          </mat-checkbox>
        }
      </div>
      @if (invalid) {
        <p class="field-error" [id]="errorId">{{ c.errors | fieldError }}</p>
      }
    </fieldset>
  `,
  styles: `
    .vertical {
      flex-direction: column;
    }
    .detail {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CheckboxGroup {
  readonly legend = input.required<string>();
  readonly options = input.required<readonly CheckboxOption[]>();
  readonly control = input.required<FormControl<string[]>>();
  readonly vertical = input(false);

  protected readonly errorId = `checkbox-group-error-${nextId++}`;

  constructor() {
    checkOnFormEvents(() => this.control());
  }

  protected toggle(value: string, checked: boolean): void {
    const control = this.control();
    const current = control.value.filter((v) => v !== value);
    control.setValue(checked ? [...current, value] : current);
    control.markAsTouched();
  }
}
