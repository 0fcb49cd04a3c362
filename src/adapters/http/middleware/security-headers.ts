import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { setResponseHeader } from '../response-headers.ts';

/**
 * What every JSON answer carries: the set that OWASP's REST Security Cheat Sheet lists for
 * APIs (HSTS, no content sniffing, no framing, a policy under which nothing loads) and no
 * caching, since answers hold users' data; a handler may still choose its own Cache-Control
 * (an event stream does).
 */
const API_HEADERS: readonly (readonly [name: string, value: string])[] = [
  ['Cache-Control', 'no-store'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
];

/**
 * Security headers. Pages rendered as HTML get Hono's full secureHeaders (COOP, CORP,
 * Origin-Agent-Cluster, Referrer-Policy, …, which only protect a rendered page); every other
 * answer gets API_HEADERS, set before the handler runs (see setResponseHeader).
 */
export function securityHeaders(htmlPaths: ReadonlySet<string>): MiddlewareHandler {
  const page = secureHeaders();
  return function setSecurityHeaders(c, next) {
    if (htmlPaths.has(c.req.path)) return page(c, next);
    for (const [name, value] of API_HEADERS) setResponseHeader(c, name, value);
    return next();
  };
}
