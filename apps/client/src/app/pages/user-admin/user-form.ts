import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
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
  type Locale,
  type ProblemDetails,
  LOCALES,
  type Role,
  USERNAME_PATTERN,
  type UserOptionsDto,
} from '@samsyn/common';
import { catchError, firstValueFrom, map, of, switchMap } from 'rxjs';
import { UserAdminApi } from '../../core/api/user-admin-api.service';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { VersionedForm } from '../../core/forms/versioned-form';
import { chooseAtLeastOne, email, required } from '../../core/forms/validators';
import { I18nService } from '../../core/i18n/i18n.service';
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
export class UserForm extends VersionedForm<AdminUserDto> {
  private readonly api = inject(UserAdminApi);
  private readonly i18n = inject(I18nService);

  /** The user being edited; null for a new one. */
  readonly user = input<AdminUserDto | null>(null);
  /** The organisation of a new user. */
  readonly organisationId = input<string | null>(null);
  readonly saved = output<AdminUserDto>();
  readonly created = output<CreatedUserDto>();

  protected readonly record = this.user;
  protected readonly idPrefix = 'user';
  protected readonly reloadedNotice = 'userAdmin.reloaded';
  protected readonly locales = LOCALES;
  /** Each language named in itself, as the language switch names them. */
  protected readonly localeNames = LOCALE_NAMES;

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

  constructor() {
    super();
    // The username is chosen once: an existing user's is shown, not edited.
    effect(() => {
      const control = this.form.controls.username;
      if (this.user()) control.disable();
      else control.enable();
    });
  }

  protected fill(u: AdminUserDto): void {
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

  protected async submit(existing: AdminUserDto | null): Promise<void> {
    const v = this.form.getRawValue();
    const roles = v.roles as Role[];
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
      return;
    }
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

  /** A taken username (on create) or external id: the API's detail says which. */
  protected takenControl(problem: ProblemDetails) {
    const which =
      /external id/i.test(problem.detail ?? '') || this.user() ? 'externalId' : 'username';
    return { control: this.form.controls[which], message: 'duplicateUser' };
  }
}
