import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  ErrorCode,
  ORGANISATION_TYPES,
  type OrganisationDto,
  OrganisationType,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { OrganisationAdminApi } from '../../core/api/organisation-admin-api.service';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { SERVER_ERROR } from '../../core/forms/field-errors';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { hsaId, municipalityCode, organisationNumber, required } from '../../core/forms/validators';
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** An optional code as the API takes it: trimmed, and null when left empty. */
const code = (value: string): string | null => value.trim() || null;

/**
 * An organisation's kind, name and codes: a new one (without `organisation`) or an existing one
 * (its kind then stays, and the version read goes with the change). The API's field errors land
 * on the fields; a taken name says so at the name; a concurrent change (409) offers a reload.
 */
@Component({
  selector: 'app-organisation-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organisation-form.html',
  styleUrl: './organisation-admin.scss',
})
export class OrganisationForm {
  private readonly api = inject(OrganisationAdminApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** The organisation being edited; null for a new one. */
  readonly organisation = input<OrganisationDto | null>(null);
  /** The organisation as the API answered after a save. */
  readonly saved = output<OrganisationDto>();
  /** After a 409: the page fetches the organisation again, and the form is refilled from it. */
  readonly reloadRequested = output<void>();

  protected readonly types = ORGANISATION_TYPES;
  protected readonly pending = signal(false);
  protected readonly conflict = signal(false);
  protected readonly submitError = signal<TranslationKey | null>(null);
  /** "Saved" or "reloaded", focused when it appears. */
  protected readonly notice = signal<TranslationKey | null>(null);
  /** Set while the page fetches the organisation again after a 409. */
  private reloading = false;

  protected readonly form = inject(NonNullableFormBuilder).group({
    kind: [OrganisationType.Municipality as OrganisationType, required],
    name: ['', [required, Validators.minLength(2), Validators.maxLength(200)]],
    organisationNumber: ['', organisationNumber],
    municipalityCode: ['', municipalityCode],
    hsaId: ['', [hsaId, Validators.maxLength(31)]],
    /** Edited on an existing organisation; a new one takes the server's default (on). */
    requireSecondFactor: [true],
  });

  private readonly chosenKind = toSignal(this.form.controls.kind.valueChanges, {
    initialValue: this.form.controls.kind.value,
  });
  /** The kind: the organisation's own when editing, else the one chosen. */
  protected readonly kind = computed(() => this.organisation()?.type ?? this.chosenKind());
  /** Only municipalities have a kommunkod. */
  protected readonly isMunicipality = computed(() => this.kind() === OrganisationType.Municipality);
  /** The organisation and version the form was last filled from. */
  private readonly source = computed(() => {
    const o = this.organisation();
    return o ? `${o.id}:${o.version}` : null;
  });

  constructor() {
    // Refilled when another version arrives (saved, reloaded), not when only its units change.
    effect(() => {
      if (this.source() === null) return;
      untracked(() => {
        const o = this.organisation();
        if (o) this.fill(o);
        if (this.reloading) {
          this.reloading = false;
          this.say('orgAdmin.reloaded');
        }
      });
    });
    // A hidden kommunkod is neither checked nor sent.
    effect(() => {
      const control = this.form.controls.municipalityCode;
      if (this.isMunicipality()) control.enable();
      else control.disable();
    });
  }

  private fill(o: OrganisationDto): void {
    this.form.reset({
      kind: o.type,
      name: o.name,
      organisationNumber: o.organisationNumber ?? '',
      municipalityCode: o.municipalityCode ?? '',
      hsaId: o.hsaId ?? '',
      requireSecondFactor: o.requireSecondFactor,
    });
  }

  protected reload(): void {
    this.conflict.set(false);
    this.reloading = true;
    this.reloadRequested.emit();
  }

  protected async save(): Promise<void> {
    if (this.pending()) return;
    this.submitError.set(null);
    this.conflict.set(false);
    this.notice.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.afterRender(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const v = this.form.getRawValue();
    const existing = this.organisation();
    const kommunkod = this.isMunicipality() ? code(v.municipalityCode) : null;
    this.pending.set(true);
    try {
      const saved = existing
        ? await firstValueFrom(
            this.api.update(existing.id, {
              version: existing.version,
              name: v.name.trim(),
              organisationNumber: code(v.organisationNumber),
              hsaId: code(v.hsaId),
              requireSecondFactor: v.requireSecondFactor,
              ...(this.isMunicipality() ? { municipalityCode: kommunkod } : {}),
            }),
          )
        : await firstValueFrom(
            this.api.create({
              kind: v.kind,
              name: v.name.trim(),
              ...(code(v.organisationNumber)
                ? { organisationNumber: v.organisationNumber.trim() }
                : {}),
              ...(kommunkod ? { municipalityCode: kommunkod } : {}),
              ...(code(v.hsaId) ? { hsaId: v.hsaId.trim() } : {}),
            }),
          );
      if (existing) {
        this.say('orgAdmin.saved');
      }
      this.saved.emit(saved);
    } catch (error: unknown) {
      this.showError(error);
    } finally {
      this.pending.set(false);
    }
  }

  private showError(error: unknown): void {
    const status = error instanceof HttpErrorResponse ? error.status : 0;
    const problem = problemOf(error);
    if (status === 409 && problem?.code === ErrorCode.VersionConflict) {
      this.conflict.set(true);
      this.afterRender(() => this.focus('#org-conflict'));
      return;
    }
    if (status === 409 && problem?.code === ErrorCode.Conflict) {
      // The only conflict a create or edit has: the name is taken.
      const name = this.form.controls.name;
      name.setErrors({ ...(name.errors ?? {}), [SERVER_ERROR]: 'duplicateOrganisationName' });
      name.markAsTouched();
      this.afterRender(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const invalid = applyServerErrors(this.form, error);
    if (!invalid.length) this.submitError.set(errorMessageKey(error));
    this.afterRender(() => {
      if (!invalid.length || !focusFirstInvalid(this.host.nativeElement))
        this.focus('#org-submit-error');
    });
  }

  private say(notice: TranslationKey): void {
    this.notice.set(notice);
    this.afterRender(() => this.focus('#org-notice'));
  }

  private afterRender(run: () => void): void {
    afterNextRender(run, { injector: this.injector });
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
