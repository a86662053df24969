import {
  ChangeDetectionStrategy,
  Component,
  type OnInit,
  inject,
  input,
  output,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { OfferKind, type TryggaHemCaseDto } from '@samsyn/common';
import { TryggaHemRecordsApi } from '../../../../../core/api/trygga-hem-records-api.service';
import { required } from '../../../../../core/forms/validators';
import { isoDay } from '../../../../../core/i18n/format';
import { LabelPipe } from '../../../../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { RecordFieldErrorPipe, agencyChoices, recordFormRunner } from './record-form';
import { notAfter } from './records';

/** Records an offer of support (D4): kind, what, when, by which agency; uptake comes later. */
@Component({
  selector: 'app-thr-offer-form',
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
      id="thr-offer-new"
      class="panel no-print thr-form"
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      aria-labelledby="thr-offer-new-title"
    >
      <h4 id="thr-offer-new-title" tabindex="-1">{{ 'thr.offer.addTitle' | t }}</h4>
      @if (run.error(); as e) {
        <p class="form-error" role="alert" tabindex="-1">{{ e | t }}</p>
      }
      <div class="form-grid">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.offerKind' | t }}</mat-label>
          <mat-select id="thr-offer-kind" formControlName="kind" required>
            @for (k of kinds; track k) {
              <mat-option [value]="k">{{ k | label: 'offerKind' }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.kind.errors | recordFieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.offeredOn' | t }}</mat-label>
          <input
            matInput
            type="date"
            id="thr-offer-date"
            formControlName="offeredOn"
            [max]="today"
            required
          />
          <mat-error>{{ form.controls.offeredOn.errors | recordFieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'thr.field.offeringAgency' | t }}</mat-label>
          <mat-select id="thr-offer-org" formControlName="organisationId" required>
            @for (o of agencies.options(); track o.id) {
              <mat-option [value]="o.id">{{ o.name }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.organisationId.errors | recordFieldError }}</mat-error>
        </mat-form-field>
      </div>
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'thr.field.offerDescription' | t }}</mat-label>
        <input
          matInput
          id="thr-offer-description"
          formControlName="description"
          maxlength="300"
          required
        />
        <mat-hint>{{ 'thr.offer.descriptionHint' | t }}</mat-hint>
        <mat-error>{{ form.controls.description.errors | recordFieldError }}</mat-error>
      </mat-form-field>
      <div class="form-actions">
        <button mat-button type="button" (click)="cancelled.emit()">
          {{ 'common.cancel' | t }}
        </button>
        <button mat-flat-button type="submit" [attr.aria-busy]="run.pending() || null">
          {{ 'thr.offer.save' | t }}
        </button>
      </div>
    </form>
  `,
})
export class OfferForm implements OnInit {
  private readonly api = inject(TryggaHemRecordsApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly caseId = input.required<string>();
  readonly saved = output<TryggaHemCaseDto>();
  readonly cancelled = output<void>();

  protected readonly run = recordFormRunner();
  protected readonly agencies = agencyChoices();
  protected readonly kinds = Object.values(OfferKind);
  protected readonly today = isoDay();

  protected readonly form = this.fb.group({
    kind: ['' as OfferKind | '', required],
    description: ['', [required, Validators.maxLength(300)]],
    offeredOn: [isoDay(), [required, notAfter(() => this.today)]],
    organisationId: ['', required],
  });

  ngOnInit(): void {
    this.form.controls.organisationId.setValue(this.agencies.own()?.id ?? '');
    this.run.later(() => this.run.focus('#thr-offer-new-title'));
  }

  protected async submit(): Promise<void> {
    const v = this.form.getRawValue();
    const result = await this.run.submit(this.form, () =>
      this.api.addOffer(this.caseId(), {
        kind: v.kind as OfferKind,
        description: v.description.trim(),
        offeredOn: v.offeredOn,
        organisationId: v.organisationId,
      }),
    );
    if (!result) return;
    this.run.announce('thr.offer.added');
    this.saved.emit(result);
  }
}
