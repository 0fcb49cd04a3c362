import type { JobStatus } from '../../domain/job/job-status.ts';

/** What changed about a job, as announced to whoever follows it. */
export interface JobChange {
  readonly jobId: string;
  readonly status: JobStatus;
  readonly progress: number;
  readonly errorMessage: string | null;
  readonly updatedAt: Date;
}

/**
 * Announces job changes to followers, in order per job and across processes. Best effort:
 * a change published while nobody listens is gone; followers re-read the job when unsure.
 */
export interface JobChangeFeed {
  publish(change: JobChange): Promise<void>;
  /** `listener` receives every change of `jobId` published after this resolves; call the result to stop. */
  subscribe(jobId: string, listener: (change: JobChange) => void): Promise<() => Promise<void>>;
  /** `listener` receives every change of every job published after this resolves; call the result to stop. */
  subscribeAll(listener: (change: JobChange) => void): Promise<() => Promise<void>>;
}
