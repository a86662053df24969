import { validate } from 'class-validator';
import { formatPersonalNumber, IsPersonalNumber, parsePersonalNumber } from './personal-number';

describe('parsePersonalNumber', () => {
  it.each([
    ['12 digits with separator', '19121212-1212', '191212121212', '1912-12-12'],
    ['12 digits without separator', '198507099805', '198507099805', '1985-07-09'],
    ['10 digits with separator', '850709-9805', '198507099805', '1985-07-09'],
    ['10 digits without separator', '8507099805', '198507099805', '1985-07-09'],
    ['10 digits with +, a person over 100', '121212+1212', '191212121212', '1912-12-12'],
    [
      '10 digits with -, the latest century that is not in the future',
      '121212-1212',
      '201212121212',
      '2012-12-12',
    ],
    ['a leap day', '000229-1235', '200002291235', '2000-02-29'],
    ['the last day of the year', '19901231-1230', '199012311230', '1990-12-31'],
  ])('parses %s: %s', (_label, input, normalised, birthDate) => {
    expect(parsePersonalNumber(input)).toEqual({ normalised, birthDate, coordination: false });
  });

  it.each([
    ['701063-2391', '197010632391', '1970-10-03'],
    ['197010632391', '197010632391', '1970-10-03'],
    ['19951291-4566', '199512914566', '1995-12-31'],
  ])(
    'a samordningsnummer %s (day + 60) gives the real birth date',
    (input, normalised, birthDate) => {
      expect(parsePersonalNumber(input)).toEqual({ normalised, birthDate, coordination: true });
    },
  );

  it.each([
    ['a wrong check digit (12 digits)', '19121212-1213'],
    ['a wrong check digit (10 digits)', '850709-9806'],
    ['a wrong check digit (samordningsnummer)', '701063-2392'],
    ['a Luhn-valid number for 30 February', '19900230-1233'],
    ['month 13', '19901331-1230'],
    ['an interim number (not accepted)', '000101-T238'],
    ['the empty string', ''],
    ['letters', 'abc'],
    ['an 11-digit number', '19901231-12301'],
    ['a letter as check digit', '990101-123X'],
    ['a date only', '1990-12-31'],
  ])('rejects %s: %p', (_label, input) => {
    expect(parsePersonalNumber(input)).toBeNull();
  });
});

describe('formatPersonalNumber', () => {
  it('writes the stored twelve digits as YYYYMMDD-NNNN', () => {
    expect(formatPersonalNumber('191212121212')).toBe('19121212-1212');
    expect(formatPersonalNumber('197010632391')).toBe('19701063-2391');
  });

  it('round-trips whatever form was typed in', () => {
    for (const typed of ['850709-9805', '8507099805', '19850709-9805', '198507099805']) {
      const parsed = parsePersonalNumber(typed);
      expect(parsed && formatPersonalNumber(parsed.normalised)).toBe('19850709-9805');
    }
  });

  it('leaves anything that is not twelve digits as it is', () => {
    expect(formatPersonalNumber('8507099805')).toBe('8507099805');
    expect(formatPersonalNumber('')).toBe('');
  });
});

describe('@IsPersonalNumber()', () => {
  class PersonInput {
    @IsPersonalNumber()
    personalNumber!: unknown;
  }

  class WithOwnMessage {
    @IsPersonalNumber({ message: 'ange ett giltigt personnummer' })
    pnr!: unknown;
  }

  const errorsFor = async (value: unknown) =>
    validate(Object.assign(new PersonInput(), { personalNumber: value }));

  it.each(['19121212-1212', '850709-9805', '701063-2391', '198507099805'])(
    'accepts %s',
    async (value) => {
      expect(await errorsFor(value)).toEqual([]);
    },
  );

  it.each<[string, unknown]>([
    ['a wrong check digit', '19121212-1213'],
    ['garbage', 'not a number'],
    ['a number, not a string', 191212121212],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s, naming the property', async (_label, value) => {
    const errors = await errorsFor(value);
    expect(errors).toHaveLength(1);
    expect(errors[0].property).toBe('personalNumber');
    expect(errors[0].constraints).toEqual({
      isPersonalNumber: 'personalNumber must be a valid personnummer or samordningsnummer',
    });
  });

  it('lets the caller choose the message', async () => {
    const errors = await validate(Object.assign(new WithOwnMessage(), { pnr: '121212-1213' }));
    expect(errors[0].constraints).toEqual({ isPersonalNumber: 'ange ett giltigt personnummer' });
  });
});
