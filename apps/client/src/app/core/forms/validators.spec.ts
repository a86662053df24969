import { FormControl } from '@angular/forms';
import { hsaId, municipalityCode, organisationNumber } from './validators';

const check = (validator: typeof hsaId, value: string) => validator(new FormControl(value));

describe('organisation code validators', () => {
  it('accept an empty value: the codes are optional', () => {
    for (const validator of [organisationNumber, municipalityCode, hsaId])
      expect(check(validator, '  ')).toBeNull();
  });

  it('check the organisationsnummer’s form and check digit', () => {
    expect(check(organisationNumber, '232100-0164')).toBeNull();
    expect(check(organisationNumber, ' 2321000164 ')).toBeNull();
    expect(check(organisationNumber, '232100-0165')).toEqual({ organisationNumber: true });
    expect(check(organisationNumber, '23210-0164')).toEqual({ organisationNumber: true });
  });

  it('check the kommunkod and the HSA-id against the API’s patterns', () => {
    expect(check(municipalityCode, '1880')).toBeNull();
    expect(check(municipalityCode, '188')).toEqual({ municipalityCode: true });
    expect(check(hsaId, 'SE2321000164-7381')).toBeNull();
    expect(check(hsaId, 'SE232100016-7381')).toEqual({ hsaId: true });
  });
});
