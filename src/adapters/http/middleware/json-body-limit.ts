import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Refuses request bodies over `maxSize` bytes with `onTooLarge`; GET and HEAD pass untouched.
 * A declared Content-Length is judged alone (Node's parser never reads past it), which keeps the
 * body on @hono/node-server's fast path: Hono's bodyLimit would make it build a web Request around
 * every body. Chunked bodies, whose length is known only at their end, are counted as they stream in.
 */
export function jsonBodyLimit(maxSize: number, onTooLarge: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize, onError: onTooLarge });
  return function limitJsonBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    return Number(declared) > maxSize ? Promise.resolve(onTooLarge(c)) : next();
  };
}
