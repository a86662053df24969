import {
  ChangeDetectionStrategy,
  Component,
  type OnInit,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TryggaHemCaseDto, TryggaHemRecordKind } from '@samsyn/common';
import { TryggaHemRecordsApi } from '../../../../../core/api/trygga-hem-records-api.service';
import { required } from '../../../../../core/forms/validators';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { RecordFieldErrorPipe, recordFormRunner } from './record-form';

/**
 * Removes a notification, control measure or incident (D21): softly, with a reason that is
 * required and kept with who and when. The record then counts nowhere but stays for audit.
 */
@Component({
  selector: 'app-thr-record-removal-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    RecordFieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      [id]="id()"
      class="panel no-print thr-form"
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      [attr.aria-labelledby]="id() + '-title'"
    >
      <h4 [id]="id() + '-title'" tabindex="-1">{{ 'thr.remove.title' | t: { what: what() } }}</h4>
      <p class="hint">{{ 'thr.remove.hint' | t }}</p>
      @if (run.error(); as e) {
        <p class="form-error" role="alert" tabindex="-1">{{ e | t }}</p>
      }
      @if (run.conflict()) {
        <div class="alert thr-conflict" role="alert">
          <p>{{ 'thr.conflict' | t }}</p>
          <button mat-flat-button type="button" (click)="reloadAfterConflict()">
            {{ 'th.reload' | t }}
          </button>
        </div>
      }
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'thr.remove.reason' | t }}</mat-label>
        <textarea
          matInput
          [id]="id() + '-reason'"
          formControlName="reason"
          rows="2"
          required
        ></textarea>
        <mat-error>{{ form.controls.reason.errors | recordFieldError }}</mat-error>
      </mat-form-field>
      <div class="form-actions">
        <button mat-button type="button" (click)="cancelled.emit()">
          {{ 'common.cancel' | t }}
        </button>
        <button mat-flat-button color="warn" type="submit" [attr.aria-busy]="run.pending() || null">
          {{ 'thr.remove.confirm' | t }}
        </button>
      </div>
    </form>
  `,
})
export class RecordRemovalForm implements OnInit {
  private readonly api = inject(TryggaHemRecordsApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly kind = input.required<TryggaHemRecordKind>();
  readonly record = input.required<{ id: string; version: number }>();
  /** What is removed, in words (e.g. "Hembesök 3 mars 2026"), for the heading. */
  readonly what = input.required<string>();
  readonly saved = output<TryggaHemCaseDto>();
  readonly cancelled = output<void>();
  readonly reload = output<void>();

  protected readonly run = recordFormRunner();
  protected readonly id = computed(() => `thr-remove-${this.record().id}`);
  protected readonly form = this.fb.group({
    reason: ['', [required, Validators.maxLength(2000)]],
  });

  ngOnInit(): void {
    this.run.later(() => this.run.focus(`#${this.id()}-title`));
  }

  protected reloadAfterConflict(): void {
    this.run.clearConflict();
    this.reload.emit();
  }

  protected async submit(): Promise<void> {
    const reason = this.form.controls.reason.value.trim();
    if (!reason) this.form.controls.reason.setValue('');
    const result = await this.run.submit(this.form, () =>
      this.api.remove(this.kind(), this.record().id, {
        version: this.record().version,
        reason,
      }),
    );
    if (!result) return;
    this.run.announce('thr.removed', { what: this.what() });
    this.saved.emit(result);
  }
}
