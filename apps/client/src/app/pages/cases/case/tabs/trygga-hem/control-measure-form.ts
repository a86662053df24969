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
  type ControlMeasureDto,
  ControlMeasureKind,
  type TryggaHemCaseDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import { TryggaHemRecordsApi } from '../../../../../core/api/trygga-hem-records-api.service';
import { required } from '../../../../../core/forms/validators';
import { isoDay } from '../../../../../core/i18n/format';
import { LabelPipe } from '../../../../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { RecordFieldErrorPipe, agencyChoices, recordFormRunner } from './record-form';
import { changedFields, notBeforeSibling } from './records';

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
        {{ (record() ? 'thr.measure.correctTitle' : 'thr.measure.addTitle') | t }}
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
          {{ (record() ? 'thr.saveCorrection' : 'thr.measure.save') | t }}
        </button>
      </div>
    </form>
  `,
})
export class ControlMeasureForm implements OnInit {
  private readonly api = inject(TryggaHemRecordsApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly caseId = input.required<string>();
  /** The measure to correct; none: a new one. */
  readonly record = input<ControlMeasureDto | null>(null);
  readonly saved = output<TryggaHemCaseDto>();
  readonly cancelled = output<void>();
  readonly reload = output<void>();

  protected readonly run = recordFormRunner();
  protected readonly agencies = agencyChoices();
  protected readonly kinds = Object.values(ControlMeasureKind);
  protected readonly id = computed(() => {
    const r = this.record();
    return r ? `thr-measure-${r.id}` : 'thr-measure-new';
  });

  protected readonly form = this.fb.group({
    kind: ['' as ControlMeasureKind | '', required],
    organisationId: ['', required],
    startsOn: [isoDay(), required],
    endsOn: ['', notBeforeSibling('startsOn')],
    description: ['', Validators.maxLength(300)],
    reason: ['', Validators.maxLength(2000)],
  });

  ngOnInit(): void {
    const r = this.record();
    if (r) {
      this.form.controls.reason.addValidators(required);
      this.form.reset({ ...this.valuesOf(r), reason: '' });
    } else {
      this.form.controls.organisationId.setValue(this.agencies.own()?.id ?? '');
    }
    this.run.later(() => this.run.focus(`#${this.id()}-title`));
  }

  protected reloadAfterConflict(): void {
    this.run.clearConflict();
    this.reload.emit();
  }

  protected async submit(): Promise<void> {
    const record = this.record();
    const v = this.form.getRawValue();
    const fields = {
      kind: v.kind,
      organisationId: v.organisationId,
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      description: v.description.trim(),
    };
    const result = await this.run.submit(this.form, () => {
      if (!record)
        return this.api.addControlMeasure(this.caseId(), {
          kind: fields.kind as ControlMeasureKind,
          organisationId: fields.organisationId,
          startsOn: fields.startsOn,
          ...(fields.endsOn ? { endsOn: fields.endsOn } : {}),
          ...(fields.description ? { description: fields.description } : {}),
        });
      const changed = changedFields(this.valuesOf(record), fields);
      if (!Object.keys(changed).length) {
        this.run.fail('thr.nothingChanged');
        return null;
      }
      return this.api.correct(TryggaHemRecordKind.ControlMeasure, record.id, {
        version: record.version,
        reason: v.reason.trim(),
        ...changed,
        // No end date: until further notice.
        ...('endsOn' in changed ? { endsOn: changed.endsOn || null } : {}),
      });
    });
    if (!result) return;
    this.run.announce(record ? 'thr.corrected' : 'thr.measure.added');
    this.saved.emit(result);
  }

  private valuesOf(r: ControlMeasureDto) {
    return {
      kind: r.kind as ControlMeasureKind | '',
      organisationId: r.organisation.id,
      startsOn: r.startsOn,
      endsOn: r.endsOn ?? '',
      description: r.description ?? '',
    };
  }
}
