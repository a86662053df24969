import type { NonNullableFormBuilder } from '@angular/forms';
import { Validators } from '@angular/forms';
import {
  type PersonDto,
  type PersonInputDto,
  PersonalNumberKind,
  ProtectedIdentityLevel,
  type UpdatePersonDto,
  parsePersonalNumber,
} from '@samsyn/common';
import { email, personalNumber, required } from '../../../core/forms/validators';

/** The person fields of the wizard and of "add participant", as the form holds them. */
export interface PersonFormValue {
  personalNumberKind: PersonalNumberKind;
  personalNumber: string;
  birthDate: string;
  firstName: string;
  lastName: string;
  language: string;
  interpreterNeeded: boolean;
  address: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  protectedLevel: ProtectedIdentityLevel;
}

/** Languages offered first; any ISO 639-1 code the API accepts could be added. */
export const LANGUAGES: readonly string[] = [
  'sv',
  'ar',
  'so',
  'fa',
  'ti',
  'en',
  'pl',
  'bs',
  'tr',
  'ku',
  'ru',
  'uk',
  'es',
  'fi',
];

export function createPersonForm(fb: NonNullableFormBuilder) {
  const form = fb.group({
    personalNumberKind: [PersonalNumberKind.Personnummer as PersonalNumberKind],
    personalNumber: ['', [required, personalNumber]],
    birthDate: [''],
    firstName: ['', [required, Validators.maxLength(100)]],
    lastName: ['', [required, Validators.maxLength(100)]],
    language: [''],
    interpreterNeeded: [false],
    address: ['', Validators.maxLength(200)],
    postalCode: ['', Validators.pattern(/^[0-9 ]{5,6}$/)],
    city: ['', Validators.maxLength(100)],
    phone: ['', Validators.pattern(/^\+?[0-9 -]{6,20}$/)],
    email: ['', [email, Validators.maxLength(254)]],
    protectedLevel: [ProtectedIdentityLevel.None as ProtectedIdentityLevel],
  });
  // A reserve number is assigned by the server and needs a birth date instead.
  form.controls.personalNumberKind.valueChanges.subscribe((kind) => {
    const reserve = kind === PersonalNumberKind.Reserve;
    const { personalNumber: pnr, birthDate } = form.controls;
    pnr.setValidators(reserve ? [] : [required, personalNumber]);
    birthDate.setValidators(reserve ? [required] : []);
    pnr.updateValueAndValidity();
    birthDate.updateValueAndValidity();
  });
  return form;
}

export type PersonForm = ReturnType<typeof createPersonForm>;

const optional = (value: string): string | undefined => {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

/** The API's PersonInputDto: empty optional fields are left out, not sent as ''. */
export function toPersonInput(value: PersonFormValue): PersonInputDto {
  const reserve = value.personalNumberKind === PersonalNumberKind.Reserve;
  const dto: PersonInputDto = {
    personalNumberKind: value.personalNumberKind,
    personalNumber: reserve ? undefined : value.personalNumber.trim(),
    birthDate: reserve ? optional(value.birthDate) : undefined,
    firstName: value.firstName.trim(),
    lastName: value.lastName.trim(),
    language: optional(value.language),
    interpreterNeeded: value.interpreterNeeded || undefined,
    address: optional(value.address),
    postalCode: optional(value.postalCode),
    city: optional(value.city),
    phone: optional(value.phone),
    email: optional(value.email),
    protectedLevel:
      value.protectedLevel === ProtectedIdentityLevel.None ? undefined : value.protectedLevel,
  };
  return Object.fromEntries(
    Object.entries(dto).filter(([, v]) => v !== undefined),
  ) as unknown as PersonInputDto;
}

/**
 * The form for editing a participant: the same fields, filled from what the caller sees. The
 * identity number is not editable (a person is one row per number), so its checks are off.
 */
export function createPersonEditForm(fb: NonNullableFormBuilder, person: PersonDto) {
  const form = createPersonForm(fb);
  form.controls.personalNumber.clearValidators();
  form.controls.personalNumber.updateValueAndValidity();
  form.patchValue({
    firstName: person.firstName ?? '',
    lastName: person.lastName ?? '',
    language: person.language ?? '',
    interpreterNeeded: person.interpreterNeeded ?? false,
    address: person.address ?? '',
    postalCode: person.postalCode ?? '',
    city: person.city ?? '',
    phone: person.phone ?? '',
    email: person.email ?? '',
    protectedLevel: person.protectedLevel ?? ProtectedIdentityLevel.None,
  });
  return form;
}

/**
 * The API's UpdatePersonDto from an edit form: only the groups the caller could see and so
 * edit (`contact` false leaves the withheld contact details untouched on the server). An emptied
 * optional field is sent as null, which clears it (the DTO's checks skip null).
 */
export function toPersonUpdate(
  value: PersonFormValue,
  version: number,
  groups: { identity: boolean; contact: boolean },
): UpdatePersonDto {
  const orNull = (text: string) => text.trim() || null;
  const dto: Record<string, unknown> = { version };
  if (groups.identity)
    Object.assign(dto, {
      firstName: value.firstName.trim(),
      lastName: value.lastName.trim(),
      language: orNull(value.language),
      interpreterNeeded: value.interpreterNeeded,
      protectedLevel: value.protectedLevel,
    });
  if (groups.contact)
    Object.assign(dto, {
      address: orNull(value.address),
      postalCode: orNull(value.postalCode),
      city: orNull(value.city),
      phone: orNull(value.phone),
      email: orNull(value.email),
    });
  return dto as unknown as UpdatePersonDto;
}

/** The person's birth date (`YYYY-MM-DD`) from the personnummer or the entered date. */
export function birthDateOf(
  value: Pick<PersonFormValue, 'personalNumberKind' | 'personalNumber' | 'birthDate'>,
): string | null {
  if (value.personalNumberKind === PersonalNumberKind.Reserve) return value.birthDate || null;
  return parsePersonalNumber(value.personalNumber.trim())?.birthDate ?? null;
}

/** Under 18 on `today` (`YYYY-MM-DD`): consent then needs the guardian's as well (D14). */
export function isMinor(birthDate: string | null, today: string): boolean {
  if (!birthDate) return false;
  const [y, m, d] = birthDate.split('-').map(Number);
  const adult = `${String(y + 18).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return today < adult;
}
