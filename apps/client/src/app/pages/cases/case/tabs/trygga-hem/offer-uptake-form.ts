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
import { type OfferDto, OfferUptake, type TryggaHemCaseDto } from '@samsyn/common';
import { TryggaHemRecordsApi } from '../../../../../core/api/trygga-hem-records-api.service';
import { required } from '../../../../../core/forms/validators';
import { LabelPipe } from '../../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { RecordFieldErrorPipe, recordFormRunner } from './record-form';

/** Changes what an offer became (D4: accepted, declined, completed …), with an optional note. */
@Component({
  selector: 'app-thr-offer-uptake-form',
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
      [id]="'thr-uptake-' + offer().id"
      class="panel no-print thr-form"
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      [attr.aria-labelledby]="'thr-uptake-' + offer().id + '-title'"
    >
      <h4 [id]="'thr-uptake-' + offer().id + '-title'" tabindex="-1">
        {{ 'thr.offer.uptakeTitle' | t: { offer: offer().description } }}
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
          <mat-label>{{ 'thr.field.uptake' | t }}</mat-label>
          <mat-select
            [id]="'thr-uptake-' + offer().id + '-value'"
            formControlName="uptake"
            required
          >
            @for (u of uptakes; track u) {
              <mat-option [value]="u">{{ u | label: 'offerUptake' }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.uptake.errors | recordFieldError }}</mat-error>
        </mat-form-field>
      </div>
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'thr.field.uptakeNote' | t }}</mat-label>
        <textarea
          matInput
          [id]="'thr-uptake-' + offer().id + '-note'"
          formControlName="note"
          rows="2"
        ></textarea>
        <mat-error>{{ form.controls.note.errors | recordFieldError }}</mat-error>
      </mat-form-field>
      <div class="form-actions">
        <button mat-button type="button" (click)="cancelled.emit()">
          {{ 'common.cancel' | t }}
        </button>
        <button mat-flat-button type="submit" [attr.aria-busy]="run.pending() || null">
          {{ 'thr.offer.saveUptake' | t }}
        </button>
      </div>
    </form>
  `,
})
export class OfferUptakeForm implements OnInit {
  private readonly api = inject(TryggaHemRecordsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18nService);

  readonly offer = input.required<OfferDto>();
  readonly saved = output<TryggaHemCaseDto>();
  readonly cancelled = output<void>();
  readonly reload = output<void>();

  protected readonly run = recordFormRunner();
  protected readonly uptakes = Object.values(OfferUptake);
  protected readonly form = this.fb.group({
    uptake: ['' as OfferUptake | '', required],
    note: ['', Validators.maxLength(2000)],
  });

  ngOnInit(): void {
    const o = this.offer();
    this.form.reset({ uptake: o.uptake, note: o.note ?? '' });
    this.run.later(() => this.run.focus(`#thr-uptake-${o.id}-title`));
  }

  protected reloadAfterConflict(): void {
    this.run.clearConflict();
    this.reload.emit();
  }

  protected async submit(): Promise<void> {
    const offer = this.offer();
    const v = this.form.getRawValue();
    const result = await this.run.submit(this.form, () =>
      this.api.updateOffer(offer.id, {
        // The version as it is now: after a reload, the offer input carries the new one.
        version: this.offer().version,
        uptake: v.uptake as OfferUptake,
        note: v.note.trim(),
      }),
    );
    if (!result) return;
    this.run.announce('thr.offer.uptakeSaved', {
      uptake: this.i18n.label('offerUptake', v.uptake),
    });
    this.saved.emit(result);
  }
}
