import { DomainError } from '../../domain/errors.ts';
import { retryFailedJob } from '../../domain/job/job.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { JobRecord } from '../ports/job-repository.ts';
import { handOver } from './hand-over.ts';
import { findVisibleJob } from './job-access.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports RetryJob uses. */
export type RetryJobPorts = Pick<Ports, 'jobs' | 'queue' | 'clock'>;

/** An admin sends a FAILED job back to the queue with a fresh retry budget. */
export class RetryJob {
  readonly #ports: RetryJobPorts;

  constructor(ports: RetryJobPorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor, jobId: string): Promise<JobRecord> {
    if (!hasPermission(actor.role, 'jobs:retry')) {
      throw new DomainError('FORBIDDEN', 'Only an admin may retry jobs');
    }
    const record = await findVisibleJob(this.#ports.jobs, actor, jobId);
    const queued = await this.#ports.jobs.update(jobId, (job) => retryFailedJob(job, this.#ports.clock.now()));
    await handOver(this.#ports.queue, jobId);
    // The job as the retry left it, not read again: a worker may already have taken it.
    return { ...record, job: queued };
  }
}
