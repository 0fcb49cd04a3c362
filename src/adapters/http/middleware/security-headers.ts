import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers. JSON answers get the set that OWASP's REST Security Cheat Sheet lists for
 * APIs: HSTS, no content sniffing, no framing, a policy under which nothing loads, and no
 * caching (answers hold users' data). Headers that only protect a rendered page (COOP, CORP,
 * Origin-Agent-Cluster, Referrer-Policy, X-XSS-Protection, …) go on the HTML pages alone:
 * every header costs every answer its bytes and its checks, and a read is mostly its answer.
 */
export function securityHeaders(htmlPaths: ReadonlySet<string>) {
  const page = secureHeaders();
  const api = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  return createMiddleware(async function setSecurityHeaders(c, next) {
    if (htmlPaths.has(c.req.path)) return page(c, next);
    await api(c, next);
    // An event stream sets its own (no-cache); everything else is answered afresh. Set on the
    // response itself: c.header() after next() would build the whole Response again.
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
}
