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
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type AdminUserDto,
  type CreatedUserDto,
  ErrorCode,
  type Locale,
  LOCALES,
  type Role,
  USERNAME_PATTERN,
  type UserOptionsDto,
} from '@samsyn/common';
import { catchError, firstValueFrom, map, of, switchMap } from 'rxjs';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { UserAdminApi } from '../../core/api/user-admin-api.service';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { SERVER_ERROR } from '../../core/forms/field-errors';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { chooseAtLeastOne, email, required } from '../../core/forms/validators';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { LOCALE_NAMES } from '../../core/i18n/translate';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CheckboxGroup, type CheckboxOption } from '../../core/ui/checkbox-group';

/** An optional text as the API takes it: trimmed, and null when left empty. */
const optional = (value: string): string | null => value.trim() || null;

/**
 * A user's details, unit and roles: a new user of `organisationId` (without `user`), or an
 * existing one (the version read goes with the change). Units and the roles on offer come from
 * the API, so the form offers only what the caller may grant. Field errors from the API land on
 * the fields; a taken username or external id says so there; a stale version offers a reload.
 */
@Component({
  selector: 'app-user-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
    CheckboxGroup,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-form.html',
  styleUrl: './user-admin.scss',
})
export class UserForm {
  private readonly api = inject(UserAdminApi);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** The user being edited; null for a new one. */
  readonly user = input<AdminUserDto | null>(null);
  /** The organisation of a new user. */
  readonly organisationId = input<string | null>(null);
  readonly saved = output<AdminUserDto>();
  readonly created = output<CreatedUserDto>();
  readonly reloadRequested = output<void>();

  protected readonly locales = LOCALES;
  /** Each language named in itself, as the language switch names them. */
  protected readonly localeNames = LOCALE_NAMES;
  protected readonly pending = signal(false);
  protected readonly conflict = signal(false);
  protected readonly submitError = signal<TranslationKey | null>(null);
  protected readonly notice = signal<TranslationKey | null>(null);
  private reloading = false;

  /** Units and grantable roles of the organisation, from the API. */
  protected readonly options = toSignal(
    toObservable(computed(() => this.user()?.organisation.id ?? this.organisationId())).pipe(
      switchMap((id) =>
        id
          ? this.api.options(id).pipe(
              map((o): UserOptionsDto | null => o),
              catchError(() => of(null)),
            )
          : of(null),
      ),
    ),
    { initialValue: null },
  );
  /** The roles offered: what the caller may grant, and what an edited user holds already. */
  protected readonly roleOptions = computed<CheckboxOption[]>(() => {
    const granted = this.user()?.grantableRoles ?? this.options()?.grantableRoles ?? [];
    const held = this.user()?.roles ?? [];
    const roles = [...granted, ...held.filter((r) => !granted.includes(r))];
    return roles.map((role) => ({ value: role, label: this.i18n.label('role', role) }));
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [required, Validators.maxLength(100), Validators.pattern(USERNAME_PATTERN)]],
    displayName: ['', [required, Validators.maxLength(200)]],
    email: ['', [email, Validators.maxLength(254)]],
    unitId: ['', required],
    roles: [[] as string[], chooseAtLeastOne],
    locale: ['sv' as Locale, required],
    externalId: ['', Validators.maxLength(200)],
  });

  private readonly source = computed(() => {
    const u = this.user();
    return u ? `${u.id}:${u.version}` : null;
  });

  constructor() {
    effect(() => {
      if (this.source() === null) return;
      untracked(() => {
        const u = this.user();
        if (u) this.fill(u);
        if (this.reloading) {
          this.reloading = false;
          this.say('userAdmin.reloaded');
        }
      });
    });
    // The username is chosen once: an existing user's is shown, not edited.
    effect(() => {
      const control = this.form.controls.username;
      if (this.user()) control.disable();
      else control.enable();
    });
  }

  private fill(u: AdminUserDto): void {
    this.form.reset({
      username: u.username,
      displayName: u.displayName,
      email: u.email ?? '',
      unitId: u.unit?.id ?? '',
      roles: [...u.roles],
      locale: u.locale,
      externalId: u.externalId ?? '',
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
    const existing = this.user();
    const roles = v.roles as Role[];
    this.pending.set(true);
    try {
      if (existing) {
        const saved = await firstValueFrom(
          this.api.update(existing.id, {
            version: existing.version,
            displayName: v.displayName.trim(),
            email: optional(v.email),
            unitId: v.unitId,
            roles,
            locale: v.locale,
            externalId: optional(v.externalId),
          }),
        );
        this.say('userAdmin.saved');
        this.saved.emit(saved);
      } else {
        const organisationId = this.organisationId();
        if (!organisationId) return;
        const email = optional(v.email);
        const externalId = optional(v.externalId);
        const created = await firstValueFrom(
          this.api.create({
            organisationId,
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            unitId: v.unitId,
            roles,
            locale: v.locale,
            ...(email ? { email } : {}),
            ...(externalId ? { externalId } : {}),
          }),
        );
        this.created.emit(created);
      }
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
      this.afterRender(() => this.focus('#user-conflict'));
      return;
    }
    if (status === 409 && problem?.code === ErrorCode.Conflict) {
      // A taken username (on create) or external id: the API's detail says which.
      const which =
        /external id/i.test(problem.detail ?? '') || this.user() ? 'externalId' : 'username';
      const control = this.form.controls[which];
      control.setErrors({ ...(control.errors ?? {}), [SERVER_ERROR]: 'duplicateUser' });
      control.markAsTouched();
      this.afterRender(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const invalid = applyServerErrors(this.form, error);
    if (!invalid.length) this.submitError.set(errorMessageKey(error));
    this.afterRender(() => {
      if (!invalid.length || !focusFirstInvalid(this.host.nativeElement))
        this.focus('#user-submit-error');
    });
  }

  private say(notice: TranslationKey): void {
    this.notice.set(notice);
    this.afterRender(() => this.focus('#user-notice'));
  }

  private afterRender(run: () => void): void {
    afterNextRender(run, { injector: this.injector });
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
