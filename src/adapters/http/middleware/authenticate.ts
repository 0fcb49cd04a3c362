import { createMiddleware } from 'hono/factory';
import type { Authenticate } from '../../../application/auth/authenticate.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { AppEnv } from '../app-env.ts';
import { bearerToken } from '../request-identity.ts';

/** Requires `Authorization: Bearer <access token>` and puts the actor on the context. */
export function authenticate(useCase: Authenticate) {
  return createMiddleware<AppEnv>(async function requireBearer(c, next) {
    const token = bearerToken(c);
    if (!token) throw new DomainError('INVALID_TOKEN', 'Not authenticated');
    c.set('actor', await useCase.execute(token));
    await next();
  });
}
