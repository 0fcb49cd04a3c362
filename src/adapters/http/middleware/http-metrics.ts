import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { ServiceMetrics } from '../../metrics/service-metrics.ts';
import type { AppEnv } from '../app-env.ts';

/** Counts and times every request by its route pattern (`/jobs/:job_id`), never the raw path. */
export function httpMetrics(metrics: ServiceMetrics) {
  return createMiddleware<AppEnv>(async function measure(c, next) {
    const stopTimer = metrics.httpDuration.startTimer();
    await next();
    const route = routePath(c, -1);
    // Unmatched paths share one label, so scanners cannot create new time series.
    const label = c.res.status === 404 && route === '/*' ? 'unmatched' : route;
    stopTimer({ method: c.req.method, route: label });
    metrics.httpRequests.inc({ method: c.req.method, route: label, status: String(c.res.status) });
  });
}
