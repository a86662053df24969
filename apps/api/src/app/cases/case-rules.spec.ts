import {
  ConsentForm,
  ErrorCode,
  InformationCategory,
  PersonalNumberKind,
  type ConsentFieldsDto,
} from '@samsyn/common';
import { SIP, TRYGGA_HEM } from '@samsyn/domain';
import { ApiException } from '../common/problem-details';
import { checkConsent, identityOf } from './case-rules';

const today = '2026-11-23';
const adult = { birthDate: '1980-01-01' };
const consent = (over: Partial<ConsentFieldsDto> = {}): ConsentFieldsDto => ({
  recipientOrganisationIds: ['00000000-0000-4000-8000-000000000001'],
  categories: [InformationCategory.Identity, InformationCategory.Health],
  form: ConsentForm.Written,
  givenOn: today,
  validUntil: '2027-05-23',
  ...over,
});

function fieldsOf(fn: () => void): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiException)
      return (err.extra.errors ?? []).map((e) => `${e.field}:${e.code}`);
    throw err;
  }
  return [];
}

describe('checkConsent (D14)', () => {
  it('accepts a consent within the programme, dated today, for an adult', () => {
    expect(fieldsOf(() => checkConsent(SIP, consent(), adult, today))).toEqual([]);
  });

  it('refuses categories the programme does not hold', () => {
    expect(
      fieldsOf(() =>
        checkConsent(SIP, consent({ categories: [InformationCategory.Criminal] }), adult, today),
      ),
    ).toEqual(['categories:notInProgramme']);
    expect(
      fieldsOf(() =>
        checkConsent(
          TRYGGA_HEM,
          consent({ categories: [InformationCategory.Criminal] }),
          adult,
          today,
        ),
      ),
    ).toEqual([]);
  });

  it('refuses a consent whose exclusions leave nothing shared', () => {
    expect(
      fieldsOf(() =>
        checkConsent(
          SIP,
          consent({
            categories: [InformationCategory.Health],
            excludedCategories: [InformationCategory.Health],
          }),
          adult,
          today,
        ),
      ),
    ).toEqual(['excludedCategories:nothingShared']);
  });

  it.each([
    [{ givenOn: '2026-11-24' }, 'givenOn:inFuture'],
    [{ validUntil: '2026-11-22', givenOn: '2026-11-01' }, 'validUntil:inPast'],
    [{ validUntil: '2030-01-01' }, 'validUntil:tooLong'],
  ])('refuses dates %j', (dates, expected) => {
    expect(fieldsOf(() => checkConsent(SIP, consent(dates), adult, today))).toEqual([expected]);
  });

  it('prefixes fields for consents nested in the open-case request', () => {
    expect(
      fieldsOf(() =>
        checkConsent(SIP, consent({ givenOn: '2027-01-01' }), adult, today, 'consents.2.'),
      ),
    ).toContain('consents.2.givenOn:inFuture');
  });

  it('needs the guardian for a minor, judged on the day consent was given', () => {
    const minor = { birthDate: '2009-11-24' }; // turns 18 the day after `today`
    let error: unknown;
    try {
      checkConsent(SIP, consent(), minor, today);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException).code).toBe(ErrorCode.GuardianConsentRequired);
    expect(() =>
      checkConsent(
        SIP,
        consent({ guardian: { name: 'Vårdnadshavare', givenOn: today } }),
        minor,
        today,
      ),
    ).not.toThrow();
    expect(() => checkConsent(SIP, consent(), { birthDate: '2008-11-23' }, today)).not.toThrow();
  });
});

describe('identityOf', () => {
  const person = { firstName: 'A', lastName: 'B' };

  it('normalises a personnummer and derives the birth date', () => {
    expect(
      identityOf(
        {
          ...person,
          personalNumberKind: PersonalNumberKind.Personnummer,
          personalNumber: '8112189876',
        },
        '',
      ),
    ).toEqual({
      kind: PersonalNumberKind.Personnummer,
      normalised: '198112189876',
      birthDate: '1981-12-18',
    });
  });

  it('checks that the number is of the declared kind', () => {
    expect(
      fieldsOf(() =>
        identityOf(
          {
            ...person,
            personalNumberKind: PersonalNumberKind.Samordningsnummer,
            personalNumber: '19811218-9876',
          },
          'p.',
        ),
      ),
    ).toEqual(['p.personalNumberKind:kindMismatch']);
    expect(
      identityOf(
        {
          ...person,
          personalNumberKind: PersonalNumberKind.Samordningsnummer,
          personalNumber: '19811278-9873',
        },
        '',
      ).birthDate,
    ).toBe('1981-12-18');
  });

  it('needs a birth date for a reserve number and assigns none itself', () => {
    expect(
      fieldsOf(() => identityOf({ ...person, personalNumberKind: PersonalNumberKind.Reserve }, '')),
    ).toEqual(['birthDate:required']);
    expect(
      identityOf(
        { ...person, personalNumberKind: PersonalNumberKind.Reserve, birthDate: '1990-02-03' },
        '',
      ),
    ).toEqual({ kind: PersonalNumberKind.Reserve, normalised: null, birthDate: '1990-02-03' });
  });
});
