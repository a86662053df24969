import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ORGANISATION_TYPES, type OrganisationDto, OrganisationType } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { OrganisationAdminApi } from '../../core/api/organisation-admin-api.service';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { hsaId, municipalityCode, organisationNumber, required } from '../../core/forms/validators';
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { VersionedForm } from '../../core/forms/versioned-form';

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
export class OrganisationForm extends VersionedForm<OrganisationDto> {
  private readonly api = inject(OrganisationAdminApi);

  /** The organisation being edited; null for a new one. */
  readonly organisation = input<OrganisationDto | null>(null);
  /** The organisation as the API answered after a save. */
  readonly saved = output<OrganisationDto>();

  protected readonly record = this.organisation;
  protected readonly idPrefix = 'org';
  protected readonly reloadedNotice = 'orgAdmin.reloaded';
  protected readonly types = ORGANISATION_TYPES;

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

  constructor() {
    super();
    // A hidden kommunkod is neither checked nor sent.
    effect(() => {
      const control = this.form.controls.municipalityCode;
      if (this.isMunicipality()) control.enable();
      else control.disable();
    });
  }

  protected fill(o: OrganisationDto): void {
    this.form.reset({
      kind: o.type,
      name: o.name,
      organisationNumber: o.organisationNumber ?? '',
      municipalityCode: o.municipalityCode ?? '',
      hsaId: o.hsaId ?? '',
      requireSecondFactor: o.requireSecondFactor,
    });
  }

  protected async submit(existing: OrganisationDto | null): Promise<void> {
    const v = this.form.getRawValue();
    const kommunkod = this.isMunicipality() ? code(v.municipalityCode) : null;
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
    if (existing) this.say('orgAdmin.saved');
    this.saved.emit(saved);
  }

  /** The only conflict a create or edit has: the name is taken. */
  protected takenControl() {
    return { control: this.form.controls.name, message: 'duplicateOrganisationName' };
  }
}
