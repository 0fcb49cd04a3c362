import type { Job } from '../../domain/job/job.ts';
import type { JobResult } from '../../domain/job/job-result.ts';
import type { JobChange, JobChangeFeed } from '../ports/job-change-feed.ts';
import type { JobRepository } from '../ports/job-repository.ts';
import { DelegatingJobRepository } from '../ports/delegating-job-repository.ts';

export const changeOf = (job: Job): JobChange => ({
  jobId: job.id,
  status: job.status,
  progress: job.progress,
  errorMessage: job.errorMessage,
  updatedAt: job.updatedAt,
});

/**
 * A JobRepository that announces every stored change on a feed, so no use case can forget
 * to. An announcement that fails is dropped: the change itself is stored, and followers
 * re-read the job when the feed goes quiet.
 */
export class AnnouncingJobRepository extends DelegatingJobRepository {
  readonly #feed: JobChangeFeed;

  constructor(jobs: JobRepository, feed: JobChangeFeed) {
    super(jobs);
    this.#feed = feed;
  }

  override async update(jobId: string, change: (job: Job) => Job, result?: JobResult): Promise<Job> {
    const stored = await this.jobs.update(jobId, change, result);
    await this.#feed.publish(changeOf(stored)).catch(() => {});
    return stored;
  }
}
