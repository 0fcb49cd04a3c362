import { JobReadCache } from '../adapters/caching/job-read-cache.ts';
import { RecentUserCache } from '../adapters/caching/recent-user-cache.ts';
import { MeteredJobRepository } from '../adapters/metrics/metered-job-repository.ts';
import type { ServiceMetrics } from '../adapters/metrics/service-metrics.ts';
import { AnnouncingJobRepository } from '../application/jobs/announcing-job-repository.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { JobChangeFeed } from '../application/ports/job-change-feed.ts';
import type { JobRepository } from '../application/ports/job-repository.ts';
import type { UserRepository } from '../application/ports/user-repository.ts';

/** What the job repository's decorators need besides the store. */
export interface JobStackParts {
  readonly feed: JobChangeFeed;
  readonly metrics: ServiceMetrics;
  readonly clock: Clock;
}

/** A job repository with subscriptions of its own to end at shutdown. */
export type ClosableJobRepository = JobRepository & { close(): Promise<void> };

/**
 * The job repository the service runs, over any store (Postgres, in memory, a test's):
 * reads answered from memory until a change is announced, every change announced on the
 * feed and counted in the metrics. Tests build it too, so they run what ships.
 */
export function jobRepositoryStack(store: JobRepository, { feed, metrics, clock }: JobStackParts): ClosableJobRepository {
  const announced = new AnnouncingJobRepository(new MeteredJobRepository(store, metrics), feed);
  return new JobReadCache(announced, feed, clock, { ttlMs: 1_000, maxEntries: 5_000 });
}

/** The user repository the service runs, over any store: accounts remembered for a second. */
export function userRepositoryStack(store: UserRepository, clock: Clock): UserRepository {
  return new RecentUserCache(store, clock, { ttlMs: 1_000, maxEntries: 10_000 });
}
