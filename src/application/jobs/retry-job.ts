import { DomainError } from '../../domain/errors.ts';
import { retryFailedJob } from '../../domain/job/job.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { JobRecord, JobRepository } from '../ports/job-repository.ts';
import { findVisibleJob } from './job-access.ts';

/** An admin sends a FAILED job back to the queue with a fresh retry budget. */
export class RetryJob {
  readonly #jobs: JobRepository;
  readonly #queue: JobQueue;
  readonly #clock: Clock;

  constructor(jobs: JobRepository, queue: JobQueue, clock: Clock) {
    this.#jobs = jobs;
    this.#queue = queue;
    this.#clock = clock;
  }

  async execute(actor: Actor, jobId: string): Promise<JobRecord> {
    if (!hasPermission(actor.role, 'jobs:retry')) {
      throw new DomainError('FORBIDDEN', 'Only an admin may retry jobs');
    }
    await findVisibleJob(this.#jobs, actor, jobId);
    await this.#jobs.update(jobId, (job) => retryFailedJob(job, this.#clock.now()));
    await this.#queue.enqueue(jobId);
    return findVisibleJob(this.#jobs, actor, jobId);
  }
}
