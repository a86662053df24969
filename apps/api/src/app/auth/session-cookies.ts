import { API_BASE, CSRF_COOKIE, SESSION_COOKIE } from '@samsyn/common';
import type { CookieOptions, Response } from 'express';
import type { NewSession } from './sessions.service';

/**
 * The pending sign-in awaiting its second factor (issue 16): httpOnly, sent only to the sign-in
 * routes, gone after five minutes.
 */
export const SIGN_IN_CHALLENGE_COOKIE = 'samsyn_sign_in';
export const SIGN_IN_CHALLENGE_PATH = `${API_BASE}/auth/login`;

export function cookieOptions(secure: boolean, expires: Date): CookieOptions {
  return { sameSite: 'strict', secure, path: '/', expires };
}

/**
 * Sets the session cookie (httpOnly) and the CSRF cookie the client echoes in a header (readable
 * by the client). The server checks the header against the session's own token, never against
 * this cookie: the cookie only carries the token to the page.
 */
export function setSessionCookies(res: Response, session: NewSession, secure: boolean): void {
  res.cookie(SESSION_COOKIE, session.token, {
    ...cookieOptions(secure, session.expiresAt),
    httpOnly: true,
  });
  setCsrfCookie(res, session.csrfToken, session.expiresAt, secure);
}

/** The readable CSRF cookie alone, ending with its session. */
export function setCsrfCookie(
  res: Response,
  csrfToken: string,
  expiresAt: Date,
  secure: boolean,
): void {
  res.cookie(CSRF_COOKIE, csrfToken, { ...cookieOptions(secure, expiresAt), httpOnly: false });
}

export function setChallengeCookie(
  res: Response,
  challenge: { token: string; expiresAt: Date },
  secure: boolean,
): void {
  res.cookie(SIGN_IN_CHALLENGE_COOKIE, challenge.token, {
    ...cookieOptions(secure, challenge.expiresAt),
    path: SIGN_IN_CHALLENGE_PATH,
    httpOnly: true,
  });
}

export function clearChallengeCookie(res: Response, secure: boolean): void {
  const { expires: _e, ...base } = cookieOptions(secure, new Date(0));
  res.clearCookie(SIGN_IN_CHALLENGE_COOKIE, { ...base, path: SIGN_IN_CHALLENGE_PATH });
}
