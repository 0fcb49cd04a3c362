import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimitStore } from '../../../application/ports/rate-limit-store.ts';
import type { VerifyToken } from '../../../application/auth/verify-token.ts';
import { RateLimitedError } from '../../../domain/errors.ts';
import type { AppEnv } from '../app-env.ts';
import { bearerVerification, clientAddress } from '../request-identity.ts';
import { setResponseHeader } from '../response-headers.ts';

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
 * Sends the IETF draft-6 `RateLimit-*` headers; a refused request is a RateLimitedError,
 * answered like any other (429, the standard error body and `Retry-After`).
 * The headers are set before the handler runs, through setResponseHeader.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const { store, perMinute, verifyToken, exempt } = options;
  const policy = `${perMinute};w=${WINDOW_MS / 1000}`;
  const limit = String(perMinute);
  return async function limitRate(c, next) {
    if (exempt(c.req.path)) return next();
    const hit = await store.hit(await clientKey(c, verifyToken), WINDOW_MS);
    const resetSeconds = Math.max(1, Math.ceil((hit.resetAt.getTime() - Date.now()) / 1000));
    setResponseHeader(c, 'RateLimit-Policy', policy);
    setResponseHeader(c, 'RateLimit-Limit', limit);
    setResponseHeader(c, 'RateLimit-Remaining', String(Math.max(perMinute - hit.count, 0)));
    setResponseHeader(c, 'RateLimit-Reset', String(resetSeconds));
    if (hit.count > perMinute) throw new RateLimitedError(`Rate limit of ${perMinute} requests per minute exceeded`, resetSeconds);
    await next();
  };
}

async function clientKey(c: Context<AppEnv>, verifyToken: VerifyToken): Promise<string> {
  const verification = await bearerVerification(c, verifyToken);
  if (verification?.valid && verification.claims.type === 'access') return `user:${verification.claims.userId}`;
  return `ip:${clientAddress(c)}`;
}
