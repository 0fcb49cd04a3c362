import { isDependencyUnavailable } from '../../application/errors.ts';
import type { RateLimitHit, RateLimitStore } from '../../application/ports/rate-limit-store.ts';

/**
 * Counts in the shared store, and in a store of this instance's own while the shared one
 * is unreachable: limits then hold per instance instead of across all of them. A Redis
 * outage must neither turn into a full outage (every request refused) nor lift the limits
 * (login guessing unbounded).
 */
export class FailoverRateLimitStore implements RateLimitStore {
  readonly #shared: RateLimitStore;
  readonly #local: RateLimitStore;

  constructor(shared: RateLimitStore, local: RateLimitStore) {
    this.#shared = shared;
    this.#local = local;
  }

  hit(key: string, windowMs: number): Promise<RateLimitHit> {
    return this.#withFailover((store) => store.hit(key, windowMs));
  }

  async reset(key: string): Promise<void> {
    await this.#local.reset(key);
    await this.#withFailover((store) => store.reset(key));
  }

  async #withFailover<T>(operation: (store: RateLimitStore) => Promise<T>): Promise<T> {
    try {
      return await operation(this.#shared);
    } catch (error) {
      if (!isDependencyUnavailable(error)) throw error;
      return operation(this.#local);
    }
  }
}
