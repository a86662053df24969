import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  EVALUATION_EXPORT_FORMATS,
  type EvaluationExportFormat,
  MONTH_PATTERN,
} from '@samsyn/common';
import { EvaluationExportApi } from '../../core/api/evaluation-export-api.service';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { saveDownload } from '../../core/download';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { required } from '../../core/forms/validators';
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReferenceData } from '../../core/reference/reference-data';

/** `YYYY-MM` of today, in the browser's (Swedish) time. */
function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * The evaluation export (D6, issue 17 §5): choose programmes, period and municipalities, and
 * download the de-identified, k-anonymous data set. For the roles with evaluation:export.
 */
@Component({
  selector: 'app-evaluation-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .evaluation-form {
      max-width: 48rem;
    }
    .form-grid {
      display: grid;
      gap: 0.5rem 1rem;
      grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    }
  `,
  template: `
    <h1 tabindex="-1">{{ 'evaluation.title' | t }}</h1>
    <p>{{ 'evaluation.intro' | t }}</p>
    <p class="hint">{{ 'evaluation.kRule' | t }}</p>
    @if (loadError()) {
      <div class="alert" role="alert">
        <p>{{ 'evaluation.loadError' | t }}</p>
        <button mat-stroked-button type="button" (click)="loadReference()">
          {{ 'common.retry' | t }}
        </button>
      </div>
    }
    <form
      class="panel evaluation-form"
      [formGroup]="form"
      (ngSubmit)="download()"
      novalidate
      aria-labelledby="evaluation-parameters"
    >
      <h2 id="evaluation-parameters">{{ 'evaluation.parameters' | t }}</h2>
      <div class="form-grid">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'evaluation.programmes' | t }}</mat-label>
          <mat-select id="evaluation-programmes" formControlName="programmes" multiple>
            @for (p of reference.programmes() ?? []; track p.code) {
              <mat-option [value]="p.code">{{ p.code | label: 'programme' }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.programmes.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'evaluation.municipalities' | t }}</mat-label>
          <mat-select
            id="evaluation-municipalities"
            formControlName="municipalityCodes"
            multiple
            [placeholder]="'evaluation.allMunicipalities' | t"
          >
            @for (m of reference.municipalities(); track m.id) {
              <mat-option [value]="m.municipalityCode">{{ m.name }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'evaluation.municipalitiesHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.municipalityCodes.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'evaluation.from' | t }}</mat-label>
          <input matInput type="month" id="evaluation-from" formControlName="from" />
          <mat-hint>{{ 'evaluation.monthHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.from.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'evaluation.to' | t }}</mat-label>
          <input matInput type="month" id="evaluation-to" formControlName="to" />
          <mat-hint>{{ 'evaluation.monthHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.to.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'evaluation.format' | t }}</mat-label>
          <mat-select id="evaluation-format" formControlName="format">
            @for (f of formats; track f) {
              <mat-option [value]="f">{{ formatLabel(f) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      <p class="hint">{{ 'evaluation.audited' | t }}</p>
      <button mat-flat-button type="submit" [disabled]="busy()">
        {{ 'evaluation.download' | t }}
      </button>
    </form>
    <div role="status" aria-live="polite">
      @if (busy()) {
        <p class="muted">{{ 'evaluation.working' | t }}</p>
      }
      @if (done(); as d) {
        <p class="evaluation-done">
          {{
            'evaluation.done'
              | t
                : {
                    fileName: d.fileName,
                    published: d.rowsPublished,
                    generalised: d.rowsGeneralised,
                    leftOut: d.rowsLeftOut,
                  }
          }}
        </p>
      }
    </div>
    @if (error(); as key) {
      <p class="alert" role="alert">{{ key | t }}</p>
    }
  `,
})
export class EvaluationPage {
  private readonly api = inject(EvaluationExportApi);
  private readonly document = inject(DOCUMENT);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly reference = inject(ReferenceData);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly formats = EVALUATION_EXPORT_FORMATS;
  protected readonly busy = signal(false);
  protected readonly loadError = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly done = signal<{
    fileName: string;
    rowsPublished: number;
    rowsGeneralised: number;
    rowsLeftOut: number;
  } | null>(null);

  protected readonly form = this.fb.group({
    programmes: this.fb.control<string[]>([], [required]),
    municipalityCodes: this.fb.control<string[]>([]),
    from: [`${new Date().getFullYear()}-01`, [required, Validators.pattern(MONTH_PATTERN)]],
    to: [thisMonth(), [required, Validators.pattern(MONTH_PATTERN)]],
    format: this.fb.control<EvaluationExportFormat>('csv'),
  });

  constructor() {
    void this.loadReference();
  }

  protected async loadReference(): Promise<void> {
    this.loadError.set(false);
    try {
      const [programmes] = await Promise.all([
        this.reference.loadProgrammes(),
        this.reference.loadOrganisations(),
      ]);
      if (this.form.controls.programmes.value.length === 0)
        this.form.controls.programmes.setValue(programmes.map((p) => p.code));
    } catch {
      this.loadError.set(true);
    }
  }

  protected formatLabel(format: EvaluationExportFormat): TranslationKey {
    return format === 'json' ? 'evaluation.format.json' : 'evaluation.format.csv';
  }

  protected async download(): Promise<void> {
    this.error.set(null);
    this.done.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusInvalidAfterRender();
      return;
    }
    const value = this.form.getRawValue();
    this.busy.set(true);
    try {
      const result = await this.api.create({
        programmes: value.programmes,
        from: value.from,
        to: value.to,
        municipalityCodes: value.municipalityCodes,
        format: value.format,
      });
      saveDownload(this.document, result.file, result.fileName);
      this.done.set(result);
    } catch (failure: unknown) {
      const controls = applyServerErrors(this.form, failure);
      if (controls.length) this.focusInvalidAfterRender();
      else this.error.set(problemOf(failure) ? errorMessageKey(failure) : 'evaluation.error');
    } finally {
      this.busy.set(false);
    }
  }

  private focusInvalidAfterRender(): void {
    afterNextRender(() => focusFirstInvalid(this.host.nativeElement), { injector: this.injector });
  }
}
