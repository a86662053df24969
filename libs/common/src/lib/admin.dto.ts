import {
  IsBoolean,
  IsEmail,
  registerDecorator,
  type ValidationOptions,
  IsInt,
  Min,
  ValidateIf,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { OrganisationType } from './organisation';
import { UNIT_KIND_PATTERN, USERNAME_PATTERN } from './admin';
import {
  HSA_ID_PATTERN,
  isOrganisationNumber,
  MUNICIPALITY_CODE_PATTERN,
} from './organisation-identifiers';

/** class-validator: a valid organisationsnummer (see isOrganisationNumber). */
export function IsOrganisationNumber(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isOrganisationNumber',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an organisationsnummer, NNNNNN-NNNN with a valid check digit`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isOrganisationNumber(value),
      },
    });
}

/** An organisation as an administrator creates it (issue 16): kind, name and its codes. */
export class CreateOrganisationDto {
  @IsEnum(OrganisationType, {
    message: `kind must be one of: ${Object.values(OrganisationType).join(', ')}`,
  })
  kind!: OrganisationType;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  /** Organisationsnummer, NNNNNN-NNNN. */
  @IsOptional()
  @IsOrganisationNumber()
  organisationNumber?: string;

  /** SCB's kommunkod: municipalities only. */
  @IsOptional()
  @Matches(MUNICIPALITY_CODE_PATTERN, {
    message: 'municipalityCode must be SCB’s four-digit kommunkod, e.g. 1880',
  })
  municipalityCode?: string;

  /** The organisation's HSA-id, where it has one (regions, often municipalities). */
  @IsOptional()
  @Matches(HSA_ID_PATTERN, {
    message:
      'hsaId must be an HSA-id: SE, ten digits, a hyphen and an extension, e.g. SE2321000164-7381',
  })
  hsaId?: string;

  /** Password sign-ins need a second factor (issue 16). Default: on, except in demo mode. */
  @IsOptional()
  @IsBoolean()
  requireSecondFactor?: boolean;
}

/**
 * `PATCH /organisations/:id` (system_admin): what changes, with the version read. The kind stays:
 * the roles of the organisation's users depend on it. `null` clears a code.
 */
export class UpdateOrganisationDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsOrganisationNumber()
  organisationNumber?: string | null;

  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @Matches(MUNICIPALITY_CODE_PATTERN, {
    message: 'municipalityCode must be SCB’s four-digit kommunkod, e.g. 1880',
  })
  municipalityCode?: string | null;

  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @Matches(HSA_ID_PATTERN, {
    message:
      'hsaId must be an HSA-id: SE, ten digits, a hyphen and an extension, e.g. SE2321000164-7381',
  })
  hsaId?: string | null;

  /** Password sign-ins need a second factor; emergency access a session that passed one. */
  @IsOptional()
  @IsBoolean()
  requireSecondFactor?: boolean;

  /** false deactivates (its users can no longer sign in), true reactivates. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** `POST /organisations/:id/units` (system_admin). */
export class CreateUnitDto {
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @Matches(UNIT_KIND_PATTERN, {
    message: 'kind must be 2–50 lower-case letters and _, e.g. social_services',
  })
  kind!: string;
}

/** `PATCH /organisations/:id/units/:unitId` (system_admin), with the version read. */
export class UpdateUnitDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @Matches(UNIT_KIND_PATTERN, {
    message: 'kind must be 2–50 lower-case letters and _, e.g. social_services',
  })
  kind?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** The installation's first system administrator, created by `admin:create` (issue 16). */
export class FirstAdminDto {
  @Matches(USERNAME_PATTERN, {
    message:
      'username must be 2–100 characters: letters, digits and . _ @ -, starting with a letter or digit',
  })
  username!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName!: string;

  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;
}
