import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type ControlMeasureDto, ControlMeasureKind, TryggaHemRecordKind } from '@samsyn/common';
import { required } from '../../../../../core/forms/validators';
import { isoDay } from '../../../../../core/i18n/format';
import { LabelPipe } from '../../../../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { RecordFieldErrorPipe, RecordForm, RecordFormFrame, agencyChoices } from './record-form';
import { notBeforeSibling } from './records';

/** What a correction compares. */
type MeasureFields = {
  kind: ControlMeasureKind | '';
  organisationId: string;
  startsOn: string;
  endsOn: string;
  description: string;
};

/**
 * Records a sanction or control measure (D4: kind, deciding agency, from, until — its end gets
 * a `measure_ending` reminder) or, given `record`, corrects one with a reason (D21).
 */
@Component({
  selector: 'app-thr-control-measure-form',
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
      [titleKey]="record() ? 'thr.measure.correctTitle' : 'thr.measure.addTitle'"
      [saveKey]="'thr.measure.save'"
      [correcting]="!!record()"
      (cancelled)="cancelled.emit()"
      (reload)="reload.emit()"
    >
      <div class="form-grid">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.measureKind' | t }}</mat-label>
          <mat-select [id]="id() + '-kind'" formControlName="kind" required>
            @for (k of kinds; track k) {
              <mat-option [value]="k">{{ k | label: 'controlMeasureKind' }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.kind.errors | recordFieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.decidingAgency' | t }}</mat-label>
          <mat-select [id]="id() + '-org'" formControlName="organisationId" required>
            @for (o of agencies.options(); track o.id) {
              <mat-option [value]="o.id">{{ o.name }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.organisationId.errors | recordFieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.startsOn' | t }}</mat-label>
          <input matInput type="date" [id]="id() + '-start'" formControlName="startsOn" required />
          <mat-error>{{ form.controls.startsOn.errors | recordFieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.endsOn' | t }}</mat-label>
          <input matInput type="date" [id]="id() + '-end'" formControlName="endsOn" />
          <mat-hint>{{ 'thr.measure.endsOnHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.endsOn.errors | recordFieldError }}</mat-error>
        </mat-form-field>
      </div>
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'thr.field.description' | t }}</mat-label>
        <input
          matInput
          [id]="id() + '-description'"
          formControlName="description"
          maxlength="300"
        />
        <mat-error>{{ form.controls.description.errors | recordFieldError }}</mat-error>
      </mat-form-field>
    </form>
  `,
})
export class ControlMeasureForm extends RecordForm<ControlMeasureDto, MeasureFields> {
  protected readonly prefix = 'thr-measure';
  protected readonly kind = TryggaHemRecordKind.ControlMeasure;
  protected readonly addedKey = 'thr.measure.added';
  // No end date: until further notice.
  protected override readonly nullable = ['endsOn' as const];
  protected readonly agencies = agencyChoices();
  protected readonly kinds = Object.values(ControlMeasureKind);

  protected readonly form = this.fb.group({
    kind: ['' as ControlMeasureKind | '', required],
    organisationId: ['', required],
    startsOn: [isoDay(), required],
    endsOn: ['', notBeforeSibling('startsOn')],
    description: ['', Validators.maxLength(300)],
    reason: ['', Validators.maxLength(2000)],
  });

  protected override initNew(): void {
    this.form.controls.organisationId.setValue(this.agencies.own()?.id ?? '');
  }

  protected fields(): MeasureFields {
    const v = this.form.getRawValue();
    return {
      kind: v.kind,
      organisationId: v.organisationId,
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      description: v.description.trim(),
    };
  }

  protected add(fields: MeasureFields) {
    return this.api.addControlMeasure(this.caseId(), {
      kind: fields.kind as ControlMeasureKind,
      organisationId: fields.organisationId,
      startsOn: fields.startsOn,
      ...(fields.endsOn ? { endsOn: fields.endsOn } : {}),
      ...(fields.description ? { description: fields.description } : {}),
    });
  }

  protected valuesOf(r: ControlMeasureDto) {
    return {
      kind: r.kind as ControlMeasureKind | '',
      organisationId: r.organisation.id,
      startsOn: r.startsOn,
      endsOn: r.endsOn ?? '',
      description: r.description ?? '',
    };
  }
}
