import type { Context } from 'hono';
import { rateLimiter, type Store } from 'hono-rate-limiter';
import type { RateLimitStore } from '../../../application/ports/rate-limit-store.ts';
import type { VerifyToken } from '../../../application/auth/verify-token.ts';
import type { AppEnv } from '../app-env.ts';
import { errorResponse } from '../error-response.ts';
import { bearerToken, clientAddress } from '../request-identity.ts';

export interface RateLimitOptions {
  readonly store: RateLimitStore;
  readonly perMinute: number;
  readonly verifyToken: VerifyToken;
  /** Paths that are never limited (health checks, metrics, signed storage URLs). */
  readonly exempt: (path: string) => boolean;
}

const WINDOW_MS = 60_000;

/**
 * Requests per minute per user (the subject of a valid access token), else per client
 * address, counted in the shared RateLimitStore so every instance spends one budget.
 * Sends the IETF `RateLimit-*` headers; a refused request gets the standard error body,
 * 429, and `Retry-After`.
 */
export function rateLimit(options: RateLimitOptions) {
  const store: Store<AppEnv> = {
    async increment(key) {
      const hit = await options.store.hit(key, WINDOW_MS);
      return { totalHits: hit.count, resetTime: hit.resetAt };
    },
    // Only used to forgive failed requests, which this service does not do.
    decrement: () => {},
    resetKey: (key) => options.store.reset(key),
  };
  return rateLimiter<AppEnv>({
    windowMs: WINDOW_MS,
    limit: options.perMinute,
    standardHeaders: 'draft-6',
    store,
    skip: (c) => options.exempt(c.req.path),
    keyGenerator: (c) => clientKey(c, options.verifyToken),
    handler: (c) => {
      const reset = c.get('rateLimit')?.resetTime;
      const wait = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
      c.header('Retry-After', String(wait));
      return errorResponse(c, 429, 'RATE_LIMITED', `Rate limit of ${options.perMinute} requests per minute exceeded`);
    },
  });
}

async function clientKey(c: Context<AppEnv>, verifyToken: VerifyToken): Promise<string> {
  const bearer = bearerToken(c);
  if (bearer) {
    const verification = await verifyToken.execute(bearer);
    if (verification.valid && verification.claims.type === 'access') return `user:${verification.claims.userId}`;
  }
  return `ip:${clientAddress(c)}`;
}
