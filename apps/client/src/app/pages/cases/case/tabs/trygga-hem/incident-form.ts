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
  type IncidentDto,
  IncidentKind,
  type TryggaHemCaseDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import { TryggaHemRecordsApi } from '../../../../../core/api/trygga-hem-records-api.service';
import { required } from '../../../../../core/forms/validators';
import { isoDay } from '../../../../../core/i18n/format';
import { LabelPipe } from '../../../../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { RecordFieldErrorPipe, agencyChoices, recordFormRunner } from './record-form';
import { changedFields, notAfter } from './records';

/** A victim-side participant the incident can be against (their name as the caller sees it). */
export interface VictimChoice {
  personId: string;
  name: string;
}

/**
 * Records a new incident (D4: date, kind, reporting agency, against which victim) or, given
 * `record`, corrects one with a reason (D21). Whether it was a repeat and which assessments now
 * call for reassessment is said by the section from the API's answer.
 */
@Component({
  selector: 'app-thr-incident-form',
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
        {{ (record() ? 'thr.incident.correctTitle' : 'thr.incident.addTitle') | t }}
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
          <mat-label>{{ 'thr.field.occurredOn' | t }}</mat-label>
          <input
            matInput
            type="date"
            [id]="id() + '-date'"
            formControlName="occurredOn"
            [max]="today"
            required
          />
          <mat-error>{{ form.controls.occurredOn.errors | recordFieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.incidentKind' | t }}</mat-label>
          <mat-select [id]="id() + '-kind'" formControlName="kind" required>
            @for (k of kinds; track k) {
              <mat-option [value]="k">{{ k | label: 'incidentKind' }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.kind.errors | recordFieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.reportingOrganisation' | t }}</mat-label>
          <mat-select [id]="id() + '-org'" formControlName="reportingOrganisationId" required>
            @for (o of agencies.options(); track o.id) {
              <mat-option [value]="o.id">{{ o.name }}</mat-option>
            }
          </mat-select>
          <mat-error>
            {{ form.controls.reportingOrganisationId.errors | recordFieldError }}
          </mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.victim' | t }}</mat-label>
          <mat-select [id]="id() + '-victim'" formControlName="victimPersonId">
            <mat-option value="">{{ 'thr.incident.noVictim' | t }}</mat-option>
            @for (v of victims(); track v.personId) {
              <mat-option [value]="v.personId">{{ v.name }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'thr.incident.victimHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.victimPersonId.errors | recordFieldError }}</mat-error>
        </mat-form-field>
      </div>
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'thr.field.note' | t }}</mat-label>
        <textarea matInput [id]="id() + '-note'" formControlName="note" rows="2"></textarea>
        <mat-error>{{ form.controls.note.errors | recordFieldError }}</mat-error>
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
          {{ (record() ? 'thr.saveCorrection' : 'thr.incident.save') | t }}
        </button>
      </div>
    </form>
  `,
})
export class IncidentForm implements OnInit {
  private readonly api = inject(TryggaHemRecordsApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly caseId = input.required<string>();
  /** The case's victims and children the caller may name. */
  readonly victims = input<VictimChoice[]>([]);
  /** The incident to correct; none: a new one. */
  readonly record = input<IncidentDto | null>(null);
  readonly saved = output<TryggaHemCaseDto>();
  readonly cancelled = output<void>();
  readonly reload = output<void>();

  protected readonly run = recordFormRunner();
  protected readonly agencies = agencyChoices();
  protected readonly kinds = Object.values(IncidentKind);
  protected readonly today = isoDay();
  protected readonly id = computed(() => {
    const r = this.record();
    return r ? `thr-incident-${r.id}` : 'thr-incident-new';
  });

  protected readonly form = this.fb.group({
    occurredOn: [isoDay(), [required, notAfter(() => this.today)]],
    kind: ['' as IncidentKind | '', required],
    reportingOrganisationId: ['', required],
    victimPersonId: [''],
    note: ['', Validators.maxLength(2000)],
    reason: ['', Validators.maxLength(2000)],
  });

  ngOnInit(): void {
    const r = this.record();
    if (r) {
      this.form.controls.reason.addValidators(required);
      this.form.reset({ ...this.valuesOf(r), reason: '' });
    } else {
      this.form.controls.reportingOrganisationId.setValue(this.agencies.own()?.id ?? '');
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
      occurredOn: v.occurredOn,
      kind: v.kind,
      reportingOrganisationId: v.reportingOrganisationId,
      victimPersonId: v.victimPersonId,
      note: v.note.trim(),
    };
    const result = await this.run.submit(this.form, () => {
      if (!record)
        return this.api.addIncident(this.caseId(), {
          occurredOn: fields.occurredOn,
          kind: fields.kind as IncidentKind,
          reportingOrganisationId: fields.reportingOrganisationId,
          ...(fields.victimPersonId ? { victimPersonId: fields.victimPersonId } : {}),
          ...(fields.note ? { note: fields.note } : {}),
        });
      const changed = changedFields(this.valuesOf(record), fields);
      if (!Object.keys(changed).length) {
        this.run.fail('thr.nothingChanged');
        return null;
      }
      return this.api.correct(TryggaHemRecordKind.Incident, record.id, {
        version: record.version,
        reason: v.reason.trim(),
        ...changed,
        // No victim chosen: the link to a victim goes.
        ...('victimPersonId' in changed ? { victimPersonId: changed.victimPersonId || null } : {}),
      });
    });
    if (!result) return;
    if (record) this.run.announce('thr.corrected');
    this.saved.emit(result);
  }

  private valuesOf(r: IncidentDto) {
    return {
      occurredOn: r.occurredOn,
      kind: r.kind as IncidentKind | '',
      reportingOrganisationId: r.reportingOrganisation.id,
      victimPersonId: r.victimPersonId ?? '',
      note: r.note ?? '',
    };
  }
}
