import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { ServiceMetrics } from '../../metrics/service-metrics.ts';
import type { AppEnv } from '../app-env.ts';

export interface RequestLogSink {
  info(fields: object, message: string): void;
}

export interface RequestObservers {
  /** Receives one line per request. */
  readonly log?: RequestLogSink | undefined;
  /** Counts and times every request. */
  readonly metrics?: ServiceMetrics | null | undefined;
}

/**
 * What every request leaves behind: a log line and its metrics, both labelled by route
 * pattern (`/jobs/:job_id`), never the raw path with its ids. One middleware for both, so a
 * request is timed and its route resolved once, in one layer.
 */
export function observeRequests({ log, metrics }: RequestObservers) {
  return createMiddleware<AppEnv>(async function observeRequest(c, next) {
    const started = performance.now();
    await next();
    const elapsedMs = performance.now() - started;
    const route = routePath(c, -1);
    const status = c.res.status;
    // Unmatched paths share one label, so scanners cannot create new time series.
    metrics?.http.record(c.req.method, status === 404 && route === '/*' ? 'unmatched' : route, status, elapsedMs / 1000);
    log?.info(
      {
        request_id: c.get('requestId'),
        user_id: c.get('actor')?.userId,
        method: c.req.method,
        route,
        status,
        duration_ms: Math.round(elapsedMs * 10) / 10,
      },
      'request',
    );
  });
}
