import { PersonalNumberKind } from '@samsyn/common';
import { birthDateOf, isMinor } from './person-form';

describe('birthDateOf', () => {
  it('reads the birth date from a personnummer or samordningsnummer', () => {
    const base = { birthDate: '' };
    expect(
      birthDateOf({
        ...base,
        personalNumberKind: PersonalNumberKind.Personnummer,
        personalNumber: '19121212-1212',
      }),
    ).toBe('1912-12-12');
    expect(
      birthDateOf({
        ...base,
        personalNumberKind: PersonalNumberKind.Personnummer,
        personalNumber: 'nonsense',
      }),
    ).toBeNull();
  });

  it('uses the entered date for a reserve number', () => {
    expect(
      birthDateOf({
        personalNumberKind: PersonalNumberKind.Reserve,
        personalNumber: '',
        birthDate: '2015-04-01',
      }),
    ).toBe('2015-04-01');
  });
});

describe('isMinor', () => {
  it('is true until the 18th birthday', () => {
    expect(isMinor('2008-06-15', '2026-06-14')).toBe(true);
    expect(isMinor('2008-06-15', '2026-06-15')).toBe(false);
    expect(isMinor(null, '2026-06-15')).toBe(false);
  });
});
