import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { JobRepository } from '../ports/job-repository.ts';
import type { ObjectStore, PresignedRequest } from '../ports/object-store.ts';
import { findActionableJob } from './job-access.ts';

/** A short-lived download URL for a completed job's normalized output. */
export class GetJobOutput {
  readonly #jobs: JobRepository;
  readonly #storage: ObjectStore;
  readonly #expiresInSeconds: number;

  constructor(jobs: JobRepository, storage: ObjectStore, expiresInSeconds: number) {
    this.#jobs = jobs;
    this.#storage = storage;
    this.#expiresInSeconds = expiresInSeconds;
  }

  async execute(actor: Actor, jobId: string): Promise<PresignedRequest> {
    const { job, result } = await findActionableJob(this.#jobs, actor, jobId);
    if (job.status !== 'COMPLETED') {
      throw new DomainError('INVALID_JOB_STATE', `Job ${jobId} is in state ${job.status}; output exists once COMPLETED`);
    }
    if (!result?.outputKey) {
      throw new DomainError('INVALID_JOB_STATE', `Job ${jobId} completed without an output`);
    }
    return this.#storage.presignDownload(result.outputKey, { expiresInSeconds: this.#expiresInSeconds });
  }
}
