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
import {
  type FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  ErrorCode,
  type SafetyPlanDto,
  TryggaHemAction,
  type TryggaHemCaseDto,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey, problemOf } from '../../../../../core/api/problem';
import { TryggaHemApi } from '../../../../../core/api/trygga-hem-api.service';
import { focusFirstInvalid } from '../../../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../../../core/forms/server-errors';
import { required } from '../../../../../core/forms/validators';
import { WhenPipe } from '../../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { assessFieldMessage } from './assess';

/**
 * One victim's or child's skyddsplan (D3): the saved plan and, for a victim-side user who may
 * write, a form for plan, support and whereabouts. The tab shows it only when the API sends the
 * safety section (victim side); the API refuses everyone else anyway. A stale version is a 409:
 * the component says so, the tab reloads the plan, and what the user typed stays in the form.
 */
@Component({
  selector: 'app-th-safety-plan-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    WhenPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    '.th-safety-form { margin-top: 1rem; }',
    // Room for each field's hint before the next field's label.
    '.th-safety-form mat-form-field { margin-bottom: 0.75rem; }',
  ],
  template: `
    @let p = idPrefix();
    <div class="card print-protected" role="group" [attr.aria-labelledby]="p + '-title'">
      <h4 [id]="p + '-title'">{{ 'th.safetyForm.forPerson' | t: { name: name() } }}</h4>
      @if (plan(); as plan) {
        <dl class="facts">
          <dt>{{ 'th.safety.plan' | t }}</dt>
          <dd class="pre-line">{{ plan.plan }}</dd>
          @if (plan.support) {
            <dt>{{ 'th.safety.support' | t }}</dt>
            <dd class="pre-line">{{ plan.support }}</dd>
          }
          @if (plan.whereabouts) {
            <dt>{{ 'th.safety.whereabouts' | t }}</dt>
            <dd class="pre-line">{{ plan.whereabouts }}</dd>
          }
          <dt>{{ 'th.safety.updated' | t }}</dt>
          <dd>{{ plan.updatedAt | when: 'dateTime' }}, {{ plan.updatedBy.displayName }}</dd>
        </dl>
      } @else {
        <p class="muted">{{ 'th.safetyForm.none' | t }}</p>
      }
      @if (conflict()) {
        <p class="alert" role="alert">{{ 'th.safetyForm.conflict' | t }}</p>
      }
      @if (canWrite()) {
        @if (!editing()) {
          <button
            mat-stroked-button
            type="button"
            [id]="p + '-edit'"
            [attr.data-action]="saveAction"
            [attr.data-action-id]="personId()"
            [attr.aria-label]="
              (plan() ? 'th.safetyForm.editLabel' : 'th.safetyForm.writeLabel')
                | t: { name: name() }
            "
            (click)="edit()"
          >
            {{ (plan() ? 'th.safetyForm.edit' : 'th.safetyForm.write') | t }}
          </button>
        } @else {
          <form
            class="no-print th-safety-form"
            [id]="p + '-form'"
            #formDir="ngForm"
            [formGroup]="form"
            (ngSubmit)="save(formDir)"
            novalidate
            [attr.aria-labelledby]="p + '-title'"
          >
            @if (error(); as e) {
              <p class="form-error" role="alert">{{ e | t }}</p>
            }
            <mat-form-field appearance="outline" class="full-width">
              <mat-label>{{ 'th.safetyForm.plan' | t }}</mat-label>
              <textarea
                matInput
                [id]="p + '-plan'"
                formControlName="plan"
                rows="4"
                required
              ></textarea>
              <mat-error>{{ message(form.controls.plan.errors) }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline" class="full-width">
              <mat-label>{{ 'th.safetyForm.support' | t }}</mat-label>
              <textarea
                matInput
                [id]="p + '-support'"
                formControlName="support"
                rows="2"
              ></textarea>
              <mat-hint>{{ 'th.safetyForm.supportHint' | t }}</mat-hint>
              <mat-error>{{ message(form.controls.support.errors) }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline" class="full-width">
              <mat-label>{{ 'th.safetyForm.whereabouts' | t }}</mat-label>
              <input
                matInput
                [id]="p + '-whereabouts'"
                formControlName="whereabouts"
                autocomplete="off"
              />
              <mat-hint>{{ 'th.safetyForm.whereaboutsHint' | t }}</mat-hint>
              <mat-error>{{ message(form.controls.whereabouts.errors) }}</mat-error>
            </mat-form-field>
            <div class="form-actions">
              <button
                mat-flat-button
                type="submit"
                [attr.data-action]="saveAction"
                [attr.data-action-id]="personId()"
                [attr.aria-busy]="pending() || null"
              >
                {{ 'th.safetyForm.save' | t }}
              </button>
              <button mat-stroked-button type="button" (click)="cancel()">
                {{ 'th.safetyForm.cancel' | t }}
              </button>
            </div>
          </form>
        }
      }
    </div>
  `,
})
export class SafetyPlanForm {
  private readonly api = inject(TryggaHemApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly caseId = input.required<string>();
  readonly personId = input.required<string>();
  /** The person as the case shows them; null when the name is withheld. */
  readonly personName = input<string | null>(null);
  readonly plan = input<SafetyPlanDto | null>(null);
  /** The API allows `th.saveSafetyPlan` on the case (for each person it lists). */
  readonly canWrite = input(false);
  protected readonly saveAction = TryggaHemAction.SaveSafetyPlan;
  /** The case as the API answers it after the plan is saved. */
  readonly saved = output<TryggaHemCaseDto>();
  /** The plan changed elsewhere (409): the tab reloads it. */
  readonly stale = output<void>();

  protected readonly idPrefix = computed(() => `th-safety-${this.personId()}`);
  protected readonly name = computed(
    () => this.personName() ?? this.i18n.t('th.safetyForm.unknownPerson'),
  );
  protected readonly form = this.fb.group({
    plan: ['', [required, Validators.maxLength(5000)]],
    support: ['', Validators.maxLength(2000)],
    whereabouts: ['', Validators.maxLength(500)],
  });
  protected readonly editing = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly conflict = signal(false);

  protected message(errors: ValidationErrors | null): string {
    const m = assessFieldMessage(errors);
    return m ? this.i18n.t(m.key, m.params) : '';
  }

  protected edit(): void {
    const plan = this.plan();
    this.error.set(null);
    this.conflict.set(false);
    this.form.reset({
      plan: plan?.plan ?? '',
      support: plan?.support ?? '',
      whereabouts: plan?.whereabouts ?? '',
    });
    this.editing.set(true);
    afterNextRender(() => this.element(`#${this.idPrefix()}-plan`)?.focus(), {
      injector: this.injector,
    });
  }

  protected cancel(): void {
    this.editing.set(false);
    this.conflict.set(false);
    this.focusEdit();
  }

  protected async save(formDir: FormGroupDirective): Promise<void> {
    if (this.pending()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.element(`#${this.idPrefix()}-form`)), {
        injector: this.injector,
      });
      return;
    }
    const v = this.form.getRawValue();
    // The version this edit is based on: the latest the tab has (after a conflict, the reloaded one).
    const version = this.plan()?.version;
    this.pending.set(true);
    try {
      const updated = await firstValueFrom(
        this.api.saveSafetyPlan(this.caseId(), this.personId(), {
          ...(version !== undefined ? { version } : {}),
          plan: v.plan.trim(),
          support: v.support.trim(),
          whereabouts: v.whereabouts.trim(),
        }),
      );
      this.conflict.set(false);
      formDir.resetForm();
      this.editing.set(false);
      this.saved.emit(updated);
      void this.announcer.announce(
        this.i18n.t('th.safetyForm.saved', { name: this.name() }),
        'polite',
      );
      this.focusEdit();
    } catch (error: unknown) {
      if (problemOf(error)?.code === ErrorCode.VersionConflict) {
        this.conflict.set(true);
        this.stale.emit();
      } else {
        this.error.set(errorMessageKey(error));
        if (applyServerErrors(this.form, error).length)
          afterNextRender(() => focusFirstInvalid(this.element(`#${this.idPrefix()}-form`)), {
            injector: this.injector,
          });
      }
    } finally {
      this.pending.set(false);
    }
  }

  private focusEdit(): void {
    afterNextRender(() => this.element(`#${this.idPrefix()}-edit`)?.focus(), {
      injector: this.injector,
    });
  }

  private element(selector: string): HTMLElement | null {
    // Ids start with a letter prefix, so a UUID in them is a valid CSS selector.
    return this.host.nativeElement.querySelector<HTMLElement>(selector);
  }
}
