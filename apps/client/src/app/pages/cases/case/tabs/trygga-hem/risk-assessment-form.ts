import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  type FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  type RiskAssessmentDto,
  RiskInstrument,
  RiskLevel,
  TryggaHemAction,
  type TryggaHemCaseDto,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey } from '../../../../../core/api/problem';
import { TryggaHemApi } from '../../../../../core/api/trygga-hem-api.service';
import { AuthService } from '../../../../../core/auth/auth.service';
import { focusFirstInvalid } from '../../../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../../../core/forms/server-errors';
import { required } from '../../../../../core/forms/validators';
import { LabelPipe, WhenPipe } from '../../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { swedishToday } from '../../../../trygga-hem/load-state';
import {
  RISK_INSTRUMENTS,
  assessFieldMessage,
  dueAssessments,
  notAfter,
  reviewNotBeforeAssessed,
} from './assess';

/** Required only when the instrument is "other": the form then asks for its name. */
const nameForOther = (control: AbstractControl): ValidationErrors | null =>
  control.parent?.get('instrument')?.value === RiskInstrument.Other ? required(control) : null;

/**
 * D5 on the case page: which assessments are due for review (a new incident, or the review date
 * passed), a "new assessment" path for the caller's own agency's instruments, and the form that
 * records one. The API records it for the caller's agency with the caller as assessor; another
 * agency's assessments are never changed or merged.
 */
