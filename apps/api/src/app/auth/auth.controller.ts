import { Controller, Get, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import {
  CSRF_COOKIE,
  LoginDto,
  type LogoutResultDto,
  type MeDto,
  type SecondFactorChallengeDto,
  SESSION_COOKIE,
  SessionMethod,
  type SetupStatusDto,
} from '@samsyn/common';
import { type EnvironmentVariables, UserTotpEntity } from '@samsyn/server';
import type { Request, Response } from 'express';
import { IsNull, Not, Repository } from 'typeorm';
import { AuthService, type PasswordCheck } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';
import { AllowDuringEnrolment, CurrentUser, Public } from './decorators';
import { mustEnrolSecondFactor, PasswordLoginGuard } from './guards';
import { OidcProvidersService } from './oidc/oidc-providers.service';
import { CsrfTokens } from './csrf-tokens';
import {
  cookieOptions,
  setChallengeCookie,
  setCsrfCookie,
  setSessionCookies,
} from './session-cookies';
import { PASSWORD_ONLY, SessionsService } from './sessions.service';
import { SignInChallengesService } from './sign-in-challenges.service';

/** What /me shows of a caller: no session internals; `enrolled` from the user's authenticator. */
export function toMe(user: AuthenticatedUser, enrolled: boolean): MeDto {
  const {
    sessionId: _id,
    sessionExpiresAt: _expires,
    sessionMethod: _method,
    sessionStrong: _strong,
    secondFactorRequired: required,
    ...me
  } = user;
  return {
    ...me,
    secondFactor: { enrolled, required, enrolmentRequired: mustEnrolSecondFactor(user) },
  };
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly auth: AuthService,
    private readonly challenges: SignInChallengesService,
    @InjectRepository(UserTotpEntity) private readonly totps: Repository<UserTotpEntity>,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly oidc: OidcProvidersService,
    private readonly csrf: CsrfTokens,
  ) {}

  /**
   * For the sign-in page of a new installation: whether no user exists yet, so that the page can
   * say how to create the first administrator (`npm run admin:create`).
   */
  @Public()
  @Get('auth/setup')
  async setup(): Promise<SetupStatusDto> {
    return { needsFirstAdmin: await this.auth.needsFirstAdmin() };
  }

  /**
   * Signs in with username and password; sets the session cookie and returns the user. When the
   * account has an authenticator, no session yet: `{ secondFactorRequired: true }` and a
   * five-minute pending sign-in that `POST auth/login/second-factor` completes.
   */
  @Public()
  @Throttle({ login: {} })
  @UseGuards(ThrottlerGuard, PasswordLoginGuard)
  @ApiBody({ type: LoginDto })
  @Post('auth/login')
  @HttpCode(HttpStatus.OK)
  async login(
    @Req() req: Request & { user: PasswordCheck },
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto | SecondFactorChallengeDto> {
    if (req.user.secondFactor) {
      setChallengeCookie(res, await this.challenges.create(req.user.id), this.secure());
      return { secondFactorRequired: true };
    }
    const session = await this.sessions.create(req.user.id, {
      ...PASSWORD_ONLY,
      userAgent: req.get('user-agent'),
    });
    const user = await this.sessions.resolve(session.token);
    if (!user) throw new Error('a session just created could not be resolved');
    setSessionCookies(res, session, this.secure());
    return toMe(user, false);
  }

  /**
   * Ends the session on the server and clears the cookies: 204. A session that came through an
   * identity provider answers 200 with the provider's end-session URL, where the client goes next
   * (RP-initiated logout).
   */
  @AllowDuringEnrolment()
  @Post('auth/logout')
  @ApiNoContentResponse({ description: 'Signed out.' })
  @ApiOkResponse({ description: 'Signed out here; end the session at the identity provider too.' })
  async logout(@CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const provider =
      user.sessionMethod === SessionMethod.Oidc
        ? await this.sessions.oidcProviderOf(user.sessionId)
        : null;
    await this.sessions.end(user.sessionId);
    const { expires: _e, ...base } = cookieOptions(this.secure(), new Date(0));
    res.clearCookie(SESSION_COOKIE, base);
    res.clearCookie(CSRF_COOKIE, base);
    const endSessionUrl = provider ? await this.oidc.endSessionUrl(provider) : null;
    if (endSessionUrl) res.status(HttpStatus.OK).json({ endSessionUrl } satisfies LogoutResultDto);
    else res.status(HttpStatus.NO_CONTENT).end();
  }

  /**
   * The signed-in user, their organisation, roles, permissions and second factor. The client
   * asks on every page load, so this is where a CSRF cookie that no longer holds the session's
   * token (one set before an upgrade, or under another SECRETS_KEY) is set again: "reload the
   * page" then mends a refused request.
   */
  @AllowDuringEnrolment()
  @Get('me')
  async me(
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    const cookie = (req.cookies as Record<string, string | undefined>)[CSRF_COOKIE];
    if (!this.csrf.matches(user.sessionId, cookie))
      setCsrfCookie(res, this.csrf.tokenFor(user.sessionId), user.sessionExpiresAt, this.secure());
    const enrolled = await this.totps.existsBy({ userId: user.id, confirmedAt: Not(IsNull()) });
    return toMe(user, enrolled);
  }

  private secure(): boolean {
    return this.config.get('COOKIE_SECURE', { infer: true }) ?? false;
  }
}
