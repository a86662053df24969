import { IsString, Matches, registerDecorator, ValidateIf } from 'class-validator';
import { RECOVERY_CODE_PATTERN, TOTP_CODE_PATTERN } from './second-factor';

const CODE_MESSAGE = 'code must be the six digits the authenticator app shows';

/** class-validator: the property may not be given together with `other`. */
function NotTogetherWith(other: string) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'notTogetherWith',
      target: object.constructor,
      propertyName,
      options: { message: `give either ${other} or ${propertyName}, not both` },
      validator: {
        validate: (_value: unknown, args) =>
          (args?.object as Record<string, unknown>)[other] === undefined,
      },
    });
}

/** A code from the authenticator app: confirms an enrolment, regenerates codes, turns TOTP off. */
export class TotpCodeDto {
  @IsString()
  @Matches(TOTP_CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;
}

/**
 * `POST /api/v1/auth/login/second-factor`: completes a pending sign-in with a code from the
 * authenticator app or, instead, one of the recovery codes. Exactly one of the two.
 */
export class SecondFactorLoginDto {
  /** Required unless a recovery code is given. */
  @ValidateIf((o: SecondFactorLoginDto) => o.recoveryCode === undefined || o.code !== undefined)
  @IsString()
  @Matches(TOTP_CODE_PATTERN, { message: CODE_MESSAGE })
  code?: string;

  @ValidateIf((o: SecondFactorLoginDto) => o.recoveryCode !== undefined)
  @IsString()
  @Matches(RECOVERY_CODE_PATTERN, {
    message: 'recoveryCode must be one of the ten recovery codes, e.g. abcde-23456',
  })
  @NotTogetherWith('code')
  recoveryCode?: string;
}
