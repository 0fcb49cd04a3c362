import type { Job } from '../../domain/job/job.ts';
import type { JobResult } from '../../domain/job/job-result.ts';
import { deepFreeze } from '../deep-freeze.ts';
import type { Clock } from '../ports/clock.ts';
import type { JobChangeFeed } from '../ports/job-change-feed.ts';
import type { JobRecord, JobRepository } from '../ports/job-repository.ts';
import { DelegatingJobRepository } from './delegating-job-repository.ts';

const MAX_ENTRIES = 5_000;

/**
 * A JobRepository that answers `get` from memory while nothing changed: clients poll their
 * jobs, and at load that read would be most of the request. Every change announced on the
 * feed (from any process) or made through this repository drops the job's entry; an entry
 * also expires after `ttlMs`, which bounds how stale a read can be if an announcement is
 * lost (Redis pub/sub delivers at most once). A read that raced a change is not kept.
 * Records come frozen, shared by every caller.
 */
export class JobReadCache extends DelegatingJobRepository {
  readonly #feed: JobChangeFeed;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, { record: JobRecord; until: number }>();
  /** Bumped by every change of a job, so a read that started before one is not kept. */
  readonly #generations = new Map<string, number>();
  /** Bumped when the generations are forgotten wholesale (see #forget). */
  #epoch = 0;
  #watching: Promise<void> | null = null;
  #stopWatching: (() => Promise<void>) | null = null;

  constructor(jobs: JobRepository, feed: JobChangeFeed, clock: Clock, ttlMs: number) {
    super(jobs);
    this.#feed = feed;
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  async close(): Promise<void> {
    await this.#watching?.catch(() => {});
    await this.#stopWatching?.();
    this.#stopWatching = null;
    this.#entries.clear();
  }

  override async get(jobId: string): Promise<JobRecord | null> {
    this.#watch();
    const now = this.#clock.now().getTime();
    const known = this.#entries.get(jobId);
    if (known && known.until > now) return known.record;
    const generation = this.#generations.get(jobId) ?? 0;
    const epoch = this.#epoch;
    const record = deepFreeze(await this.jobs.get(jobId));
    const unchanged = epoch === this.#epoch && (this.#generations.get(jobId) ?? 0) === generation;
    if (record && this.#stopWatching && unchanged) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(jobId, { record, until: now + this.#ttlMs });
    }
    return record;
  }

  override async update(jobId: string, change: (job: Job) => Job, result?: JobResult): Promise<Job> {
    this.#forget(jobId);
    try {
      return await this.jobs.update(jobId, change, result);
    } finally {
      this.#forget(jobId);
    }
  }

  /** Subscribes to every job change once; nothing is cached until the subscription holds. */
  #watch(): void {
    this.#watching ??= this.#feed
      .subscribeAll((change) => this.#forget(change.jobId))
      .then((stop) => {
        this.#stopWatching = stop;
      })
      .catch(() => {
        this.#watching = null; // the feed is down: no caching, try again on a later read
      });
  }

  #forget(jobId: string): void {
    this.#entries.delete(jobId);
    // The map only needs the jobs read lately; past the cache's size it starts over, and the
    // epoch makes every read in flight across that moment count as raced.
    if (this.#generations.size >= MAX_ENTRIES && !this.#generations.has(jobId)) {
      this.#generations.clear();
      this.#epoch += 1;
    }
    this.#generations.set(jobId, (this.#generations.get(jobId) ?? 0) + 1);
  }
}
