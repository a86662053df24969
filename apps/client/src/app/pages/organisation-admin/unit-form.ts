import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import {
  type FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ErrorCode, type OrganisationDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { OrganisationAdminApi } from '../../core/api/organisation-admin-api.service';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { SERVER_ERROR } from '../../core/forms/field-errors';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { required } from '../../core/forms/validators';
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { UNIT_KINDS } from './unit-kinds';

/** Adds a unit (name and kind) to an organisation; a taken name says so at the field. */
@Component({
  selector: 'app-unit-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      [formGroup]="form"
      (ngSubmit)="add(formDirective)"
      #formDirective="ngForm"
      aria-labelledby="add-unit-title"
      novalidate
    >
      <div class="form-grid">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'orgAdmin.unitName' | t }}</mat-label>
          <input matInput id="unit-name" formControlName="name" autocomplete="off" />
          <mat-error>{{ form.controls.name.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'orgAdmin.unitKind' | t }}</mat-label>
          <mat-select id="unit-kind" formControlName="kind">
            @for (kind of kinds; track kind) {
              <mat-option [value]="kind">{{ kind | label: 'unitKind' }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.kind.errors | fieldError }}</mat-error>
        </mat-form-field>
      </div>
      @if (submitError(); as error) {
        <p class="form-error" role="alert" id="unit-submit-error" tabindex="-1">{{ error | t }}</p>
      }
      <div class="actions">
        <button mat-stroked-button type="submit" [attr.aria-busy]="pending() || null">
          {{ 'orgAdmin.addUnit' | t }}
        </button>
      </div>
    </form>
  `,
  styleUrl: './organisation-admin.scss',
})
export class UnitForm {
  private readonly api = inject(OrganisationAdminApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly organisationId = input.required<string>();
  /** The organisation with the new unit, and the unit's name. */
  readonly added = output<{ organisation: OrganisationDto; name: string }>();

  protected readonly kinds = UNIT_KINDS;
  protected readonly pending = signal(false);
  protected readonly submitError = signal<TranslationKey | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [required, Validators.minLength(2), Validators.maxLength(200)]],
    kind: ['', required],
  });

  protected async add(directive: FormGroupDirective): Promise<void> {
    if (this.pending()) return;
    this.submitError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.afterRender(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const name = this.form.controls.name.value.trim();
    this.pending.set(true);
    try {
      const organisation = await firstValueFrom(
        this.api.addUnit(this.organisationId(), { name, kind: this.form.controls.kind.value }),
      );
      // The directive too, so the emptied fields do not show "required" as submitted.
      directive.resetForm({ name: '', kind: '' });
      this.added.emit({ organisation, name });
    } catch (error: unknown) {
      const status = error instanceof HttpErrorResponse ? error.status : 0;
      if (status === 409 && problemOf(error)?.code === ErrorCode.Conflict) {
        const control = this.form.controls.name;
        control.setErrors({ ...(control.errors ?? {}), [SERVER_ERROR]: 'duplicateUnitName' });
        control.markAsTouched();
        this.afterRender(() => focusFirstInvalid(this.host.nativeElement));
        return;
      }
      const invalid = applyServerErrors(this.form, error);
      if (!invalid.length) this.submitError.set(errorMessageKey(error));
      this.afterRender(() => {
        if (!invalid.length || !focusFirstInvalid(this.host.nativeElement))
          this.host.nativeElement.querySelector<HTMLElement>('#unit-submit-error')?.focus();
      });
    } finally {
      this.pending.set(false);
    }
  }

  private afterRender(run: () => void): void {
    afterNextRender(run, { injector: this.injector });
  }
}
