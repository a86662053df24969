import type { NonNullableFormBuilder } from '@angular/forms';
import { Validators } from '@angular/forms';
import type { CreateCaseDto, ParticipantRole } from '@samsyn/common';
import { required } from '../../../core/forms/validators';
import {
  type ConsentFormValue,
  consentFieldPath,
  createConsentFields,
  toConsentFields,
} from '../shared/consent-form';
import { type PersonFormValue, createPersonForm, toPersonInput } from '../shared/person-form';

export function createParticipantForm(fb: NonNullableFormBuilder, role: ParticipantRole | '') {
  return fb.group({
    role: [role, required],
    person: createPersonForm(fb),
  });
}

export type ParticipantForm = ReturnType<typeof createParticipantForm>;

/** The open-case wizard's form: one group per step. The consent step is optional. */
export function createNewCaseForm(fb: NonNullableFormBuilder) {
  const consentFields = createConsentFields(fb);
  consentFields.disable();
  return fb.group({
    setup: fb.group({
      programme: ['', required],
      teamRole: [''],
      description: ['', Validators.maxLength(2000)],
    }),
    participants: fb.array<ParticipantForm>([createParticipantForm(fb, '')]),
    consent: fb.group({
      enabled: [false],
      participantIndex: [0],
      fields: consentFields,
    }),
  });
}

export type NewCaseForm = ReturnType<typeof createNewCaseForm>;

/** The wizard's raw value, as `getRawValue()` gives it. */
export interface NewCaseFormValue {
  setup: { programme: string; teamRole: string; description: string };
  participants: { role: ParticipantRole | ''; person: PersonFormValue }[];
  consent: { enabled: boolean; participantIndex: number; fields: ConsentFormValue };
}

/** `POST /cases` from the wizard: one transaction with the participants and, optionally, consent. */
export function toCreateCaseDto(value: NewCaseFormValue): CreateCaseDto {
  const dto: CreateCaseDto = {
    programme: value.setup.programme,
    participants: value.participants.map((p) => ({
      role: p.role as ParticipantRole,
      person: toPersonInput(p.person),
    })),
  };
  const description = value.setup.description.trim();
  if (description) dto.description = description;
  if (value.setup.teamRole) dto.teamRole = value.setup.teamRole;
  if (value.consent.enabled) {
    dto.consents = [
      {
        participantIndex: value.consent.participantIndex,
        ...toConsentFields(value.consent.fields),
      },
    ];
  }
  return dto;
}

/** The wizard steps, in order; the review step has no fields. */
export const WIZARD_STEPS = ['setup', 'participants', 'consent', 'review'] as const;

/**
 * The API's field path (`participants.0.person.personalNumber`, `consents.0.guardian.name`, …)
 * as the wizard form's control path, or null when the form has no such field.
 */
export function wizardPath(apiPath: string): string | null {
  if (apiPath === 'programme' || apiPath === 'teamRole' || apiPath === 'description') {
    return `setup.${apiPath}`;
  }
  const participant = /^participants\.(\d+)(?:\.(role|person)(?:\.(\w+))?)?$/.exec(apiPath);
  if (participant) {
    const [, index, part, field] = participant;
    if (!part) return `participants.${index}`;
    return field && part === 'person'
      ? `participants.${index}.person.${field}`
      : `participants.${index}.${part}`;
  }
  const consent = /^consents\.0\.(.+)$/.exec(apiPath);
  if (consent) {
    if (consent[1] === 'participantIndex') return 'consent.participantIndex';
    const field = consentFieldPath(consent[1]);
    return field ? `consent.fields.${field}` : null;
  }
  return null;
}

/** The index of the step that holds a control path from `wizardPath`. */
export function stepOfPath(path: string): number {
  const index = WIZARD_STEPS.indexOf(path.split('.')[0] as (typeof WIZARD_STEPS)[number]);
  return index === -1 ? WIZARD_STEPS.length - 1 : index;
}
