import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  type MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { EmergencyAccessDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { CasesApi } from '../../../core/api/cases-api.service';
import { errorMessageKey } from '../../../core/api/problem';
import { FieldErrorPipe } from '../../../core/forms/field-error.pipe';
import { applyServerErrors } from '../../../core/forms/server-errors';
import { required } from '../../../core/forms/validators';
import type { TranslationKey } from '../../../core/i18n/sv';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';

/**
 * Which case: by the number a lookup found no case the caller may see for (the client never
 * learns such a case's id), or by id from a case page the caller was refused (its number is not
 * told to them).
 */
export type EmergencyAccessDialogData = { caseNumber: string } | { caseId: string };

/** The shortest reason the API accepts (RequestEmergencyAccessDto). */
export const EMERGENCY_REASON_MIN = 20;

/**
 * Nödåtkomst (D17): a stated reason, a clear warning that access is time-limited, logged and
 * reviewed. Closes with the granted access, or nothing when cancelled.
 */
@Component({
  selector: 'app-emergency-access-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'emergency.title' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (caseNumber; as shown) {
          <p>
            <strong>{{ 'emergency.case' | t: { number: shown } }}</strong>
          </p>
          <p>{{ 'emergency.byNumber' | t }}</p>
        } @else {
          <p>{{ 'emergency.noAccess' | t }}</p>
        }
        <p id="emergency-terms" class="terms">{{ 'emergency.terms' | t }}</p>
        @if (errorKey(); as error) {
          <p class="form-error" role="alert">{{ error | t }}</p>
        }
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>{{ 'emergency.reason' | t }}</mat-label>
          <textarea
            #reasonInput
            matInput
            id="emergency-reason"
            formControlName="reason"
            rows="4"
            required
            aria-describedby="emergency-terms"
          ></textarea>
          <mat-hint align="end">{{
            'emergency.reasonCount'
              | t: { count: form.controls.reason.value.trim().length, min: min }
          }}</mat-hint>
          <mat-error>{{ form.controls.reason.errors | fieldError }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [attr.aria-busy]="pending() || null">
          {{ 'emergency.submit' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .terms {
      padding: 0.75rem 1rem;
      border-left: 4px solid #7a4f01;
      background: #fdf0d5;
      color: #3d2700;
    }
  `,
})
export class EmergencyAccessDialog {
  /** Opens the dialog for a case (by id or number); the grant, or undefined if none was made. */
  static request(
    dialog: MatDialog,
    data: EmergencyAccessDialogData,
  ): Promise<EmergencyAccessDto | undefined> {
    return firstValueFrom(
      dialog
        .open<EmergencyAccessDialog, EmergencyAccessDialogData, EmergencyAccessDto>(
          EmergencyAccessDialog,
          { data, width: '560px' },
        )
        .afterClosed(),
    );
  }

  protected readonly data = inject<EmergencyAccessDialogData>(MAT_DIALOG_DATA);
  private readonly ref =
    inject<MatDialogRef<EmergencyAccessDialog, EmergencyAccessDto>>(MatDialogRef);
  private readonly api = inject(CasesApi);
  private readonly reasonInput = viewChild.required<ElementRef<HTMLTextAreaElement>>('reasonInput');

  protected readonly caseNumber = 'caseNumber' in this.data ? this.data.caseNumber : null;
  protected readonly min = EMERGENCY_REASON_MIN;
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: [
      '',
      [required, Validators.minLength(EMERGENCY_REASON_MIN), Validators.maxLength(1000)],
    ],
  });
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<TranslationKey | null>(null);

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    const reason = this.form.controls.reason.value.trim();
    // Spaces do not count towards the minimum: the API trims nothing, but a reviewer reads words.
    this.form.controls.reason.setValue(reason);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.reasonInput().nativeElement.focus();
      return;
    }
    this.pending.set(true);
    this.errorKey.set(null);
    try {
      const granted = await firstValueFrom(
        'caseNumber' in this.data
          ? this.api.requestEmergencyAccessByNumber({ caseNumber: this.data.caseNumber, reason })
          : this.api.requestEmergencyAccess(this.data.caseId, { reason }),
      );
      this.ref.close(granted);
    } catch (error: unknown) {
      applyServerErrors(this.form, error);
      // By number, a 404 is the answer to the question the lookup left open: no case has it.
      const noSuchCase =
        this.caseNumber !== null && error instanceof HttpErrorResponse && error.status === 404;
      this.errorKey.set(noSuchCase ? 'emergency.noSuchCase' : errorMessageKey(error));
      this.reasonInput().nativeElement.focus();
    } finally {
      this.pending.set(false);
    }
  }
}
