import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import {
  type PasswordSetDto,
  SET_PASSWORD_CODE_MAX_LENGTH,
  type SetPasswordCodeStatusDto,
  SetPasswordDto,
} from '@samsyn/common';
import { Public } from '../auth/decorators';
import { PasswordResetService } from './password-reset.service';

/**
 * The public side of a one-time set-password code (issue 16): the page asks whether the code is
 * still good, then sets the password with it. Limited per address like sign-in.
 */
@ApiTags('auth')
@Controller('auth/password')
export class SetPasswordController {
  constructor(private readonly resets: PasswordResetService) {}

  /** Whether the code can still set a password; nothing about whose it is. */
  @Public()
  @Throttle({ login: {} })
  @UseGuards(ThrottlerGuard)
  @Get(':code')
  status(@Param('code') code: string): Promise<SetPasswordCodeStatusDto> {
    return this.resets.status(code.slice(0, SET_PASSWORD_CODE_MAX_LENGTH));
  }

  /**
   * Sets the password (policy: 12+ characters, not a common one), uses the code up, clears the
   * lockout and ends every session of the user. A bad, used or expired code: 400, nothing written.
   */
  @Public()
  @Throttle({ login: {} })
  @UseGuards(ThrottlerGuard)
  @Post()
  @HttpCode(HttpStatus.OK)
  setPassword(@Body() dto: SetPasswordDto): Promise<PasswordSetDto> {
    return this.resets.setPassword(dto);
  }
}
