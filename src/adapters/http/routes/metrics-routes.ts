import { Hono } from 'hono';
import type { ServiceMetrics } from '../../metrics/service-metrics.ts';

/** `GET /metrics` in the Prometheus text format: for the API app and a worker's own server. */
export const metricsRoutes = (metrics: ServiceMetrics) =>
  new Hono().get('/', async (c) => c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType }));
