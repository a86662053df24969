import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type IncidentDto, IncidentKind, TryggaHemRecordKind } from '@samsyn/common';
import { required } from '../../../../../core/forms/validators';
import { isoDay } from '../../../../../core/i18n/format';
import { LabelPipe } from '../../../../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { ViolenceFormsField, chosenViolenceForms } from '../../../shared/violence-forms';
import { RecordFieldErrorPipe, RecordForm, RecordFormFrame, agencyChoices } from './record-form';
import { notAfter } from './records';

/** A victim-side participant the incident can be against (their name as the caller sees it). */
export interface VictimChoice {
  personId: string;
  name: string;
}

/** What a correction compares. */
type IncidentFields = {
  occurredOn: string;
  kind: IncidentKind | '';
  reportingOrganisationId: string;
  victimPersonId: string;
  violenceForms: string[];
  note: string;
};

/**
 * Records a new incident (D4: date, kind, reporting agency, against which victim; its forms of
 * violence, issue 15) or, given `record`, corrects one with a reason (D21). Whether it was a
 * repeat and which assessments now call for reassessment is said by the section from the
 * API's answer.
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
    RecordFormFrame,
    ViolenceFormsField,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      appThrRecordForm
      [formGroup]="form"
      (ngSubmit)="submit()"
      [formId]="id()"
      [run]="run"
      [titleKey]="record() ? 'thr.incident.correctTitle' : 'thr.incident.addTitle'"
      [saveKey]="'thr.incident.save'"
      [correcting]="!!record()"
      (cancelled)="cancelled.emit()"
      (reload)="reload.emit()"
    >
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
      <app-violence-forms-field [control]="form.controls.violenceForms" />
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'thr.field.note' | t }}</mat-label>
        <textarea matInput [id]="id() + '-note'" formControlName="note" rows="2"></textarea>
        <mat-error>{{ form.controls.note.errors | recordFieldError }}</mat-error>
      </mat-form-field>
    </form>
  `,
})
export class IncidentForm extends RecordForm<IncidentDto, IncidentFields> {
  /** The case's victims and children the caller may name. */
  readonly victims = input<VictimChoice[]>([]);

  protected readonly prefix = 'thr-incident';
  protected readonly kind = TryggaHemRecordKind.Incident;
  /** What a new incident led to is said by the section. */
  protected readonly addedKey = null;
  // No victim chosen: the link to a victim goes.
  protected override readonly nullable = ['victimPersonId' as const];
  protected readonly agencies = agencyChoices();
  protected readonly kinds = Object.values(IncidentKind);
  protected readonly today = isoDay();

  protected readonly form = this.fb.group({
    occurredOn: [isoDay(), [required, notAfter(() => this.today)]],
    kind: ['' as IncidentKind | '', required],
    reportingOrganisationId: ['', required],
    victimPersonId: [''],
    violenceForms: this.fb.control<string[]>([]),
    note: ['', Validators.maxLength(2000)],
    reason: ['', Validators.maxLength(2000)],
  });

  protected override initNew(): void {
    this.form.controls.reportingOrganisationId.setValue(this.agencies.own()?.id ?? '');
  }

  protected fields(): IncidentFields {
    const v = this.form.getRawValue();
    return {
      occurredOn: v.occurredOn,
      kind: v.kind,
      reportingOrganisationId: v.reportingOrganisationId,
      victimPersonId: v.victimPersonId,
      violenceForms: chosenViolenceForms(v.violenceForms),
      note: v.note.trim(),
    };
  }

  protected add(fields: IncidentFields) {
    return this.api.addIncident(this.caseId(), {
      occurredOn: fields.occurredOn,
      kind: fields.kind as IncidentKind,
      reportingOrganisationId: fields.reportingOrganisationId,
      ...(fields.victimPersonId ? { victimPersonId: fields.victimPersonId } : {}),
      ...(fields.violenceForms.length
        ? { violenceForms: chosenViolenceForms(fields.violenceForms) }
        : {}),
      ...(fields.note ? { note: fields.note } : {}),
    });
  }

  protected valuesOf(r: IncidentDto) {
    return {
      occurredOn: r.occurredOn,
      kind: r.kind as IncidentKind | '',
      reportingOrganisationId: r.reportingOrganisation.id,
      victimPersonId: r.victimPersonId ?? '',
      violenceForms: [...r.violenceForms],
      note: r.note ?? '',
    };
  }
}
