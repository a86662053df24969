import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { type Locale, LOCALES } from './auth.dto';
import { USERNAME_PATTERN } from './admin';
import { PageQueryDto, queryBoolean } from './pagination.dto';
import { Role } from './roles';
import { SET_PASSWORD_CODE_MAX_LENGTH } from './user-admin';

const ROLE_MESSAGE = `each value in roles must be one of: ${Object.values(Role).join(', ')}`;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** `GET /api/v1/admin/users`: an org_admin sees their own organisation only. */
export class AdminUserQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  /** Case-insensitive search in display name, username and e-mail. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** true: active users only, false: deactivated only; absent: both. */
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsEnum(Role, { message: `role must be one of: ${Object.values(Role).join(', ')}` })
  role?: Role;
}

/**
 * `POST /api/v1/admin/users`: a member of staff. No password: the user sets one with a one-time
 * code (by e-mail, or handed over by the administrator).
 */
export class CreateUserDto {
  @IsUUID()
  organisationId!: string;

  @Transform(trim)
  @Matches(USERNAME_PATTERN, {
    message:
      'username must be 2–100 characters: letters, digits and . _ @ -, starting with a letter or digit',
  })
  username!: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'displayName must not be empty' })
  @MaxLength(200)
  displayName!: string;

  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @IsUUID()
  unitId!: string;

  @IsArray()
  @ArrayNotEmpty({ message: 'roles must name at least one role' })
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(Role, { each: true, message: ROLE_MESSAGE })
  roles!: Role[];

  @IsIn(LOCALES, { message: 'locale must be sv or en' })
  locale: Locale = 'sv';

  /** Who the user is at the organisation's identity provider (the configured claim's value). */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'externalId must not be empty; leave it out instead' })
  @MaxLength(200)
  externalId?: string;
}

/** `PATCH /api/v1/admin/users/:id`: what changes, with the version read. `null` clears. */
export class UpdateUserDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'displayName must not be empty' })
  @MaxLength(200)
  displayName?: string;

  @IsOptional()
  @Transform(trim)
  @ValidateIf((_o, value) => value !== null)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @IsOptional()
  @IsUUID()
  unitId?: string;

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty({ message: 'roles must name at least one role' })
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(Role, { each: true, message: ROLE_MESSAGE })
  roles?: Role[];

  @IsOptional()
  @IsIn(LOCALES, { message: 'locale must be sv or en' })
  locale?: Locale;

  @IsOptional()
  @Transform(trim)
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @IsNotEmpty({ message: 'externalId must not be empty; send null to clear it' })
  @MaxLength(200)
  externalId?: string | null;

  /** false deactivates (every session ends at once), true reactivates. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** `POST /api/v1/auth/password` (public): a one-time code and the new password. */
export class SetPasswordDto {
  @IsString()
  @IsNotEmpty({ message: 'token must not be empty' })
  @MaxLength(SET_PASSWORD_CODE_MAX_LENGTH)
  token!: string;

  @IsString()
  @IsNotEmpty({ message: 'newPassword must not be empty' })
  @MaxLength(200)
  newPassword!: string;
}
