import { Hono } from 'hono';
import type { ServiceMetrics } from '../../metrics/service-metrics.ts';
import type { AppEnv } from '../app-env.ts';
import { requireBearerToken } from '../middleware/bearer-token.ts';

/**
 * `GET /metrics` in the Prometheus text format: for the API app and a worker's own server.
 * With a `token`, only for requests bearing it (Prometheus: `authorization: { credentials: … }`).
 */
export function metricsRoutes(metrics: ServiceMetrics, options: { token?: string | null } = {}) {
  const app = new Hono<AppEnv>();
  if (options.token) app.use(requireBearerToken(options.token, '/metrics'));
  return app.get('/', async (c) => c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType }));
}
