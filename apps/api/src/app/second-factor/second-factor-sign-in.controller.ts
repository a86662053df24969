import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { type MeDto, SecondFactorLoginDto } from '@samsyn/common';
import type { EnvironmentVariables } from '@samsyn/server';
import type { Request, Response } from 'express';
import { toMe } from '../auth/auth.controller';
import { Public } from '../auth/decorators';
import {
  clearChallengeCookie,
  setSessionCookies,
  SIGN_IN_CHALLENGE_COOKIE,
} from '../auth/session-cookies';
import { SessionsService } from '../auth/sessions.service';
import { SecondFactorSignInService } from './second-factor-sign-in.service';

/** The second step of a password sign-in (issue 16). */
@ApiTags('auth')
@Controller()
export class SecondFactorSignInController {
  constructor(
    private readonly signIn: SecondFactorSignInService,
    private readonly sessions: SessionsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /**
   * Completes the pending sign-in (its httpOnly cookie) with `{ code }` from the authenticator
   * app or `{ recoveryCode }`: sets the session cookie and returns the user, as sign-in does.
   */
  @Public()
  @Throttle({ login: {} })
  @UseGuards(ThrottlerGuard)
  @Post('auth/login/second-factor')
  @HttpCode(HttpStatus.OK)
  async complete(
    @Req() req: Request,
    @Body() dto: SecondFactorLoginDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    const secure = this.config.get('COOKIE_SECURE', { infer: true }) ?? false;
    const token = (req.cookies as Record<string, string | undefined>)[SIGN_IN_CHALLENGE_COOKIE];
    const session = await this.signIn.complete(token, dto, req.get('user-agent') ?? null);
    clearChallengeCookie(res, secure);
    const user = await this.sessions.resolve(session.token);
    if (!user) throw new Error('a session just created could not be resolved');
    setSessionCookies(res, session, secure);
    return toMe(user, true);
  }
}
