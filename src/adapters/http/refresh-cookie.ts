import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { TokenPair } from '../../application/auth/session-tokens.ts';
import { ValidationError } from '../../domain/errors.ts';
import { presentTokenPair } from './presenters/auth-presenter.ts';

/**
 * The refresh token of a browser session (the console's), kept where page scripts cannot read
 * it: httpOnly, sent only to the auth routes of this very site (SameSite=Strict, Path=/auth),
 * Secure over HTTPS. A session cookie: it ends with the browser; the token's own expiry still holds.
 */
export const REFRESH_COOKIE = 'ingest_refresh';
const COOKIE_PATH = '/auth';

/** The token pair as a login or refresh answers it: the refresh token in a cookie when `inCookie`. */
export function answerTokenPair(c: Context, pair: TokenPair, inCookie: boolean): Response {
  const body = presentTokenPair(pair);
  if (!inCookie) return c.json(body);
  setCookie(c, REFRESH_COOKIE, pair.refreshToken, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:',
  });
  const { refresh_token: _kept, ...rest } = body;
  return c.json(rest);
}

/**
 * The refresh token a client presents: the body's, else the cookie's (then `fromCookie`).
 * Neither is a 422 naming the body field, as before cookies existed.
 */
export function presentedRefreshToken(c: Context, fromBody: string | undefined): { token: string; fromCookie: boolean } {
  if (fromBody !== undefined) return { token: fromBody, fromCookie: false };
  const cookie = getCookie(c, REFRESH_COOKIE);
  if (cookie) return { token: cookie, fromCookie: true };
  throw new ValidationError([{ path: 'refresh_token', message: 'Required (in the body, or the refresh cookie a login with refresh_token_cookie set)' }]);
}

/** Forgets the browser's refresh cookie (logout). */
export function clearRefreshCookie(c: Context): void {
  deleteCookie(c, REFRESH_COOKIE, { path: COOKIE_PATH, secure: new URL(c.req.url).protocol === 'https:' });
}
