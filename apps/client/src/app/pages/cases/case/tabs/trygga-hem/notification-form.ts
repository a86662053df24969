import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  NotificationMethod,
  type TryggaHemNotificationDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import { required } from '../../../../../core/forms/validators';
import { isoDay } from '../../../../../core/i18n/format';
import { LabelPipe } from '../../../../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { RecordFieldErrorPipe, RecordForm, RecordFormFrame } from './record-form';
import { notAfter } from './records';

const METHODS = Object.values(NotificationMethod);

/** What a correction compares. */
type NotificationFields = {
  method: NotificationMethod | '';
  customMethod: string;
  deliveredOn: string;
  deliveredBy: string;
  outcome: string;
};

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
    RecordFormFrame,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      appThrRecordForm
      [formGroup]="form"
      (ngSubmit)="submit()"
      [formId]="id()"
      [run]="run"
      [titleKey]="record() ? 'thr.notification.correctTitle' : 'thr.notification.addTitle'"
      [saveKey]="'thr.notification.save'"
      [correcting]="!!record()"
      (cancelled)="cancelled.emit()"
      (reload)="reload.emit()"
    >
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
    </form>
  `,
})
export class NotificationForm extends RecordForm<TryggaHemNotificationDto, NotificationFields> {
  protected readonly prefix = 'thr-notification';
  protected readonly kind = TryggaHemRecordKind.Notification;
  protected readonly addedKey = 'thr.notification.added';
  protected readonly methods = METHODS;
  protected readonly today = isoDay();

  protected readonly form = this.fb.group({
    method: ['' as NotificationMethod | '', required],
    customMethod: ['', Validators.maxLength(200)],
    deliveredOn: [isoDay(), [required, notAfter(() => this.today)]],
    deliveredBy: ['', [required, Validators.maxLength(200)]],
    outcome: ['', Validators.maxLength(2000)],
    reason: ['', Validators.maxLength(2000)],
  });

  override ngOnInit(): void {
    this.form.controls.customMethod.addValidators((c) =>
      this.form?.controls.method.value === NotificationMethod.Custom ? required(c) : null,
    );
    super.ngOnInit();
  }

  protected fields(): NotificationFields {
    const value = this.form.getRawValue();
    return {
      method: value.method,
      customMethod: value.method === NotificationMethod.Custom ? value.customMethod.trim() : '',
      deliveredOn: value.deliveredOn,
      deliveredBy: value.deliveredBy.trim(),
      outcome: value.outcome.trim(),
    };
  }

  protected add(fields: NotificationFields) {
    return this.api.addNotification(this.caseId(), {
      method: fields.method as NotificationMethod,
      ...(fields.customMethod ? { customMethod: fields.customMethod } : {}),
      deliveredOn: fields.deliveredOn,
      deliveredBy: fields.deliveredBy,
      ...(fields.outcome ? { outcome: fields.outcome } : {}),
    });
  }

  protected valuesOf(r: TryggaHemNotificationDto) {
    return {
      method: r.method as NotificationMethod | '',
      customMethod: r.customMethod ?? '',
      deliveredOn: r.deliveredOn,
      deliveredBy: r.deliveredBy,
      outcome: r.outcome ?? '',
    };
  }
}
