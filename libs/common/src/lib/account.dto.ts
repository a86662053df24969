import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { LOCALES, type Locale } from './auth.dto';

/**
 * `POST /api/v1/me/password`: the current password proves it is the account's owner (a session
 * left open is not enough); the new one must pass the password policy and differ from it.
 */
export class ChangePasswordDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  currentPassword!: string;

  /** The policy (length, common passwords, username) is checked by the API with field messages. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  newPassword!: string;
}

/** `PATCH /api/v1/me`: the user's own settings. */
export class UpdateMeDto {
  /** The language of the client after sign-in (and of what Samsyn sends the user). */
  @IsIn(LOCALES)
  locale!: Locale;
}
