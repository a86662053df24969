import {
  ConsentForm,
  ParticipantRole,
  PersonalNumberKind,
  ProtectedIdentityLevel,
} from '@samsyn/common';
import type { ConsentFormValue } from '../shared/consent-form';
import type { PersonFormValue } from '../shared/person-form';
import { type NewCaseFormValue, stepOfPath, toCreateCaseDto, wizardPath } from './new-case-form';

const person = (overrides: Partial<PersonFormValue> = {}): PersonFormValue => ({
  personalNumberKind: PersonalNumberKind.Personnummer,
  personalNumber: ' 19121212-1212 ',
  birthDate: '',
  firstName: ' Tolvan ',
  lastName: 'Tolvansson',
  language: '',
  interpreterNeeded: false,
  address: '',
  postalCode: '',
  city: '',
  phone: '',
  email: '',
  protectedLevel: ProtectedIdentityLevel.None,
  ...overrides,
});

const consent = (overrides: Partial<ConsentFormValue> = {}): ConsentFormValue => ({
  recipientOrganisationIds: ['region'],
  categories: ['identity', 'health'],
  excludedCategories: [],
  exclusionNote: '',
  form: ConsentForm.Written,
  givenOn: '2026-03-01',
  validUntil: '2027-03-01',
  guardianName: '',
  guardianGivenOn: '',
  ...overrides,
});

const wizard = (overrides: Partial<NewCaseFormValue> = {}): NewCaseFormValue => ({
  setup: { programme: 'SIP', teamRole: 'sip_coordinator', description: '  ' },
  participants: [{ role: ParticipantRole.Individual, person: person() }],
  consent: { enabled: false, participantIndex: 0, fields: consent() },
  ...overrides,
});

describe('toCreateCaseDto', () => {
  it('sends the programme and participants, trimmed and without empty fields', () => {
    expect(toCreateCaseDto(wizard())).toEqual({
      programme: 'SIP',
      teamRole: 'sip_coordinator',
      participants: [
        {
          role: 'individual',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: '19121212-1212',
            firstName: 'Tolvan',
            lastName: 'Tolvansson',
          },
        },
      ],
    });
  });

  it('sends a reserve number’s birth date instead of a personnummer, and the protected level', () => {
    const dto = toCreateCaseDto(
      wizard({
        participants: [
          {
            role: ParticipantRole.Individual,
            person: person({
              personalNumberKind: PersonalNumberKind.Reserve,
              birthDate: '2001-05-06',
              protectedLevel: ProtectedIdentityLevel.SkyddadFolkbokforing,
              language: 'ar',
              interpreterNeeded: true,
              phone: '070-123 45 67',
            }),
          },
        ],
      }),
    );
    expect(dto.participants[0].person).toEqual({
      personalNumberKind: 'reserve',
      birthDate: '2001-05-06',
      firstName: 'Tolvan',
      lastName: 'Tolvansson',
      language: 'ar',
      interpreterNeeded: true,
      phone: '070-123 45 67',
      protectedLevel: 'skyddad_folkbokforing',
    });
  });

  it('adds the consent for the chosen participant when the consent step is used', () => {
    const dto = toCreateCaseDto(
      wizard({
        consent: {
          enabled: true,
          participantIndex: 0,
          fields: consent({ excludedCategories: ['health'], exclusionNote: ' Inte till skolan ' }),
        },
      }),
    );
    expect(dto.consents).toEqual([
      {
        participantIndex: 0,
        recipientOrganisationIds: ['region'],
        categories: ['identity'],
        excludedCategories: ['health'],
        exclusionNote: 'Inte till skolan',
        form: 'written',
        givenOn: '2026-03-01',
        validUntil: '2027-03-01',
      },
    ]);
  });

  it('adds the guardian’s consent when a guardian is named', () => {
    const dto = toCreateCaseDto(
      wizard({
        consent: {
          enabled: true,
          participantIndex: 0,
          fields: consent({ guardianName: 'Vera Vårdnadshavare' }),
        },
      }),
    );
    expect(dto.consents?.[0].guardian).toEqual({
      name: 'Vera Vårdnadshavare',
      givenOn: '2026-03-01',
    });
  });
});

describe('wizardPath', () => {
  it.each([
    ['programme', 'setup.programme'],
    ['description', 'setup.description'],
    ['participants', null],
    ['participants.1', 'participants.1'],
    ['participants.0.role', 'participants.0.role'],
    ['participants.2.person.personalNumber', 'participants.2.person.personalNumber'],
    ['consents.0.participantIndex', 'consent.participantIndex'],
    ['consents.0.categories', 'consent.fields.categories'],
    ['consents.0.guardian', 'consent.fields.guardianName'],
    ['consents.0.guardian.givenOn', 'consent.fields.guardianGivenOn'],
    ['consents.0.somethingElse', null],
    ['municipalityCode', null],
  ])('maps %s to %s', (api, form) => {
    expect(wizardPath(api)).toBe(form);
  });

  it('finds the step that holds a field', () => {
    expect(stepOfPath('setup.programme')).toBe(0);
    expect(stepOfPath('participants.0.person.firstName')).toBe(1);
    expect(stepOfPath('consent.fields.categories')).toBe(2);
    expect(stepOfPath('unknown')).toBe(3);
  });
});
