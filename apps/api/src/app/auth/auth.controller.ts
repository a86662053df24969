import { Controller, Get, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import {
  CSRF_COOKIE,
  LoginDto,
  type LogoutResultDto,
  type MeDto,
  SESSION_COOKIE,
  SessionMethod,
  type SetupStatusDto,
} from '@samsyn/common';
import type { EnvironmentVariables } from '@samsyn/server';
import type { CookieOptions, Request, Response } from 'express';
import { AuthService } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';
import { CurrentUser, Public } from './decorators';
import { PasswordLoginGuard } from './guards';
import { OidcProvidersService } from './oidc/oidc-providers.service';
import { PASSWORD_ONLY, SessionsService } from './sessions.service';

export function toMe(user: AuthenticatedUser): MeDto {
  const { sessionId: _id, sessionMethod: _method, sessionStrong: _strong, ...me } = user;
  return me;
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly auth: AuthService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly oidc: OidcProvidersService,
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

  /** Signs in with username and password; sets the session cookie and returns the user. */
  @Public()
  @Throttle({ login: {} })
  @UseGuards(ThrottlerGuard, PasswordLoginGuard)
  @ApiBody({ type: LoginDto })
  @Post('auth/login')
  @HttpCode(HttpStatus.OK)
  async login(
    @Req() req: Request & { user: { id: string } },
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    const { token, expiresAt } = await this.sessions.create(req.user.id, {
      ...PASSWORD_ONLY,
      userAgent: req.get('user-agent'),
    });
    const user = await this.sessions.resolve(token);
    if (!user) throw new Error('a session just created could not be resolved');
    const base = this.cookieOptions(expiresAt);
    res.cookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
    // Readable by the client so it can echo it in the CSRF header.
    res.cookie(CSRF_COOKIE, SessionsService.csrfTokenFor(token), { ...base, httpOnly: false });
    return toMe(user);
  }

  /**
   * Ends the session on the server and clears the cookies: 204. A session that came through an
   * identity provider answers 200 with the provider's end-session URL, where the client goes next
   * (RP-initiated logout).
   */
  @Post('auth/logout')
  @ApiNoContentResponse({ description: 'Signed out.' })
  @ApiOkResponse({ description: 'Signed out here; end the session at the identity provider too.' })
  async logout(@CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const provider =
      user.sessionMethod === SessionMethod.Oidc
        ? await this.sessions.oidcProviderOf(user.sessionId)
        : null;
    await this.sessions.end(user.sessionId);
    const { expires: _e, ...base } = this.cookieOptions(new Date(0));
    res.clearCookie(SESSION_COOKIE, base);
    res.clearCookie(CSRF_COOKIE, base);
    const endSessionUrl = provider ? await this.oidc.endSessionUrl(provider) : null;
    if (endSessionUrl) res.status(HttpStatus.OK).json({ endSessionUrl } satisfies LogoutResultDto);
    else res.status(HttpStatus.NO_CONTENT).end();
  }

  /** The signed-in user, their organisation, roles and permissions. */
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): MeDto {
    return toMe(user);
  }

  private cookieOptions(expires: Date): CookieOptions {
    return {
      sameSite: 'strict',
      secure: this.config.get('COOKIE_SECURE', { infer: true }) ?? false,
      path: '/',
      expires,
    };
  }
}
