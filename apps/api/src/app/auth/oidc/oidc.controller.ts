import { Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import {
  OIDC_REFUSED_PATH,
  OIDC_REFUSED_REASON_PARAM,
  type OidcProviderDto,
  OidcRefusal,
} from '@samsyn/common';
import type { EnvironmentVariables } from '@samsyn/server';
import type { Request, Response } from 'express';
import { Public } from '../decorators';
import { setSessionCookies } from '../session-cookies';
import { OidcProvidersService } from './oidc-providers.service';
import { OidcSignInService } from './oidc-sign-in.service';

/** The browser's transaction token between the start of a sign-in and the provider's return. */
export const OIDC_TRANSACTION_COOKIE = 'samsyn_oidc';

/**
 * After a successful return: sets the session cookies and moves on with a same-site navigation.
 * The return comes from the provider's site, so a `SameSite=Strict` cookie set now would not be
 * sent with a redirect's next request; a page of this site that navigates (meta refresh, allowed
 * by the strict CSP, which forbids inline script) makes the next request same-site.
 */
const SIGNED_IN_PAGE = `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=/">
<title>Samsyn</title>
</head>
<body>
<main><p><a href="/">Fortsätt till Samsyn</a> · <a href="/" lang="en">Continue to Samsyn</a></p></main>
</body>
</html>
`;

/**
 * Sign-in through the organisation's identity provider (OIDC, issue 16): the providers the
 * sign-in page offers, the start (a redirect to the provider) and the return. Refusals go to the
 * client's page `/logga-in/nekad?orsak=<code>`.
 */
@ApiTags('auth')
@Controller()
export class OidcController {
  constructor(
    private readonly providers: OidcProvidersService,
    private readonly signIn: OidcSignInService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /** The identity providers of active organisations, for the sign-in page (public). */
  @Public()
  @Get('auth/providers')
  list(): Promise<OidcProviderDto[]> {
    return this.providers.list();
  }

  /**
   * Starts a sign-in: a short-lived transaction cookie for this browser (SameSite=Lax, limited to
   * the callback's path) and a redirect to the provider (authorization code flow, PKCE S256).
   */
  @Public()
  @Throttle({ login: {} })
  @UseGuards(ThrottlerGuard)
  @ApiFoundResponse({ description: "To the provider's sign-in, or to the refusal page." })
  @Get('auth/oidc/:key/start')
  async start(@Param('key') key: string, @Res() res: Response): Promise<void> {
    noStore(res);
    const started = await this.signIn.start(key);
    if (!started.ok) return refused(res, started.reason);
    const provider = this.providers.get(key);
    if (!provider) return refused(res, OidcRefusal.UnknownProvider);
    res.cookie(OIDC_TRANSACTION_COOKIE, started.token, {
      httpOnly: true,
      // Lax: the provider's return is a top-level navigation from its site, which Lax allows.
      sameSite: 'lax',
      secure: this.secure(),
      path: this.providers.callbackPath(provider),
      maxAge: started.maxAgeMs,
    });
    res.redirect(303, started.authorizationUrl);
  }

  /**
   * The provider's return. Signed in: the session cookies and a page that navigates on to the
   * client. Refused: no session, an audit event, and a redirect to the refusal page.
   */
  @Public()
  @Throttle({ login: {} })
  @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ description: 'Signed in: a page that navigates to the client.' })
  @ApiFoundResponse({ description: 'Refused: to the refusal page.' })
  @Get('auth/oidc/:key/callback')
  async callback(
    @Param('key') key: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    noStore(res);
    const provider = this.providers.get(key);
    const cookies = req.cookies as Record<string, string | undefined>;
    const token = cookies[OIDC_TRANSACTION_COOKIE];
    // Single use: gone from the browser whatever the outcome.
    if (provider)
      res.clearCookie(OIDC_TRANSACTION_COOKIE, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.secure(),
        path: this.providers.callbackPath(provider),
      });
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    const finished = await this.signIn.finish(key, token, query, req.get('user-agent') ?? null);
    if (!finished.ok) return refused(res, finished.reason);
    // The same cookies as a password sign-in (Strict: the page below navigates on, same-site).
    setSessionCookies(res, finished, this.secure());
    res.status(200).type('html').send(SIGNED_IN_PAGE);
  }

  private secure(): boolean {
    return this.config.get('COOKIE_SECURE', { infer: true }) ?? false;
  }
}

function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
}

/** To the client's refusal page, on this site (a relative URL: the return's own origin). */
function refused(res: Response, reason: OidcRefusal): void {
  const query = new URLSearchParams({ [OIDC_REFUSED_REASON_PARAM]: reason });
  res.redirect(303, `${OIDC_REFUSED_PATH}?${query.toString()}`);
}
