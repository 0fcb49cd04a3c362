import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { VerifyToken } from '../../application/auth/verify-token.ts';
import type { TokenVerification } from '../../application/ports/token-issuer.ts';
import type { AppEnv } from './app-env.ts';

/** The token of an `Authorization: Bearer <token>` header; undefined for anything else. */
const bearerToken = (c: Context): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')?.[1];

/**
 * The verification of the request's bearer token, made once however many middleware ask
 * (the rate limiter, then authentication); null when the request carries no bearer token.
 */
export function bearerVerification(c: Context<AppEnv>, verifyToken: VerifyToken): Promise<TokenVerification> | null {
  let verification = c.get('bearerVerification');
  if (verification === undefined) {
    const token = bearerToken(c);
    verification = token ? verifyToken.verifySignature(token) : null;
    c.set('bearerVerification', verification);
  }
  return verification;
}

/** The peer's address; 'unknown' when the app is not served by a Node server (tests). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
