import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { HttpRequestMetrics } from '../../../../src/adapters/metrics/http-request-metrics.ts';

const OBSERVATIONS: [method: string, route: string, status: number, seconds: number][] = [
  ['GET', '/jobs/:job_id', 200, 0.001],
  ['GET', '/jobs/:job_id', 200, 0.005], // on a bucket's bound: counted in it, as Prometheus's le says
  ['GET', '/jobs/:job_id', 404, 0.3],
  ['GET', '/jobs/:job_id', 200, 42], // past every bound: +Inf only
  ['POST', '/auth/login', 401, 0.07],
];

describe('HttpRequestMetrics', () => {
  it('exports exactly what prom-client’s own Counter and Histogram export for the same requests', async () => {
    const ours = new Registry();
    const metrics = new HttpRequestMetrics(ours);
    const reference = new Registry();
    const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers: [reference] });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [reference],
    });
    for (const [method, route, status, seconds] of OBSERVATIONS) {
      metrics.record(method, route, status, seconds);
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    }
    const sorted = (text: string) => text.split('\n').sort();
    expect(sorted(await ours.metrics())).toEqual(sorted(await reference.metrics()));
    expect(await ours.metrics()).toContain('http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/jobs/:job_id"} 4');
    expect(await ours.metrics()).toContain('http_requests_total{method="GET",route="/jobs/:job_id",status="200"} 3');
  });

  it('starts again from nothing when the registry is reset', async () => {
    const registry = new Registry();
    new HttpRequestMetrics(registry).record('GET', '/health', 200, 0.001);
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('route="/health"');
  });
});
