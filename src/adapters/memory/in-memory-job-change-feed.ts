import type { JobChange, JobChangeFeed } from '../../application/ports/job-change-feed.ts';

/** Job changes within one process. */
export class InMemoryJobChangeFeed implements JobChangeFeed {
  readonly #listeners = new Map<string, Set<(change: JobChange) => void>>();
  readonly #everything = new Set<(change: JobChange) => void>();

  /**
   * Every listener gets the same copy, frozen (its Date's setters aside, which nothing calls):
   * the publisher may reuse its object, and no listener can alter another's, without a clone each.
   */
  async publish(change: JobChange): Promise<void> {
    const shared: JobChange = Object.freeze({ ...change, updatedAt: new Date(change.updatedAt) });
    for (const listener of [...(this.#listeners.get(change.jobId) ?? []), ...this.#everything]) listener(shared);
  }

  async subscribeAll(listener: (change: JobChange) => void): Promise<() => Promise<void>> {
    const subscription = (change: JobChange): void => listener(change);
    this.#everything.add(subscription);
    return async () => {
      this.#everything.delete(subscription);
    };
  }

  async subscribe(jobId: string, listener: (change: JobChange) => void): Promise<() => Promise<void>> {
    // A wrapper of its own, so the same function subscribed twice is two subscriptions.
    const subscription = (change: JobChange): void => listener(change);
    const listeners = this.#listeners.get(jobId) ?? new Set();
    listeners.add(subscription);
    this.#listeners.set(jobId, listeners);
    return async () => {
      listeners.delete(subscription);
      if (listeners.size === 0) this.#listeners.delete(jobId);
    };
  }
}
