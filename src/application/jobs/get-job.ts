import type { Actor } from '../auth/actor.ts';
import type { JobRecord } from '../ports/job-repository.ts';
import { findVisibleJob } from './job-access.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports GetJob uses. */
export type GetJobPorts = Pick<Ports, 'jobs'>;

/** One job with its file and result, if the actor may see it. */
export class GetJob {
  readonly #ports: GetJobPorts;

  constructor(ports: GetJobPorts) {
    this.#ports = ports;
  }

  execute(actor: Actor, jobId: string): Promise<JobRecord> {
    return findVisibleJob(this.#ports.jobs, actor, jobId);
  }
}
