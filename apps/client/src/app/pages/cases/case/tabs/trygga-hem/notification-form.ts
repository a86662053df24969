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
import { MatSelectModule } from '@angular/material/select';
import {
  NotificationMethod,
  type TryggaHemCaseDto,
  type TryggaHemNotificationDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import { TryggaHemRecordsApi } from '../../../../../core/api/trygga-hem-records-api.service';
import { required } from '../../../../../core/forms/validators';
import { isoDay } from '../../../../../core/i18n/format';
import { LabelPipe } from '../../../../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { RecordFieldErrorPipe, recordFormRunner } from './record-form';
import { changedFields, notAfter } from './records';

const METHODS = Object.values(NotificationMethod);

/**
 * Records a notification to the person who uses violence (D4: kind, date, who delivered it,
 * outcome) or, given `record`, corrects one with a reason (D21).
 */
@Component({
  selector: 'app-thr-notification-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
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
      <h4 [id]="id() + '-title'" tabindex="-1">
        {{ (record() ? 'thr.notification.correctTitle' : 'thr.notification.addTitle') | t }}
      </h4>
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
      <div class="form-grid">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.method' | t }}</mat-label>
          <mat-select [id]="id() + '-method'" formControlName="method" required>
            @for (m of methods; track m) {
              <mat-option [value]="m">{{ m | label: 'notificationMethod' }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.method.errors | recordFieldError }}</mat-error>
        </mat-form-field>
        @if (form.controls.method.value === 'custom') {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'thr.field.customMethod' | t }}</mat-label>
            <input
              matInput
              [id]="id() + '-custom'"
              formControlName="customMethod"
              maxlength="200"
              required
            />
            <mat-error>{{ form.controls.customMethod.errors | recordFieldError }}</mat-error>
          </mat-form-field>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.deliveredOn' | t }}</mat-label>
          <input
            matInput
            type="date"
            [id]="id() + '-date'"
            formControlName="deliveredOn"
            [max]="today"
            required
          />
          <mat-error>{{ form.controls.deliveredOn.errors | recordFieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.deliveredBy' | t }}</mat-label>
          <input
            matInput
            [id]="id() + '-by'"
            formControlName="deliveredBy"
            maxlength="200"
            required
          />
          <mat-hint>{{ 'thr.notification.deliveredByHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.deliveredBy.errors | recordFieldError }}</mat-error>
        </mat-form-field>
      </div>
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'thr.field.outcome' | t }}</mat-label>
        <textarea matInput [id]="id() + '-outcome'" formControlName="outcome" rows="2"></textarea>
        <mat-error>{{ form.controls.outcome.errors | recordFieldError }}</mat-error>
      </mat-form-field>
      @if (record()) {
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>{{ 'thr.reason' | t }}</mat-label>
          <textarea
            matInput
            [id]="id() + '-reason'"
            formControlName="reason"
            rows="2"
            required
          ></textarea>
          <mat-hint>{{ 'thr.reasonHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.reason.errors | recordFieldError }}</mat-error>
        </mat-form-field>
      }
      <div class="form-actions">
        <button mat-button type="button" (click)="cancelled.emit()">
          {{ 'common.cancel' | t }}
        </button>
        <button mat-flat-button type="submit" [attr.aria-busy]="run.pending() || null">
          {{ (record() ? 'thr.saveCorrection' : 'thr.notification.save') | t }}
        </button>
      </div>
    </form>
  `,
})
export class NotificationForm implements OnInit {
  private readonly api = inject(TryggaHemRecordsApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly caseId = input.required<string>();
  /** The notification to correct; none: a new one. */
  readonly record = input<TryggaHemNotificationDto | null>(null);
  readonly saved = output<TryggaHemCaseDto>();
  readonly cancelled = output<void>();
  /** After a version conflict: the case is to be loaded again (what was typed stays). */
  readonly reload = output<void>();

  protected readonly run = recordFormRunner();
  protected readonly methods = METHODS;
  protected readonly today = isoDay();
  protected readonly id = computed(() => {
    const r = this.record();
    return r ? `thr-notification-${r.id}` : 'thr-notification-new';
  });

  protected readonly form = this.fb.group({
    method: ['' as NotificationMethod | '', required],
    customMethod: ['', Validators.maxLength(200)],
    deliveredOn: [isoDay(), [required, notAfter(() => this.today)]],
    deliveredBy: ['', [required, Validators.maxLength(200)]],
    outcome: ['', Validators.maxLength(2000)],
    reason: ['', Validators.maxLength(2000)],
  });

  ngOnInit(): void {
    this.form.controls.customMethod.addValidators((c) =>
      this.form?.controls.method.value === NotificationMethod.Custom ? required(c) : null,
    );
    const r = this.record();
    if (r) {
      this.form.controls.reason.addValidators(required);
      this.form.reset(this.valuesOf(r));
    }
    this.run.later(() => this.run.focus(`#${this.id()}-title`));
  }

  protected reloadAfterConflict(): void {
    this.run.clearConflict();
    this.reload.emit();
  }

  protected async submit(): Promise<void> {
    const record = this.record();
    const value = this.form.getRawValue();
    const fields = {
      method: value.method,
      customMethod: value.method === NotificationMethod.Custom ? value.customMethod.trim() : '',
      deliveredOn: value.deliveredOn,
      deliveredBy: value.deliveredBy.trim(),
      outcome: value.outcome.trim(),
    };
    const result = await this.run.submit(this.form, () => {
      if (!record)
        return this.api.addNotification(this.caseId(), {
          method: fields.method as NotificationMethod,
          ...(fields.customMethod ? { customMethod: fields.customMethod } : {}),
          deliveredOn: fields.deliveredOn,
          deliveredBy: fields.deliveredBy,
          ...(fields.outcome ? { outcome: fields.outcome } : {}),
        });
      const changed = changedFields(this.valuesOf(record), fields);
      if (!Object.keys(changed).length) {
        this.run.fail('thr.nothingChanged');
        return null;
      }
      return this.api.correct(TryggaHemRecordKind.Notification, record.id, {
        version: record.version,
        reason: value.reason.trim(),
        ...(changed as Record<string, string>),
      });
    });
    if (!result) return;
    this.run.announce(record ? 'thr.corrected' : 'thr.notification.added');
    this.saved.emit(result);
  }

  private valuesOf(r: TryggaHemNotificationDto) {
    return {
      method: r.method,
      customMethod: r.customMethod ?? '',
      deliveredOn: r.deliveredOn,
      deliveredBy: r.deliveredBy,
      outcome: r.outcome ?? '',
    };
  }
}
