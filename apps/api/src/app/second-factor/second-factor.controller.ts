import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import {
  type RecoveryCodesDto,
  type SecondFactorStatusDto,
  TotpCodeDto,
  type TotpEnrolmentDto,
} from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { AllowDuringEnrolment, CurrentUser } from '../auth/decorators';
import { SecondFactorService } from './second-factor.service';

/**
 * The caller's own second factor (issue 16). Starting and confirming an enrolment stay open to a
 * session that must enrol; routes that take a code are rate-limited like sign-in.
 */
@ApiTags('second factor')
@Controller('me/second-factor')
export class SecondFactorController {
  constructor(private readonly secondFactor: SecondFactorService) {}

  @AllowDuringEnrolment()
  @Get()
  status(@CurrentUser() user: AuthenticatedUser): Promise<SecondFactorStatusDto> {
    return this.secondFactor.status(user);
  }

  /** A new secret for the authenticator app: as text, `otpauth://` URI and QR code. */
  @AllowDuringEnrolment()
  @Post('totp')
  @HttpCode(HttpStatus.OK)
  start(@CurrentUser() user: AuthenticatedUser): Promise<TotpEnrolmentDto> {
    return this.secondFactor.start(user);
  }

  /** Confirms the enrolment with a code from the app; answers the recovery codes once. */
  @AllowDuringEnrolment()
  @Throttle({ login: {} })
  @UseGuards(ThrottlerGuard)
  @Post('totp/confirm')
  @HttpCode(HttpStatus.OK)
  confirm(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: TotpCodeDto,
  ): Promise<RecoveryCodesDto> {
    return this.secondFactor.confirm(user, dto.code);
  }

  /** Turns the authenticator off (needs a code); refused where the organisation requires it. */
  @Throttle({ login: {} })
  @UseGuards(ThrottlerGuard)
  @Post('totp/disable')
  @HttpCode(HttpStatus.NO_CONTENT)
  disable(@CurrentUser() user: AuthenticatedUser, @Body() dto: TotpCodeDto): Promise<void> {
    return this.secondFactor.disable(user, dto.code);
  }

  /** Ten new recovery codes (needs a code); the old ones stop working. */
  @Throttle({ login: {} })
  @UseGuards(ThrottlerGuard)
  @Post('recovery-codes')
  @HttpCode(HttpStatus.OK)
  regenerate(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: TotpCodeDto,
  ): Promise<RecoveryCodesDto> {
    return this.secondFactor.regenerateRecoveryCodes(user, dto.code);
  }
}
