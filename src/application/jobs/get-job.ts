import type { Actor } from '../auth/actor.ts';
import type { JobRecord, JobRepository } from '../ports/job-repository.ts';
import { findVisibleJob } from './job-access.ts';

/** One job with its file and result, if the actor may see it. */
export class GetJob {
  readonly #jobs: JobRepository;

  constructor(jobs: JobRepository) {
    this.#jobs = jobs;
  }

  execute(actor: Actor, jobId: string): Promise<JobRecord> {
    return findVisibleJob(this.#jobs, actor, jobId);
  }
}
