import type { RequestIdVariables } from 'hono/request-id';
import type { Actor } from '../../application/auth/actor.ts';

/** What middleware puts on the Hono context for handlers. */
export interface AppEnv {
  Variables: RequestIdVariables & {
    /** Set by the authenticate middleware. */
    actor: Actor;
  };
}
