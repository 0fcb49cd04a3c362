import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate } from '../middleware/authenticate.ts';
import { clientAddress } from '../request-identity.ts';
import { presentClaims, presentTokenPair, presentUser } from '../presenters/auth-presenter.ts';
import { loginBody, refreshTokenBody, verifyTokenBody } from '../schemas.ts';
import type { HttpUseCases } from '../use-cases.ts';
import { validate } from '../validation.ts';

export function authRoutes(useCases: HttpUseCases) {
  const requireUser = authenticate(useCases);
  return new Hono<AppEnv>()
    .post('/login', validate('json', loginBody), async (c) => {
      const { username, password } = c.req.valid('json');
      return c.json(presentTokenPair(await useCases.login.execute(username, password, clientAddress(c))));
    })
    .post('/refresh', validate('json', refreshTokenBody), async (c) => {
      return c.json(presentTokenPair(await useCases.refreshSession.execute(c.req.valid('json').refresh_token)));
    })
    .post('/logout', requireUser, validate('json', refreshTokenBody), async (c) => {
      await useCases.logout.execute(c.get('actor'), c.req.valid('json').refresh_token);
      return c.body(null, 204);
    })
    .get('/me', requireUser, async (c) => c.json(presentUser(await useCases.getMe.execute(c.get('actor')))))
    .post('/verify', validate('json', verifyTokenBody), async (c) => {
      const verification = await useCases.verifyToken.execute(c.req.valid('json').token);
      return c.json(
        verification.valid
          ? { valid: true, claims: presentClaims(verification.claims) }
          : { valid: false, reason: verification.reason },
      );
    });
}
