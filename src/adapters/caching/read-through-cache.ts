import { LRUCache } from 'lru-cache';
import type { Clock } from '../../application/ports/clock.ts';

export interface CacheLimits {
  /** Longest an entry is trusted without news of a change. */
  readonly ttlMs: number;
  readonly maxEntries: number;
}

/**
 * Values loaded on a miss and kept until they expire or are forgotten. Concurrent misses of a
 * key share one load; a load in flight when its key is forgotten is answered but not kept, so
 * a change is never hidden by a read that started before it. Nothing is kept for null.
 */
export class ReadThroughCache<V extends object> {
  readonly #entries: LRUCache<string, V>;

  constructor(clock: Clock, limits: CacheLimits, load: (key: string) => Promise<V | null>) {
    this.#entries = new LRUCache<string, V>({
      max: limits.maxEntries,
      ttl: limits.ttlMs,
      ttlResolution: 0,
      perf: { now: () => clock.now().getTime() },
      fetchMethod: async (key) => (await load(key)) ?? undefined,
      ignoreFetchAbort: true, // forgetting a key aborts its load: still answer the caller, but do not keep it
    });
  }

  async get(key: string): Promise<V | null> {
    return this.#entries.get(key) ?? (await this.#entries.fetch(key)) ?? null;
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
