import {
  IsBoolean,
  IsDateString,
  IsEmail,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Min,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PersonalNumberKind, ProtectedIdentityLevel } from './case-access';
import { IsPersonalNumber } from './personal-number';

/** The details a person may have besides identity: language, interpreter, contact, protection. */
export class PersonDetailsDto {
  /** ISO 639-1 code of the person's preferred language. */
  @IsOptional()
  @Matches(/^[a-z]{2}$/)
  language?: string;

  @IsOptional()
  @IsBoolean()
  interpreterNeeded?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @IsOptional()
  @Matches(/^[0-9 ]{5,6}$/)
  postalCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string;

  @IsOptional()
  @Matches(/^\+?[0-9 -]{6,20}$/)
  phone?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsEnum(ProtectedIdentityLevel)
  protectedLevel?: ProtectedIdentityLevel;
}

/** A person as entered in the open-case wizard or when adding a participant. */
export class PersonInputDto extends PersonDetailsDto {
  @IsEnum(PersonalNumberKind)
  personalNumberKind!: PersonalNumberKind;

  /** Personnummer or samordningsnummer (10 or 12 digits, with or without separator). Omitted for a reserve number, which the server assigns. */
  @ValidateIf((o: PersonInputDto) => o.personalNumberKind !== PersonalNumberKind.Reserve)
  @IsString()
  @IsPersonalNumber()
  personalNumber?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName!: string;

  /** Required for a reserve number; derived from the personnummer otherwise. */
  @ValidateIf((o: PersonInputDto) => o.personalNumberKind === PersonalNumberKind.Reserve)
  @IsDateString({ strict: true })
  birthDate?: string;
}

/** `PATCH /cases/:id/participants/:personId`: changed fields and the version the edit started from. */
export class UpdatePersonDto extends PersonDetailsDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName?: string;
}

/**
 * A person as a caller may see them. Fields the caller may not see are `null` and named in
 * `suppressed`, so the client can say why (D18) rather than show an empty value.
 */
export interface PersonDto {
  id: string;
  version: number;
  /** Whether the person has skyddade personuppgifter; the level itself only for those with need. */
  protectedIdentity: boolean;
  protectedLevel: ProtectedIdentityLevel | null;
  personalNumberKind: PersonalNumberKind;
  personalNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  language: string | null;
  interpreterNeeded: boolean | null;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  /** Field groups withheld from this caller: 'identity', 'contact' or 'protected'. */
  suppressed: PersonFieldGroup[];
}

export type PersonFieldGroup = 'identity' | 'contact' | 'protected';
