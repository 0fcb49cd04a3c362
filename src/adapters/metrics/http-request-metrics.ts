import type { Metric, Registry } from 'prom-client';

const DURATION = 'http_request_duration_seconds';
const REQUESTS = 'http_requests_total';
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** One exported sample, as prom-client's metrics give them to the registry. */
interface Sample {
  readonly labels: Record<string, string | number>;
  readonly value: number;
  readonly metricName: string;
}

/** Requests counted and timed, as plain numbers. */
interface Tally {
  /** Requests per bucket of BUCKETS, not yet cumulative; the last is +Inf. */
  readonly buckets: number[];
  sum: number;
  count: number;
}

const emptyTally = (): Tally => ({ buckets: new Array<number>(BUCKETS.length + 1).fill(0), sum: 0, count: 0 });

/** One request series: what a Prometheus histogram and counter export. */
interface Series extends Tally {
  readonly method: string;
  readonly route: string;
  readonly status: string;
}

/**
 * `http_requests_total` (by method, route pattern and status) and
 * `http_request_duration_seconds` (by method and route pattern), registered in a prom-client
 * registry and exported as prom-client's own Counter and Histogram would be.
 * Counted in plain numbers per series, since prom-client builds a label object and a key string
 * for every observation, on every request. Labels come from route patterns and Node's known
 * methods, so the series stay few.
 */
export class HttpRequestMetrics {
  readonly #series = new Map<string, Series>();

  constructor(registry: Registry) {
    registry.registerMetric(this.#metric(DURATION, 'Time to answer an HTTP request, by method and route pattern', 'histogram', () => this.#durations()));
    registry.registerMetric(this.#metric(REQUESTS, 'HTTP requests answered, by method, route pattern and status', 'counter', () => this.#requests()));
  }

  record(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.#series.get(key);
    if (!series) {
      series = { method, route, status: String(status), ...emptyTally() };
      this.#series.set(key, series);
    }
    let bucket = 0;
    while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]!) bucket++;
    series.buckets[bucket]!++;
    series.sum += seconds;
    series.count++;
  }

  #requests(): Sample[] {
    return [...this.#series.values()].map((s) => ({ labels: { method: s.method, route: s.route, status: s.status }, value: s.count, metricName: REQUESTS }));
  }

  /** The histogram by method and route: the series of each status summed. */
  #durations(): Sample[] {
    const byRoute = new Map<string, Tally & { readonly method: string; readonly route: string }>();
    for (const s of this.#series.values()) {
      const key = `${s.method} ${s.route}`;
      let total = byRoute.get(key);
      if (!total) byRoute.set(key, (total = { method: s.method, route: s.route, ...emptyTally() }));
      s.buckets.forEach((n, i) => (total.buckets[i]! += n));
      total.sum += s.sum;
      total.count += s.count;
    }
    const values: Sample[] = [];
    for (const { method, route, buckets, sum, count } of byRoute.values()) {
      let cumulative = 0;
      buckets.forEach((n, i) => {
        cumulative += n;
        values.push({ labels: { le: i < BUCKETS.length ? BUCKETS[i]! : '+Inf', method, route }, value: cumulative, metricName: `${DURATION}_bucket` });
      });
      values.push({ labels: { method, route }, value: sum, metricName: `${DURATION}_sum` }, { labels: { method, route }, value: count, metricName: `${DURATION}_count` });
    }
    return values;
  }

  /**
   * What Registry needs of a metric: its name, help, type and aggregator, get() and reset().
   * Both metrics read the same series, so resetting either resets both.
   */
  #metric(name: string, help: string, type: 'counter' | 'histogram', samples: () => Sample[]): Metric {
    const reset = () => this.#series.clear();
    const get = async () => ({ name, help, type, values: samples(), aggregator: 'sum' });
    return { name, help, type, aggregator: 'sum', get, reset } as unknown as Metric;
  }
}
