import type { NonNullableFormBuilder } from '@angular/forms';
import { Validators } from '@angular/forms';
import { ConsentForm, type ConsentFieldsDto, type InformationCategory } from '@samsyn/common';
import { isoDay } from '../../../core/i18n/format';
import { dateOrder, required } from '../../../core/forms/validators';

/** The consent fields (D14), as the form holds them: the same in the wizard and on the case. */
export interface ConsentFormValue {
  recipientOrganisationIds: string[];
  categories: string[];
  excludedCategories: string[];
  exclusionNote: string;
  form: ConsentForm;
  givenOn: string;
  validUntil: string;
  guardianName: string;
  guardianGivenOn: string;
}

const nonEmptyList = (control: { value: unknown }) =>
  Array.isArray(control.value) && control.value.length > 0 ? null : { chooseAtLeastOne: true };

/** Today, and a year from today: consent is time-limited (D14). */
export function createConsentFields(fb: NonNullableFormBuilder, today = new Date()) {
  return fb.group(
    {
      recipientOrganisationIds: fb.control<string[]>([], nonEmptyList),
      categories: fb.control<string[]>([], nonEmptyList),
      excludedCategories: fb.control<string[]>([]),
      exclusionNote: ['', Validators.maxLength(1000)],
      form: [ConsentForm.Written as ConsentForm, required],
      givenOn: [isoDay(today), required],
      validUntil: [isoDay(today, 0, 12), required],
      guardianName: ['', Validators.maxLength(200)],
      guardianGivenOn: [''],
    },
    { validators: dateOrder('givenOn', 'validUntil') },
  );
}

export type ConsentFieldsForm = ReturnType<typeof createConsentFields>;

/**
 * The API's consent fields. An excluded category wins over an included one (the API applies the
 * same rule), so it is not sent as both; the guardian only when a name is given.
 */
export function toConsentFields(value: ConsentFormValue): ConsentFieldsDto {
  const excluded = [...new Set(value.excludedCategories)] as InformationCategory[];
  const dto: ConsentFieldsDto = {
    recipientOrganisationIds: [...new Set(value.recipientOrganisationIds)],
    categories: ([...new Set(value.categories)] as InformationCategory[]).filter(
      (c) => !excluded.includes(c),
    ),
    form: value.form,
    givenOn: value.givenOn,
    validUntil: value.validUntil,
  };
  if (excluded.length) dto.excludedCategories = excluded;
  const note = value.exclusionNote.trim();
  if (note) dto.exclusionNote = note;
  const guardian = value.guardianName.trim();
  if (guardian) dto.guardian = { name: guardian, givenOn: value.guardianGivenOn || value.givenOn };
  return dto;
}

/**
 * The API's dotted path below a consent's fields (`guardian.name`, `categories`, …) as the path
 * in a ConsentFieldsForm, or null when the form has no such field.
 */
export function consentFieldPath(apiPath: string): string | null {
  if (apiPath === 'guardian' || apiPath === 'guardian.name') return 'guardianName';
  if (apiPath === 'guardian.givenOn') return 'guardianGivenOn';
  const [head] = apiPath.split('.');
  const known = [
    'recipientOrganisationIds',
    'categories',
    'excludedCategories',
    'exclusionNote',
    'form',
    'givenOn',
    'validUntil',
  ];
  return known.includes(head) ? head : null;
}
