import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { ServiceMetrics } from '../../metrics/service-metrics.ts';
import type { AppEnv } from '../app-env.ts';

interface RouteSeries {
  readonly observeSeconds: (seconds: number) => void;
  readonly count: () => void;
}

/**
 * Counts and times every request by its route pattern (`/jobs/:job_id`), never the raw path.
 *
 * Each series (method, route, status) is resolved to its prom-client children once and kept:
 * the labels are few and fixed (Node's parser knows some thirty methods), and a child skips
 * the label objects, the timer closure and the merge that `startTimer` made per request.
 */
export function httpMetrics(metrics: ServiceMetrics) {
  const series = new Map<string, RouteSeries>();
  const seriesOf = (method: string, route: string, status: number): RouteSeries => {
    const key = `${method} ${status} ${route}`;
    let found = series.get(key);
    if (!found) {
      const duration = metrics.httpDuration.labels(method, route);
      const requests = metrics.httpRequests.labels(method, route, String(status));
      found = { observeSeconds: (seconds) => duration.observe(seconds), count: () => requests.inc() };
      series.set(key, found);
    }
    return found;
  };
  return createMiddleware<AppEnv>(async function measure(c, next) {
    const started = performance.now();
    await next();
    const route = routePath(c, -1);
    const status = c.res.status;
    // Unmatched paths share one label, so scanners cannot create new time series.
    const target = seriesOf(c.req.method, status === 404 && route === '/*' ? 'unmatched' : route, status);
    target.observeSeconds((performance.now() - started) / 1000);
    target.count();
  });
}
