import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
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
import { firstValueFrom } from 'rxjs';
import { FieldErrorPipe } from '../forms/field-error.pipe';
import type { TranslationKey } from '../i18n/sv';
import type { TranslationParams } from '../i18n/translate';
import { TranslatePipe } from '../i18n/translate.pipe';

export interface ConfirmDialogData {
  title: TranslationKey;
  message: TranslationKey;
  params?: TranslationParams;
  confirm: TranslationKey;
  /** Ask for an optional reason (e.g. why a consent is withdrawn). */
  reasonLabel?: TranslationKey;
  /** A destructive action: the confirm button gets the error colour. */
  destructive?: boolean;
}

/** The dialog's result: null when cancelled. */
export interface ConfirmDialogResult {
  reason: string;
}

/** "Are you sure?" with an optional reason; focus starts on Cancel, the safe choice. */
@Component({
  selector: 'app-confirm-dialog',
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
    <h2 mat-dialog-title>{{ data.title | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()">
      <mat-dialog-content>
        <p>{{ data.message | t: data.params }}</p>
        @if (data.reasonLabel) {
          <mat-form-field appearance="outline" class="full-width">
            <mat-label>{{ data.reasonLabel | t }}</mat-label>
            <textarea matInput formControlName="reason" rows="3"></textarea>
            <mat-error>{{ form.controls.reason.errors | fieldError }}</mat-error>
          </mat-form-field>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close cdkFocusInitial>
          {{ 'common.cancel' | t }}
        </button>
        <button mat-flat-button type="submit" [class.destructive]="data.destructive">
          {{ data.confirm | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full-width {
      width: 100%;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ConfirmDialog, ConfirmDialogResult>>(MatDialogRef);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', Validators.maxLength(500)],
  });

  protected confirm(): void {
    if (this.form.invalid) return;
    this.ref.close({ reason: this.form.controls.reason.value.trim() });
  }
}

/** Asks with the dialog and answers the result: undefined when cancelled. */
export function askToConfirm(
  dialog: MatDialog,
  data: ConfirmDialogData,
): Promise<ConfirmDialogResult | undefined> {
  return firstValueFrom(
    dialog
      .open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult>(ConfirmDialog, { data })
      .afterClosed(),
  );
}
