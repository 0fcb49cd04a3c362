import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { PresignedRequest } from '../ports/object-store.ts';
import { findActionableJob } from './job-access.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports GetJobOutput uses. */
export type GetJobOutputPorts = Pick<Ports, 'jobs' | 'storage'>;

/** A short-lived download URL for a completed job's normalized output. */
export class GetJobOutput {
  readonly #ports: GetJobOutputPorts;
  readonly #expiresInSeconds: number;

  constructor(ports: GetJobOutputPorts, expiresInSeconds: number) {
    this.#ports = ports;
    this.#expiresInSeconds = expiresInSeconds;
  }

  async execute(actor: Actor, jobId: string): Promise<PresignedRequest> {
    const { job, result } = await findActionableJob(this.#ports.jobs, actor, jobId);
    if (job.status !== 'COMPLETED') {
      throw new DomainError('INVALID_JOB_STATE', `Job ${jobId} is in state ${job.status}; output exists once COMPLETED`);
    }
    if (!result?.outputKey) {
      throw new DomainError('INVALID_JOB_STATE', `Job ${jobId} completed without an output`);
    }
    return this.#ports.storage.presignDownload(result.outputKey, { expiresInSeconds: this.#expiresInSeconds });
  }
}
