import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobQueue, QueueStats } from '../../application/ports/job-queue.ts';
import { HttpRequestMetrics } from './http-request-metrics.ts';

/**
 * The service's Prometheus metrics, in a registry of its own (one per process, never the
 * global one, so tests and several apps in one process do not collide). Labels are route
 * patterns and statuses, never raw paths or ids.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly http = new HttpRequestMetrics(this.registry);
  readonly jobTransitions = new Counter({
    name: 'job_transitions_total',
    help: 'Job state changes, by the state left and the state entered',
    labelNames: ['from', 'to'] as const,
    registers: [this.registry],
  });
  readonly workerJobDuration = new Histogram({
    name: 'worker_job_duration_seconds',
    help: 'Time a worker spent on one delivered job, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });
  readonly workerBytes = new Counter({
    name: 'worker_bytes_processed_total',
    help: 'Bytes of uploaded files read by completed jobs',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // prom-client names these gauges with a `_total` suffix, which Prometheus reserves for
    // counters (promtool rejects the exposition): dropped, the rest of the defaults stay.
    for (const misnamed of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
      this.registry.removeSingleMetric(misnamed);
    }
  }

  /** Queue depth, read from the queue whenever metrics are scraped. */
  watchQueue(queue: JobQueue): void {
    const gauges: [name: string, help: string, read: (stats: QueueStats) => number][] = [
      ['job_queue_waiting', 'Jobs waiting in the queue (ready or delayed)', (s) => s.waiting],
      ['job_queue_pending', 'Jobs delivered to a worker and not yet acknowledged', (s) => s.pending],
      ['job_queue_dead_lettered', 'Messages parked in the dead-letter stream', (s) => s.deadLettered],
    ];
    for (const [name, help, read] of gauges) {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          const stats = await queue.stats().catch(() => null);
          if (stats) this.set(read(stats));
        },
      });
    }
  }
}
