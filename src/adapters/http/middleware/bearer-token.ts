import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { errorResponse } from '../error-response.ts';

/**
 * Lets through only requests bearing `token` (`Authorization: Bearer …`); 401 otherwise.
 * Both sides are hashed first, so the comparison takes the same time whatever was sent,
 * its length included.
 */
export function requireBearerToken(token: string, what: string): MiddlewareHandler<AppEnv> {
  const expected = digest(token);
  return function checkBearerToken(c, next) {
    const sent = /^Bearer +(\S+) *$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    if (sent === undefined || !timingSafeEqual(digest(sent), expected)) {
      return Promise.resolve(errorResponse(c, 401, 'NOT_AUTHENTICATED', `${what} needs its bearer token`));
    }
    return next();
  };
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
