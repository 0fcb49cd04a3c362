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

interface RouteSeries {
  readonly observeSeconds: (seconds: number) => void;
  readonly count: () => void;
}

/**
 * What every request leaves behind: a log line and its metrics, both labelled by route
 * pattern (`/jobs/:job_id`), never the raw path with its ids. One middleware for both, so a
 * request is timed and its route resolved once, in one layer.
 */
export function observeRequests({ log, metrics }: RequestObservers) {
  const seriesOf = metrics ? routeSeries(metrics) : null;
  return createMiddleware<AppEnv>(async function observeRequest(c, next) {
    const started = performance.now();
    await next();
    const elapsedMs = performance.now() - started;
    const route = routePath(c, -1);
    const status = c.res.status;
    if (seriesOf) {
      // Unmatched paths share one label, so scanners cannot create new time series.
      const series = seriesOf(c.req.method, status === 404 && route === '/*' ? 'unmatched' : route, status);
      series.observeSeconds(elapsedMs / 1000);
      series.count();
    }
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

/**
 * Each series (method, route, status) resolved to its prom-client children once and kept:
 * the labels are few and fixed (Node's parser knows some thirty methods), and a child skips
 * the label objects, the timer closure and the merge that `startTimer` made per request.
 */
function routeSeries(metrics: ServiceMetrics): (method: string, route: string, status: number) => RouteSeries {
  const known = new Map<string, RouteSeries>();
  return (method, route, status) => {
    const key = `${method} ${status} ${route}`;
    let series = known.get(key);
    if (!series) {
      const duration = metrics.httpDuration.labels(method, route);
      const requests = metrics.httpRequests.labels(method, route, String(status));
      series = { observeSeconds: (seconds) => duration.observe(seconds), count: () => requests.inc() };
      known.set(key, series);
    }
    return series;
  };
}
