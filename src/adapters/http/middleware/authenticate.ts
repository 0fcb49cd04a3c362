import { createMiddleware } from 'hono/factory';
import { DomainError } from '../../../domain/errors.ts';
import type { AppEnv } from '../app-env.ts';
import { bearerVerification } from '../request-identity.ts';
import type { HttpUseCases } from '../use-cases.ts';

/** Requires `Authorization: Bearer <access token>` and puts the actor on the context. */
export function authenticate(useCases: Pick<HttpUseCases, 'authenticate' | 'verifyToken'>) {
  return createMiddleware<AppEnv>(async function requireBearer(c, next) {
    const verification = bearerVerification(c, useCases.verifyToken);
    if (!verification) throw new DomainError('INVALID_TOKEN', 'Not authenticated');
    c.set('actor', await useCases.authenticate.actorFor(await verification));
    await next();
  });
}
