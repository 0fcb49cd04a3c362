import type { Job, JobType } from '../../domain/job/job.ts';
import type { JobResult } from '../../domain/job/job-result.ts';
import type { JobStatus } from '../../domain/job/job-status.ts';
import type { FileUpload } from '../../domain/upload/file-upload.ts';

/**
 * A job with what belongs to it. Immutable, like everything a repository returns: one record
 * may be handed to every caller (a cache does), so nobody changes it in place.
 */
export interface JobRecord {
  readonly job: Job;
  readonly upload: FileUpload | null;
  readonly result: JobResult | null;
}

export interface JobFilter {
  /** Only this owner's jobs; all owners when absent. */
  readonly ownerId?: string;
  readonly status?: JobStatus;
  readonly jobType?: JobType;
  /** Only jobs created strictly before this time. */
  readonly createdBefore?: Date;
  /** Only jobs last changed strictly before this time. */
  readonly updatedBefore?: Date;
  /** Only jobs that reached a terminal state strictly before this time. */
  readonly finishedBefore?: Date;
  /** Only jobs whose upload is still in storage (uploadDeletedAt null). */
  readonly uploadKept?: boolean;
  readonly limit: number;
  readonly offset: number;
}

/** One entry of a job's status history: how it came to be in `to`. */
export interface JobStatusChange {
  /** Null for the creation. */
  readonly from: JobStatus | null;
  readonly to: JobStatus;
  /** The job's attempt number after the change. */
  readonly attempt: number;
  readonly at: Date;
}

/** Makes a create idempotent: one job per (owner, key). */
export interface IdempotencyClaim {
  readonly key: string;
  /** Identifies the request body; a replay with another body is a conflict. */
  readonly fingerprint: string;
}

export type CreateOutcome =
  | { readonly created: true }
  | { readonly created: false; readonly existingJobId: string; readonly fingerprint: string };

/** Stored jobs. Every state change goes through `update`, which is atomic per job. */
export interface JobRepository {
  /**
   * Stores a new job and its upload. With a claim whose (owner, key) is already taken,
   * stores nothing and returns the job that holds it; atomic under concurrency.
   */
  create(job: Job, upload: FileUpload, idempotency?: IdempotencyClaim): Promise<CreateOutcome>;

  /** Null when there is no such job. */
  get(jobId: string): Promise<JobRecord | null>;

  /**
   * Reads the job, applies `change`, stores what it returns, all atomically: no other
   * update of the same job interleaves. If `change` throws, nothing is stored and the error
   * propagates. With `result`, the job's result is replaced in the same step. `change` must be
   * a pure function of the job: it may be applied more than once (an optimistic write that
   * lost a race is retried on the new state); what its last application returns is stored.
   * Throws DomainError JOB_NOT_FOUND for an unknown id. Returns the stored job.
   */
  update(jobId: string, change: (job: Job) => Job, result?: JobResult): Promise<Job>;

  /**
   * Every status the job has had, oldest first, recorded atomically with the change itself
   * (creation included); empty for an unknown id. Progress alone is not a status change.
   */
  history(jobId: string): Promise<JobStatusChange[]>;

  /** Matching jobs, newest first (then by id); `total` ignores limit and offset. */
  list(filter: JobFilter): Promise<{ readonly records: JobRecord[]; readonly total: number }>;

  /** Resolves when the store answers; throws DependencyUnavailableError otherwise. */
  ping(): Promise<void>;
}
