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
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type CoordinatorGroupDto, ErrorCode } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { TryggaHemApi } from '../../core/api/trygga-hem-api.service';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { required } from '../../core/forms/validators';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReferenceData } from '../../core/reference/reference-data';
import { notBlank } from './group-forms';

/**
 * "Ny koordinatorsgrupp" (D2): name, municipality and meeting schedule. One group per
 * municipality, so municipalities that have one are not offered (the API refuses them too).
 */
@Component({
  selector: 'app-group-create-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [':host { display: block; margin-bottom: 1.5rem; } .form-actions { margin-top: 1rem; }'],
  template: `
    <form
      id="create-group-form"
      class="panel"
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      aria-labelledby="create-group-title"
    >
      <h2 id="create-group-title" tabindex="-1">{{ 'th.groupAdmin.createTitle' | t }}</h2>
      <p class="hint">{{ 'th.groupAdmin.createHint' | t }}</p>
      @if (error(); as e) {
        <p class="form-error" role="alert" id="create-group-error" tabindex="-1">{{ e | t }}</p>
      }
      <div class="form-grid">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'th.groupAdmin.name' | t }}</mat-label>
          <input matInput id="group-name" formControlName="name" required maxlength="200" />
          <mat-error>{{ form.controls.name.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'th.groupAdmin.municipality' | t }}</mat-label>
          <mat-select id="group-municipality" formControlName="municipalityCode" required>
            @for (m of free(); track m.id) {
              <mat-option [value]="m.municipalityCode">{{ m.name }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{
            (free().length ? 'th.groupAdmin.municipalityHint' : 'th.groupAdmin.noFreeMunicipality')
              | t
          }}</mat-hint>
          <mat-error>{{ form.controls.municipalityCode.errors | fieldError }}</mat-error>
        </mat-form-field>
      </div>
      <mat-form-field appearance="outline" class="full-width" subscriptSizing="dynamic">
        <mat-label>{{ 'th.groupAdmin.schedule' | t }}</mat-label>
        <input matInput id="group-schedule" formControlName="meetingSchedule" maxlength="500" />
        <mat-hint>{{ 'th.groupAdmin.scheduleHint' | t }}</mat-hint>
        <mat-error>{{ form.controls.meetingSchedule.errors | fieldError }}</mat-error>
      </mat-form-field>
      <div class="form-actions">
        <button mat-button type="button" (click)="cancelled.emit()">
          {{ 'common.cancel' | t }}
        </button>
        <button mat-flat-button type="submit" [attr.aria-busy]="pending() || null">
          {{ 'th.groupAdmin.submitCreate' | t }}
        </button>
      </div>
    </form>
  `,
})
export class GroupCreateForm {
  private readonly api = inject(TryggaHemApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly reference = inject(ReferenceData);

  /** Municipality codes that already have a group. */
  readonly taken = input<readonly string[]>([]);
  readonly created = output<CoordinatorGroupDto>();
  readonly cancelled = output();

  protected readonly free = computed(() =>
    this.reference.municipalities().filter((m) => !this.taken().includes(m.municipalityCode!)),
  );
  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly form = this.fb.group({
    name: ['', [required, notBlank, Validators.maxLength(200)]],
    municipalityCode: ['', required],
    meetingSchedule: ['', Validators.maxLength(500)],
  });

  constructor() {
    void this.reference.loadOrganisations().catch(() => undefined);
    afterNextRender(() => this.focus('#create-group-title'));
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
        injector: this.injector,
      });
      return;
    }
    const v = this.form.getRawValue();
    this.pending.set(true);
    try {
      const group = await firstValueFrom(
        this.api.createGroup({
          name: v.name.trim(),
          municipalityCode: v.municipalityCode,
          ...(v.meetingSchedule.trim() ? { meetingSchedule: v.meetingSchedule.trim() } : {}),
        }),
      );
      void this.announcer.announce(
        this.i18n.t('th.groupAdmin.created', { name: group.name }),
        'polite',
      );
      this.created.emit(group);
    } catch (error: unknown) {
      const taken = problemOf(error)?.code === ErrorCode.Conflict;
      this.error.set(taken ? 'th.groupAdmin.municipalityTaken' : errorMessageKey(error));
      const invalid = applyServerErrors(this.form, error);
      afterNextRender(
        () => {
          if (!invalid.length || !focusFirstInvalid(this.host.nativeElement))
            this.focus('#create-group-error');
        },
        { injector: this.injector },
      );
    } finally {
      this.pending.set(false);
    }
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
