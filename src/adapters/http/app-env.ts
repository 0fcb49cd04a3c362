import type { RequestIdVariables } from 'hono/request-id';
import type { Actor } from '../../application/auth/actor.ts';
import type { TokenVerification } from '../../application/ports/token-issuer.ts';

/** What middleware puts on the Hono context for handlers. */
export interface AppEnv {
  Variables: RequestIdVariables & {
    /** Set by the authenticate middleware. */
    actor: Actor;
    /** The bearer token's verification, once per request (see bearerVerification). */
    bearerVerification: Promise<TokenVerification> | null;
  };
}