@Component({
  selector: 'app-th-risk-assessment-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    ':host { display: block; margin-top: 0.75rem; }',
    '.th-assess-due { margin: 1rem 0; } .th-assess-due li { margin-bottom: 0.5rem; }',
    '.th-assess-form { margin-top: 1rem; } .th-assess-level { margin: 0 0 1rem; }',
    '.th-assess-level mat-radio-button { margin-right: 1rem; }',
    '.th-assess-form mat-form-field { margin-bottom: 0.5rem; }',
  ],
  template: `
    @let due = dueList();
    @if (due.length) {
      <div class="notice th-assess-due">
        <h4 id="th-assess-due-title">{{ 'th.assess.dueTitle' | t }}</h4>
        <ul class="plain-list">
          @for (d of due; track d.assessment.id) {
            @let a = d.assessment;
            @let instrument = a.instrumentName ?? (a.instrument | label: 'riskInstrument');
            <li>
              @if (d.byIncident) {
                {{
                  'th.assess.dueIncident'
                    | t: { instrument: instrument, organisation: a.organisation.name }
                }}
              } @else {
                {{
                  'th.assess.dueDate'
                    | t
                      : {
                          instrument: instrument,
                          organisation: a.organisation.name,
                          date: (a.reviewOn | when),
                        }
                }}
              }
              @if (d.own && canWrite()) {
                <button
                  mat-stroked-button
                  type="button"
                  class="th-assess-reassess"
                  [attr.data-action]="addAction"
                  (click)="reassess(a)"
                >
                  {{ 'th.assess.reassess' | t: { instrument: instrument } }}
                </button>
              } @else if (!d.own) {
                <span class="muted">
                  {{ 'th.assess.otherAgency' | t: { organisation: a.organisation.name } }}</span
                >
              }
            </li>
          }
        </ul>
      </div>
    }
    @if (canWrite()) {
      @if (!open()) {
        <button
          id="th-assess-open"
          mat-flat-button
          type="button"
          [attr.data-action]="addAction"
          (click)="start()"
        >
          {{ 'th.assess.new' | t }}
        </button>
      } @else {
        <form
          id="th-assess-form"
          class="panel no-print th-assess-form"
          #formDir="ngForm"
          [formGroup]="form"
          (ngSubmit)="save(formDir)"
          novalidate
          aria-labelledby="th-assess-form-title"
        >
          <h4 id="th-assess-form-title">
            @if (reassessing(); as instrument) {
              {{ 'th.assess.reassessTitle' | t: { instrument: instrument } }}
            } @else {
              {{ 'th.assess.formTitle' | t }}
            }
          </h4>
          @if (me(); as user) {
            <p class="hint">
              {{
                'th.assess.forAgency'
                  | t: { organisation: user.organisation.name, name: user.displayName }
              }}
            </p>
          }
          @if (error(); as e) {
            <p class="form-error" role="alert">{{ e | t }}</p>
          }
          <div class="form-grid">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'th.assess.instrument' | t }}</mat-label>
              <mat-select id="th-assess-instrument" formControlName="instrument" required>
                @for (i of instruments; track i) {
                  <mat-option [value]="i">{{ i | label: 'riskInstrument' }}</mat-option>
                }
              </mat-select>
              <mat-error>{{ message(form.controls.instrument.errors) }}</mat-error>
            </mat-form-field>
            @if (form.controls.instrument.value === other) {
              <mat-form-field appearance="outline">
                <mat-label>{{ 'th.assess.instrumentName' | t }}</mat-label>
                <input
                  matInput
                  id="th-assess-instrument-name"
                  formControlName="instrumentName"
                  autocomplete="off"
                  required
                />
                <mat-error>{{ message(form.controls.instrumentName.errors) }}</mat-error>
              </mat-form-field>
            }
            <mat-form-field appearance="outline">
              <mat-label>{{ 'th.assess.instrumentVersion' | t }}</mat-label>
              <input
                matInput
                id="th-assess-instrument-version"
                formControlName="instrumentVersion"
                autocomplete="off"
              />
              <mat-error>{{ message(form.controls.instrumentVersion.errors) }}</mat-error>
            </mat-form-field>
          </div>
          <div class="form-grid">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'th.assess.assessedOn' | t }}</mat-label>
              <input
                matInput
                type="date"
                id="th-assess-assessed-on"
                formControlName="assessedOn"
                [max]="today"
                required
              />
              <mat-error>{{ message(form.controls.assessedOn.errors) }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'th.assess.reviewOn' | t }}</mat-label>
              <input
                matInput
                type="date"
                id="th-assess-review-on"
                formControlName="reviewOn"
                [min]="form.controls.assessedOn.value"
                required
              />
              <mat-hint>{{ 'th.assess.reviewHint' | t }}</mat-hint>
              <mat-error>{{ message(form.controls.reviewOn.errors) }}</mat-error>
            </mat-form-field>
          </div>
          <fieldset class="check-group th-assess-level">
            <legend id="th-assess-level-label">{{ 'th.assess.level' | t }}</legend>
            <mat-radio-group
              formControlName="level"
              aria-labelledby="th-assess-level-label"
              [attr.aria-describedby]="levelInvalid() ? 'th-assess-level-error' : null"
              required
            >
              @for (level of levels; track level) {
                <mat-radio-button [value]="level">{{
                  level | label: 'riskLevel'
                }}</mat-radio-button>
              }
            </mat-radio-group>
            @if (levelInvalid()) {
              <p class="field-error" id="th-assess-level-error">
                {{ message(form.controls.level.errors) }}
              </p>
            }
          </fieldset>
          <mat-form-field appearance="outline" class="full-width">
            <mat-label>{{ 'th.assess.summary' | t }}</mat-label>
            <textarea matInput id="th-assess-summary" formControlName="summary" rows="3"></textarea>
            <mat-error>{{ message(form.controls.summary.errors) }}</mat-error>
          </mat-form-field>
          <div class="form-actions">
            <button
              mat-flat-button
              type="submit"
              [attr.data-action]="addAction"
              [attr.aria-busy]="pending() || null"
            >
              {{ 'th.assess.save' | t }}
            </button>
            <button mat-stroked-button type="button" (click)="cancel()">
              {{ 'th.assess.cancel' | t }}
            </button>
          </div>
        </form>
      }
    }
  `,
})
export class RiskAssessmentForm {
  private readonly api = inject(TryggaHemApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly profile = input.required<TryggaHemCaseDto>();
  /** Whether the caller may write risk on the case (the API checks it again). */
  /** The API allows `th.addRiskAssessment` on the case. */
  readonly canWrite = input(false);
  protected readonly addAction = TryggaHemAction.AddRiskAssessment;
  /** The case as the API answers it after the assessment is recorded. */
  readonly saved = output<TryggaHemCaseDto>();

  protected readonly me = inject(AuthService).me;
  protected readonly dueList = computed(() =>
    dueAssessments(this.profile().riskAssessments ?? [], this.me()?.organisation.id ?? null),
  );
  protected readonly instruments = RISK_INSTRUMENTS;
  protected readonly levels = Object.values(RiskLevel);
  protected readonly other = RiskInstrument.Other;
  protected readonly today = swedishToday();

  protected readonly form = this.fb.group({
    instrument: ['' as RiskInstrument | '', required],
    instrumentName: ['', [nameForOther, Validators.maxLength(100)]],
    instrumentVersion: ['', Validators.maxLength(30)],
    assessedOn: [this.today, [required, notAfter(() => this.today)]],
    level: ['' as RiskLevel | '', required],
    reviewOn: ['', [required, reviewNotBeforeAssessed]],
    summary: ['', Validators.maxLength(2000)],
  });
  protected readonly open = signal(false);
  /** The instrument's name when the form was opened to assess it again. */
  protected readonly reassessing = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);

