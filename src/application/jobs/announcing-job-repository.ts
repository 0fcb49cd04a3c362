import type { Job } from '../../domain/job/job.ts';
import type { JobResult } from '../../domain/job/job-result.ts';
import type { FileUpload } from '../../domain/upload/file-upload.ts';
import type { JobChange, JobChangeFeed } from '../ports/job-change-feed.ts';
import type { CreateOutcome, IdempotencyClaim, JobFilter, JobRecord, JobRepository } from '../ports/job-repository.ts';

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
export class AnnouncingJobRepository implements JobRepository {
  readonly #jobs: JobRepository;
  readonly #feed: JobChangeFeed;

  constructor(jobs: JobRepository, feed: JobChangeFeed) {
    this.#jobs = jobs;
    this.#feed = feed;
  }

  create(job: Job, upload: FileUpload, idempotency?: IdempotencyClaim): Promise<CreateOutcome> {
    return this.#jobs.create(job, upload, idempotency);
  }

  get(jobId: string): Promise<JobRecord | null> {
    return this.#jobs.get(jobId);
  }

  async update(jobId: string, change: (job: Job) => Job, result?: JobResult): Promise<Job> {
    const stored = await this.#jobs.update(jobId, change, result);
    await this.#feed.publish(changeOf(stored)).catch(() => {});
    return stored;
  }

  list(filter: JobFilter): Promise<{ records: JobRecord[]; total: number }> {
    return this.#jobs.list(filter);
  }

  ping(): Promise<void> {
    return this.#jobs.ping();
  }
}
