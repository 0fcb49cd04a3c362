import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Refuses request bodies over `maxSize` bytes with `onTooLarge`; GET and HEAD pass untouched.
 *
 * A body that declares its length is judged by the header alone: Node's HTTP parser never
 * reads past a Content-Length, so a declared length within the limit bounds the body. The
 * body is then read later straight from Node's stream (@hono/node-server's fast path).
 * Hono's own bodyLimit looks at `c.req.raw.body` first, which makes @hono/node-server build a
 * full web Request and a web stream around the body: about a third of an init's CPU.
 * Chunked bodies, whose length is known only at their end, are counted as they stream in.
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
