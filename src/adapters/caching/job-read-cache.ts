import { DelegatingJobRepository } from '../../application/ports/delegating-job-repository.ts';
import type { Clock } from '../../application/ports/clock.ts';
import type { JobChangeFeed } from '../../application/ports/job-change-feed.ts';
import type { JobRecord, JobRepository } from '../../application/ports/job-repository.ts';
import type { Job } from '../../domain/job/job.ts';
import type { JobResult } from '../../domain/job/job-result.ts';
import { ReadThroughCache, type CacheLimits } from './read-through-cache.ts';

/**
 * A JobRepository that answers `get` from memory until the job changes: clients poll their
 * jobs. A change announced on the feed (from any process) or made through this repository
 * drops the entry; the time to live bounds staleness when an announcement is lost (pub/sub
 * delivers at most once).
 */
export class JobReadCache extends DelegatingJobRepository {
  readonly #feed: JobChangeFeed;
  readonly #records: ReadThroughCache<JobRecord>;
  #watching: Promise<void> | null = null;
  #stopWatching: (() => Promise<void>) | null = null;

  constructor(jobs: JobRepository, feed: JobChangeFeed, clock: Clock, limits: CacheLimits) {
    super(jobs);
    this.#feed = feed;
    this.#records = new ReadThroughCache(clock, limits, (jobId) => this.jobs.get(jobId));
  }

  async close(): Promise<void> {
    await this.#watching?.catch(() => {});
    await this.#stopWatching?.();
    this.#stopWatching = null;
    this.#records.clear();
  }

  override get(jobId: string): Promise<JobRecord | null> {
    this.#watch();
    // Until the feed subscription holds, a change could go unnoticed: nothing is kept.
    return this.#stopWatching ? this.#records.get(jobId) : this.jobs.get(jobId);
  }

  override async update(jobId: string, change: (job: Job) => Job, result?: JobResult): Promise<Job> {
    this.#records.forget(jobId);
    try {
      return await this.jobs.update(jobId, change, result);
    } finally {
      this.#records.forget(jobId);
    }
  }

  /** Subscribes to every job change once. */
  #watch(): void {
    this.#watching ??= this.#feed
      .subscribeAll((change) => this.#records.forget(change.jobId))
      .then((stop) => {
        this.#stopWatching = stop;
      })
      .catch(() => {
        this.#watching = null; // the feed is down: no caching, try again on a later read
      });
  }
}
