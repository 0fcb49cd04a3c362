import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { setResponseHeader } from '../response-headers.ts';

const HEADER = 'X-Request-ID';
const MAX_LENGTH = 255;
const UNSAFE = /[^\w\-=]/;

/**
 * The request's id (`c.get('requestId')`), echoed in `X-Request-ID`: the caller's own when it
 * sent a sane one (as Hono's requestId middleware accepts), else a new UUID.
 */
export function requestId(): MiddlewareHandler<AppEnv> {
  return function identifyRequest(c, next) {
    const sent = c.req.header(HEADER);
    const id = sent && sent.length <= MAX_LENGTH && !UNSAFE.test(sent) ? sent : crypto.randomUUID();
    c.set('requestId', id);
    setResponseHeader(c, HEADER, id);
    return next();
  };
}