  constructor() {
    // The rules that compare fields run again when the field they compare with changes.
    const { instrument, instrumentName, assessedOn, reviewOn } = this.form.controls;
    instrument.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => instrumentName.updateValueAndValidity());
    assessedOn.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => reviewOn.updateValueAndValidity());
  }

  /** The level is a radio group: its error shows once the user has tried to save. */
  protected levelInvalid(): boolean {
    const level = this.form.controls.level;
    return level.invalid && level.touched;
  }

  protected message(errors: ValidationErrors | null): string {
    const m = assessFieldMessage(errors);
    return m ? this.i18n.t(m.key, m.params) : '';
  }

  protected start(): void {
    this.reassessing.set(null);
    this.openWith({});
  }

  /** D5: a new assessment with the same instrument, for the caller's own agency. */
  protected reassess(a: RiskAssessmentDto): void {
    this.reassessing.set(a.instrumentName ?? this.i18n.label('riskInstrument', a.instrument));
    this.openWith({
      instrument: a.instrument,
      instrumentName: a.instrumentName ?? '',
      instrumentVersion: a.instrumentVersion ?? '',
    });
  }

  private openWith(values: {
    instrument?: RiskInstrument;
    instrumentName?: string;
    instrumentVersion?: string;
  }): void {
    this.error.set(null);
    this.form.reset({
      instrument: values.instrument ?? '',
      instrumentName: values.instrumentName ?? '',
      instrumentVersion: values.instrumentVersion ?? '',
      assessedOn: this.today,
      level: '',
      reviewOn: '',
      summary: '',
    });
    this.open.set(true);
    // A reassessment already knows its instrument: start at the first field still to fill in.
    const first = values.instrument ? '#th-assess-assessed-on' : '#th-assess-instrument';
    afterNextRender(() => this.element(first)?.focus(), { injector: this.injector });
  }

  protected cancel(): void {
    this.close();
  }

  private close(): void {
    this.open.set(false);
    this.reassessing.set(null);
    afterNextRender(() => this.element('#th-assess-open')?.focus(), { injector: this.injector });
  }

  protected async save(formDir: FormGroupDirective): Promise<void> {
    if (this.pending()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.element('#th-assess-form')), {
        injector: this.injector,
      });
      return;
    }
    const v = this.form.getRawValue();
    if (!v.instrument || !v.level) return;
    const instrumentLabel =
      v.instrument === RiskInstrument.Other
        ? v.instrumentName.trim()
        : this.i18n.label('riskInstrument', v.instrument);
    this.pending.set(true);
    try {
      const updated = await firstValueFrom(
        this.api.addRiskAssessment(this.profile().caseId, {
          instrument: v.instrument,
          ...(v.instrument === RiskInstrument.Other
            ? { instrumentName: v.instrumentName.trim() }
            : {}),
          ...(v.instrumentVersion.trim() ? { instrumentVersion: v.instrumentVersion.trim() } : {}),
          assessedOn: v.assessedOn,
          level: v.level,
          reviewOn: v.reviewOn,
          ...(v.summary.trim() ? { summary: v.summary.trim() } : {}),
        }),
      );
      formDir.resetForm();
      this.saved.emit(updated);
      void this.announcer.announce(
        this.i18n.t('th.assess.saved', { instrument: instrumentLabel }),
        'polite',
      );
      this.close();
    } catch (error: unknown) {
      this.error.set(errorMessageKey(error));
      if (applyServerErrors(this.form, error).length)
        afterNextRender(() => focusFirstInvalid(this.element('#th-assess-form')), {
          injector: this.injector,
        });
    } finally {
      this.pending.set(false);
    }
  }

  private element(selector: string): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>(selector);
  }
}
