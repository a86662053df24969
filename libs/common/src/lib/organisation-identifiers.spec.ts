import {
  HSA_ID_PATTERN,
  isOrganisationNumber,
  normaliseOrganisationNumber,
} from './organisation-identifiers';

describe('isOrganisationNumber', () => {
  it.each([
    ['Polismyndigheten', '202100-0076'],
    ['without the hyphen', '2021000076'],
    ['Kriminalvården', '202100-4631'],
  ])('accepts %s (%s)', (_label, value) => {
    expect(isOrganisationNumber(value)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '202100-0077'],
    ['a personnummer (third digit below 2)', '811218-9876'],
    ['too short', '20210-0076'],
    ['letters', '2021AB-0076'],
    ['empty', ''],
  ])('refuses %s (%s)', (_label, value) => {
    expect(isOrganisationNumber(value)).toBe(false);
  });

  it('normalises to NNNNNN-NNNN', () => {
    expect(normaliseOrganisationNumber('2021000076')).toBe('202100-0076');
  });
});

describe('HSA_ID_PATTERN', () => {
  it('accepts a unit id and refuses what is not one', () => {
    expect(HSA_ID_PATTERN.test('SE2321000164-7381')).toBe(true);
    expect(HSA_ID_PATTERN.test('SE232100016-7381')).toBe(false);
    expect(HSA_ID_PATTERN.test('2321000164-7381')).toBe(false);
    expect(HSA_ID_PATTERN.test('SE2321000164-')).toBe(false);
  });
});
