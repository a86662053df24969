import { type PersonDto, PersonalNumberKind } from '@samsyn/common';
import { displayName, shownPersonalNumber, withheldReason } from './participant-view';

const person = (overrides: Partial<PersonDto> = {}): PersonDto => ({
  id: 'p1',
  version: 1,
  protectedIdentity: false,
  protectedLevel: null,
  personalNumberKind: PersonalNumberKind.Personnummer,
  personalNumber: '191212121212',
  firstName: 'Tolvan',
  lastName: 'Tolvansson',
  birthDate: '1912-12-12',
  language: 'sv',
  interpreterNeeded: false,
  address: 'Storgatan 1',
  postalCode: '70210',
  city: 'Örebro',
  phone: null,
  email: null,
  suppressed: [],
  ...overrides,
});

describe('participant view', () => {
  it('names a person, or says nothing when the name is withheld', () => {
    expect(displayName(person())).toBe('Tolvan Tolvansson');
    expect(displayName(person({ firstName: null, lastName: null }))).toBeNull();
  });

  it('formats the personnummer the way staff read it', () => {
    expect(shownPersonalNumber(person())).toBe('19121212-1212');
    expect(shownPersonalNumber(person({ personalNumber: null }))).toBeNull();
  });

  it('says which group is withheld and why', () => {
    expect(withheldReason(person(), 'contact')).toBeNull();
    expect(withheldReason(person({ suppressed: ['contact'] }), 'contact')).toBe(
      'suppressed.contact',
    );
    expect(withheldReason(person({ suppressed: ['identity'] }), 'identity')).toBe(
      'suppressed.identity',
    );
  });

  it('gives protected identity as the reason for hidden contact details and personnummer', () => {
    const protectedPerson = person({
      protectedIdentity: true,
      personalNumber: null,
      address: null,
      suppressed: ['protected'],
    });
    expect(withheldReason(protectedPerson, 'contact')).toBe('suppressed.protected');
    expect(withheldReason(protectedPerson, 'identity')).toBe('suppressed.protected');
  });
});
