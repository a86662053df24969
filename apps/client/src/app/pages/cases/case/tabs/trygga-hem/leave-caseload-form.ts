import {
  ChangeDetectionStrategy,
  Component,
  afterNextRender,
  input,
  output,
  signal,
} from '@angular/core';
import { ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import {
  CASELOAD_OUTCOMES,
  type CaseloadExitDto,
  CaseloadOutcome,
  ErrorCode,
  TryggaHemAction,
  type TryggaHemCaseDto,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../../../../core/api/problem';
import { FieldErrorPipe } from '../../../../../core/forms/field-error.pipe';
import { required } from '../../../../../core/forms/validators';
import type { TranslationKey } from '../../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { CaseloadForm } from './caseload-form';

/**
 * Issue 15, item 1: the koordinatorsgrupp takes the case off its caseload — removed or closed
 * there — with a reason that is required and kept. Shown only when the API lists `th.leave`.
 */
@Component({
  selector: 'app-th-leave-caseload-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!open()) {
      <button
        mat-stroked-button
        type="button"
        id="th-leave-open"
        [attr.data-action]="action"
        (click)="start()"
      >
        {{ 'th.leave.open' | t }}
      </button>
    } @else {
      <form
        id="th-leave-form"
        class="panel no-print"
        [formGroup]="form"
        (ngSubmit)="submit()"
        novalidate
        aria-labelledby="th-leave-title"
      >
        <h4 id="th-leave-title" tabindex="-1">{{ 'th.leave.title' | t }}</h4>
        <p class="hint">{{ 'th.leave.hint' | t }}</p>
        @if (error(); as e) {
          <p class="form-error" role="alert">{{ e | t }}</p>
        }
        @if (conflict()) {
          <div class="alert" role="alert">
            <p>{{ 'th.case.conflict' | t }}</p>
            <button mat-flat-button type="button" (click)="reload.emit()">
              {{ 'th.reload' | t }}
            </button>
          </div>
        }
        <mat-radio-group
          formControlName="outcome"
          class="radio-column"
          [attr.aria-label]="'th.leave.outcome' | t"
        >
          @for (o of outcomes; track o) {
            <mat-radio-button [value]="o">{{ outcomeLabel(o) | t }}</mat-radio-button>
          }
        </mat-radio-group>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>{{ 'th.leave.reason' | t }}</mat-label>
          <textarea
            matInput
            id="th-leave-reason"
            formControlName="reason"
            rows="3"
            required
          ></textarea>
          <mat-error>{{ form.controls.reason.errors | fieldError }}</mat-error>
        </mat-form-field>
        <div class="form-actions">
          <button mat-button type="button" (click)="cancel()">{{ 'common.cancel' | t }}</button>
          <button
            mat-flat-button
            color="warn"
            type="submit"
            [attr.data-action]="action"
            [attr.aria-busy]="pending() || null"
          >
            {{ 'th.leave.submit' | t }}
          </button>
        </div>
      </form>
    }
  `,
  styles: ['.radio-column { display: flex; flex-direction: column; margin-bottom: 1rem; }'],
})
export class LeaveCaseloadForm extends CaseloadForm {
  readonly profile = input.required<TryggaHemCaseDto>();
  readonly left = output<CaseloadExitDto>();
  readonly reload = output();

  protected readonly action = TryggaHemAction.Leave;
  protected readonly outcomes = CASELOAD_OUTCOMES;
  protected readonly open = signal(false);
  protected readonly form = this.fb.group({
    outcome: [CaseloadOutcome.Closed as CaseloadOutcome, required],
    reason: ['', [required, Validators.maxLength(2000)]],
  });
  protected readonly conflict = signal(false);

  protected outcomeLabel(o: CaseloadOutcome): TranslationKey {
    return o === CaseloadOutcome.Closed ? 'th.leave.closed' : 'th.leave.removed';
  }

  protected start(): void {
    this.open.set(true);
    this.focusLater('#th-leave-title');
  }

  protected cancel(): void {
    this.open.set(false);
    this.form.reset();
    this.focusLater('#th-leave-open');
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.conflict.set(false);
    // Blanks are no reason: the API refuses them as missing too.
    if (!this.form.controls.reason.value.trim())
      this.form.controls.reason.setErrors({ required: true });
    const { outcome, reason } = this.form.getRawValue();
    await this.send(
      this.form,
      () =>
        firstValueFrom(
          this.api.leaveCaseload(this.profile().caseId, {
            outcome,
            reason: reason.trim(),
            version: this.profile().version,
          }),
        ),
      (exit) => {
        void this.announcer.announce(this.i18n.t('th.leave.done'), 'polite');
        this.left.emit(exit);
      },
      (error) => {
        if (problemOf(error)?.code !== ErrorCode.VersionConflict) return false;
        this.conflict.set(true);
        return true;
      },
    );
  }

  private focusLater(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }
}
