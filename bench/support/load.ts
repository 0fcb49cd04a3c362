import autocannon from 'autocannon';

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  /** Responses other than 2xx, and connection errors: must be none for a figure to count. */
  readonly failures: number;
}

export const LOAD = { connections: 10, durationSeconds: Number(process.env.BENCH_SECONDS ?? 10) };

/** A fixed load (connections, duration) on one request, as autocannon measures it. */
export async function load(request: { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }): Promise<LoadResult> {
  // A short warm-up first: the JIT and the caches settle before the measured run.
  await autocannon({ ...request, connections: LOAD.connections, duration: 2 });
  const result = await autocannon({ ...request, connections: LOAD.connections, duration: LOAD.durationSeconds });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, failures: result.non2xx + result.errors + result.timeouts };
}
