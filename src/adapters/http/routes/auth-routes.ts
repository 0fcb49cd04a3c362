import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate } from '../middleware/authenticate.ts';
import { clientAddress } from '../request-identity.ts';
import { presentClaims, presentUser } from '../presenters/auth-presenter.ts';
import { answerTokenPair, clearRefreshCookie, presentedRefreshToken } from '../refresh-cookie.ts';
import { loginBody, sessionTokenBody, verifyTokenBody } from '../schemas.ts';
import type { HttpUseCases } from '../use-cases.ts';
import { validate } from '../validation.ts';

export function authRoutes(useCases: HttpUseCases) {
  const requireUser = authenticate(useCases);
  return new Hono<AppEnv>()
    .post('/login', validate('json', loginBody), async (c) => {
      const { username, password, refresh_token_cookie: inCookie } = c.req.valid('json');
      return answerTokenPair(c, await useCases.login.execute(username, password, clientAddress(c)), inCookie === true);
    })
    .post('/refresh', validate('json', sessionTokenBody), async (c) => {
      const { token, fromCookie } = presentedRefreshToken(c, c.req.valid('json').refresh_token);
      return answerTokenPair(c, await useCases.refreshSession.execute(token), fromCookie);
    })
    .post('/logout', requireUser, validate('json', sessionTokenBody), async (c) => {
      const { token, fromCookie } = presentedRefreshToken(c, c.req.valid('json').refresh_token);
      if (fromCookie) clearRefreshCookie(c);
      await useCases.logout.execute(c.get('actor'), token);
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
