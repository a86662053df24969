import { HttpStatus } from '@nestjs/common';
import {
  type ConsentFieldsDto,
  ErrorCode,
  type FieldError,
  type InformationCategory,
  parsePersonalNumber,
  PersonalNumberKind,
  type PersonInputDto,
} from '@samsyn/common';
import {
  addDays,
  ageOn,
  effectiveConsentCategories,
  type ProgrammeDefinition,
} from '@samsyn/domain';
import { ApiException, ValidationFailedException } from '../common/problem-details';

/** Longest a consent may be recorded for (D14: time-limited). */
export const MAX_CONSENT_DAYS = 3 * 366;
/** Longest a disclosure under a legal provision keeps the data visible to the recipient. */
export const MAX_DISCLOSURE_DAYS = 90;
/** How long nödåtkomst lasts (D17). */
export const EMERGENCY_ACCESS_MINUTES = 60;

export function invalid(field: string, code: string, message: string): ValidationFailedException {
  return new ValidationFailedException([{ field, code, message }]);
}

export function conflict(detail: string): ApiException {
  return new ApiException(HttpStatus.CONFLICT, ErrorCode.Conflict, detail);
}

export function versionConflict(currentVersion: number): ApiException {
  return new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.VersionConflict,
    'Someone else changed this after you opened it. Reload to see their change, then apply yours again.',
    { currentVersion },
  );
}

export function categoriesOutsideProgramme(
  programme: ProgrammeDefinition,
  categories: readonly InformationCategory[],
): InformationCategory[] {
  return categories.filter((c) => !programme.categories.includes(c));
}

/**
 * The rules of a consent record (D14) that a DTO cannot express: categories the programme
 * holds, something actually shared, dates that make sense, a guardian for a minor.
 */
export function checkConsent(
  programme: ProgrammeDefinition,
  dto: ConsentFieldsDto,
  person: { birthDate: string },
  today: string,
  prefix = '',
): void {
  const errors: FieldError[] = [];
  const outside = categoriesOutsideProgramme(programme, [
    ...dto.categories,
    ...(dto.excludedCategories ?? []),
  ]);
  if (outside.length)
    errors.push({
      field: `${prefix}categories`,
      code: 'notInProgramme',
      message: `${programme.code} cases do not hold these categories: ${outside.join(', ')}`,
    });
  if (
    !effectiveConsentCategories({
      categories: dto.categories,
      excludedCategories: dto.excludedCategories ?? [],
    }).length
  )
    errors.push({
      field: `${prefix}excludedCategories`,
      code: 'nothingShared',
      message: 'Every given category is also excluded, so this consent would share nothing',
    });
  if (dto.givenOn > today)
    errors.push({
      field: `${prefix}givenOn`,
      code: 'inFuture',
      message: 'givenOn cannot be in the future',
    });
  if (dto.validUntil < today)
    errors.push({
      field: `${prefix}validUntil`,
      code: 'inPast',
      message: 'validUntil has already passed',
    });
  if (dto.validUntil < dto.givenOn)
    errors.push({
      field: `${prefix}validUntil`,
      code: 'beforeGiven',
      message: 'validUntil is before givenOn',
    });
  if (dto.validUntil > addDays(dto.givenOn, MAX_CONSENT_DAYS))
    errors.push({
      field: `${prefix}validUntil`,
      code: 'tooLong',
      message: 'A consent can be recorded for at most three years; record a new one after that',
    });
  if (errors.length) throw new ValidationFailedException(errors);
  if (ageOn(person.birthDate, dto.givenOn) < 18 && !dto.guardian)
    throw new ApiException(
      HttpStatus.BAD_REQUEST,
      ErrorCode.GuardianConsentRequired,
      'The person is a minor: record the guardian’s (vårdnadshavare) consent as well.',
      {
        errors: [
          {
            field: `${prefix}guardian`,
            code: 'required',
            message: 'guardian is required for a minor',
          },
        ],
      },
    );
}

export interface IdentityNumber {
  kind: PersonalNumberKind;
  /** Stored form; null for a reserve number the caller did not give (assigned on insert). */
  normalised: string | null;
  birthDate: string;
}

/** Checks the identity number against its declared kind and derives the birth date. */
export function identityOf(dto: PersonInputDto, prefix: string): IdentityNumber {
  if (dto.personalNumberKind === PersonalNumberKind.Reserve) {
    if (!dto.birthDate)
      throw invalid(`${prefix}birthDate`, 'required', 'birthDate is required for a reserve number');
    return {
      kind: PersonalNumberKind.Reserve,
      normalised: null,
      birthDate: dto.birthDate.slice(0, 10),
    };
  }
  const parsed = parsePersonalNumber(dto.personalNumber ?? '');
  if (!parsed)
    throw invalid(`${prefix}personalNumber`, 'isPersonalNumber', 'personalNumber is not valid');
  const coordination = dto.personalNumberKind === PersonalNumberKind.Samordningsnummer;
  if (parsed.coordination !== coordination)
    throw invalid(
      `${prefix}personalNumberKind`,
      'kindMismatch',
      coordination
        ? 'This is a personnummer, not a samordningsnummer'
        : 'This is a samordningsnummer, not a personnummer',
    );
  return {
    kind: dto.personalNumberKind,
    normalised: parsed.normalised,
    birthDate: parsed.birthDate,
  };
}
