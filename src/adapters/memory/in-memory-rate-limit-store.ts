import type { RateLimitHit, RateLimitStore } from '../../application/ports/rate-limit-store.ts';

/** Fixed-window counters in process memory: one instance's view only. */
export class InMemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      this.#sweep(now);
      window = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetAt: new Date(window.resetAt) };
  }

  async reset(key: string): Promise<void> {
    this.#windows.delete(key);
  }

  /** Drops expired windows, so memory stays bounded by the keys active in one window. */
  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}
